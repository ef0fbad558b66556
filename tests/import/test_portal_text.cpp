// The portal's text, field by field, on snippets copied from real records
// (tests/data/real/PROVENANCE.md names the records).
#include <catch2/catch.hpp>

#include "import/portal_text.hpp"

namespace pt = redtape::importer::portal;
using redtape::channel;
using redtape::document_form;

TEST_CASE("time units: working days, calendar days, hours, months, none", "[import]") {
  SECTION("Ngày làm việc is working days") {
    auto t = pt::parse_time("5 Ngày làm việc");
    CHECK(t.known);
    CHECK(t.unit == pt::time_unit::working_days);
    CHECK(t.working_days == 5);
    CHECK_FALSE(t.unit_assumed);
  }
  SECTION("Ngày is calendar days: × 5/7, rounded up to the next half day") {
    CHECK(pt::parse_time("21 Ngày").working_days == 15);    // 15.0
    CHECK(pt::parse_time("30 Ngày").working_days == 21.5);  // 21.43
    CHECK(pt::parse_time("07 Ngày").working_days == 5);
    CHECK(pt::parse_time("1 Ngày").working_days == 1);  // 0.71
    CHECK(pt::parse_time("21 Ngày").unit == pt::time_unit::calendar_days);
  }
  SECTION("Giờ: working hours under a day, clock hours from 24") {
    CHECK(pt::parse_time("8 Giờ").working_days == 1);
    CHECK(pt::parse_time("1 Giờ").working_days == 0.5);
    CHECK(pt::parse_time("24 Giờ").working_days == 1);  // one calendar day
    CHECK(pt::parse_time("48 Giờ").working_days == 1.5);
  }
  SECTION("Tháng is a calendar month: 22 working days, 12 of them 261 (the year the Ngày rule gives)") {
    CHECK(pt::parse_time("1 Tháng").working_days == 22);
    CHECK(pt::parse_time("12 Tháng").working_days == 261);  // the portal's "12 Tháng" (2.000511), not 264
    CHECK(pt::parse_time("365 Ngày").working_days == 261);
    CHECK(pt::parse_time("3 Tháng").unit == pt::time_unit::months);
  }
  SECTION("a bare number is taken as working days, flagged") {
    auto t = pt::parse_time("7");
    CHECK(t.known);
    CHECK(t.unit_assumed);
    CHECK(t.working_days == 7);
  }
  SECTION("a bare 0 is the portal's unfilled field: unknown") {
    CHECK_FALSE(pt::parse_time("0").known);
  }
  SECTION("no information is unknown, not zero") {
    for (auto s : {"Không có thông tin", "Không quy định", "", "Chưa quy định cụ thể.", "Khác", "Không xác định"}) {
      INFO(s);
      CHECK_FALSE(pt::parse_time(s).known);
    }
    auto elsewhere = pt::parse_time("Theo hướng dẫn tổ chức kỳ thi tốt nghiệp THPT hằng năm của Bộ Giáo dục và Đào tạo");
    CHECK_FALSE(elsewhere.known);
    CHECK(elsewhere.set_elsewhere);
    CHECK(pt::parse_time("Do sở giáo dục và đào tạo quy định").set_elsewhere);
  }
  SECTION("same day") {
    auto t = pt::parse_time(
        "Ngay trong ngày tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết "
        "quả trong ngày làm việc tiếp theo.");
    CHECK(t.known);
    CHECK(t.same_day);
    CHECK(t.working_days == 0.5);  // "sau 15 giờ" is a clock time, not 15 hours
  }
  SECTION("several limits in words: the first, and the range") {
    auto t = pt::parse_time("03 ngày làm việc, trường hợp phải xác minh thì không quá 08 ngày làm việc.");
    CHECK(t.working_days == 3);
    CHECK(t.min_days == 3);
    CHECK(t.max_days == 8);
    auto m = pt::parse_time("Tối đa 6 ngày làm việc kể từ ngày cơ quan BHXH nhận đủ hồ sơ theo quy định.");
    CHECK(m.working_days == 6);
  }
  SECTION("dates are not durations") {
    auto s = pt::stated_time("theo Thông tư số 281/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính, ngày 15 tháng 5 năm 2013");
    CHECK_FALSE(s.has_value());
    auto d = pt::stated_time("Trong thời hạn một (01) ngày làm việc, cơ quan tiếp nhận hồ sơ có văn bản yêu cầu");
    REQUIRE(d.has_value());
    CHECK(d->working_days == 1);
  }
}

TEST_CASE("fees: free, VND with separators, USD, text, unknown", "[import]") {
  SECTION("Miễn phí is 0") {
    auto f = pt::parse_fee("Miễn phí");
    CHECK(f.what == pt::fee_value::kind::free);
    CHECK(pt::parse_fee("Miễn phí", "Không quy định").what == pt::fee_value::kind::free);
    CHECK(pt::parse_fee("Miễn phí", "Chưa quy định.").what == pt::fee_value::kind::free);
  }
  SECTION("Miễn phí with a fee set elsewhere is unknown, not 0") {
    auto f = pt::parse_fee("Miễn phí",
                           "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định. "
                           "Miễn lệ phí cho người thuộc gia đình có công với cách mạng");
    CHECK(f.what == pt::fee_value::kind::text);
    CHECK_THAT(f.text, Catch::Matchers::StartsWith("Mức lệ phí cụ thể do Hội đồng nhân dân"));
    CHECK(pt::parse_fee("Miễn phí", "Theo quy định của Luật phí và lệ phí và các văn bản quy phạm pháp luật")
              .what == pt::fee_value::kind::text);
  }
  SECTION("VND amounts with thousands separators") {
    auto f = pt::parse_fee("2,000,000 Việt Nam Đồng");
    CHECK(f.what == pt::fee_value::kind::amount);
    CHECK(f.amount == 2000000);
    CHECK(f.currency == "VND");
    CHECK(pt::parse_fee("50.000 đồng").amount == 50000);
    CHECK(pt::parse_fee("1,200,000 VNĐ").amount == 1200000);
    CHECK(pt::parse_amount("1.200.000") == 1200000);
    CHECK(pt::parse_amount("0,5") == 0.5);
  }
  SECTION("the portal's thousands of đồng, when the explanation says so") {
    auto f = pt::parse_fee("135 VNĐ", "Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.");
    CHECK(f.amount == 135000);
    CHECK(f.thousands_fixed);
    auto g = pt::parse_fee("40 Việt Nam Đồng", "40.000đ/giấy thông hành (áp dụng đến hết ngày 31/12/2024)");
    CHECK(g.amount == 40000);
    auto h = pt::parse_fee("200 VNĐ");  // nothing says otherwise: kept
    CHECK(h.amount == 200);
    CHECK_FALSE(h.thousands_fixed);
  }
  SECTION("USD is kept with its currency") {
    auto f = pt::parse_fee("145 USD", "Thẻ tạm trú có thời hạn không quá 02 năm: 145 USD/thẻ");
    CHECK(f.what == pt::fee_value::kind::amount);
    CHECK(f.amount == 145);
    CHECK(f.currency == "USD");
  }
  SECTION("no information is unknown") {
    auto f = pt::parse_fee("Không có thông tin");
    CHECK(f.what == pt::fee_value::kind::text);
  }
  SECTION("the split shape's cells") {
    auto one = pt::parse_fee("Lệ phí: 200000 ĐồngXem chi tiết");
    CHECK(one.amount == 200000);
    auto both = pt::parse_fee("Phí: 250.000 ĐồngXem chi tiết Lệ phí: 150.000 ĐồngXem chi tiết");
    CHECK(both.amount == 400000);  // a fee and a charge: both due
    CHECK_FALSE(both.alternatives);
    auto alt = pt::parse_fee("Phí: 150.000 ĐồngXem chi tiết Phí: 500.000 ĐồngXem chi tiết");
    CHECK(alt.amount == 150000);
    CHECK(alt.alternatives);
    auto none = pt::parse_fee("Lệ phí: ĐồngXem chi tiết");
    CHECK(none.what == pt::fee_value::kind::text);
    auto words = pt::parse_fee("Lệ phí: Theo mức thu lệ phí do Hội đồng nhân dân cấp tỉnh quy định");
    CHECK(words.what == pt::fee_value::kind::text);
    CHECK(pt::parse_fee("Phí: Không Đồng").what == pt::fee_value::kind::free);
    CHECK(pt::parse_fee("").what == pt::fee_value::kind::none);
  }
}

TEST_CASE("channels with their time and fee", "[import]") {
  SECTION("three channels, flattened") {
    auto rows = pt::parse_channel_table(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến3 Ngày làm việcMiễn phíDịch vụ bưu chính16 Ngày làm việcMiễn "
        "phíTrực tiếp15 Ngày làm việcMiễn phí");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].channel == channel::online);
    CHECK(rows[0].time.working_days == 3);
    CHECK(rows[1].channel == channel::post);
    CHECK(rows[1].time.working_days == 16);
    CHECK(rows[2].channel == channel::in_person);
    CHECK(rows[2].fee.what == pt::fee_value::kind::free);
  }
  SECTION("an amount, its explanation and a description") {
    auto rows = pt::parse_channel_table(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc200,000 Việt Nam Đồng(200.000 đồng/ hộ chiếu. "
        "Trường hợp cấp lại do bị hỏng hoặc bị mất: 400.000đ/hộ chiếu (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ "
        "Tài chính).)nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia hoặc Cổng dịch vụ công Bộ Công an.Trực tiếp5 "
        "Ngày làm việc200,000 Việt Nam Đồng");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].fee.amount == 200000);
    CHECK_THAT(rows[0].description, Catch::Matchers::StartsWith("nộp hồ sơ trực tuyến qua Cổng"));
    CHECK(rows[1].channel == channel::in_person);
  }
  SECTION("'Trực tuyến:' inside a description starts no row") {
    auto rows = pt::parse_channel_table(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyếnKhông có thông tinKhông có thông tinTrực tuyến: nộp hồ sơ trực "
        "tuyến qua Cổng dịch vụ công quốc gia.");
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].time.known);
    CHECK(rows[0].fee.what == pt::fee_value::kind::text);
  }
  SECTION("a time in the description column") {
    auto rows = pt::parse_channel_table(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyếnKhông có thông tinMiễn phí28 ngày làm việc (đối với trường hợp "
        "cấp mới), 02 ngày làm việc (đối với trường hợp cấp lại) kể từ ngày nhận được hồ sơ đầy đủ");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].time_from_description);
    CHECK(rows[0].time.working_days == 28);
    CHECK(rows[0].time.min_days == 2);
  }
  SECTION("a time with no unit glued to the fee cannot be read") {
    auto rows = pt::parse_channel_table("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1200 VNĐDịch vụ bưu chính1200 VNĐ");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].time_glued_to_fee);
    CHECK_FALSE(rows[0].time.known);
    CHECK(rows[0].fee.what == pt::fee_value::kind::text);
    CHECK(rows[1].channel == channel::post);
  }
  SECTION("channel names") {
    CHECK(pt::channel_of("Trực tiếp") == channel::in_person);
    CHECK(pt::channel_of("Trực tuyến") == channel::online);
    CHECK(pt::channel_of("Dịch vụ bưu chính") == channel::post);
    CHECK_FALSE(pt::channel_of("Qua điện thoại").has_value());
  }
}

TEST_CASE("the document list: counts, forms, notes", "[import]") {
  SECTION("rows with their counts and a template file") {
    auto t = pt::parse_document_table(
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượngDự thảo điều lệ của Trung tâm trọng tàiMẫu số 02-PLIII-TTTM.docx1 bản "
        "chínhVăn bản đề nghị thành lập, đăng ký hoạt động Trung tâm trọng tàiMẫu số 01-PLIII-TTTM.docx1 bản chínhDanh "
        "sách các sáng lập viên và các giấy tờ kèm theo chứng minh đủ điều kiện quy định tại Điều 20 của Luật Trọng tài "
        "thương mại.0 bản chính,1 bản sao");
    REQUIRE(t.table_found);
    REQUIRE(t.groups.size() == 1);
    const auto& rows = t.groups[0].rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].name == "Dự thảo điều lệ của Trung tâm trọng tài");
    CHECK(rows[0].form_file == "Mẫu số 02-PLIII-TTTM.docx");
    CHECK(rows[0].originals == 1);
    CHECK(rows[2].originals == 0);
    CHECK(rows[2].copies == 1);
    CHECK(pt::form_of(rows[0]).form == document_form::original);
    CHECK(pt::form_of(rows[2]).form == document_form::copy);
  }
  SECTION("a count inside a name is not a row end") {
    auto t = pt::parse_document_table(
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượng- 01 bản chính Báo cáo đề xuất cấp giấy phép môi trường1 bản chính");
    REQUIRE(t.groups.size() == 1);
    REQUIRE(t.groups[0].rows.size() == 1);
    CHECK(t.groups[0].rows[0].name == "01 bản chính Báo cáo đề xuất cấp giấy phép môi trường");
  }
  SECTION("a count glued to a form number or a year (1.012781)") {
    auto t = pt::parse_document_table(
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số "
        "181 bản chính,1 bản saoGiấy tờ về việc nhận chuyển quyền.1 bản chính,1 bản saoBáo cáo tình hình năm "
        "20261 bản chínhTờ khai theo Mẫu số 11 bản sao");
    REQUIRE(t.groups.size() == 1);
    const auto& rows = t.groups[0].rows;
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].name == "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 18");
    CHECK(rows[0].originals == 1);
    CHECK(rows[0].copies == 1);
    CHECK(rows[2].name == "Báo cáo tình hình năm 2026");
    CHECK(rows[2].originals == 1);
    CHECK(rows[3].name == "Tờ khai theo Mẫu số 1");
    CHECK(rows[3].copies == 1);
  }
  SECTION("certified copies by name, whatever the count says") {
    pt::document_row row;
    row.raw = row.name = "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp";
    row.originals = 1;
    row.counted = true;
    CHECK(pt::form_of(row).form == document_form::certified_copy);
    auto cell = pt::parse_document_cell("- Bản sao văn bằng tốt nghiệp", "https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma=",
                                        "Bản chính: 0 - Bản sao: 1");
    CHECK(cell.copies == 1);
    CHECK(cell.form_file.empty());  // a download link with no file
    CHECK(pt::form_of(cell).form == document_form::copy);
  }
  SECTION("notes and headings are not documents") {
    auto note = [](const char* raw, unsigned o, unsigned c) {
      pt::document_row r;
      r.raw = raw;
      r.name = pt::clean_document_name(raw);
      r.originals = o;
      r.copies = c;
      r.counted = true;
      return pt::classify_row(r);
    };
    CHECK(note("Trường hợp các thông tin cá nhân trong các giấy tờ này đã có trong Cơ sở dữ liệu quốc gia về dân cư, "
               "Cơ sở dữ liệu hộ tịch điện tử, được hệ thống điền tự động thì không phải tải lên (theo hình thức trực tuyến)",
               0, 0) == pt::row_kind::note);
    CHECK(note("* Lưu ý: Trường hợp trực tiếp nộp hồ sơ thì văn bản đề nghị bổ sung họ tên", 0, 0) == pt::row_kind::note);
    CHECK(note("Thực hiện theo quy định của pháp luật về chất lượng sản phẩm, hàng hóa.", 1, 0) == pt::row_kind::note);
    CHECK(note("- Chứng cứ chứng minh quan hệ cha, con hoặc quan hệ mẹ, con gồm:", 0, 0) == pt::row_kind::heading);
    CHECK(note("a) Trường hợp cấp lại do bị mất thẻ:", 0, 0) == pt::row_kind::case_heading);
    CHECK(note("Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan khác có thẩm quyền xác nhận quan hệ cha con",
               1, 0) == pt::row_kind::document);
    // Zero counts on a paper: still a paper.
    CHECK(note("Phiếu đăng ký dự tuyển ban hành kèm theo Nghị định số 115/2020/NĐ-CP", 0, 0) == pt::row_kind::document);
  }
  SECTION("the papers after 'cụ thể:'") {
    CHECK(pt::clean_document_name("Theo quy định tại Điều 26 Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ, "
                                  "cụ thể: Văn bản đề nghị, trong đó ghi rõ tên, địa chỉ") ==
          "Văn bản đề nghị, trong đó ghi rõ tên, địa chỉ");
  }
  SECTION("one row listing several papers") {
    pt::document_row row = pt::parse_document_cell(
        "- Đơn đề nghị cấp chứng chỉ kiểm định viên; - Bản sao văn bằng tốt nghiệp đại học của người đề nghị", "",
        "Bản chính: 0 - Bản sao: 0");
    auto rows = pt::split_row(row);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].name == "Đơn đề nghị cấp chứng chỉ kiểm định viên");
    CHECK(rows[1].name == "Bản sao văn bằng tốt nghiệp đại học của người đề nghị");
  }
}

TEST_CASE("several cases become separate lists, not one merged list", "[import]") {
  auto t = pt::parse_document_table(
      "a) Đối với cấp mớiTên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị cấp Giấy phép1 bản chínhBản thuyết minh đặc tính "
      "sinh học1 bản chínhb) Đối với cấp lạiTên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị cấp lại Giấy phép1 bản chính"
      "* Lưu ý:Tên giấy tờMẫu đơn, tờ khaiSố lượngHồ sơ nộp trực tuyến phải được ký số0 bản chính");
  REQUIRE(t.groups.size() == 3);
  CHECK(t.groups[1].title == "b) Đối với cấp lại");
  auto d = pt::organise(t);
  REQUIRE(d.cases.size() == 2);
  CHECK(d.cases[0].title == "Đối với cấp mới");
  CHECK(d.cases[0].rows.size() == 2);
  CHECK(d.cases[1].title == "Đối với cấp lại");
  CHECK(d.cases[1].rows.size() == 1);
  CHECK(d.common.empty());
  CHECK(d.notes.size() >= 1);  // the "Lưu ý" group

  SECTION("parts of one dossier stay together") {
    CHECK(pt::classify_group("* Giấy tờ phải nộp:") == pt::group_kind::part);
    CHECK(pt::classify_group("* Giấy tờ phải xuất trình:") == pt::group_kind::part);
    CHECK(pt::classify_group("--") == pt::group_kind::part);
    CHECK(pt::classify_group("Nhóm 1 gồm các văn bản, tài liệu sau") == pt::group_kind::part);
    CHECK(pt::classify_group("* Lưu ý :") == pt::group_kind::notes);
    CHECK(pt::classify_group("- Trường hợp cấp lại do bị mất thẻ:") == pt::group_kind::alternative);
    CHECK(pt::classify_group("a.2) Về gia hạn chứng chỉ hành nghề đo đạc và bản đồ hạng II") ==
          pt::group_kind::alternative);
  }
}

TEST_CASE("steps from Bước N markers, the applicant's recognised", "[import]") {
  auto steps = pt::parse_steps(
      "- Bước 1: Cơ quan, đơn vị chuẩn bị hồ sơ theo quy định của pháp luật.\n"
      "- Bước 2: Cơ quan, đơn vị nộp hồ sơ tại Cục Cảnh sát quản lý hành chính về trật tự xã hội, Bộ Công an.\n"
      "- Bước 3: Khi tiếp nhận hồ sơ, cơ quan có thẩm quyền kiểm tra tính pháp lý, nội dung hồ sơ:\n"
      "+ Trường hợp hồ sơ đạt yêu cầu: Cán bộ tiếp nhận hồ sơ phải thông báo bằng văn bản thời gian trả kết quả.\n"
      "- Bước 4: Căn cứ theo ngày hẹn trên phiếu tiếp nhận hồ sơ và hẹn trả kết quả để nhận giấy phép sử dụng vũ khí "
      "quân dụng.");
  REQUIRE(steps.size() == 4);
  CHECK(steps[0].by_applicant);
  CHECK(steps[0].action == "prepare");
  CHECK(steps[1].by_applicant);
  CHECK(steps[1].action == "submit");
  CHECK_FALSE(steps[2].by_applicant);
  CHECK(steps[2].action == "receive");
  CHECK(steps[3].by_applicant);
  CHECK(steps[3].action == "collect");
  CHECK(steps[0].title == "Cơ quan, đơn vị chuẩn bị hồ sơ theo quy định của pháp luật");

  SECTION("a step's own limit") {
    auto s = pt::parse_steps(
        "Bước 1: Khai báo kiểm dịch \nKhi nhập khẩu động vật, chủ hàng gửi 01 bộ hồ sơ khai báo kiểm dịch.\n"
        "Bước 2: Trong thời hạn 01 ngày làm việc, kể từ ngày nhận được hồ sơ khai báo hợp lệ, Cơ quan kiểm dịch động "
        "vật cửa khẩu thực hiện kiểm dịch như sau: \n- Kiểm tra hồ sơ kiểm dịch");
    REQUIRE(s.size() == 2);
    CHECK(s[0].by_applicant);
    CHECK_FALSE(s[1].by_applicant);
    REQUIRE(s[1].stated.has_value());
    CHECK(s[1].stated->working_days == 1);
  }
  SECTION("a second Bước 1 starts another case: the first run is kept") {
    auto s = pt::parse_steps("a) Bước 1. Nộp hồ sơ\nb) Bước 2. Tiếp nhận hồ sơ\nBước 1: Nộp hồ sơ cấp lại\nBước 2: Trả kết quả");
    REQUIRE(s.size() == 2);
    CHECK(s[1].action == "receive");
  }
  SECTION("free text has no steps: the default shape applies") {
    CHECK(pt::parse_steps("- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu nộp hồ sơ tại Trung tâm.").empty());
  }
  SECTION("who acts, from the opening words") {
    CHECK(pt::applicant_words("Ngân hàng thương mại lập 01 bộ hồ sơ theo quy định gửi Ngân hàng Nhà nước."));
    CHECK_FALSE(pt::applicant_words("Trong thời hạn 45 ngày kể từ ngày nhận được đầy đủ hồ sơ theo quy định, Ngân hàng "
                                    "Nhà nước có văn bản chấp thuận"));
    CHECK(pt::applicant_words("Tổ chức tài chính vi mô có nhu cầu cấp đổi Giấy phép lập hồ sơ theo quy định gửi Ngân "
                              "hàng Nhà nước"));
    CHECK(pt::applicant_words("Trường hợp người đại diện hợp pháp thực hiện thủ tục cấp thẻ căn cước cho người dưới 06 "
                              "tuổi thông qua cổng dịch vụ công"));
    CHECK(pt::action_of("Thực hiện hủy đăng ký dự án và trả kết quả", false) != "sign");
    CHECK(pt::action_of("Thẩm định hồ sơ", false) == "appraise");
  }
  SECTION("who does an agency's step: the subject of its text (real steps)") {
    // 1.001066-like: a time clause, then the body.
    auto s = pt::subject_of_step(
        "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Tư pháp thẩm định, trình Chủ tịch "
        "Ủy ban nhân dân cấp tỉnh.");
    CHECK(s.name == "Sở Tư pháp");
    CHECK_FALSE(s.one_stop);
    CHECK_FALSE(s.generic);
    // 3.000277: commas inside the time clause; the subject is the one with a verb.
    s = pt::subject_of_step(
        "Trong thời hạn 01 ngày làm việc, kể từ ngày nhận được đề nghị mở khóa căn cước điện tử của cơ quan tiến "
        "hành tố tụng, cơ quan khác có thẩm quyền, Phòng Cảnh sát quản lý hành chính về trật tự xã hội kiểm tra, "
        "mở khóa.");
    CHECK(s.name == "Phòng Cảnh sát quản lý hành chính về trật tự xã hội");
    // The one-stop desk, named or implied by "the receiving body".
    CHECK(pt::subject_of_step("Bộ phận Một cửa tiếp nhận hồ sơ, kiểm tra tính đầy đủ").one_stop);
    CHECK(pt::subject_of_step("Cơ quan tiếp nhận hồ sơ thực hiện").receiving);
    // A capitalised verb is part of a name; a list of bodies before the verb.
    CHECK(pt::subject_of_step("Cục Tổ chức cán bộ").name == "Cục Tổ chức cán bộ");
    CHECK(pt::subject_of_step("Trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản của Ngân hàng Nhà nước, Ủy "
                              "ban nhân dân tỉnh, thành phố trực thuộc Trung ương và Ngân hàng Nhà nước chi nhánh có ý "
                              "kiến bằng văn bản")
              .name == "Ủy ban nhân dân tỉnh");
    CHECK(pt::subject_of_step("Học sinh, sinh viên thuộc đối tượng quy định nộp hồ sơ tới cơ sở giáo dục").applicant);
    CHECK(pt::subject_of_step("Công chức Trung tâm Phục vụ hành chính công cấp tỉnh có trách nhiệm kiểm tra").one_stop);
    CHECK(pt::subject_of_step("kiểm tra hồ sơ: Công chức VPMC có trách nhiệm kiểm tra thành phần, nội dung").one_stop);
    // The procedure's own body, and no body at all.
    CHECK(pt::subject_of_step("Cơ quan có thẩm quyền xem xét, quyết định").generic);
    CHECK(pt::subject_of_step("Thẩm định hồ sơ").name.empty());
    // A qualifier ends the name; a heading that only names the body is one.
    CHECK(pt::subject_of_step("Ngân hàng Nhà nước chi nhánh Khu vực nơi đặt trụ sở chi nhánh cấp Giấy phép").name ==
          "Ngân hàng Nhà nước chi nhánh Khu vực");
    CHECK(pt::subject_of_step("Công an cấp huyện\n- Tiếp nhận hồ sơ").name == "Công an cấp huyện");
    // The applicant behind a time clause (2.001064, 1.001337).
    CHECK(pt::subject_of_step("Trước 30 (ba mươi) ngày tính đến ngày hết hạn Chứng chỉ hành nghề thú y, cá nhân có "
                              "nhu cầu gia hạn nộp hồ sơ").applicant);
    CHECK(pt::subject_of_step("Trong thời hạn ba mươi (30) ngày kể từ ngày ký thỏa thuận, Bên cho vay gửi một bộ "
                              "hồ sơ").applicant);
    // Receiving and returning are the desk's routine; deciding is not.
    CHECK(pt::desk_routine("Tiếp nhận hồ sơ"));
    CHECK(pt::desk_routine("Trả kết quả"));
    CHECK_FALSE(pt::desk_routine("Tiếp nhận, thẩm định hồ sơ"));
    // A completeness check is receiving; "xem xét, quyết định" is a decision.
    CHECK(pt::action_of("Kiểm tra tính đầy đủ, hợp lệ của hồ sơ", false) == "receive");
    CHECK(pt::action_of("Xem xét, quyết định", false) == "approve");
    CHECK(pt::action_of("Xem xét hồ sơ và trình phê duyệt", false) == "appraise");
    // Levels and appointment slips are no issuing; a body's description is no action.
    CHECK(pt::action_of("Cơ quan được Chủ tịch Ủy ban nhân dân cấp tỉnh giao tiếp nhận hồ sơ giải quyết thủ tục hành "
                        "chính trả lời ngay tính đầy đủ của hồ sơ",
                        false) == "receive");
    CHECK(pt::action_of("Trong thời hạn 18 ngày làm việc, cơ quan được Chủ tịch Ủy ban nhân dân cấp tỉnh giao giải quyết "
                        "thủ tục hành chính tổ chức thẩm định",
                        false) == "appraise");
    CHECK(pt::action_of("Thu thẻ căn cước cũ, thu lệ phí (nếu có) và cấp giấy hẹn trả kết quả", false) != "issue");
    // A step that tells the applicant when and where to be: what follows waits on them.
    CHECK(pt::action_of("Cơ quan kiểm dịch động vật cửa khẩu xác nhận vào Đơn khai báo kiểm dịch và thông báo cho chủ "
                        "hàng về thời gian, địa điểm để tiến hành kiểm dịch",
                        false) == "notify");
    CHECK(pt::action_of("Khi tiếp nhận hồ sơ, cơ quan có thẩm quyền kiểm tra tính pháp lý: Cán bộ tiếp nhận hồ sơ phải "
                        "thông báo bằng văn bản thời gian trả kết quả",
                        false) == "receive");
    // The applicant inside a time clause, and parties to a contract.
    CHECK(pt::subject_of_step("Đăng ký kiểm dịch\nTrước khi nhập khẩu động vật, sản phẩm động vật chủ hàng gửi 01 bộ hồ "
                              "sơ đăng ký kiểm dịch")
              .applicant);
    CHECK(pt::subject_of_step("Sau khi được Thủ tướng Chính phủ chấp thuận, trong thời hạn 60 ngày, bên bảo lãnh nộp trực "
                              "tiếp tại Bộ phận Một cửa")
              .applicant);
    // The body named on the line after a title line.
    CHECK(pt::subject_of_step("Trình Chủ tịch Ủy ban nhân dân cấp xã\nTrong thời hạn 05 ngày làm việc, cơ quan chuyên môn "
                              "về nông nghiệp và môi trường cấp xã lập tờ trình")
              .name == "cơ quan chuyên môn về nông nghiệp và môi trường cấp xã");
  }
}

TEST_CASE("result, agencies, legal basis, level, applicant", "[import]") {
  SECTION("the result and its national code") {
    auto r = pt::parse_results(
        "Quyết định về việc miễn, giảm chi phí cưỡng chế thi hành ánMã: KQ.G15.000338Thông báo việc không được miễn, "
        "giảm chi phí cưỡng chế thi hành ánMã: KQ.G15.000339Từ khóaKhông có thông tinMô tảKhông có thông tin");
    REQUIRE(r.size() == 2);
    CHECK(r[0].name == "Quyết định về việc miễn, giảm chi phí cưỡng chế thi hành án");
    CHECK(r[0].code == "KQ.G15.000338");
    CHECK(r[1].code == "KQ.G15.000339");
    auto bad = pt::parse_results("Quyết định công nhận hoàn thành tập sự hành nghề công chứng.Mã: adjfsbjTừ khóaKhông có");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].code.empty());
    CHECK(bad[0].code_text == "adjfsbj");
  }
  SECTION("agencies") {
    auto a = pt::split_agencies("Ngân hàng Nhà nước Việt Nam, Ngân hàng Nhà nước Khu vực");
    CHECK(a == std::vector<std::string>{"Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước Khu vực"});
    auto one = pt::split_agencies("Ủy ban Nhân dân\xC2\xA0xã,\xC2\xA0phường,\xC2\xA0thị trấn.");
    CHECK(one == std::vector<std::string>{"Ủy ban Nhân dân xã, phường, thị trấn"});
    CHECK(pt::split_agencies("Không có thông tin").empty());
    CHECK(pt::agency_in_text("- Bước 2: Nộp hồ sơ cho Ủy ban nhân dân cấp xã.") == "Ủy ban nhân dân cấp xã");
    CHECK(pt::agency_level("Sở Tư pháp") == "province");
    CHECK(pt::agency_level("Công an cấp Xã") == "commune");
    CHECK(pt::agency_level("Cục cảnh sát giao thông") == "central");
  }
  SECTION("legal basis: title and code pairs") {
    auto l = pt::parse_legal_basis(
        "Tên văn bản pháp lýMã văn bảnThông tư Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân "
        "dân tỉnh, thành phố trực thuộc Trung ương85/2019/TT-BTCNghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính "
        "phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch123/2015/NĐ-CPThông tư 06/2025/TT-BTP quy "
        "định về tập sự hành nghề công chứng06/2025/TT-BTP");
    REQUIRE(l.size() == 3);
    CHECK(l[0] == "Thông tư Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành "
                  "phố trực thuộc Trung ương (85/2019/TT-BTC)");
    CHECK_THAT(l[1], Catch::Matchers::StartsWith("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015"));
    CHECK(l[2] == "Thông tư 06/2025/TT-BTP quy định về tập sự hành nghề công chứng");
    // The kind glued before the code, codes glued to codes.
    auto g = pt::parse_legal_basis(
        "Tên văn bản pháp lýMã văn bảnLuật Các tổ chức tín dụngLuật số 32/2024/QH1550/2025/TT-NHNNsố 50/2025/TT-NHNN");
    REQUIRE_FALSE(g.empty());
    CHECK(g[0] == "Luật Các tổ chức tín dụng (32/2024/QH15)");
    auto twice = pt::parse_legal_basis("Tên văn bản pháp lýMã văn bảnThông tư 43/2015/TT-NHNN43/2015/TT-NHNN");
    CHECK(twice == std::vector<std::string>{"Thông tư 43/2015/TT-NHNN"});
  }
  SECTION("levels and applicants") {
    CHECK(pt::parse_levels("Cấp bộ, Cấp tỉnh") == std::vector<std::string>{"central", "province"});
    CHECK(pt::parse_levels("Cấp xã") == std::vector<std::string>{"commune"});
    CHECK(pt::parse_applicant("Công dân Việt Nam") == redtape::applicant_kind::citizen);
    CHECK(pt::parse_applicant("Doanh nghiệp, Hợp tác xã") == redtape::applicant_kind::business);
    CHECK(pt::parse_applicant("Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam") ==
          redtape::applicant_kind::any);
  }
  SECTION("text helpers") {
    CHECK(pt::slug("Sở Tư pháp") == "so_tu_phap");
    CHECK(pt::slug("Đăng ký thường trú", 60, '-') == "dang-ky-thuong-tru");
    CHECK(pt::clean_space("a\xC2\xA0 b\t\tc ") == "a b c");
    CHECK(pt::strip_html("Bước 5: nhận kết quả.</p>") == "Bước 5: nhận kết quả.\n");
  }
}
