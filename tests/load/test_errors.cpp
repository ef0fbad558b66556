// Bad input: every malformed file of tests/data/load/bad/ is refused with the
// right code, at the exact line and column (1-based, columns in characters),
// with a message a reviewer can act on; hostile input is refused quickly;
// a catalog is never half-built.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/error.hpp"
#include "redtape/load.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {

const fs::path data_dir = fs::path(REDTAPE_TEST_DATA) / "load";
const fs::path bad_dir = data_dir / "bad";

std::vector<const redtape::diagnostic*> errors_of(const redtape::load_result& r) {
  std::vector<const redtape::diagnostic*> out;
  for (const auto& d : r.diagnostics)
    if (d.severity == redtape::severity::error) out.push_back(&d);
  return out;
}

std::string all_messages(const redtape::load_result& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.format() + "\n";
  return out;
}

// A fresh folder under the system's temp folder, removed at the end.
struct temp_dir {
  fs::path path;
  explicit temp_dir(const std::string& tag) {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("redtape_test_errors_" + tag + "_" + std::to_string(std::random_device{}()) + "_" +
            std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

// What one bad file must produce. Lines and columns were counted by hand in
// the file, in characters (code points), as an editor shows them.
struct bad_case {
  const char* file;
  const char* code;
  std::uint32_t line;
  std::uint32_t column;
  std::vector<std::string> message_has;  // English message fragments
};

const std::vector<bad_case>& bad_cases() {
  static const std::vector<bad_case> cases{
      // `    - {name: "Thẩm định hồ sơ", id: review, actor: sxd, duration_days: ba ngày}`:
      // 15 characters of Vietnamese (23 bytes) before the value: column 72, not 80.
      {"wrong_type_duration.yaml", "wrong-type", 8, 72, {"duration_days", "\"ba ngày\""}},
      {"negative_fee.yaml", "negative-number", 11, 12, {"`fee`", "\"-50000\""}},
      {"not_finite.yaml", "not-finite", 11, 22, {"duration_days", "\".inf\""}},
      {"unknown_key_typo.yaml", "unknown-key", 10, 7, {"duraton_days", "did you mean `duration_days`"}},
      {"duplicate_step.yaml", "duplicate-step", 10, 7, {"`check`", "1.000105", "line 8"}},
      {"after_unknown.yaml", "unknown-step", 10, 15, {"`submt`", "did you mean `submit`"}},
      {"cycle.yaml", "cycle", 6, 7, {"1.000107", "cycle"}},
      {"unknown_ref.yaml", "unknown-ref", 12, 11, {"citizen_idd", "did you mean `citizen_id`"}},
      {"result_names_nothing.yaml", "missing-key", 5, 11, {"`ref` or `name`"}},
      {"result_unknown_ref.yaml", "unknown-ref", 8, 41, {"criminal_record_certificat", "did you mean `criminal_record_certificate`"}},
      // The `[` of line 5 is never closed; the parser notices at `steps` on line 6.
      {"yaml_syntax.yaml", "yaml-syntax", 6, 3, {"YAML syntax error", "']'"}},
      // Line 7 is `  e: &e [*d,*d,…]`; each *d copies 11,111 nodes and after
      // the anchors a..d (24,663 nodes) the 7th *d passes 100,000.
      {"alias_bomb.yaml", "alias-limit", 7, 28, {"100000", "max_alias_nodes"}},
      // `x-deep: [[[…]]]`, 10,000 deep: the 64th `[` (column 9 + 63) opens level 65.
      {"deep_nesting.yaml", "too-deep", 2, 72, {"64", "max_depth"}},
      // Line 1 is a comment: the document starts on line 2.
      {"missing_version.yaml", "missing-version", 2, 1, {"redtape: 1"}},
      {"bad_version.yaml", "bad-version", 1, 10, {"\"2\"", "redtape: 1"}},
      {"bad_range.yaml", "bad-range", 10, 22, {"min ≤ likely ≤ max", "[5, 2, 1]"}},
      {"bad_channel.yaml", "bad-value", 8, 16, {"`channel`", "\"in_persn\"", "did you mean `in_person`"}},
      {"wrong_root.yaml", "bad-root", 1, 1, {"mapping", "a list"}},
      {"duplicate_key.yaml", "duplicate-key", 9, 7, {"`actor`", "twice"}},
      {"no_steps.yaml", "no-steps", 5, 10, {"at least one step"}},
      // `  name: "Đăng ký\x07`: 7 characters (10 bytes) of Vietnamese before it.
      {"control_char.yaml", "control-character", 4, 17, {"U+0007"}},
      {"invalid_utf8.yaml", "invalid-utf8", 4, 17, {"0xFF", "UTF-8"}},
      {"utf16.yaml", "bad-encoding", 1, 1, {"UTF-16", "UTF-8"}},
      {"missing_key.yaml", "missing-key", 8, 7, {"step", "`actor`"}},
      {"duplicate_procedure.yaml", "duplicate-procedure", 6, 5, {"`1.000118`", "duplicate_procedure.yaml:3:5"}},
      {"duplicate_document.yaml", "duplicate-document", 7, 5, {"`citizen_id`", "duplicate_document.yaml:3:5"}},
      {"duplicate_agency.yaml", "duplicate-agency", 4, 5, {"`dpi`", "duplicate_agency.yaml:3:5"}},
      {"bad_count.yaml", "bad-count", 11, 44, {"`copies`", "\"2.5\""}},
      {"unknown_alias.yaml", "yaml-syntax", 8, 17, {"unknown anchor"}},
      {"unknown_issuer.yaml", "unknown-agency", 11, 11, {"`issued_by: so_xay_dng`", "did you mean `so_xay_dung`"}},
  };
  return cases;
}

void check_bad_file(const bad_case& c, redtape::yaml_parser parser, bool check_place,
                    bool check_message) {
  redtape::load_options options;
  options.parser = parser;
  auto r = redtape::try_load({bad_dir / c.file}, options);
  INFO(all_messages(r));
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.catalog.has_value());
  auto errors = errors_of(r);
  // Each file holds exactly one error of its kind.
  REQUIRE(errors.size() == 1);
  const auto& d = *errors.front();
  CHECK(d.code == c.code);
  CHECK(fs::path(d.file).filename() == c.file);
  if (check_place) {
    CHECK(d.line == c.line);
    CHECK(d.column == c.column);
  } else {
    CHECK(d.line > 0);
    CHECK(d.column > 0);
  }
  if (check_message)
    for (const auto& part : c.message_has) CHECK_THAT(d.message, Contains(part));
  CHECK_FALSE(d.message_vi.empty());
  CHECK(d.message_vi != d.message);
  // `file:line:column: error: …`, the form editors and CI parse.
  CHECK_THAT(d.format(), Contains(std::string(c.file) + ":" + std::to_string(d.line) + ":" +
                                  std::to_string(d.column) + ": error: "));
}

}  // namespace

TEST_CASE("every file of bad/ has an expectation, and every expectation a file", "[load][errors]") {
  std::set<std::string> on_disk, expected;
  for (const auto& e : fs::directory_iterator(bad_dir))
    if (e.path().extension() == ".yaml") on_disk.insert(e.path().filename().string());
  for (const auto& c : bad_cases()) expected.insert(c.file);
  CHECK(on_disk == expected);
  CHECK(on_disk.size() >= 20);
}

TEST_CASE("each bad file is refused with its code, file, line and column (libyaml)", "[load][errors]") {
  for (const auto& c : bad_cases()) {
    INFO(c.file);
    check_bad_file(c, redtape::yaml_parser::libyaml, true, true);
  }
}

TEST_CASE("each bad file is refused at the same place with the yaml-cpp parser", "[load][errors][yaml-cpp]") {
  for (const auto& c : bad_cases()) {
    INFO(c.file);
    // Syntax errors are in the parser's own words, at the place where it gave
    // up; the rest comes from the same model builder and must point at the
    // same character.
    const bool syntax = std::string(c.code) == "yaml-syntax";
    const bool same_place = !syntax || std::string(c.file) == "unknown_alias.yaml";
    check_bad_file(c, redtape::yaml_parser::yaml_cpp, same_place, !syntax);
  }
}

TEST_CASE("every bad file yields an error with a line and a column", "[load][errors]") {
  // What `redtape check` (ctest cli.check_bad_exits_2) needs to print file:line:column:.
  for (const auto& e : fs::directory_iterator(bad_dir)) {
    if (e.path().extension() != ".yaml") continue;
    INFO(e.path().filename().string());
    auto r = redtape::try_load({e.path()});
    CHECK_FALSE(r.ok());
    auto errors = errors_of(r);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front()->line > 0);
    CHECK(errors.front()->column > 0);
  }
}

TEST_CASE("a cycle is reported once, naming its steps in order", "[load][errors]") {
  auto r = redtape::try_load({bad_dir / "cycle.yaml"});
  REQUIRE_FALSE(r.ok());
  auto errors = errors_of(r);
  REQUIRE(errors.size() == 1);
  const std::string& m = errors.front()->message;
  // receive is after approve, review after receive, approve after review.
  bool named = m.find("receive → review → approve → receive") != std::string::npos ||
               m.find("review → approve → receive → review") != std::string::npos ||
               m.find("approve → receive → review → approve") != std::string::npos;
  INFO(m);
  CHECK(named);
  CHECK_THAT(errors.front()->message_vi, Contains("vòng lặp"));
}

TEST_CASE("messages come in Vietnamese too", "[load][errors]") {
  auto r = redtape::try_load({bad_dir / "unknown_key_typo.yaml"});
  REQUIRE(r.diagnostics.size() == 1);
  const auto& d = r.diagnostics.front();
  CHECK_THAT(d.message_vi, Contains("duraton_days") && Contains("có phải là `duration_days`"));
  CHECK_THAT(d.format("vi"), Contains("unknown_key_typo.yaml:10:7: lỗi: "));
  CHECK_THAT(d.format("en"), Contains("unknown_key_typo.yaml:10:7: error: unknown key"));
}

TEST_CASE("several independent errors in one file are all reported, in order", "[load][errors]") {
  auto r = redtape::try_load({data_dir / "multi" / "three_errors.yaml"});
  INFO(all_messages(r));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error_count() == 3);
  auto errors = errors_of(r);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0]->code == "bad-value");
  CHECK(errors[0]->line == 8);
  CHECK(errors[0]->column == 16);
  CHECK_THAT(errors[0]->message, Contains("did you mean `online`"));
  CHECK(errors[1]->code == "unknown-key");
  CHECK(errors[1]->line == 11);
  CHECK(errors[1]->column == 7);
  CHECK(errors[2]->code == "negative-number");
  CHECK(errors[2]->line == 14);
  CHECK(errors[2]->column == 12);
  for (const auto* d : errors) CHECK(fs::path(d->file).filename() == "three_errors.yaml");
}

TEST_CASE("errors past max_errors_per_file are counted, not listed", "[load][errors][limits]") {
  std::string text = "redtape: 1\nprocedure:\n  id: p\n  steps:\n";
  for (int i = 0; i < 5; ++i) text += "    - {id: s" + std::to_string(i) + ", actor: a, fee: -1}\n";
  redtape::load_options options;
  options.limits.max_errors_per_file = 2;
  auto r = redtape::try_load_text(text, "many.yaml", options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error_count() == 2);
  auto note = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                           [](const auto& d) { return d.code == "too-many-errors"; });
  REQUIRE(note != r.diagnostics.end());
  CHECK(note->severity == redtape::severity::note);
  CHECK_THAT(note->message, Contains("3 more errors"));
}

TEST_CASE("hostile input is refused, not expanded", "[load][errors][limits]") {
  SECTION("an alias bomb (10^10 nodes if expanded)") {
    auto r = redtape::try_load({bad_dir / "alias_bomb.yaml"});
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error_count() == 1);
    CHECK(errors_of(r).front()->code == "alias-limit");
  }
  SECTION("10,000 nested brackets") {
    auto r = redtape::try_load({bad_dir / "deep_nesting.yaml"});
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error_count() == 1);
    CHECK(errors_of(r).front()->code == "too-deep");
  }
  SECTION("the same with the yaml-cpp parser") {
    redtape::load_options options;
    options.parser = redtape::yaml_parser::yaml_cpp;
    CHECK(errors_of(redtape::try_load({bad_dir / "alias_bomb.yaml"}, options)).front()->code ==
          "alias-limit");
    CHECK(errors_of(redtape::try_load({bad_dir / "deep_nesting.yaml"}, options)).front()->code ==
          "too-deep");
  }
  SECTION("smaller limits set by the caller apply") {
    redtape::load_options options;
    options.limits.max_depth = 3;
    auto deep = redtape::try_load_text("redtape: 1\nx-a: [[[1]]]\n", "deep.yaml", options);
    REQUIRE_FALSE(deep.ok());
    CHECK(errors_of(deep).front()->code == "too-deep");
    CHECK(errors_of(deep).front()->line == 2);
    CHECK(errors_of(deep).front()->column == 8);  // the third `[`: level 4 with the root mapping
    options.limits.max_depth = 64;
    options.limits.max_alias_nodes = 5;
    auto aliases = redtape::try_load({data_dir / "good" / "features" / "land.yaml"}, options);
    REQUIRE_FALSE(aliases.ok());
    CHECK(errors_of(aliases).front()->code == "alias-limit");
  }
}

TEST_CASE("a file over max_file_bytes is refused without being read", "[load][errors][limits]") {
  // Stands for a 300 MiB file against the 256 MiB default.
  redtape::load_options options;
  options.limits.max_file_bytes = 512;
  const fs::path file = data_dir / "good" / "sketch" / "procedure.yaml";
  REQUIRE(fs::file_size(file) > 512);
  auto r = redtape::try_load({file}, options);
  REQUIRE_FALSE(r.ok());
  auto errors = errors_of(r);
  REQUIRE(errors.size() == 1);
  CHECK(errors.front()->code == "file-too-large");
  CHECK(fs::path(errors.front()->file).filename() == "procedure.yaml");
  CHECK(errors.front()->line == 0);  // the whole file
  CHECK_THAT(errors.front()->message, Contains("max_file_bytes"));
  CHECK(redtape::load_limits{}.max_file_bytes == 256ull << 20);
}

TEST_CASE("the too-large message gives sizes that make sense for small limits", "[load][errors][limits]") {
  // Library bug: sizes are printed as whole MiB (`size >> 20`), so a 1 KiB limit
  // reads "the file is 0 MiB, over the limit of 0 MiB".
  redtape::load_options options;
  options.limits.max_file_bytes = 512;
  auto r = redtape::try_load({data_dir / "good" / "sketch" / "procedure.yaml"}, options);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.diagnostics.front().message, !Contains("limit of 0 MiB"));
}

TEST_CASE("load() throws load_error pointing at the first error", "[load][errors]") {
  try {
    (void)redtape::load(bad_dir / "negative_fee.yaml");
    FAIL("load() did not throw");
  } catch (const redtape::load_error& e) {
    CHECK_THAT(e.file(), EndsWith("negative_fee.yaml"));
    CHECK(e.line() == 11);
    CHECK(e.column() == 12);
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics().front().code == "negative-number");
    CHECK_THAT(std::string(e.what()), Contains("negative_fee.yaml:11:12: error: "));
  }
  // All errors travel with it, and the first is the first in the file.
  try {
    (void)redtape::load(data_dir / "multi" / "three_errors.yaml");
    FAIL("load() did not throw");
  } catch (const redtape::error& e) {  // catchable as the root of the hierarchy
    const auto* le = dynamic_cast<const redtape::load_error*>(&e);
    REQUIRE(le != nullptr);
    CHECK(le->diagnostics().size() == 3);
    CHECK(le->line() == 8);
    CHECK(le->column() == 16);
    CHECK_THAT(std::string(e.what()), Contains("and 2 more errors"));
  }
  CHECK_THROWS_AS(redtape::load(std::vector<fs::path>{bad_dir / "cycle.yaml", bad_dir / "utf16.yaml"}),
                  redtape::load_error);
}

TEST_CASE("a folder with one bad and one good file gives no catalog", "[load][errors]") {
  const fs::path mixed = data_dir / "mixed";
  for (unsigned jobs : {1u, 0u}) {
    redtape::load_options options;
    options.jobs = jobs;
    auto r = redtape::try_load({mixed}, options);
    INFO(all_messages(r));
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.catalog.has_value());
    auto errors = errors_of(r);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front()->code == "negative-number");
    CHECK(fs::path(errors.front()->file).filename() == "b_bad.yaml");
    CHECK(errors.front()->line == 11);
    CHECK(errors.front()->column == 53);
  }
  try {
    (void)redtape::load(mixed);
    FAIL("load() did not throw");
  } catch (const redtape::load_error& e) {
    CHECK_THAT(e.file(), EndsWith("b_bad.yaml"));
    CHECK(e.line() == 11);
    CHECK(e.column() == 53);
  }
  // The good file alone loads.
  CHECK(redtape::try_load({mixed / "a_good.yaml"}).ok());
}

TEST_CASE("keep_going: the good files load, each bad one is named with its errors", "[load][errors][keep_going]") {
  const fs::path mixed = data_dir / "mixed";
  for (unsigned jobs : {1u, 0u}) {
    redtape::load_options options;
    options.jobs = jobs;
    options.keep_going = true;
    auto r = redtape::try_load({mixed}, options);
    INFO(all_messages(r));
    REQUIRE(r.ok());
    CHECK_FALSE(r.complete());
    CHECK(r.catalog->procedures.size() == redtape::try_load({mixed / "a_good.yaml"}).catalog->procedures.size());
    REQUIRE(r.skipped.size() == 1);
    CHECK(fs::path(r.skipped[0].file).filename() == "b_bad.yaml");
    REQUIRE(r.skipped[0].errors.size() == 1);
    CHECK(r.skipped[0].errors[0].code == "negative-number");
    CHECK(r.skipped[0].errors[0].line == 11);
    CHECK(r.skipped[0].errors[0].column == 53);
  }
  // A clean folder: complete, nothing skipped.
  redtape::load_options options;
  options.keep_going = true;
  auto clean = redtape::try_load({mixed / "a_good.yaml"}, options);
  CHECK(clean.complete());
  CHECK(clean.skipped.empty());
}

TEST_CASE("keep_going leaves out files that clash across the catalog, and missing paths", "[load][errors][keep_going]") {
  temp_dir dir("keep_going");
  dir.write("0_registry.yaml", "redtape: 1\ndocuments:\n  - {id: passport, name: \"Hộ chiếu\"}\n");
  dir.write("1_good.yaml",
            "redtape: 1\nprocedure:\n  id: p1\n  steps:\n    - {id: s, actor: applicant, requires: [passport]}\n");
  dir.write("2_same_id.yaml", "redtape: 1\nprocedure:\n  id: p1\n  steps: [{id: s, actor: applicant}]\n");
  dir.write("3_unknown_ref.yaml",
            "redtape: 1\nprocedure:\n  id: p3\n  steps:\n    - {id: s, actor: applicant, requires: [pasport]}\n");
  dir.write("4_not_utf8.yaml", std::string("redtape: 1\nprocedure:\n  id: p4\n  name: \"h\xE1\"\n  steps: [{id: s, actor: a}]\n"));
  dir.write("5_good.yaml", "redtape: 1\nprocedure:\n  id: p5\n  result: passport\n  steps: [{id: s, actor: applicant}]\n");
  const fs::path missing = dir.path / "no-such-folder";

  redtape::load_options options;
  options.keep_going = true;
  auto r = redtape::try_load({dir.path, missing}, options);
  INFO(all_messages(r));
  REQUIRE(r.ok());
  std::vector<std::string> ids;
  for (const auto& p : r.catalog->procedures) ids.push_back(p.id);
  CHECK(ids == std::vector<std::string>{"p1", "p5"});
  CHECK(r.catalog->find_document("passport") != nullptr);
  std::vector<std::string> skipped;
  for (const auto& s : r.skipped) skipped.push_back(fs::path(s.file).filename().string());
  CHECK(skipped == std::vector<std::string>{"no-such-folder", "2_same_id.yaml", "3_unknown_ref.yaml", "4_not_utf8.yaml"});
  for (const auto& s : r.skipped) {
    REQUIRE_FALSE(s.errors.empty());
    for (const auto& e : s.errors) CHECK(e.file == s.file);
  }
  CHECK(r.skipped[1].errors[0].code == "duplicate-procedure");
  CHECK(r.skipped[1].errors[0].line == 3);
  CHECK(r.skipped[2].errors[0].code == "unknown-ref");
  CHECK(r.skipped[2].errors[0].line == 5);
  // The catalog that is returned is valid by itself.
  CHECK(redtape::validate(*r.catalog).empty());

  // Without keep_going the same input gives no catalog at all.
  auto strict = redtape::try_load({dir.path, missing});
  CHECK_FALSE(strict.ok());
  CHECK(strict.skipped.empty());
  CHECK(strict.error_count() == r.error_count());
}

TEST_CASE("paths that are missing or hold no YAML are reported", "[load][errors]") {
  auto missing = redtape::try_load({data_dir / "no_such_folder"});
  REQUIRE_FALSE(missing.ok());
  REQUIRE(missing.error_count() == 1);
  CHECK(errors_of(missing).front()->code == "not-found");
  CHECK_THAT(errors_of(missing).front()->file, EndsWith("no_such_folder"));

  temp_dir empty("empty");
  empty.write("notes.txt", "not yaml");
  auto none = redtape::try_load({empty.path});
  REQUIRE_FALSE(none.ok());
  CHECK(errors_of(none).front()->code == "no-yaml");

  auto nothing = redtape::try_load({});
  CHECK_FALSE(nothing.ok());
  CHECK(nothing.error_count() == 1);
}

TEST_CASE("cost models that disagree across files are an error", "[load][errors]") {
  temp_dir dir("costs");
  dir.write("a.yaml", "redtape: 1\ncost_model:\n  currency: VND\n  hourly_value: 40000\n");
  dir.write("b.yaml", "redtape: 1\ncost_model:\n  currency: VND\n  hourly_value: 50000\n");
  auto r = redtape::try_load({dir.path});
  INFO(all_messages(r));
  REQUIRE_FALSE(r.ok());
  auto errors = errors_of(r);
  REQUIRE(errors.size() == 1);
  CHECK(errors.front()->code == "conflicting-cost-model");
  CHECK(fs::path(errors.front()->file).filename() == "b.yaml");
  CHECK(errors.front()->line == 3);
  CHECK(errors.front()->column == 3);
  CHECK_THAT(errors.front()->message, Contains("hourly_value") && Contains("a.yaml:3:3"));

  // The same values set twice agree.
  dir.write("b.yaml", "redtape: 1\ncost_model:\n  hourly_value: 40000\n  visit_cost: 60000\n");
  auto agreed = redtape::try_load({dir.path});
  INFO(all_messages(agreed));
  REQUIRE(agreed.ok());
  CHECK(agreed.catalog->costs.hourly_value == 40000);
  CHECK(agreed.catalog->costs.visit_cost == 60000);
}

TEST_CASE("small malformed texts", "[load][errors]") {
  auto first_error = [](const redtape::load_result& r) -> const redtape::diagnostic& {
    auto errors = errors_of(r);
    REQUIRE_FALSE(errors.empty());
    return *errors.front();
  };
  SECTION("text where a fee belongs asks for {text: …}") {
    auto r = redtape::try_load_text(
        "redtape: 1\nprocedure:\n  id: p\n  steps:\n    - {id: s, actor: a, fee: miễn phí}\n", "fee.yaml");
    REQUIRE_FALSE(r.ok());
    const auto& d = first_error(r);
    CHECK(d.code == "wrong-type");
    CHECK(d.file == "fee.yaml");
    CHECK(d.line == 5);
    CHECK(d.column == 30);
    CHECK_THAT(d.message, Contains("\"miễn phí\"") && Contains("text:"));
  }
  SECTION("a result naming nothing is placed at the result") {
    for (std::string value : {"[]", "~", "\"\""}) {
      auto r = redtape::try_load_text("redtape: 1\nprocedure:\n  id: p\n  result: " + value +
                                      "\n  steps: [{id: s, actor: a}]\n");
      REQUIRE_FALSE(r.ok());
      CHECK(first_error(r).code == "missing-key");
      CHECK(first_error(r).line == 4);
      CHECK(first_error(r).column == 11);
      CHECK_THAT(first_error(r).message, Contains("names no document"));
    }
  }
  SECTION(".nan is not a number") {
    auto r = redtape::try_load_text("redtape: 1\nprocedure:\n  id: p\n  volume_per_year: .nan\n  steps: [{id: s, actor: a}]\n");
    REQUIRE_FALSE(r.ok());
    CHECK(first_error(r).code == "not-finite");
    CHECK(first_error(r).file == "<input>");
    CHECK(first_error(r).line == 4);
    CHECK(first_error(r).column == 20);
  }
  SECTION("an unknown top-level key suggests the right one") {
    auto r = redtape::try_load_text("redtape: 1\nprocedur:\n  id: p\n  steps: [{id: s, actor: a}]\n");
    REQUIRE_FALSE(r.ok());
    CHECK(first_error(r).code == "unknown-key");
    CHECK(first_error(r).line == 2);
    CHECK(first_error(r).column == 1);
    CHECK_THAT(first_error(r).message, Contains("did you mean `procedure`"));
  }
  SECTION("a list where a procedure belongs") {
    auto r = redtape::try_load_text("redtape: 1\nprocedures: {id: p}\n");
    REQUIRE_FALSE(r.ok());
    CHECK(first_error(r).code == "wrong-type");
    CHECK(first_error(r).line == 2);
    CHECK(first_error(r).column == 13);
  }
  SECTION("a UTF-8 byte order mark is skipped and does not shift columns") {
    auto r = redtape::try_load_text("\xEF\xBB\xBFredtape: 3\n");
    REQUIRE_FALSE(r.ok());
    CHECK(first_error(r).code == "bad-version");
    CHECK(first_error(r).line == 1);
    CHECK(first_error(r).column == 10);
  }
  SECTION("a step that is not a mapping") {
    auto r = redtape::try_load_text("redtape: 1\nprocedure:\n  id: p\n  steps:\n    - submit\n");
    REQUIRE_FALSE(r.ok());
    // The list is then empty, so `no-steps` may come too; the wrong type must.
    auto wrong = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                              [](const auto& d) { return d.code == "wrong-type"; });
    REQUIRE(wrong != r.diagnostics.end());
    CHECK(wrong->line == 5);
    CHECK(wrong->column == 7);
    CHECK_THAT(wrong->message, Contains("\"submit\""));
  }
  SECTION("a document demand with neither ref nor name") {
    auto r = redtape::try_load_text(
        "redtape: 1\nprocedure:\n  id: p\n  steps:\n    - {id: s, actor: a, requires: [{form: copy}]}\n");
    REQUIRE_FALSE(r.ok());
    CHECK(first_error(r).code == "missing-key");
    CHECK(first_error(r).line == 5);
    CHECK(first_error(r).column == 36);
  }
  SECTION("an empty file is a warning, not an error") {
    auto r = redtape::try_load_text("redtape: 1\n", "empty.yaml");
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics.front().code == "empty-file");
    CHECK(r.diagnostics.front().severity == redtape::severity::warning);
  }
}

TEST_CASE("an empty value is placed alike by both parsers", "[load][errors][yaml-cpp]") {
  // Library discrepancy: for `steps:` with no value, libyaml places the null
  // right after the colon (4:9); the yaml-cpp source places it at the next
  // token, `note` on line 5 (5:3). load.hpp promises the same line/column.
  const std::string text = "redtape: 1\nprocedure:\n  id: p\n  steps:\n  note: x\n";
  for (auto parser : {redtape::yaml_parser::libyaml, redtape::yaml_parser::yaml_cpp}) {
    INFO("parser " << static_cast<int>(parser));
    redtape::load_options options;
    options.parser = parser;
    auto r = redtape::try_load_text(text, "empty_steps.yaml", options);
    REQUIRE_FALSE(r.ok());
    auto errors = errors_of(r);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front()->code == "wrong-type");
    CHECK_THAT(errors.front()->message, Contains("`steps`") && Contains("nothing"));
    CHECK(errors.front()->line == 4);
    CHECK(errors.front()->column == 9);
  }
}
