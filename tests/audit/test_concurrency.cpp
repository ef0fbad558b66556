// Concurrency: one const catalog audited from several threads at once gives,
// byte for byte, the JSON report of a single audit; the audit's own workers
// (audit_options::jobs) and the loader's (load_options::jobs) give what one
// thread gives, also while other threads do the same. The tsan preset runs
// these under ThreadSanitizer (`cmake --workflow --preset tsan`), which fails
// on any data race they provoke.
//
// Catch2 v2's assertions are not thread-safe: the worker threads only record
// what they produced, and the main thread compares.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/audit.hpp"
#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "redtape/model.hpp"
#include "redtape/report.hpp"
#include "redtape/rules.hpp"

namespace fs = std::filesystem;

namespace {

constexpr unsigned thread_count = 4;
constexpr unsigned round_count = 3;
// Loads are slower under ThreadSanitizer: fewer rounds keep the TSan run short.
constexpr unsigned load_round_count = 2;

const fs::path examples_catalog = fs::path(REDTAPE_EXAMPLES) / "catalog";
const fs::path real_records = fs::path(REDTAPE_TEST_DATA) / "real";
const fs::path bad_files = fs::path(REDTAPE_TEST_DATA) / "load" / "bad";

/// Run `work(thread, round)` on `threads` threads, `rounds` times on each.
/// The threads wait for one another before their first call so that the
/// calls overlap. Returns what each call gave, at [thread * rounds + round];
/// a call that throws gives "threw: <what>".
template <class Work>
std::vector<std::string> run_together(unsigned threads, unsigned rounds, const Work& work) {
  std::vector<std::string> out(std::size_t{threads} * rounds);
  std::latch start(threads);
  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      start.arrive_and_wait();
      for (unsigned r = 0; r < rounds; ++r) {
        std::string& slot = out[std::size_t{t} * rounds + r];
        try {
          slot = work(t, r);
        } catch (const std::exception& e) {
          slot = std::string("threw: ") + e.what();
        }
      }
    });
  pool.clear();  // joins
  return out;
}

/// Empty when equal; else where the texts part, with some context, so that a
/// failure does not print two whole reports.
std::string difference(const std::string& got, const std::string& expected) {
  if (got == expected) return {};
  const auto at = static_cast<std::size_t>(
      std::mismatch(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(std::min(got.size(), expected.size())),
                    expected.begin())
          .first -
      got.begin());
  const std::size_t from = at < 80 ? 0 : at - 80;
  return "sizes " + std::to_string(got.size()) + " and " + std::to_string(expected.size()) +
         ", first difference at byte " + std::to_string(at) + ":\n  got:      …" + got.substr(from, 200) +
         "\n  expected: …" + expected.substr(from, 200);
}

void check_all_equal(const std::vector<std::string>& got, const std::string& expected) {
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("call " << i << " (thread " << i * thread_count / got.size() << ")");
    CHECK(difference(got[i], expected).empty());
  }
}

std::string messages(const redtape::load_result& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.format() + "\n";
  return out;
}

redtape::catalog must_load(const fs::path& path, const redtape::load_options& options = {}) {
  auto r = redtape::try_load({path}, options);
  INFO(messages(r));
  REQUIRE(r.ok());
  return std::move(*r.catalog);
}

/// The real portal records of tests/data/real imported into a fresh folder
/// under the temporary directory, removed with the object.
struct imported_real_records {
  fs::path dir = fs::temp_directory_path() / ("redtape_test_concurrency_" + std::to_string(std::random_device{}()));
  imported_real_records() {
    fs::remove_all(dir);
    redtape::import_options o;
    o.jobs = 4;  // the importer's workers too
    const auto summary = redtape::import_dichvucong(
        {real_records / "dichvucong", real_records / "dichvucong-7sins" / "data.json"}, dir, o);
    CHECK(summary.skipped == 0);
    REQUIRE(summary.procedures > 30);
  }
  ~imported_real_records() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  imported_real_records(const imported_real_records&) = delete;
  imported_real_records& operator=(const imported_real_records&) = delete;
};

/// Everything a loaded catalog holds that a reader sees, as text: its files,
/// and each procedure with its place and written back as YAML.
std::string fingerprint(const redtape::catalog& c) {
  std::string out;
  for (const auto& f : c.files) out += f + "\n";
  for (const auto& p : c.procedures)
    out += p.id + " @ " + c.file_of(p.location) + ":" + std::to_string(p.location.line) + ":" +
           std::to_string(p.location.column) + "\n" + redtape::to_yaml(c, p) + "\n";
  return out;
}

std::string fingerprint(const redtape::load_result& r) {
  std::string out = (r.ok() ? fingerprint(*r.catalog) : "no catalog\n") + messages(r);
  for (const auto& s : r.skipped) out += "left out: " + s.file + "\n";
  return out;
}

std::string audit_json(const redtape::catalog& c, const redtape::rule_set& rules, unsigned jobs) {
  redtape::audit_options o;
  o.jobs = jobs;
  return redtape::to_json(redtape::audit(c, rules, o), c);
}

/// A single-threaded audit's JSON, checked to say something: every procedure
/// reported, and findings to agree on.
std::string reference_json(const redtape::catalog& c, const redtape::rule_set& rules) {
  redtape::audit_options one;
  one.jobs = 1;
  const auto report = redtape::audit(c, rules, one);
  REQUIRE(report.procedures.size() == c.procedures.size());
  REQUIRE(report.findings.size() >= c.procedures.size() / 4);
  CHECK(report.problems.empty());
  return redtape::to_json(report, c);
}

}  // namespace

TEST_CASE("concurrent: audits of one shared catalog from several threads give identical reports",
          "[concurrency][audit]") {
  const redtape::rule_set rules = redtape::rule_set::builtin();
  const imported_real_records real;
  const std::vector<std::pair<std::string, redtape::catalog>> catalogs{
      {"examples/catalog", must_load(examples_catalog)}, {"tests/data/real", must_load(real.dir)}};
  for (const auto& [name, c] : catalogs) {
    INFO(name << ": " << c.procedures.size() << " procedures");
    const std::string expected = reference_json(c, rules);
    // Half of the calls also start workers of their own.
    check_all_equal(run_together(thread_count, round_count,
                                 [&](unsigned t, unsigned r) { return audit_json(c, rules, (t + r) % 2 ? 2 : 1); }),
                    expected);
  }
}

TEST_CASE("concurrent: the audit's own workers give the report of one thread", "[concurrency][audit]") {
  const redtape::rule_set rules = redtape::rule_set::builtin();
  const imported_real_records real;
  for (const fs::path& path : {examples_catalog, real.dir}) {
    const redtape::catalog c = must_load(path);
    const std::string expected = reference_json(c, rules);
    for (unsigned jobs : {2u, 3u, 4u, 8u, 0u}) {
      INFO(path.filename().string() << " with jobs = " << jobs);
      CHECK(difference(audit_json(c, rules, jobs), expected).empty());
    }
  }
}

TEST_CASE("concurrent: one report written from several threads gives the same text", "[concurrency][report]") {
  const redtape::catalog c = must_load(examples_catalog);
  const redtape::audit_report report = redtape::audit(c, redtape::rule_set::builtin());
  REQUIRE_FALSE(report.findings.empty());
  redtape::report_options vi;
  vi.lang = "vi";
  const std::string expected = redtape::to_json(report, c) + redtape::to_csv(report, c, vi) +
                               redtape::to_markdown(report, c) + redtape::to_markdown(report, c, vi);
  check_all_equal(run_together(thread_count, round_count,
                               [&](unsigned, unsigned) {
                                 return redtape::to_json(report, c) + redtape::to_csv(report, c, vi) +
                                        redtape::to_markdown(report, c) + redtape::to_markdown(report, c, vi);
                               }),
                  expected);
}

TEST_CASE("concurrent: try_load with workers in several threads at once gives the catalog of one thread",
          "[concurrency][load]") {
  const imported_real_records real;
  struct load_case {
    std::string name;
    std::vector<fs::path> paths;
    bool keep_going = false;
  };
  // The bad files come in batch mode only: that reports every one of their
  // errors too, and each load of them is slow under ThreadSanitizer.
  const std::vector<load_case> cases{{"examples/catalog", {examples_catalog}},
                                     {"tests/data/real imported", {real.dir}},
                                     {"examples and bad files, batch mode", {examples_catalog, bad_files}, true}};
  for (const auto parser : {redtape::yaml_parser::libyaml, redtape::yaml_parser::yaml_cpp}) {
    for (const auto& lc : cases) {
      INFO(lc.name << (parser == redtape::yaml_parser::libyaml ? " (libyaml)" : " (yaml-cpp)"));
      redtape::load_options one;
      one.jobs = 1;
      one.parser = parser;
      one.keep_going = lc.keep_going;
      const auto reference = redtape::try_load(lc.paths, one);
      // What the reference must hold for the comparison to mean something:
      // the good folders load whole; batch mode keeps the good files, leaves
      // the bad ones out and reports an error per bad file at least.
      REQUIRE(reference.ok());
      CHECK(reference.complete() == !lc.keep_going);
      if (lc.keep_going) {
        CHECK(reference.error_count() >= 20);
        CHECK(reference.skipped.size() >= 20);
        CHECK(reference.catalog->procedures.size() >= 8);
      }
      const std::string expected = fingerprint(reference);
      check_all_equal(run_together(thread_count, load_round_count,
                                   [&](unsigned t, unsigned) {
                                     redtape::load_options o = one;
                                     o.jobs = t % 2 ? 4 : 0;
                                     return fingerprint(redtape::try_load(lc.paths, o));
                                   }),
                      expected);
    }
  }
}
