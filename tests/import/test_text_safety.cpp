// What the importer cuts and writes is always text that loads: cuts between
// characters (and at word boundaries, with "…"), input repaired to valid
// UTF-8 in NFC without control characters, YAML scalars escaped so that
// anything round-trips, glued channel cells split, and every file checked by
// the loader before it is written, a record that would not load reported as
// an error and left out.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "import/build.hpp"
#include "import/emit.hpp"
#include "import/portal_text.hpp"
#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "temp_dir.hpp"
#include "util/text.hpp"
#include "util/yaml_text.hpp"

namespace fs = std::filesystem;
namespace pt = redtape::importer::portal;
namespace util = redtape::util;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

bool valid(std::string_view s) { return util::invalid_utf8_offset(s) == std::string_view::npos; }

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

using redtape::test::read_text;
using redtape::test::temp_dir;

/// The value of `key` in a one-key YAML mapping written with yaml::quote,
/// as the loader reads it: the procedure's name.
std::string loaded_name(const std::string& name) {
  const std::string text = "redtape: 1\nprocedure:\n  id: p\n  name: " + redtape::yaml::quote(name) +
                           "\n  steps: [{id: s, actor: applicant}]\n";
  const auto r = redtape::try_load_text(text, "quoted.yaml");
  std::string errors;
  for (const auto& d : r.diagnostics) errors += d.format() + "\n";
  INFO(errors);
  REQUIRE(r.ok());
  return r.catalog->procedures.front().name.vi;
}

}  // namespace

// The user's file held "hồ sơ hợp l" and then 0xE1, the first byte of "ệ".
TEST_CASE("cuts fall between characters, at a word when one is near, with …", "[import][utf8]") {
  const std::string fee = "Lệ phí thẩm định theo Thông tư 40/2026/TT-BTC, kể từ ngày nhận được hồ sơ hợp lệ";
  for (std::size_t max = 0; max <= code_points(fee) + 1; ++max) {
    const std::string s = util::shorten(fee, max);
    INFO(max << ": " << s);
    CHECK(valid(s));
    if (max >= code_points(fee)) {
      CHECK(s == fee);
    } else {
      CHECK_THAT(s, EndsWith("…"));
      CHECK(code_points(s) <= max + 1);
      // Every cut of a text with spaces in its second half is at a word.
      const std::string kept = s.substr(0, s.size() - std::string("…").size());
      REQUIRE(fee.compare(0, kept.size(), kept) == 0);
      if (max >= 8) CHECK((fee[kept.size()] == ' ' || fee[kept.size()] == ','));
    }
    CHECK(valid(pt::shorten(fee, max)));
  }
  CHECK(util::shorten("hồ sơ hợp lệ", 11) == "hồ sơ hợp…");

  SECTION("never between a letter and its combining marks, nor inside an emoji sequence") {
    const std::string nfd = "ho\xCC\x82\xCC\x80 so\xCC\x9B hop";  // "hồ sơ hợp" with o + marks
    for (std::size_t max = 1; max < code_points(nfd); ++max) {
      const std::string s = util::shorten(nfd, max);
      const std::string kept = s.substr(0, s.size() - std::string("…").size());
      INFO(max << ": " << s);
      CHECK(valid(s));
      // What follows the cut is never a combining mark (U+0300–U+036F: CC 80 … CD AF).
      const auto next = static_cast<unsigned char>(nfd[kept.size()]);
      CHECK_FALSE((next == 0xCC || next == 0xCD));
    }
    const std::string family = "a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 b";
    for (std::size_t max = 1; max < code_points(family); ++max) {
      const std::size_t cut = util::cut_point(family, max, false);
      CHECK((cut == 1 || cut >= family.size() - 2));  // before the family or after it
    }
  }
  SECTION("byte limits step back to the start of a character") {
    const std::string text = "hợp lệ";
    for (std::size_t n = 0; n <= text.size(); ++n) {
      CHECK(valid(util::utf8_prefix(text, n)));
      CHECK(valid(pt::prefix(text, n)));
      CHECK(util::utf8_prefix(text, n).size() <= n);
    }
    CHECK(util::next_boundary(text, 2) == 4);  // inside "ợ" (bytes 1–3)
  }
  SECTION("messages quote at most so many characters, always valid") {
    CHECK(util::quote("hồ sơ hợp lệ", 10) == "\"hồ sơ hợp \xE2\x80\xA6\"");
    CHECK(valid(util::quote(std::string("h\xE1\xBB", 3), 60)));
  }
}

TEST_CASE("the importer's text is valid UTF-8, composed, without control characters", "[import][utf8]") {
  CHECK(util::clean_text("Hồ sơ hợp lệ") == "Hồ sơ hợp lệ");
  CHECK(util::clean_text("h\xE1 x") == "h\xEF\xBF\xBD x");              // a cut "ệ"
  CHECK(util::clean_text("\x80\xBF") == "\xEF\xBF\xBD\xEF\xBF\xBD");    // lone continuation bytes
  CHECK(util::clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");    // overlong "/"
  CHECK(util::clean_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(util::clean_text("ho\xCC\x9B\xCC\xA3p le\xCC\x82\xCC\xA3") == "hợp lệ");  // NFD → NFC
  CHECK(util::clean_text("a\x01" "b\x7F" "c\xC2\x85" "d\xC2\x9F" "e\tf\ng") == "abc\nde\tf\ng");
  CHECK(util::clean_text("x\xEF\xBF\xBEy") == "x\xEF\xBF\xBDy");  // U+FFFE
  CHECK(util::clean_text("😀 Đ") == "😀 Đ");
  CHECK(util::nfc("A\xCC\x8A") == "\xC3\x85");  // A + ring → Å
  CHECK(util::valid_utf8("ok") == "ok");
}

TEST_CASE("yaml::quote writes any text so that it loads", "[import][utf8]") {
  CHECK(loaded_name("Tên \"lạ\" \\ {a: b} # x") == "Tên \"lạ\" \\ {a: b} # x");
  CHECK(loaded_name("a\x01" "b\x7F\tc\nd") == "a\x01" "b\x7F\tc\nd");
  CHECK(loaded_name("C1 \xC2\x85 \xC2\x9F, LS \xE2\x80\xA8, BOM \xEF\xBB\xBF, \xEF\xBF\xBE \xEF\xBF\xBF") ==
        "C1 \xC2\x85 \xC2\x9F, LS \xE2\x80\xA8, BOM \xEF\xBB\xBF, \xEF\xBF\xBE \xEF\xBF\xBF");
  CHECK(loaded_name("emoji 👨‍👩‍👧 🇻🇳 and a\xCC\x81") == "emoji 👨‍👩‍👧 🇻🇳 and a\xCC\x81");
  CHECK(loaded_name("hợp l\xE1") == "hợp l\xEF\xBF\xBD");  // the byte is never written

  // Random bytes: whatever comes in, what is written loads, and what is
  // loaded is the input with its bad bytes replaced.
  std::mt19937 random(20261010);
  for (int k = 0; k < 300; ++k) {
    std::string s(random() % 40, '\0');
    for (auto& c : s) c = static_cast<char>(random() % 256);
    const std::string q = redtape::yaml::quote(s);
    INFO(k);
    CHECK(valid(q));
    CHECK(loaded_name(s) == util::valid_utf8(s));
  }
}

TEST_CASE("folding keeps byte offsets, so cuts found in folded text fall between characters", "[import][utf8]") {
  // "ẞ" folds to "ss", the Kelvin sign to "k", "İ" to "i̇": other lengths.
  const std::string text = "Phí: 50 UẞD, 3 KM (\xE2\x84\xAA), İ: 100 VNĐ";
  const std::string folded = pt::fold(text);
  REQUIRE(folded.size() == text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    CHECK(((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) == ((static_cast<unsigned char>(folded[i]) & 0xC0) == 0x80));
  CHECK(pt::fold("Việt Nam ĐỒNG") == "việt nam đồng");
}

// The user's record: the fee's explanation never closed its "(" and took the
// next column, the description that opens with the time.
TEST_CASE("a fee glued to the description's time is split at the \")\"", "[import][glued]") {
  const std::string table =
      "Hình thức nộpThời gianPhí, lệ phíMô tả"
      "Trực tuyến5 Ngày làm việc2,000,000 Việt Nam Đồng(Lệ phí thẩm định (theo Thông tư 40/2026/TT-BTC)"
      "15 ngày, kể từ ngày nhận được hồ sơ hợp lệ"
      "Trực tiếpKhông có thông tinMiễn phí(Mức thu: 50.000 đồng/hồ sơ (Thông tư 40/2026/TT-BTC)"
      "15 ngày, kể từ ngày nhận được hồ sơ hợp lệ";
  const auto rows = pt::parse_channel_table(table);
  REQUIRE(rows.size() == 2);

  CHECK(rows[0].channel == redtape::channel::online);
  CHECK(rows[0].time.working_days == 5);
  CHECK(rows[0].fee.what == pt::fee_value::kind::amount);
  CHECK(rows[0].fee.amount == 2000000);
  CHECK(rows[0].fee.text == "Lệ phí thẩm định (theo Thông tư 40/2026/TT-BTC)");
  CHECK(rows[0].description == "15 ngày, kể từ ngày nhận được hồ sơ hợp lệ");

  // With no time column, the split description gives the time.
  CHECK(rows[1].channel == redtape::channel::in_person);
  CHECK(rows[1].fee.what == pt::fee_value::kind::text);  // a free fee that cites an amount: unknown
  CHECK(rows[1].fee.text == "Mức thu: 50.000 đồng/hồ sơ (Thông tư 40/2026/TT-BTC)");
  CHECK(rows[1].description == "15 ngày, kể từ ngày nhận được hồ sơ hợp lệ");
  CHECK(rows[1].time_from_description);
  CHECK(rows[1].time.working_days == pt::parse_time("15 ngày").working_days);

  SECTION("a fee in words glued to the time") {
    const auto words = pt::parse_channel_table(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc"
        "Lệ phí theo Thông tư 40/2026/TT-BTC)15 ngày, kể từ ngày nhận được hồ sơ hợp lệ");
    REQUIRE(words.size() == 1);
    CHECK(words[0].fee.what == pt::fee_value::kind::text);
    CHECK(words[0].fee.text == "Lệ phí theo Thông tư 40/2026/TT-BTC)");
    CHECK(words[0].description == "15 ngày, kể từ ngày nhận được hồ sơ hợp lệ");
  }
  SECTION("an explanation that never closes keeps its last character whole") {
    // The cause of the user's file: the "(" taken as a pair with the last
    // byte, which was dropped as if it were the ")".
    for (const char* open : {"(", "((", "( ("}) {
      const auto open_rows = pt::parse_channel_table(
          std::string("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến10 NgàyMiễn phí") + open +
          "Thực hiện theo Thông tư số 244/2016/TT-BTC, kể từ ngày nhận được hồ sơ hợp lệ");
      REQUIRE(open_rows.size() == 1);
      INFO(open_rows[0].fee.text);
      CHECK(valid(open_rows[0].fee.text));
      CHECK_THAT(open_rows[0].fee.text, EndsWith("hồ sơ hợp lệ"));
    }
  }
  SECTION("a balanced explanation, as most are, is unchanged") {
    const auto ok = pt::parse_channel_table(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp25 Ngày200,000 Việt Nam Đồng"
        "(đối với trường hợp cấp mới Giấy phép)25 ngày kể từ ngày nhận đủ hồ sơ hợp lệ");
    REQUIRE(ok.size() == 1);
    CHECK(ok[0].fee.amount == 200000);
    CHECK(ok[0].fee.text == "đối với trường hợp cấp mới Giấy phép");
    CHECK(ok[0].description == "25 ngày kể từ ngày nhận đủ hồ sơ hợp lệ");
  }
}

TEST_CASE("numbers too large to be amounts, times or counts are not read as such", "[import]") {
  CHECK_FALSE(pt::parse_amount(std::string(400, '9')).has_value());
  CHECK_FALSE(pt::parse_amount("2000000000000000").has_value());
  CHECK(pt::parse_amount("1000000000000000") == 1e15);
  CHECK_FALSE(pt::parse_time(std::string(320, '9') + " Tháng").known);
  const auto rows = pt::parse_channel_table("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp" + std::string(30, '9') +
                                            " NămMiễn phí");
  REQUIRE(rows.size() == 1);
  CHECK(std::isfinite(rows[0].time.working_days));
}

TEST_CASE("load_problem: the loader's verdict on a file before it is written", "[import][check]") {
  using redtape::importer::load_problem;
  const std::string good = "redtape: 1\nprocedure:\n  id: p\n  steps:\n    - {id: s, actor: applicant, requires: [{ref: passport}]}\n";
  CHECK_FALSE(load_problem(good, "good.yaml", {"passport"}).has_value());
  const auto unresolved = load_problem(good, "good.yaml", {});
  REQUIRE(unresolved.has_value());
  CHECK_THAT(unresolved->en, Contains("good.yaml:5") && Contains("passport"));
  CHECK_THAT(unresolved->vi, Contains("good.yaml:5") && Contains("lỗi"));
  const auto broken =
      load_problem("redtape: 1\nprocedure:\n  id: p\n  steps:\n    - {id: s, actor: applicant, after: [nowhere]}\n",
                   "broken.yaml", {});
  REQUIRE(broken.has_value());
  CHECK_THAT(broken->en, StartsWith("broken.yaml:5:") && Contains("nowhere"));
  CHECK(load_problem(std::string("redtape: 1\nprocedure: {id: \"h\xE1\"}\n"), "bad.yaml", {}).has_value());
}

namespace {

redtape::importer::built_record built(const std::string& code, const std::string& title) {
  redtape::importer::raw_record r;
  r.source = "test/" + code + ".json";
  r.group = "test";
  r.code = code;
  r.title = title;
  r.performing = "Sở Tư pháp";
  r.channels_text = "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí";
  r.documents_text = "Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị1 bản chính";
  r.steps = "Bước 1: Nộp hồ sơ.\nBước 2: Sở Tư pháp thẩm định.\nBước 3: Nhận kết quả.";
  auto b = redtape::importer::build_record(r, {});
  for (std::size_t k = 0; k < b.procedures.size(); ++k)
    b.procedures[k].id = k == 0 ? b.base_id : b.base_id + "#" + std::to_string(k + 1);
  return b;
}

}  // namespace

TEST_CASE("a record whose YAML would not load is an error, left out; the others are written", "[import][check]") {
  temp_dir dir("reject");
  std::vector<redtape::importer::built_record> records{built("9.000001", "Thủ tục một"), built("9.000002", "Thủ tục hai"),
                                                        built("9.000003", "Thủ tục ba")};
  for (const auto& b : records) REQUIRE(b.ok);
  // A builder bug in one record: a step after one that does not exist.
  REQUIRE(records[1].procedures.front().steps.size() >= 2);
  records[1].procedures.front().steps[1].after = {"no_such_step"};
  redtape::importer::import_registry reg;
  reg.costs = redtape::importer::default_cost_model();
  reg.agencies.push_back({"so_tu_phap", {"Sở Tư pháp", {}}, redtape::agency_kind::government, "province"});
  // A registry entry that would not load (no id) is left out the same way.
  reg.documents.push_back({"", {"Không mã", {}}, {}, {}, {}, {}});
  reg.documents.push_back({"passport", {"Hộ chiếu", {}}, {}, {}, {}, {}});

  redtape::import_summary s;
  s.records_read = records.size();
  redtape::importer::write_catalog(records, reg, dir.path, {}, s);

  CHECK(s.imported == 2);
  CHECK(s.procedures == 2);
  CHECK(s.registry_documents == 1);
  std::vector<const redtape::import_warning*> errors;
  for (const auto& w : s.warnings)
    if (w.severity == redtape::severity::error) errors.push_back(&w);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0]->record == "registry.yaml");
  CHECK(errors[0]->code == "yaml-not-loadable");
  CHECK_THAT(errors[1]->record, Contains("9.000002"));
  CHECK(errors[1]->code == "yaml-not-loadable");
  CHECK_THAT(errors[1]->message, Contains("would not load") && Contains("no_such_step") && Contains("test/9.000002.yaml:"));
  CHECK_FALSE(errors[1]->message_vi.empty());
  REQUIRE(s.skipped_why.size() == 2);
  CHECK(s.skipped == 2);
  CHECK(s.skipped_why[1].first == "test/9.000002.json");
  CHECK_THAT(s.skipped_why[1].second, StartsWith("error: "));

  CHECK(fs::exists(dir.path / "registry.yaml"));
  CHECK(fs::exists(dir.path / "test" / "9.000001.yaml"));
  CHECK_FALSE(fs::exists(dir.path / "test" / "9.000002.yaml"));
  CHECK(fs::exists(dir.path / "test" / "9.000003.yaml"));
  for (const auto& e : fs::recursive_directory_iterator(dir.path))  // no temporary file left behind
    CHECK_FALSE(e.path().filename().string().starts_with("."));
  const auto loaded = redtape::try_load({dir.path});
  CHECK(loaded.ok());
  CHECK(loaded.error_count() == 0);

  const std::string csv = read_text(dir.path / "import-warnings.csv");
  CHECK_THAT(csv, Contains("\"test/9.000002.json (9.000002)\",\"output\",error,\"yaml-not-loadable\""));
  CHECK_THAT(csv, Contains("\"registry.yaml\",\"output\",error,\"yaml-not-loadable\""));
  CHECK_FALSE(csv.find(",skipped,") != std::string::npos);  // said once, as an error
  const std::string shown = redtape::format_import_summary(s, "en", 0);
  CHECK_THAT(shown, Contains("2 errors (not written)"));
  CHECK_THAT(shown, Contains("test/9.000002.json (9.000002): output: error: not written: its YAML would not load"));
  CHECK_THAT(redtape::format_import_summary(s, "vi", 0), Contains(": lỗi: không ghi"));
}

TEST_CASE("ids and file names stay unique, whatever the codes", "[import][check]") {
  temp_dir dir("ids");
  const fs::path src = dir.path / "src" / "bo";
  fs::create_directories(src);
  auto record = [&](const std::string& file, const std::string& code, const std::string& documents) {
    std::ofstream(src / file) << "{\"ma_thu_tuc\": \"" << code << "\", \"ten_thu_tuc\": \"Thủ tục " << file
                              << "\", \"co_quan_thuc_hien\": \"Sở Tư pháp\", \"thanh_phan_ho_so\": \"" << documents
                              << "\"}";
  };
  const std::string two_cases =
      "Trường hợp 1Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị1 bản chính"
      "Trường hợp 2Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính";
  record("a.json", "1.000001", two_cases);  // 1.000001 and 1.000001#2
  record("b.json", "1.000001#2", "");        // the second case's id
  record("c.json", "x/y", "");               // the same file name as x_y
  record("d.json", "x_y", "");
  record("e.json", std::string(300, 'z') + "1", "");  // file names cut to the same prefix
  record("f.json", std::string(300, 'z') + "2", "");
  record("g.json", "Ệ" + std::string(200, 'e'), "");  // cut after a multi-byte character
  const auto s = redtape::import_dichvucong({dir.path / "src"}, dir.path / "out");
  CHECK(s.imported == 7);
  CHECK(s.skipped == 0);
  std::size_t yaml_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path / "out")) {
    const std::string name = e.path().filename().string();
    CHECK(valid(name));
    CHECK(name.size() <= 130);
    yaml_files += e.path().extension() == ".yaml" && name != "registry.yaml";
  }
  CHECK(yaml_files == 7);
  const auto loaded = redtape::try_load({dir.path / "out"});
  std::string errors;
  for (const auto& d : loaded.diagnostics) errors += d.format() + "\n";
  INFO(errors);
  REQUIRE(loaded.ok());
  std::set<std::string> ids;
  for (const auto& p : loaded.catalog->procedures) ids.insert(p.id);
  CHECK(ids.size() == 8);
  CHECK(ids.count("1.000001#2") == 1);
}
