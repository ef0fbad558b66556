// The hand-labelled findings of the real catalog's audit stay found.
//
// tests/data/real/labels.csv holds the latest seeded sample of 50 findings of
// the audit of ../shared/data (1,498 portal records), each labelled right or
// wrong by hand, plus "extra" rows: labelled-right findings whose procedures
// are among the real records copied into tests/data/real (see labels.md);
// labels-round1.csv … labels-round4.csv keep the earlier rounds. This test
// imports those copied records, audits them with the built-in rules, and
// checks that every labelled-right finding on a procedure it holds is still
// reported with the same rule, procedure and steps. It needs no ../shared.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/audit.hpp"
#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "redtape/rules.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path real_dir = fs::path(REDTAPE_TEST_DATA) / "real";

struct temp_dir {
  fs::path path;
  temp_dir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("redtape_test_real_labels_" + std::to_string(std::random_device{}()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
};

// RFC 4180: fields separated by commas, quoted with "", "" inside quotes is ".
std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
      // part of a CRLF line end
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct label {
  std::string sample_index, rule, procedure;
  std::vector<std::string> steps;
};

}  // namespace

TEST_CASE("every round of labels is a whole sample of 50, each label with its reason", "[real]") {
  for (const char* name : {"labels.csv", "labels-round1.csv", "labels-round2.csv", "labels-round3.csv",
                           "labels-round4.csv"}) {
    INFO(name);
    const auto rows = read_csv(real_dir / name);
    REQUIRE(rows.size() > 50);
    std::size_t sampled = 0, right = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& r = rows[i];
      REQUIRE(r.size() == 8);
      REQUIRE((r[6] == "right" || r[6] == "wrong"));
      REQUIRE_FALSE(r[7].empty());
      if (r[0] == "extra") continue;
      ++sampled;
      right += r[6] == "right";
    }
    CHECK(sampled == 50);
    CHECK(right > 0);
  }
}

TEST_CASE("the labelled-right findings of the real catalog are still found", "[real]") {
  const auto rows = read_csv(real_dir / "labels.csv");
  REQUIRE(rows.size() > 50);
  const std::vector<std::string> header{"sample_index", "finding_index", "rule",  "procedure",
                                        "steps",        "documents",     "label", "reason"};
  REQUIRE(rows.front() == header);

  std::vector<label> right;
  std::size_t sampled = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    REQUIRE(r.size() == header.size());
    INFO("labels.csv row " << i + 1);
    REQUIRE((r[6] == "right" || r[6] == "wrong"));
    REQUIRE_FALSE(r[7].empty());  // every label has its reason
    if (r[0] != "extra") ++sampled;
    if (r[6] == "right") right.push_back({r[0], r[2], r[3], split_words(r[4])});
  }
  CHECK(sampled == 50);

  temp_dir dir;
  const auto summary = redtape::import_dichvucong(
      {real_dir / "dichvucong", real_dir / "dichvucong-7sins" / "data.json"}, dir.path / "catalog");
  REQUIRE(summary.skipped == 0);
  const auto loaded = redtape::try_load({dir.path / "catalog"});
  REQUIRE(loaded.ok());
  const auto report = redtape::audit(*loaded.catalog, redtape::rule_set::builtin());

  std::set<std::string> procedures;
  for (const auto& p : report.procedures) procedures.insert(p.id);

  std::size_t checked = 0;
  for (const auto& l : right) {
    if (l.procedure.empty() || procedures.count(l.procedure) == 0) continue;  // not among the copied records
    ++checked;
    bool found = false;
    for (const auto& f : report.findings)
      if (f.rule == l.rule && f.procedure == l.procedure && f.steps == l.steps) found = true;
    INFO("sample " << l.sample_index << ": " << l.rule << " on " << l.procedure);
    CHECK(found);
  }
  // The extra rows exist so that this test checks something: keep it so.
  CHECK(checked >= 5);
}
