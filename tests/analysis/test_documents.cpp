// Document identity: names as the national portal writes them normalise to
// one key; distinct documents stay distinct; a catalog's demands group into
// registry entries and clusters of near-duplicate names, at catalog scale.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/documents.hpp"
#include "redtape/model.hpp"

using redtape::document_form;
using redtape::form_in_name;
using redtape::government_name;
using redtape::name_similarity;
using redtape::normalize_document_name;

namespace {

double similarity_of_names(const std::string& a, const std::string& b) {
  return name_similarity(normalize_document_name(a), normalize_document_name(b));
}

bool same_document(const std::string& a, const std::string& b) {
  return similarity_of_names(a, b) >= redtape::name_rules::defaults().similarity_threshold;
}

redtape::document_demand inline_demand(std::string name) {
  redtape::document_demand d;
  d.name = std::move(name);
  return d;
}

redtape::document_demand ref_demand(std::string ref) {
  redtape::document_demand d;
  d.ref = std::move(ref);
  return d;
}

redtape::document registry_entry(std::string id, std::string vi, std::string issued_by,
                                  std::vector<std::string> aliases = {}) {
  redtape::document doc;
  doc.id = std::move(id);
  doc.name.vi = std::move(vi);
  doc.issued_by = std::move(issued_by);
  doc.aliases = std::move(aliases);
  return doc;
}

}  // namespace

TEST_CASE("real portal names normalise to the document they name", "[documents]") {
  // Names as written in /work/shared/data (dichvucong and dichvucong-7sins).
  const std::vector<std::pair<std::string, std::string>> cases{
      {"Bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất",
       "giấy chứng nhận quyền sử dụng đất"},
      {"- Bản sao kèm theo bản chính để đối chiếu hoặc bản sao có chứng thực giấy chứng nhận "
       "đăng ký doanh nghiệp (nếu là doanh nghiệp).",
       "giấy chứng nhận đăng ký doanh nghiệp"},
      {"Bản sao hợp lệ giấy chứng minh nhân dân, thẻ căn cước công dân hoặc hộ chiếu phổ thông.",
       "giấy chứng minh nhân dân thẻ căn cước công dân hoặc hộ chiếu phổ thông"},
      {"- Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số "
       "56/2021/TT-BCA);",
       "tờ khai thay đổi thông tin cư trú"},
      {"Phiếu đăng ký dự tuyển theo mẫu số 01 kèm theo Nghị định số 138/2020/NĐ-CP ngày "
       "27/11/2020",
       "phiếu đăng ký dự tuyển"},
      {"Phiếu đăng ký dự tuyển ban hành kèm theo Nghị định số 115/2020/NĐ-CP",
       "phiếu đăng ký dự tuyển"},
      {"Sổ hộ khẩu (bản sao có mang bản chính để đối chiếu hoặc bản sao có chứng thực từ bản "
       "chính; trường hợp sổ hộ khẩu bị thất lạc phải có giấy xác nhận của Trưởng Công an xã).",
       "sổ hộ khẩu"},
      {"Giấy chứng minh nhân dân hoặc hộ chiếu còn giá trị sử dụng (bản sao có chứng thực hoặc "
       "bản chính)",
       "giấy chứng minh nhân dân hoặc hộ chiếu"},
      {"Giấy chứng nhận là hộ nghèo hoặc hộ cận nghèo do uỷ ban nhân dân xã, phường, thị trấn "
       "cấp (bản sao có công chứng)",
       "giấy chứng nhận là hộ nghèo hoặc hộ cận nghèo do ủy ban nhân dân xã phường thị trấn cấp"},
      {"a) Đơn đề nghị cấp lại theo Mẫu số 12 Phụ lục III ban hành kèm theo Nghị định số",
       "đơn đề nghị cấp lại"},
      {"(2) Giấy chứng nhận đã cấp (bản gốc).", "giấy chứng nhận"},
      {"Mẫu số 4. Giấy tiếp nhận hồ sơ và hẹn trả kết quả cấp, cấp lại và đổi thẻ BHYT.",
       "giấy tiếp nhận hồ sơ và hẹn trả kết quả cấp cấp lại và đổi thẻ bhyt"},
      {"+ 02 ảnh 3x4 (cm);", "ảnh 3x4 cm"},
      {"Bản sao Giấy khai sinh (bản sao xuất trình kèm bản gốc để đối chiếu hoặc bản sao từ sổ "
       "gốc hoặc bản sao có chứng thực);",
       "giấy khai sinh"},
      {"Xuất trình Bản chính giấy phép lái xe quốc gia do Việt Nam cấp",
       "giấy phép lái xe quốc gia do việt nam cấp"},
      {"1.2. Trường hợp điều trị ngoại trú: Bản chính Giấy chứng nhận nghỉ việc hưởng BHXH.",
       "giấy chứng nhận nghỉ việc hưởng bhxh"},
      {"Đơn đề nghị cấp đổi thẻ bảo hiểm y tế (BHYT)", "đơn đề nghị cấp đổi thẻ bảo hiểm y tế"},
      {"Giấy thông hành đã được cấp, nếu còn giá trị sử dụng", "giấy thông hành"},
      {"Các văn bản, giấy tờ chứng minh khác", "văn bản giấy tờ chứng minh khác"},
  };
  for (const auto& [raw, expected] : cases) {
    INFO(raw);
    CHECK(normalize_document_name(raw) == expected);
  }
}

TEST_CASE("Unicode forms and case fold to one key", "[documents]") {
  const std::string nfc = "C\u0103n c\u01B0\u1EDBc c\u00F4ng d\u00E2n";             // Căn cước công dân
  const std::string nfd = "Ca\u0306n cu\u031Bo\u031B\u0301c co\u0302ng da\u0302n";  // decomposed
  CHECK(nfc != nfd);
  CHECK(redtape::fold_text(nfd) == redtape::fold_text(nfc));
  CHECK(normalize_document_name(nfd) == normalize_document_name(nfc));
  CHECK(normalize_document_name(nfd) == "căn cước công dân");

  CHECK(redtape::fold_text("ĐĂNG KÝ ĐẤT ĐAI") == "đăng ký đất đai");
  CHECK(normalize_document_name("Đơn ĐỀ NGHỊ") == normalize_document_name("đơn đề nghị"));
  CHECK(redtape::fold_text("Citizen ID") == "citizen id");
}

TEST_CASE("invalid UTF-8 neither crashes nor loses the name", "[documents]") {
  const std::string bad = "Gi\xE1\xBA y ph\xC3p X\xFF\xFE";
  CHECK_NOTHROW(redtape::fold_text(bad));
  CHECK(redtape::fold_text("AB\xFF") == "ab\xFF");
  const auto n = normalize_document_name(bad);
  CHECK(n.find('x') != std::string::npos);
  CHECK_NOTHROW(form_in_name(bad));
  CHECK_NOTHROW(government_name(bad));
  CHECK(normalize_document_name("").empty());
}

TEST_CASE("old and new tone placement give one key", "[documents]") {
  CHECK(normalize_document_name("Hoá đơn") == normalize_document_name("Hóa đơn"));
  CHECK(normalize_document_name("Giấy khám sức khoẻ") == "giấy khám sức khỏe");
  CHECK(normalize_document_name("Quyết định của Uỷ ban nhân dân") ==
        "quyết định của ủy ban nhân dân");
  CHECK(normalize_document_name("Hợp đồng thuỷ lợi, hoà giải, toạ độ") ==
        "hợp đồng thủy lợi hòa giải tọa độ");
  CHECK(normalize_document_name("Tuỳ chọn") == "tùy chọn");
  // Only syllable-final pairs move, and qu keeps its u.
  CHECK(normalize_document_name("Hoàn thành") == "hoàn thành");
  CHECK(normalize_document_name("quý, quỳ") == "quý quỳ");
  CHECK(normalize_document_name("khoẻ mạnh") == "khỏe mạnh");
}

TEST_CASE("form codes and legal references are not part of the name", "[documents]") {
  CHECK(normalize_document_name("Tờ khai (Mẫu số 01)") == "tờ khai");
  CHECK(normalize_document_name("Tờ khai mẫu số 02/ĐK") == "tờ khai");
  CHECK(normalize_document_name("Tờ khai Mẫu TK1-TS") == "tờ khai");
  CHECK(normalize_document_name("Tờ khai đăng ký theo Mẫu số 02a.ĐKT Phụ lục VIII ban hành kèm "
                                "theo Thông tư số 02/2026/TT-BNNMT") == "tờ khai đăng ký");
  CHECK(normalize_document_name("Đơn đề nghị hỗ trợ (Mẫu số 02 tại Phụ lục kèm theo Nghị định số "
                                "116/2016/NĐ-CP)") == "đơn đề nghị hỗ trợ");
  CHECK(normalize_document_name("Sơ yếu lý lịch cán bộ, công chức (mẫu 2c)") ==
        "sơ yếu lý lịch cán bộ công chức");
  CHECK(normalize_document_name("Đơn đăng ký biến động đất đai theo Mẫu số") ==
        "đơn đăng ký biến động đất đai");
  // A form that is not a code stays: "mẫu nhãn" is a label sample.
  CHECK(normalize_document_name("Mẫu nhãn sản phẩm") == "mẫu nhãn sản phẩm");
  // A name made only of qualifiers keeps its words rather than becoming empty.
  CHECK(normalize_document_name("Bản chính") == "bản chính");
}

TEST_CASE("distinct documents stay distinct", "[documents]") {
  const double t = redtape::name_rules::defaults().similarity_threshold;
  CHECK(similarity_of_names("Giấy chứng nhận đăng ký doanh nghiệp",
                            "Giấy chứng nhận đăng ký đầu tư") < 0.5);
  CHECK(similarity_of_names("Giấy phép xây dựng", "Giấy phép lao động") < 0.5);
  CHECK(similarity_of_names("Căn cước công dân", "Căn cước") < t);
  CHECK(similarity_of_names("Sổ hộ khẩu", "Sổ hộ khẩu gia đình") < t);
  CHECK(similarity_of_names("Giấy phép", "Giấy phép xây dựng") < t);
  CHECK(similarity_of_names("Hộ chiếu", "Hộ chiếu phổ thông") < t);
  // Templates of the portal where one word is the whole difference.
  CHECK_FALSE(same_document("Đơn đề nghị cấp chứng chỉ kiểm định viên",
                            "Đơn đề nghị cấp lại chứng chỉ kiểm định viên"));
  CHECK_FALSE(same_document("Văn bản đề nghị bổ nhiệm thừa phát lại",
                            "Văn bản đề nghị bổ nhiệm lại thừa phát lại"));
  CHECK_FALSE(same_document("Mẫu hộ tịch điện tử tương tác đăng ký lại khai sinh",
                            "Mẫu hộ tịch điện tử tương tác đăng ký lại khai tử"));
  CHECK_FALSE(same_document(
      "Thông báo gửi Hồ sơ đánh giá tác động chuyển dữ liệu cá nhân xuyên biên giới (dành cho "
      "tổ chức)",
      "Thông báo gửi Hồ sơ đánh giá tác động chuyển dữ liệu cá nhân xuyên biên giới (dành cho "
      "cá nhân)"));
  CHECK_FALSE(same_document(
      "Thành phần hồ sơ chuyển mục đích sử dụng đất thuộc diện chấp thuận chủ trương đầu tư",
      "Thành phần hồ sơ chuyển mục đích sử dụng đất thuộc diện không chấp thuận chủ trương đầu "
      "tư"));
  CHECK(name_similarity("", "giấy phép") == 0.0);
}

TEST_CASE("near-duplicate names are the same document", "[documents]") {
  CHECK(same_document("Căn cước công dân", "Thẻ căn cước công dân"));
  CHECK(same_document("Chứng minh nhân dân", "Giấy chứng minh nhân dân"));
  CHECK(same_document("Sổ hộ khẩu", "Hộ khẩu"));
  CHECK(same_document("Phiếu lý lịch tư pháp", "Lý lịch tư pháp"));
  CHECK(same_document("Đơn đề nghị cấp giấy phép", "Văn bản đề nghị cấp giấy phép"));
  CHECK(same_document("Đề nghị hưởng trợ cấp thất nghiệp",
                      "Đơn đề nghị hưởng trợ cấp thất nghiệp"));
  CHECK(same_document("Chứng minh nhân dân hoặc hộ chiếu", "Hộ chiếu hoặc chứng minh nhân dân"));
  CHECK(same_document("Tóm tắt đặc tính sản phẩm", "Tóm tắt đặc tính của sản phẩm"));
  CHECK(same_document("Giấy khai sinh", "Bản sao giấy khai sinh"));
  CHECK(same_document("Ảnh màu chụp không quá 06 tháng", "Ảnh màu chụp không quá 6 tháng"));
  CHECK(name_similarity("giấy khai sinh", "giấy khai sinh") == 1.0);
  // Symmetric, and between 0 and 1.
  const auto a = normalize_document_name("Thẻ căn cước công dân");
  const auto b = normalize_document_name("Căn cước công dân gắn chip");
  CHECK(name_similarity(a, b) == Approx(name_similarity(b, a)));
  CHECK(name_similarity(a, b) >= 0.0);
  CHECK(name_similarity(a, b) <= 1.0);
}

TEST_CASE("form_in_name reads the form a name asks for", "[documents]") {
  CHECK(form_in_name("Bản sao có chứng thực Giấy khai sinh") == document_form::certified_copy);
  CHECK(form_in_name("Giấy khai sinh (bản sao chứng thực)") == document_form::certified_copy);
  CHECK(form_in_name("Bản sao có chứng thực sổ hộ khẩu") == document_form::certified_copy);
  // An agency's own stamped copy is not a certification (Decree 23/2015).
  CHECK(form_in_name("Bản sao y bản chính sổ hộ khẩu") == document_form::copy);
  // "Bản sao hợp lệ": any lawful copy, certification not forced.
  CHECK(form_in_name("Bản sao hợp lệ văn bằng") == document_form::copy);
  CHECK(form_in_name("Ban sao co chung thuc Can cuoc cong dan") == document_form::certified_copy);
  // Alternatives written into the name: the least demanding one counts.
  CHECK(form_in_name("Bản chính hoặc bản sao có chứng thực hợp đồng") == document_form::original);
  CHECK(form_in_name("Bản sao kèm bản chính để đối chiếu hoặc bản sao có chứng thực Giấy khai sinh") ==
        document_form::copy);
  // A certified signature on an original is no certified copy.
  CHECK(form_in_name("Văn bản ủy quyền (được chứng thực)") == document_form::original);
  // A certified translator's signature or a certified translation: the paper
  // itself is a plain copy (3.000179, 1.003650).
  CHECK(form_in_name("Bản sao thỏa thuận hợp tác bằng tiếng nước ngoài kèm theo bản dịch sang tiếng Việt có công "
                     "chứng chữ ký người dịch") == document_form::copy);
  CHECK(form_in_name("Giấy chứng nhận xóa đăng ký kèm theo bản sao có chứng thực bản dịch tiếng Việt") ==
        document_form::copy);
  CHECK(form_in_name("Bản sao giấy phép kinh doanh") == document_form::copy);
  CHECK(form_in_name("Bản chụp hộ chiếu") == document_form::copy);
  CHECK(form_in_name("Bản sao không có chứng thực giấy phép") == document_form::copy);
  CHECK(form_in_name("Bản chính Giấy phép") == document_form::original);
  CHECK(form_in_name("Bản gốc chứng chỉ đã được cấp") == document_form::original);
  CHECK(form_in_name("Giấy phép (bản điện tử)") == document_form::electronic);
  CHECK_FALSE(form_in_name("Giấy phép xây dựng").has_value());
  CHECK_FALSE(form_in_name("Phiếu yêu cầu chứng thực chữ ký").has_value());
}

TEST_CASE("government_name recognises documents the state issues", "[documents]") {
  CHECK(government_name("Bản sao Giấy chứng nhận quyền sử dụng đất"));
  CHECK(government_name("Giấy phép xây dựng"));
  CHECK(government_name("Căn cước công dân"));
  CHECK(government_name("Thẻ căn cước công dân"));
  CHECK(government_name("Bản sao CMND"));
  CHECK(government_name("Sổ hộ khẩu"));
  CHECK(government_name("Phiếu lý lịch tư pháp số 1"));
  CHECK(government_name("Trích lục khai sinh"));
  CHECK(government_name("Quyết định giao đất"));
  CHECK(government_name("Giay chung nhan dang ky doanh nghiep"));
  CHECK_FALSE(government_name("Đơn đề nghị cấp giấy phép xây dựng"));
  CHECK_FALSE(government_name("Tờ khai đăng ký khai sinh"));
  CHECK_FALSE(government_name("Sơ yếu lý lịch"));
  CHECK_FALSE(government_name("Hợp đồng lao động"));
}

TEST_CASE("name rules can be replaced", "[documents]") {
  redtape::name_rules rules = redtape::name_rules::defaults();
  CHECK(rules.similarity_threshold == Approx(0.85));
  CHECK_FALSE(rules.qualifiers.empty());
  rules.qualifiers.push_back("bản dịch");
  rules.government_prefixes = {"hợp đồng"};
  CHECK(normalize_document_name("Bản dịch hộ chiếu", rules) == "hộ chiếu");
  CHECK(normalize_document_name("Bản dịch hộ chiếu") == "bản dịch hộ chiếu");
  CHECK(government_name("Hợp đồng lao động", rules));
  CHECK_FALSE(government_name("Giấy phép xây dựng", rules));
  rules.copy_words = {"bản dịch"};
  CHECK(form_in_name("Bản dịch hộ chiếu", rules) == document_form::copy);
}

namespace {

redtape::catalog small_catalog() {
  redtape::catalog c;
  auto citizen = registry_entry("citizen_id", "Căn cước công dân", "police",
                                {"CCCD", "Chứng minh nhân dân", "CMND"});
  citizen.name.en = "Citizen identity card";
  citizen.held_in = "national_population_database";
  c.documents.push_back(citizen);
  c.documents.push_back(registry_entry("erc", "Giấy chứng nhận đăng ký doanh nghiệp", "dpi"));
  c.documents.push_back(registry_entry("irc", "Giấy chứng nhận đăng ký đầu tư", "dpi"));
  c.documents.push_back(registry_entry("form", "Giấy đề nghị đăng ký doanh nghiệp", "applicant"));
  // Two entries that read the same without diacritics.
  c.documents.push_back(registry_entry("notice", "Giấy báo", "applicant"));
  c.documents.push_back(registry_entry("storm", "Giấy bão", "applicant"));

  redtape::procedure p1;
  p1.id = "1.000001";
  redtape::step submit;
  submit.id = "submit";
  submit.actor = "applicant";
  submit.requires_docs = {ref_demand("citizen_id"),
                          inline_demand("Bản sao có chứng thực CMND"),
                          inline_demand("Can cuoc cong dan"),
                          inline_demand("Thẻ căn cước công dân"),
                          inline_demand("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)"),
                          inline_demand("Giấy phép lao động"),
                          inline_demand("Giấy phép xây dựng"),
                          inline_demand("Sổ hộ khẩu")};
  redtape::step issue;
  issue.id = "issue";
  issue.actor = "dpi";
  issue.produces_docs = {inline_demand("Giấy chứng nhận đăng ký đầu tư")};
  p1.steps = {submit, issue};

  redtape::procedure p2;
  p2.id = "1.000002";
  redtape::step file;
  file.id = "file";
  file.actor = "applicant";
  file.requires_docs = {inline_demand("Văn bản đề nghị cấp giấy phép xây dựng"),
                        inline_demand("Bản sao giấy phép xây dựng"),
                        inline_demand("Hộ khẩu"),
                        inline_demand("Sổ hộ khẩu gia đình"),
                        inline_demand("Giay bao"),
                        ref_demand("missing_entry")};
  p2.steps = {file};
  c.procedures = {p1, p2};
  c.reindex();
  return c;
}

}  // namespace

TEST_CASE("document_index resolves refs, aliases and inline names", "[documents]") {
  const auto c = small_catalog();
  const redtape::document_index index(c);
  const auto& req1 = c.procedures[0].steps[0].requires_docs;
  const auto& req2 = c.procedures[1].steps[0].requires_docs;

  SECTION("a ref is its registry entry") {
    const auto id = index.resolve(req1[0]);
    CHECK(id.key == "ref:citizen_id");
    CHECK(id.label == "citizen_id");
    REQUIRE(id.entry != nullptr);
    CHECK(id.entry->id == "citizen_id");
    CHECK(id.government_has);
    CHECK(index.resolve(ref_demand("form")).government_has == false);
  }
  SECTION("inline names reach the registry by alias, near-duplicate and without diacritics") {
    CHECK(index.resolve(req1[1]).key == "ref:citizen_id");  // alias CMND
    CHECK(index.resolve(req1[2]).key == "ref:citizen_id");  // Can cuoc cong dan
    CHECK(index.resolve(req1[3]).key == "ref:citizen_id");  // Thẻ căn cước công dân
    const auto produced = index.resolve(c.procedures[0].steps[1].produces_docs[0]);
    CHECK(produced.key == "ref:irc");
    CHECK(produced.label == "irc");
    CHECK(produced.entry == c.find_document("irc"));
    CHECK(index.resolve(inline_demand("citizen identity card")).key == "ref:citizen_id");
  }
  SECTION("near-duplicate inline names form one cluster keyed by the first") {
    const auto first = index.resolve(req1[4]);
    CHECK(first.key == "name:đơn đề nghị cấp giấy phép xây dựng");
    CHECK(first.label == "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)");
    CHECK(first.entry == nullptr);
    CHECK_FALSE(first.government_has);
    CHECK(index.resolve(req2[0]).key == first.key);  // Văn bản đề nghị …

    const auto permit = index.resolve(req1[6]);
    CHECK(permit.key == "name:giấy phép xây dựng");
    CHECK(permit.government_has);
    CHECK(index.resolve(req2[1]).key == permit.key);  // Bản sao giấy phép xây dựng
    CHECK(index.resolve(req2[2]).key == index.resolve(req1[7]).key);  // Hộ khẩu / Sổ hộ khẩu
    CHECK(index.resolve(req2[2]).label == "Sổ hộ khẩu");
  }
  SECTION("distinct inline names stay apart") {
    CHECK(index.resolve(req1[5]).key == "name:giấy phép lao động");
    CHECK(index.resolve(req1[5]).key != index.resolve(req1[6]).key);
    CHECK(index.resolve(req2[3]).key == "name:sổ hộ khẩu gia đình");
    CHECK(index.resolve(req1[6]).key != index.resolve(req1[4]).key);
    CHECK(index.resolve(req1[3]).key != "ref:erc");
  }
  SECTION("an ambiguous diacritic-free name matches no entry") {
    const auto id = index.resolve(req2[4]);
    CHECK(id.key == "name:giay bao");
    CHECK(id.entry == nullptr);
    CHECK(index.resolve(inline_demand("Giấy báo")).key == "ref:notice");
  }
  SECTION("a dangling ref keeps its own key") {
    const auto id = index.resolve(req2[5]);
    CHECK(id.key == "ref:missing_entry");
    CHECK(id.entry == nullptr);
  }
  SECTION("names first seen at resolve time are matched without changing the index") {
    CHECK(index.resolve(inline_demand("Giấy đề nghị cấp giấy phép xây dựng")).key ==
          "name:đơn đề nghị cấp giấy phép xây dựng");
    CHECK(index.resolve(inline_demand("Bản sao có chứng thực giấy phép lao động")).key ==
          "name:giấy phép lao động");
    CHECK(index.resolve(inline_demand("Bản sao Căn cước công dân")).key == "ref:citizen_id");
    const auto fresh = index.resolve(inline_demand("Bản sao Giấy chứng nhận quyền sử dụng đất"));
    CHECK(fresh.key == "name:giấy chứng nhận quyền sử dụng đất");
    CHECK(fresh.label == "Bản sao Giấy chứng nhận quyền sử dụng đất");
    CHECK(fresh.government_has);
    CHECK(fresh.entry == nullptr);
    // Asking again gives the same answer: nothing was learnt.
    CHECK(index.resolve(inline_demand("Giấy chứng nhận quyền sử dụng đất")).key == fresh.key);
  }
  SECTION("the index moves and keeps its rules") {
    redtape::document_index original(c);
    redtape::document_index moved(std::move(original));
    CHECK(moved.resolve(req1[1]).key == "ref:citizen_id");
    CHECK(moved.rules().similarity_threshold == Approx(0.85));
    original = std::move(moved);
    CHECK(original.resolve(req1[3]).key == "ref:citizen_id");
  }
}

TEST_CASE("document_index follows its rules' threshold", "[documents]") {
  const auto c = small_catalog();
  redtape::name_rules strict = redtape::name_rules::defaults();
  strict.similarity_threshold = 1.0;
  const redtape::document_index exact(c, strict);
  const auto& req1 = c.procedures[0].steps[0].requires_docs;
  const auto& req2 = c.procedures[1].steps[0].requires_docs;
  CHECK(exact.resolve(req1[3]).key == "name:thẻ căn cước công dân");
  CHECK(exact.resolve(req2[0]).key != exact.resolve(req1[4]).key);
  CHECK(exact.resolve(req1[1]).key == "ref:citizen_id");  // exact alias still matches

  redtape::name_rules loose = redtape::name_rules::defaults();
  loose.similarity_threshold = 0.2;
  const redtape::document_index merged(c, loose);
  // "Giấy phép xây dựng" now joins the application for it.
  CHECK(merged.resolve(req1[6]).key == merged.resolve(req1[4]).key);
}

TEST_CASE("document_index resolves from many threads at once", "[documents]") {
  const auto c = small_catalog();
  const redtape::document_index index(c);
  std::vector<redtape::document_demand> demands;
  for (const auto& p : c.procedures)
    for (const auto& s : p.steps)
      for (const auto* list : {&s.requires_docs, &s.produces_docs})
        demands.insert(demands.end(), list->begin(), list->end());
  demands.push_back(inline_demand("Giấy chứng nhận quyền sử dụng đất"));
  demands.push_back(inline_demand("Giấy đề nghị cấp giấy phép xây dựng"));
  std::vector<std::string> expected;
  for (const auto& d : demands) expected.push_back(index.resolve(d).key);

  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round)
        for (const auto& d : demands) seen[t].push_back(index.resolve(d).key);
    });
  for (auto& t : threads) t.join();
  for (const auto& keys : seen) {
    REQUIRE(keys.size() == expected.size() * 50);
    for (std::size_t i = 0; i < keys.size(); ++i) CHECK(keys[i] == expected[i % expected.size()]);
  }
}

TEST_CASE("document_index groups 50,000 distinct names", "[documents][scale]") {
  // Vietnamese-like syllables: onset + vowel + final, minus grammatical words
  // and classifier nouns, which weigh differently in the similarity.
  const std::vector<std::string> onsets{"b",  "c",  "d",  "g",  "h",  "k",  "l",  "m",
                                        "n",  "p",  "r",  "s",  "t",  "v",  "x",  "ch",
                                        "gh", "kh", "ng", "nh", "ph", "th", "tr", "gi"};
  const std::vector<std::string> vowels{"a", "á", "à", "ả", "ã", "ạ", "e", "é", "è", "ê",
                                        "ế", "ề", "i", "í", "ì", "o", "ó", "ò", "ô", "ố",
                                        "ồ", "ơ", "ớ", "ờ", "u", "ú", "ù", "ư", "ứ", "ừ"};
  const std::vector<std::string> finals{"", "n", "ng", "nh", "m", "c", "t"};
  const std::set<std::string> avoid{"và", "về",  "các", "có",   "cho",   "do",  "trong", "là",
                                    "từ", "khi", "thì", "mà",   "kèm",   "bản", "tờ",    "không",
                                    "tại", "sau", "gồm", "như", "hay",   "đây", "theo",  "với"};
  std::vector<std::string> syllables;
  for (const auto& o : onsets)
    for (const auto& v : vowels)
      for (const auto& f : finals)
        if (auto s = o + v + f; !avoid.contains(s)) syllables.push_back(s);
  REQUIRE(syllables.size() >= 4000);

  // Four syllables per name, each position from its own thousand; the fourth
  // is a check digit, so any two names differ in at least two syllables.
  constexpr std::size_t count = 50000;
  auto name_of = [&](std::size_t i) {
    const std::size_t d1 = i % 1000, d2 = i / 1000 % 1000, d3 = i / 50 % 1000,
                      d4 = (d1 + d2 + d3) % 1000;
    return syllables[d1] + " " + syllables[1000 + d2] + " " + syllables[2000 + d3] + " " +
           syllables[3000 + d4];
  };

  redtape::catalog c;
  redtape::procedure p;
  p.id = "scale";
  redtape::step s;
  s.id = "submit";
  s.actor = "applicant";
  std::vector<std::pair<std::size_t, std::size_t>> variants;  // (demand index, base index)
  for (std::size_t i = 0; i < count; ++i) {
    s.requires_docs.push_back(inline_demand("Giấy chứng nhận " + name_of(i)));
    if (i % 500 == 0) {
      variants.emplace_back(s.requires_docs.size(), i);
      s.requires_docs.push_back(
          inline_demand("Bản sao có chứng thực Giấy chứng nhận " + name_of(i) + " (nếu có)"));
      variants.emplace_back(s.requires_docs.size(), i);
      s.requires_docs.push_back(inline_demand("Chứng nhận " + name_of(i)));
    }
  }
  p.steps.push_back(s);
  c.procedures.push_back(p);

  const redtape::document_index index(c);
  const auto& demands = c.procedures[0].steps[0].requires_docs;
  std::vector<std::string> base_keys;
  std::unordered_set<std::string> distinct;
  std::set<std::size_t> variant_demands;
  for (const auto& [demand, base] : variants) variant_demands.insert(demand);
  for (std::size_t d = 0; d < demands.size(); ++d) {
    auto key = index.resolve(demands[d]).key;
    if (!variant_demands.contains(d)) base_keys.push_back(key);
    distinct.insert(std::move(key));
  }
  REQUIRE(base_keys.size() == count);
  CHECK(distinct.size() == count);
  CHECK(base_keys[0] == "name:giấy chứng nhận " + name_of(0));
  for (const auto& [demand, base] : variants) {
    INFO(demands[demand].name);
    CHECK(index.resolve(demands[demand]).key == base_keys[base]);
  }
}
