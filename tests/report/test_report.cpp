// The audit reports: JSON (the machine format with its schema), CSV (one row
// per finding, for a spreadsheet) and Markdown (what a reviewer reads).
// The audit report is built by hand so that every number is known.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "redtape/report.hpp"
#include "redtape/version.hpp"
#include "report/format.hpp"
#include "report/json_writer.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::EndsWith;

namespace {

// Vietnamese text with quotes, commas, a newline and a `|`: everything that
// each format must escape in its own way.
const std::string tricky_vi =
    "Giấy tờ \"CCCD\", đã có trong CSDL quốc gia về dân cư\nKhông yêu cầu nộp lại | Nghị định "
    "45/2020";
const std::string tricky_en =
    "The citizen ID, held in the national population database\nDo not ask for it again | Decree "
    "45/2020";

redtape::catalog sample_catalog() {
  redtape::catalog c;
  c.files = {"catalog/enterprise.yaml", "catalog/registry.yaml", "catalog/household.yaml"};
  c.costs.currency = "VND";
  redtape::document id;
  id.id = "citizen_id";
  id.name = {"Căn cước công dân", "Citizen identity card"};
  id.held_in = "national_population_database";
  c.documents.push_back(id);
  c.reindex();
  return c;
}

redtape::procedure_result make_procedure(std::string id, redtape::localized_text name,
                                         std::uint32_t file, std::uint32_t line, double volume) {
  redtape::procedure_result p;
  p.id = std::move(id);
  p.name = std::move(name);
  p.location = {file, line, 3};
  p.volume_per_year = volume;
  p.currency = "VND";
  return p;
}

// Three procedures in catalog order B, A, C; three findings: one for A (the
// largest saving), one for B (no money saved), one catalog-level. Ranked by
// annual saving, then cost per year, the order is A, C, B.
redtape::audit_report sample_report() {
  redtape::audit_report r;

  auto b = make_procedure("2.000001", {"Đăng ký thường trú", "Permanent residence registration"}, 2,
                          3, 500);
  b.metrics.elapsed_days = 5;
  b.metrics.applicant_hours = 3.5;
  b.metrics.applicant_visits = 2;
  b.metrics.documents = 3;
  b.metrics.copies = 4;
  b.metrics.fees = 15000;
  b.metrics.cost_per_application = 10000;
  b.metrics.cost_per_year = 5000000;
  b.metrics.steps = 4;
  b.metrics.agencies = 2;
  b.metrics.handoffs = 3;
  b.metrics.critical_path = {"submit", "receive", "check", "issue"};
  b.findings = {1};
  b.simplified = b.metrics;
  b.simplified.elapsed_days = 3.5;
  b.simplified.steps = 3;
  b.simplified.handoffs = 2;
  b.simplified.critical_path = {"submit", "receive", "issue"};
  b.saving.days = 1.5;
  b.applied = {1};
  b.elapsed_before = {5, 5, 5, false};
  b.elapsed_after = {3.5, 3.5, 3.5, false};

  auto a = make_procedure("1.001612",
                          {"Đăng ký thành lập doanh nghiệp tư nhân, \"DNTN\"",
                           "Registering a private enterprise"},
                          0, 4, 1200);
  a.file = "catalog/enterprise.yaml";
  a.metrics.elapsed_days = 2.5;
  a.metrics.applicant_hours = 3.25;
  a.metrics.applicant_visits = 1;
  a.metrics.documents = 3;
  a.metrics.copies = 3;
  a.metrics.fees = 50000;
  a.metrics.cost_per_application = 190000;
  a.metrics.cost_per_year = 228000000;
  a.metrics.steps = 3;
  a.metrics.agencies = 1;
  a.metrics.handoffs = 1;
  a.metrics.critical_path = {"submit", "check", "issue"};
  a.findings = {0};
  a.simplified = a.metrics;
  a.simplified.applicant_hours = 2.75;
  a.simplified.documents = 2;
  a.simplified.copies = 2;
  a.simplified.cost_per_application = 180000;
  a.simplified.cost_per_year = 216000000;
  a.saving.applicant_hours = 0.5;
  a.saving.documents = 1;
  a.saving.copies = 1;
  a.saving.cost_per_application = 10000;
  a.saving.cost_per_year = 12000000;
  a.applied = {0};
  a.elapsed_before = {2.6, 3.4, 2.75, true};
  a.elapsed_after = {2.6, 3.4, 2.75, true};

  auto c = make_procedure("3.000003", {"Cấp phiếu lý lịch tư pháp", "Criminal record certificate"},
                          2, 40, 1000);
  c.metrics.elapsed_days = 10;
  c.metrics.cost_per_application = 9000;
  c.metrics.cost_per_year = 9000000;
  c.metrics.steps = 2;
  c.metrics.critical_path = {"submit", "issue"};
  c.simplified = c.metrics;
  c.elapsed_before = {10, 10, 10, false};
  c.elapsed_after = {10, 10, 10, false};

  r.procedures = {b, a, c};

  redtape::finding once_only;
  once_only.rule = "once-only";
  once_only.severity = redtape::severity::warning;
  once_only.procedure = "1.001612";
  once_only.steps = {"submit"};
  once_only.documents = {"citizen_id"};
  once_only.suggestion.kind = redtape::suggestion_kind::reuse_data;
  once_only.suggestion.demands = {{"submit", 1}};
  once_only.message = {tricky_vi, tricky_en};
  once_only.saving.applicant_hours = 0.5;
  once_only.saving.documents = 1;
  once_only.saving.copies = 1;
  once_only.saving.cost_per_application = 10000;
  once_only.saving.cost_per_year = 12000000;
  once_only.location = {0, 14, 11};
  once_only.file = "catalog/enterprise.yaml";

  redtape::finding merge;
  merge.rule = "same-actor-in-a-row";
  merge.severity = redtape::severity::note;
  merge.procedure = "2.000001";
  merge.steps = {"receive", "check"};
  merge.suggestion.kind = redtape::suggestion_kind::merge_steps;
  merge.suggestion.steps = {"receive", "check"};
  merge.message = {"Gộp bước \"tiếp nhận\" và \"kiểm tra\"", "Merge\tthe steps\x01"};
  merge.saving.days = 1.5;
  merge.location = {2, 9, 7};  // no recorded file: taken from the catalog

  redtape::finding shared;
  shared.rule = "shared-registry";
  shared.severity = redtape::severity::note;
  shared.procedures = {"1.001612", "2.000001"};
  shared.documents = {"citizen_id"};
  shared.suggestion.kind = redtape::suggestion_kind::shared_registry;
  shared.message = {"Giấy tờ \"Căn cước công dân\" được 2 thủ tục yêu cầu",
                    "The citizen identity card is demanded by 2 procedures"};
  shared.saving.cost_per_year = 3500000.25;
  shared.location = {1, 7, 5};

  r.findings = {once_only, merge, shared};
  r.totals.procedures = 3;
  r.totals.findings = 3;
  r.totals.by_severity = {2, 1, 0};
  r.totals.cost_per_year = 242000000;
  r.totals.cost_per_year_after = 230000000;
  r.totals.saving_per_year = 12000000;
  r.totals.cost_reduction_percent = 100.0 * 12000000 / 242000000;
  r.totals.elapsed_days_weighted = (2.5 * 1200 + 5 * 500 + 10 * 1000) / 2700.0;
  r.totals.days_saved_weighted = 1.5 * 500 / 2700.0;
  r.totals.time_reduction_percent =
      100 * r.totals.days_saved_weighted / r.totals.elapsed_days_weighted;
  return r;
}

// The sample report plus one finding of every other kind of suggestion and a
// problem, so that the schema sees every shape the writer can produce.
redtape::audit_report full_report() {
  redtape::audit_report r = sample_report();
  auto add = [&](redtape::suggestion s, std::vector<std::string> steps,
                 std::vector<std::string> documents) {
    redtape::finding f;
    f.rule = fmt::format("rule-{}", redtape::suggestion_kind_names[static_cast<std::size_t>(s.kind)]);
    f.severity = redtape::severity::error;
    f.procedure = "3.000003";
    f.steps = std::move(steps);
    f.documents = std::move(documents);
    f.suggestion = std::move(s);
    f.message = {"Thông điệp", "Message"};
    f.saving.days = 0.1 + 0.2;
    f.location = {2, 41, 5};
    r.procedures[2].findings.push_back(r.findings.size());
    r.findings.push_back(std::move(f));
    ++r.totals.findings;
    ++r.totals.by_severity[2];
  };
  using redtape::suggestion_kind;
  add({suggestion_kind::eliminate_step, {"record"}, {}, {}, {}}, {"record"}, {"register_entry"});
  add({suggestion_kind::parallelize, {"inspect", "appraise"}, {}, {}, {}}, {"inspect", "appraise"}, {});
  add({suggestion_kind::drop_dependency, {"submit", "issue"}, {}, {}, {}}, {"submit", "issue"}, {});
  add({suggestion_kind::drop_requirement, {}, {{"collect", 0}}, {}, {}}, {"collect"}, {"citizen_id"});
  add({suggestion_kind::relax_form, {}, {{"submit", 0}, {"submit", 2}},
       redtape::document_form::copy, {}},
      {"submit"}, {"citizen_id", "Sổ hộ khẩu"});
  add({suggestion_kind::single_window, {"take_to_tax"}, {}, {}, "one_stop_centre"}, {"take_to_tax"},
      {});
  // A change that saves nothing: a note that says why.
  r.findings.back().severity = redtape::severity::note;
  r.findings.back().downgraded = "no_saving";
  --r.totals.by_severity[2];
  ++r.totals.by_severity[0];
  // Move the catalog-level finding last again, as the audit orders them.
  std::rotate(r.findings.begin() + 2, r.findings.begin() + 3, r.findings.end());
  for (auto& p : r.procedures)
    for (auto& index : p.findings)
      if (index > 2) --index;

  redtape::diagnostic problem;
  problem.severity = redtape::severity::error;
  problem.code = "rule-failed";
  problem.file = "catalog/household.yaml";
  problem.line = 40;
  problem.column = 3;
  problem.message = "rule \"x\" failed: bad_alloc";
  problem.message_vi = "quy tắc \"x\" gặp lỗi: bad_alloc";
  r.problems.push_back(problem);

  redtape::diagnostic broken = problem;
  broken.code = "invalid-utf8";
  broken.file = "imported/bo-x/1.000001.yaml";
  broken.line = 31;
  broken.column = 18;
  broken.message = "the file is not valid UTF-8";
  broken.message_vi = "tệp không phải UTF-8 hợp lệ";
  r.load_errors.push_back({broken.file, {broken}});

  redtape::suppressed_case quiet;
  quiet.rule = "once-only";
  quiet.procedure = "1.001612";
  quiet.step = "submit";
  quiet.document = "household_registration";
  quiet.reason = "waived";
  quiet.message = {"yêu cầu đã miễn khi cơ quan khai thác được dữ liệu",
                   "the demand already waives it when the data can be read"};
  quiet.file = "catalog/enterprise.yaml";
  quiet.location = {0, 21, 11};
  r.suppressed.push_back(quiet);
  return r;
}

// Positions of `keys` in `text`, starting at `from`, must increase.
void check_order(std::string_view text, const std::vector<std::string>& keys, std::size_t from = 0) {
  std::size_t at = from;
  for (const std::string& key : keys) {
    const std::size_t next = text.find(key, at);
    INFO("key " << key);
    REQUIRE(next != std::string_view::npos);
    at = next + key.size();
  }
}

// A small RFC 4180 reader: records of fields.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (ch == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (ch == '\n') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += ch;
      field_started = true;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(field.empty());  // the last record ends with a newline
  return records;
}

}  // namespace

TEST_CASE("report numbers: integers without a point, others round-trip", "[report]") {
  using redtape::report::machine_number;
  CHECK(machine_number(12000000) == "12000000");
  CHECK(machine_number(0) == "0");
  CHECK(machine_number(-0.0) == "0");
  CHECK(machine_number(-3) == "-3");
  CHECK(machine_number(2.5) == "2.5");
  CHECK(machine_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(machine_number(3500000.25) == "3500000.25");
  CHECK(std::stod(machine_number(1e20)) == 1e20);
  CHECK(machine_number(std::numeric_limits<double>::infinity()) == "null");
  CHECK(machine_number(std::numeric_limits<double>::quiet_NaN()) == "null");
}

TEST_CASE("report money and days as a reviewer reads them", "[report]") {
  using redtape::report::days;
  using redtape::report::money;
  CHECK(money(1234567, "VND", "en") == "1,234,567 VND");
  CHECK(money(1234567, "VND", "vi") == "1.234.567 VND");
  CHECK(money(999, "VND", "en") == "999 VND");
  CHECK(money(1000, "VND", "en") == "1,000 VND");
  CHECK(money(-1500000, "VND", "en") == "-1,500,000 VND");
  CHECK(money(3500000.25, "VND", "en") == "3,500,000 VND");  // VND has no minor unit
  CHECK(money(-0.2, "VND", "en") == "0 VND");
  CHECK(money(1234.5, "USD", "en") == "1,234.50 USD");
  CHECK(money(1234.5, "USD", "vi") == "1.234,50 USD");
  CHECK(money(1234, "USD", "en") == "1,234 USD");
  CHECK(days(3, "en") == "3");
  CHECK(days(2.5, "en") == "2.5");
  CHECK(days(2.5, "vi") == "2,5");
  CHECK(days(1.04, "en") == "1");
  CHECK(days(12.96, "en") == "13");
  CHECK(days(1234.5, "en") == "1,234.5");
}

TEST_CASE("report JSON escapes per RFC 8259 and keeps UTF-8", "[report]") {
  std::string out;
  redtape::report::append_json_escaped(out, "a\"b\\c\n\t\x01\x1f Đ ✓ \xF0\x9F\x98\x80");
  CHECK(out == "a\\\"b\\\\c\\n\\t\\u0001\\u001f Đ ✓ \xF0\x9F\x98\x80");
  out.clear();
  // Broken UTF-8 (a lone continuation byte, a truncated sequence, an
  // overlong slash) would make the whole report unreadable: replaced.
  redtape::report::append_json_escaped(out, "x\x80y\xE1\x80z\xC0\xAF");
  CHECK(out == "x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("report JSON: key order, escaping, numbers, determinism", "[report]") {
  const redtape::catalog c = sample_catalog();
  const redtape::audit_report r = sample_report();
  const std::string json = redtape::to_json(r, c);

  CHECK_THAT(json, StartsWith(fmt::format("{{\n  \"redtape\": \"{}\",\n  \"schema\": {},\n  \"procedures\": [\n",
                                          redtape::version, redtape::report_schema_version)));
  CHECK_THAT(json, EndsWith("\n}\n"));
  check_order(json, {"\n  \"redtape\": ", "\n  \"schema\": ", "\n  \"procedures\": [",
                     "\n  \"findings\": [", "\n  \"totals\": {", "\n  \"problems\": []", "\n  \"load_errors\": []"});

  SECTION("procedures in catalog order, members in the documented order") {
    check_order(json, {"\"id\": \"2.000001\"", "\"id\": \"1.001612\"", "\"id\": \"3.000003\""});
    check_order(json, {"    {\n      \"id\": \"1.001612\",\n      \"name\": {\n        \"vi\": ",
                       "\n      \"file\": \"catalog/enterprise.yaml\",\n      \"line\": 4,\n"
                       "      \"volume_per_year\": 1200,\n      \"currency\": \"VND\",\n"
                       "      \"metrics\": {\n",
                       "        \"elapsed_days\": 2.5,\n        \"applicant_hours\": 3.25,\n"
                       "        \"applicant_visits\": 1,\n        \"documents\": 3,\n"
                       "        \"copies\": 3,\n        \"fees\": 50000,\n"
                       "        \"unknown_fees\": 0,\n        \"cost_per_application\": 190000,\n"
                       "        \"cost_per_year\": 228000000,\n        \"steps\": 3,\n"
                       "        \"agencies\": 1,\n        \"handoffs\": 1,\n"
                       "        \"critical_path\": [\"submit\", \"check\", \"issue\"]\n      },\n"
                       "      \"simplified\": {\n        \"elapsed_days\": 2.5,\n"
                       "        \"applicant_hours\": 2.75,\n",
                       "        \"cost_per_year\": 216000000,\n",
                       "      \"saving\": {\n        \"days\": 0,\n        \"applicant_hours\": 0.5,\n"
                       "        \"visits\": 0,\n        \"documents\": 1,\n        \"copies\": 1,\n"
                       "        \"cost_per_application\": 10000,\n        \"cost_per_year\": 12000000\n"
                       "      },\n      \"elapsed_distribution\": {\n        \"before\": {\n"
                       "          \"p50\": 2.6,\n          \"p90\": 3.4,\n          \"mean\": 2.75,\n"
                       "          \"uncertain\": true\n        },\n        \"after\": {\n",
                       "      \"findings\": [0],\n      \"applied\": [0]\n    }"});
    // B's file is not recorded in the result: it comes from the catalog.
    CHECK_THAT(json, Contains("\"file\": \"catalog/household.yaml\",\n      \"line\": 3,"));
    CHECK_THAT(json, Contains("\"vi\": \"Đăng ký thành lập doanh nghiệp tư nhân, \\\"DNTN\\\"\""));
    CHECK_THAT(json, Contains("\"findings\": [],\n      \"applied\": []\n"));  // C has none
  }

  SECTION("findings: members, change, escaping") {
    const std::size_t first = json.find("\n  \"findings\": [");
    check_order(json,
                {"      \"rule\": \"once-only\",\n      \"severity\": \"warning\",\n"
                 "      \"procedure\": \"1.001612\",\n      \"procedures\": [],\n"
                 "      \"steps\": [\"submit\"],\n      \"documents\": [\"citizen_id\"],\n"
                 "      \"suggestion\": \"reuse_data\",\n      \"change\": {\n"
                 "        \"demands\": [\n          {\n            \"step\": \"submit\",\n"
                 "            \"index\": 1\n          }\n        ]\n      },\n"
                 "      \"message\": {\n",
                 "      \"saving\": {\n        \"days\": 0,\n        \"applicant_hours\": 0.5,\n"
                 "        \"visits\": 0,\n        \"documents\": 1,\n        \"copies\": 1,\n"
                 "        \"cost_per_application\": 10000,\n        \"cost_per_year\": 12000000\n"
                 "      },\n      \"location\": {\n        \"file\": \"catalog/enterprise.yaml\",\n"
                 "        \"line\": 14,\n        \"column\": 11\n      }\n    },"},
                first);
    CHECK_THAT(json, Contains(R"("vi": "Giấy tờ \"CCCD\", đã có trong CSDL quốc gia về dân cư\nKhông yêu cầu nộp lại | Nghị định 45/2020")"));
    CHECK_THAT(json, Contains(R"("en": "Merge\tthe steps\u0001")"));
    CHECK_THAT(json, Contains("\"change\": {\n        \"steps\": [\"receive\", \"check\"]\n      },"));
    // The catalog-level finding: no procedure, the procedures listed, an
    // empty change, the file found through the catalog.
    CHECK_THAT(json, Contains("\"procedure\": \"\",\n      \"procedures\": [\"1.001612\", \"2.000001\"],"));
    CHECK_THAT(json, Contains("\"suggestion\": \"shared_registry\",\n      \"change\": {},"));
    CHECK_THAT(json, Contains("\"cost_per_year\": 3500000.25\n"));
    CHECK_THAT(json, Contains("\"file\": \"catalog/registry.yaml\",\n        \"line\": 7,"));
  }

  SECTION("totals") {
    CHECK_THAT(json, Contains("  \"totals\": {\n    \"procedures\": 3,\n    \"findings\": 3,\n"
                              "    \"by_severity\": {\n      \"note\": 2,\n      \"warning\": 1,\n"
                              "      \"error\": 0\n    },\n    \"cost_per_year\": 242000000,\n"
                              "    \"cost_per_year_after\": 230000000,\n    \"saving_per_year\": 12000000,\n"
                              "    \"cost_reduction_percent\": 4.958677685950414,\n"));
    check_order(json, {"    \"elapsed_days_weighted\": ", "    \"days_saved_weighted\": ",
                       "    \"time_reduction_percent\": ", "\n  },\n  \"problems\": [],\n  \"load_errors\": [],\n  \"suppressed\": []\n}\n"});
  }

  SECTION("no exponents, no float noise on integral values") {
    CHECK(json.find("e+") == std::string::npos);
    CHECK(json.find(".0,") == std::string::npos);
    CHECK(json.find(".0\n") == std::string::npos);
  }

  SECTION("byte-identical twice, and independent of the language option") {
    CHECK(redtape::to_json(r, c) == json);
    CHECK(redtape::to_json(r, c, {"vi"}) == json);
  }
}

TEST_CASE("report JSON of an empty audit", "[report]") {
  const std::string json = redtape::to_json({}, redtape::catalog{});
  CHECK_THAT(json, Contains("\"procedures\": [],\n  \"findings\": [],\n"));
  CHECK_THAT(json, EndsWith("\"problems\": [],\n  \"load_errors\": [],\n  \"suppressed\": []\n}\n"));
}

TEST_CASE("report JSON sample for the schema test", "[report]") {
  // tests/report/validate_schema.py checks this file against
  // docs/report.schema.json (ctest report.schema).
  const std::string json = redtape::to_json(full_report(), sample_catalog());
  CHECK_THAT(json, Contains("\"new_form\": \"copy\""));
  CHECK_THAT(json, Contains("\"new_location\": \"one_stop_centre\""));
  CHECK_THAT(json, Contains("\"code\": \"rule-failed\""));
  CHECK_THAT(json, Contains("\"load_errors\": [\n    {\n      \"file\": \"imported/bo-x/1.000001.yaml\""));
  CHECK_THAT(json, Contains("\"downgraded\": \"no_saving\",\n      \"location\": {"));
  CHECK_THAT(json, Contains("\"suppressed\": [\n    {\n      \"rule\": \"once-only\",\n      \"procedure\": \"1.001612\",\n"
                            "      \"step\": \"submit\",\n      \"document\": \"household_registration\",\n"
                            "      \"reason\": \"waived\",\n      \"message\": {\n"));
  CHECK_THAT(json, Contains("\"file\": \"catalog/enterprise.yaml\",\n        \"line\": 21,\n        \"column\": 11\n"));
#ifdef REDTAPE_REPORT_SAMPLE
  // ctest may run this case twice at once (as itself and as the fixture of
  // report.schema): write aside, then rename, so a reader never sees half.
  const std::filesystem::path target = REDTAPE_REPORT_SAMPLE;
  std::filesystem::create_directories(target.parent_path());
  const std::filesystem::path temporary =
      target.string() + ".tmp" + std::to_string(std::random_device{}());
  {
    std::ofstream file(temporary, std::ios::binary);
    file << json;
    REQUIRE(file.good());
  }
  std::filesystem::rename(temporary, target);
#endif
}

TEST_CASE("report CSV: header, one row per finding, RFC 4180 quoting", "[report]") {
  const redtape::catalog c = sample_catalog();
  const redtape::audit_report r = sample_report();
  const std::string csv = redtape::to_csv(r, c, {"vi"});

  const std::string header =
      "rule,severity,procedure,procedure_name,steps,documents,suggestion,message,saving_days,"
      "saving_applicant_hours,saving_visits,saving_documents,saving_cost_per_application,"
      "saving_cost_per_year,file,line,column\n";
  CHECK_THAT(csv, StartsWith(header));
  CHECK(csv.find('\r') == std::string::npos);
  CHECK(csv.rfind("\xEF\xBB\xBF", 0) == std::string::npos);  // no BOM

  const auto records = parse_csv(csv);
  REQUIRE(records.size() == 1 + r.findings.size());
  for (const auto& record : records) CHECK(record.size() == 17);

  const auto& once = records[1];
  CHECK(once[0] == "once-only");
  CHECK(once[1] == "warning");
  CHECK(once[2] == "1.001612");
  CHECK(once[3] == "Đăng ký thành lập doanh nghiệp tư nhân, \"DNTN\"");
  CHECK(once[4] == "submit");
  CHECK(once[5] == "citizen_id");
  CHECK(once[6] == "reuse_data");
  CHECK(once[7] == tricky_vi);
  CHECK(once[8] == "0");
  CHECK(once[9] == "0.5");
  CHECK(once[13] == "12000000");
  CHECK(once[14] == "catalog/enterprise.yaml");
  CHECK(once[15] == "14");
  CHECK(once[16] == "11");
  // Quotes doubled inside a quoted field; the newline kept inside it.
  CHECK_THAT(csv, Contains("\"Đăng ký thành lập doanh nghiệp tư nhân, \"\"DNTN\"\"\""));
  CHECK_THAT(csv, Contains("\"Giấy tờ \"\"CCCD\"\", đã có trong CSDL quốc gia về dân cư\nKhông"));

  const auto& merge = records[2];
  CHECK(merge[4] == "receive;check");
  CHECK(merge[8] == "1.5");
  CHECK(merge[14] == "catalog/household.yaml");

  const auto& shared = records[3];
  CHECK(shared[2].empty());
  CHECK(shared[3].empty());
  CHECK(shared[13] == "3500000.25");

  const auto english = parse_csv(redtape::to_csv(r, c, {"en"}));
  CHECK(english[1][3] == "Registering a private enterprise");
  CHECK(english[1][7] == tricky_en);
  CHECK(english[2][7] == "Merge\tthe steps\x01");

  CHECK(redtape::to_csv(r, c, {"vi"}) == csv);
  CHECK(redtape::to_csv({}, c) == header);
}

TEST_CASE("report Markdown: ranking, money, escaping, in English", "[report]") {
  const redtape::catalog c = sample_catalog();
  const redtape::audit_report r = sample_report();
  const std::string md = redtape::to_markdown(r, c, {"en"});

  CHECK_THAT(md, StartsWith("# Administrative procedure audit\n"));
  CHECK_THAT(md, EndsWith("(citizen_id)\n"));  // one newline at the end, no blank line
  CHECK(md.find("\n\n\n") == std::string::npos);
  CHECK_THAT(md, Contains("- Procedures audited: 3\n"));
  CHECK_THAT(md, Contains("- Findings: 3 (error: 0, warning: 1, note: 2)\n"));
  CHECK_THAT(md, Contains("all procedures: 242,000,000 VND\n"));
  CHECK_THAT(md, Contains("- Saving per year with every non-conflicting suggestion applied: "
                          "12,000,000 VND (5% of the cost)\n"));
  CHECK_THAT(md, Contains("- Compliance cost per year after simplification: 230,000,000 VND\n"));
  CHECK_THAT(md, Contains("- Elapsed time per application (mean weighted by applications a year): "
                          "5.7 working days, 0.3 fewer after simplification (4.8%)\n"));

  // Ranked by annual saving (A), then cost per year (C before B).
  const std::size_t ranking = md.find("## Procedures ranked by annual saving");
  REQUIRE(ranking != std::string::npos);
  check_order(md,
              {"| ID | Procedure | Elapsed days | Visits | Documents | Cost per application | "
               "Cost per year | Findings | Saving per year |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n",
               "| 1.001612 | Registering a private enterprise | 2.5 | 1 | 3 | 190,000 VND | "
               "228,000,000 VND | 1 | 12,000,000 VND |\n",
               "| 3.000003 | Criminal record certificate | 10 | 0 | 0 | 9,000 VND | 9,000,000 VND | 0 | "
               "0 VND |\n",
               "| 2.000001 | Permanent residence registration | 5 | 2 | 3 | 10,000 VND | 5,000,000 VND "
               "| 1 | 0 VND |\n"},
              ranking);
  // The sections follow the same order.
  check_order(md, {"### 1.001612 — Registering a private enterprise", "### 3.000003 — ",
                   "### 2.000001 — "});

  SECTION("catalog-level findings") {
    check_order(md, {"## Catalog-level findings\n",
                     "| shared-registry | Citizen identity card (citizen_id) | 2 | 3,500,000 VND | "
                     "1.001612, 2.000001 |\n",
                     "## Procedures in detail"});
    CHECK_THAT(md, Contains("Also named in catalog-level findings: shared-registry (citizen_id)\n"));
  }

  SECTION("a procedure's section") {
    const std::size_t a = md.find("### 1.001612");
    check_order(md,
                {"Source: catalog/enterprise.yaml:4\n", "| Metric | Before | After | Saving |\n",
                 "| Elapsed time (working days) | 2.5 | 2.5 | 0 |\n",
                 "| Applicant hours | 3.25 | 2.75 | 0.5 |\n",
                 "| Documents demanded (copies) | 3 (3) | 2 (2) | 1 (1) |\n",
                 "| Fees | 50,000 VND | 50,000 VND | 0 VND |\n",
                 "| Cost per year | 228,000,000 VND | 216,000,000 VND | 12,000,000 VND |\n",
                 "Applications per year: 1,200\n", "Critical path: submit → check → issue\n",
                 "(PERT, Monte Carlo): P50 2.6, P90 3.4 now; P50 2.6, P90 3.4 after simplification\n",
                 "#### Findings\n",
                 "| Severity | Rule | Steps / documents | Message | Suggestion | Saving (days) | Saving "
                 "per year | Applied |\n",
                 "| warning | once-only | Steps: submit<br>Documents: citizen_id | The citizen ID, held "
                 "in the national population database<br>Do not ask for it again \\| Decree 45/2020 | "
                 "Reuse data the government holds | 0 | 12,000,000 VND | ✓ |\n"},
                a);
    CHECK_THAT(md, Contains("| note | same-actor-in-a-row | Steps: receive, check | Merge the steps  | "
                            "Merge the steps | 1.5 | 0 VND | ✓ |\n"));
    // C's durations are certain: no P50/P90 line.
    CHECK(md.find("P50 10") == std::string::npos);
    CHECK_THAT(md, Contains("### 3.000003 — Criminal record certificate\n\nSource: catalog/household.yaml:40\n"));
    CHECK_THAT(md, Contains("#### Findings\n\nNo findings.\n"));
    CHECK_THAT(md, Contains("## Procedures in detail\n\nFor each procedure: its metrics before and after"));
    CHECK_THAT(md, Contains("Critical path: submit → receive → check → issue; after simplification: "
                            "submit → receive → issue\n"));
  }

  CHECK(redtape::to_markdown(r, c, {"en"}) == md);
}

TEST_CASE("report Markdown in Vietnamese", "[report]") {
  const redtape::catalog c = sample_catalog();
  redtape::audit_report r = sample_report();
  const std::string md = redtape::to_markdown(r, c, {"vi"});

  CHECK_THAT(md, StartsWith("# Báo cáo rà soát thủ tục hành chính\n"));
  CHECK_THAT(md, Contains("## Tóm tắt\n"));
  CHECK_THAT(md, Contains("- Số phát hiện: 3 (lỗi: 0, cảnh báo: 1, ghi chú: 2)\n"));
  CHECK_THAT(md, Contains(": 242.000.000 VND\n"));
  check_order(md, {"## Thủ tục xếp theo mức tiết kiệm hằng năm",
                   "| 1.001612 | Đăng ký thành lập doanh nghiệp tư nhân, \"DNTN\" | 2,5 | 1 | 3 | "
                   "190.000 VND | 228.000.000 VND | 1 | 12.000.000 VND |\n",
                   "| 3.000003 | Cấp phiếu lý lịch tư pháp |", "| 2.000001 | Đăng ký thường trú |",
                   "## Phát hiện ở cấp danh mục",
                   "| shared-registry | Căn cước công dân (citizen_id) | 2 | 3.500.000 VND |",
                   "## Chi tiết từng thủ tục"});
  // `|` escaped, the newline a <br>, quotes and commas kept.
  CHECK_THAT(md, Contains("| cảnh báo | once-only | Bước: submit<br>Giấy tờ: citizen_id | Giấy tờ \"CCCD\", "
                          "đã có trong CSDL quốc gia về dân cư<br>Không yêu cầu nộp lại \\| Nghị định "
                          "45/2020 | Khai thác dữ liệu nhà nước đã có | 0 | 12.000.000 VND | ✓ |\n"));
  CHECK_THAT(md, Contains("| Số giờ của người nộp hồ sơ | 3,25 | 2,75 | 0,5 |\n"));
  CHECK_THAT(md, Contains("- Tiết kiệm mỗi năm khi áp dụng mọi đề xuất không xung đột: 12.000.000 VND (5% chi phí)\n"));

  SECTION("an unknown volume shows no cost per year rather than 0") {
    r.procedures[2].volume_per_year = 0;
    r.procedures[2].metrics.cost_per_year = 0;
    const std::string unknown = redtape::to_markdown(r, c, {"vi"});
    CHECK_THAT(unknown, Contains("| 3.000003 | Cấp phiếu lý lịch tư pháp | 10 | 0 | 0 | 9.000 VND | — | 0 | — |\n"));
    CHECK_THAT(unknown, Contains("Số hồ sơ mỗi năm: chưa rõ\n"));
  }

  SECTION("problems are listed") {
    const std::string full = redtape::to_markdown(full_report(), c, {"vi"});
    CHECK_THAT(full, Contains("## Sự cố khi rà soát\n\n- catalog/household.yaml:40:3: lỗi: quy tắc \"x\" gặp lỗi: bad_alloc\n"));
  }

  SECTION("what rules left alone on purpose is listed with its reason") {
    const std::string full = redtape::to_markdown(full_report(), c, {"en"});
    CHECK_THAT(full, Contains("## Left alone on purpose (1)\n\nPapers the state holds that a rule did not flag"));
    CHECK_THAT(full, Contains("| 1.001612 | submit | once-only | household_registration | the demand already waives it "
                              "when the data can be read |\n"));
    CHECK(redtape::to_markdown(r, c, {"en"}).find("Left alone on purpose") == std::string::npos);
  }

  SECTION("files left out come first, each with its located errors") {
    const std::string full = redtape::to_markdown(full_report(), c, {"en"});
    CHECK_THAT(full, Contains("## Files left out: they did not load (1)\n\n"
                              "This audit covers every other file. Fix these files and audit again to include them.\n\n"
                              "- imported/bo-x/1.000001.yaml\n"
                              "  - imported/bo-x/1.000001.yaml:31:18: error: the file is not valid UTF-8\n"));
    CHECK(full.find("## Files left out") < full.find("## Summary"));
    CHECK(redtape::to_markdown(r, c, {"en"}).find("Files left out") == std::string::npos);
  }
}

TEST_CASE("report CSV: files left out are rows of rule load-error", "[report]") {
  const redtape::catalog c = sample_catalog();
  const redtape::audit_report r = full_report();
  const auto records = parse_csv(redtape::to_csv(r, c, {"vi"}));
  REQUIRE(records.size() == 1 + r.findings.size() + 1);
  const auto& row = records.back();
  REQUIRE(row.size() == 17);
  CHECK(row[0] == "load-error");
  CHECK(row[1] == "error");
  CHECK(row[2].empty());
  CHECK(row[7] == "tệp không phải UTF-8 hợp lệ");
  CHECK(row[14] == "imported/bo-x/1.000001.yaml");
  CHECK(row[15] == "31");
  CHECK(row[16] == "18");
}

TEST_CASE("report Markdown ties: cost per year, then id", "[report]") {
  const redtape::catalog c = sample_catalog();
  redtape::audit_report r;
  for (const char* id : {"b", "c", "a"}) {
    auto p = make_procedure(id, {id, id}, 0, 1, 10);
    p.metrics.cost_per_year = std::string_view(id) == "c" ? 100 : 50;
    r.procedures.push_back(p);
  }
  r.totals.procedures = 3;
  const std::string md = redtape::to_markdown(r, c);
  check_order(md, {"| c | c |", "| a | a |", "| b | b |"});
  CHECK_THAT(md, Contains("## Catalog-level findings\n\nNone.\n"));
  CHECK(md.find("Saving per year with every") == std::string::npos);  // nothing to save
}

TEST_CASE("report Markdown: long lists shortened, an empty audit", "[report]") {
  const redtape::catalog c = sample_catalog();
  redtape::audit_report r;
  redtape::finding shared;
  shared.rule = "shared-registry";
  shared.suggestion.kind = redtape::suggestion_kind::shared_registry;
  shared.documents = {"citizen_id"};
  for (int i = 1; i <= 12; ++i) shared.procedures.push_back(fmt::format("p{:02}", i));
  r.findings = {shared};
  r.totals.findings = 1;
  const std::string md = redtape::to_markdown(r, c, {"en"});
  CHECK_THAT(md, Contains("| 12 | 0 VND | p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, and 2 more |\n"));
  CHECK_THAT(redtape::to_markdown(r, c, {"vi"}), Contains("p10, và 2 thủ tục khác |\n"));

  const std::string empty = redtape::to_markdown({}, c, {"en"});
  CHECK_THAT(empty, Contains("## Procedures ranked by annual saving\n\nNo procedures.\n"));
  CHECK(empty.find("## Procedures in detail") == std::string::npos);
  CHECK_THAT(empty, EndsWith("None.\n"));
}
