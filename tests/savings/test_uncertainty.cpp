// Elapsed time under uncertainty (docs/savings.md "Uncertainty: P50 and
// P90"): steps given as [min, likely, max] are drawn from a Beta-PERT
// distribution (shape 4) by Monte Carlo with a fixed seed, so the same
// procedure gives the same P50/P90 every run; with no range, P50 = P90 =
// elapsed_days.
//
// Tolerances. Beta-PERT(a, m, b) has α = 1 + 4(m − a)/(b − a),
// β = 1 + 4(b − m)/(b − a), mean (a + 4m + b)/6 and standard deviation
// σ = (b − a)·√(αβ / ((α + β)²(α + β + 1))). The sample median of n draws has
// a standard error √(0.25/n) / f(median), f the density; the sample mean
// σ/√n. For [2, 4, 6] (α = β = 3, symmetric: median = mean = 4) and n = 1,000:
// σ = 0.756, the median's standard error 0.034 days, the 0.9-quantile's
// 0.037 (the exact quantile is 5.013, by numerical integration of the
// density). A tolerance of 0.15 days is over 4 standard errors, and also
// covers the sampler's tabulated inverse distribution function (257 points,
// an error well under 0.01 day in the middle of the range). The figures are
// deterministic (fixed seed): the tolerance is there to say how close the
// implementation must be to the distribution, not to absorb flakiness.
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "redtape/audit.hpp"
#include "redtape/rules.hpp"

using namespace savings_test;

namespace {

struct fixture {
  redtape::catalog catalog;
  redtape::procedure p;
  redtape::cost_model costs;
};

fixture make(std::string_view procedure_yaml) {
  fixture f{with_registry(procedure_yaml), {}, {}};
  f.p = only_procedure(f.catalog);
  f.costs = f.catalog.cost_model_for(f.p);
  return f;
}

// submit → receive 1 → review [2, 4, 6] → issue 1: the ranged step is on the
// only path. Elapsed (likely values) 6; longest possible 1 + 6 + 1 = 8;
// shortest 1 + 2 + 1 = 4.
constexpr std::string_view one_range = R"(procedure:
  id: "U.one_range"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 1}
    - {id: review, actor: fire, action: inspect, duration_days: [2, 4, 6]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1}
)";

// The same with a skewed range [1, 2, 9]: PERT mean (1 + 8 + 9)/6 = 3, the
// distribution's median 2.769 (numerical integration), σ = 1.309, the
// median's standard error over 1,000 runs 0.055 days.
constexpr std::string_view skewed_range = R"(procedure:
  id: "U.skewed"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 1}
    - {id: review, actor: fire, action: inspect, duration_days: [1, 2, 9]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1}
)";

}  // namespace

TEST_CASE("P50/P90 are reproducible run to run", "[savings]") {
  auto f = make(one_range);
  redtape::elapsed_distribution a = redtape::elapsed_quantiles(f.p, f.costs);
  redtape::elapsed_distribution b = redtape::elapsed_quantiles(f.p, f.costs);
  // Exact equality: the same seed, the same draws, the same figures.
  CHECK(a.p50 == b.p50);
  CHECK(a.p90 == b.p90);
  CHECK(a.mean == b.mean);
  CHECK(a.uncertain);
  // The defaults are the documented ones: 1,000 runs, seed 20201.
  redtape::uncertainty_options defaults;
  CHECK(defaults.runs == 1000);
  CHECK(defaults.seed == 20201);
  redtape::elapsed_distribution c = redtape::elapsed_quantiles(f.p, f.costs, {1000, 20201});
  CHECK(c.p50 == a.p50);
  CHECK(c.p90 == a.p90);
  // A copy of the procedure, loaded again, gives the same figures.
  auto g = make(one_range);
  redtape::elapsed_distribution d = redtape::elapsed_quantiles(g.p, g.costs);
  CHECK(d.p50 == a.p50);
  CHECK(d.p90 == a.p90);
}

TEST_CASE("P50/P90: seed and number of runs are configurable", "[savings]") {
  auto f = make(one_range);
  redtape::elapsed_distribution base = redtape::elapsed_quantiles(f.p, f.costs, {1000, 20201});

  SECTION("another seed, other draws (and again the same for that seed)") {
    redtape::elapsed_distribution other = redtape::elapsed_quantiles(f.p, f.costs, {1000, 7});
    CHECK((other.p50 != base.p50 || other.p90 != base.p90 || other.mean != base.mean));
    redtape::elapsed_distribution again = redtape::elapsed_quantiles(f.p, f.costs, {1000, 7});
    CHECK(again.p50 == other.p50);
    CHECK(again.p90 == other.p90);
    // Both near the distribution: see the tolerances at the top.
    CHECK(other.p50 == Approx(6).margin(0.15));
  }
  SECTION("one run: P50 = P90 = mean = that run's draw") {
    redtape::elapsed_distribution one = redtape::elapsed_quantiles(f.p, f.costs, {1, 20201});
    CHECK(one.uncertain);
    CHECK(one.p50 == one.p90);
    CHECK(one.mean == one.p50);
    CHECK(one.p50 >= 4);  // 1 + 2 + 1
    CHECK(one.p50 <= 8);  // 1 + 6 + 1
  }
  SECTION("more runs, other figures") {
    redtape::elapsed_distribution few = redtape::elapsed_quantiles(f.p, f.costs, {10, 20201});
    redtape::elapsed_distribution many = redtape::elapsed_quantiles(f.p, f.costs, {20000, 20201});
    CHECK(few.mean != many.mean);
    // 20,000 runs: the median's standard error is 0.034 × √(1000/20000) = 0.008.
    CHECK(many.p50 == Approx(6).margin(0.05));
    CHECK(many.p90 == Approx(7.013).margin(0.05));
  }
  SECTION("the audit passes audit_options::uncertainty on") {
    redtape::audit_options options;
    options.uncertainty = {500, 99};
    redtape::audit_report r = redtape::audit(f.catalog, redtape::rule_set::builtin(), options);
    REQUIRE(r.procedures.size() == 1);
    redtape::elapsed_distribution direct = redtape::elapsed_quantiles(f.p, f.costs, {500, 99});
    CHECK(r.procedures[0].elapsed_before.p50 == direct.p50);
    CHECK(r.procedures[0].elapsed_before.p90 == direct.p90);
    redtape::audit_report r2 = redtape::audit(f.catalog, redtape::rule_set::builtin(), options);
    CHECK(r2.procedures[0].elapsed_before.p50 == r.procedures[0].elapsed_before.p50);
    CHECK(r2.procedures[0].elapsed_after.p90 == r.procedures[0].elapsed_after.p90);
  }
}

TEST_CASE("no range anywhere: P50 = P90 = elapsed, not uncertain", "[savings]") {
  auto f = make(R"(procedure:
  id: "U.fixed"
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: dpi, action: check, duration_days: 2.5, after: [submit]}
    - {id: b, actor: tax, action: check, duration_days: 4, after: [submit]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, after: [a, b]}
)");
  // elapsed = max(2.5, 4) + 1 = 5
  redtape::metrics m = redtape::compute_metrics(f.p, f.costs);
  REQUIRE(m.elapsed_days == Approx(5));
  redtape::elapsed_distribution d = redtape::elapsed_quantiles(f.p, f.costs);
  CHECK_FALSE(d.uncertain);
  CHECK(d.p50 == m.elapsed_days);
  CHECK(d.p90 == m.elapsed_days);
  CHECK(d.mean == m.elapsed_days);
  // A range of zero width ([3, 3, 3]) is no range.
  auto g = make(R"(procedure:
  id: "U.flat"
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: dpi, action: check, duration_days: [3, 3, 3]}
)");
  redtape::elapsed_distribution e = redtape::elapsed_quantiles(g.p, g.costs);
  CHECK_FALSE(e.uncertain);
  CHECK(e.p50 == 3);
  CHECK(e.p90 == 3);
}

TEST_CASE("one ranged step on the critical path: P50 near the PERT mean, P90 above it",
          "[savings]") {
  SECTION("symmetric [2, 4, 6]") {
    auto f = make(one_range);
    redtape::metrics m = redtape::compute_metrics(f.p, f.costs);
    CHECK(m.elapsed_days == Approx(6));  // 1 + 4 (likely) + 1
    redtape::elapsed_distribution d = redtape::elapsed_quantiles(f.p, f.costs);
    CHECK(d.uncertain);
    // PERT mean 1 + (2 + 4·4 + 6)/6 + 1 = 6 = the median here (symmetric).
    CHECK(d.p50 == Approx(6).margin(0.15));
    // Sample mean: σ/√n = 0.756/31.6 = 0.024; 0.1 is 4 of them.
    CHECK(d.mean == Approx(6).margin(0.1));
    // P90: 1 + 5.013 + 1 = 7.013, standard error 0.037.
    CHECK(d.p90 == Approx(7.013).margin(0.15));
    CHECK(d.p90 > d.p50);
    CHECK(d.p90 <= 8);  // the longest path: 1 + 6 + 1
    CHECK(d.p50 >= 4);  // the shortest: 1 + 2 + 1
  }
  SECTION("skewed [1, 2, 9]") {
    auto f = make(skewed_range);
    redtape::elapsed_distribution d = redtape::elapsed_quantiles(f.p, f.costs);
    CHECK(redtape::compute_metrics(f.p, f.costs).elapsed_days == Approx(4));  // 1 + 2 + 1
    // PERT mean 1 + 3 + 1 = 5. The median (1 + 2.769 + 1 = 4.769) is below it
    // by 0.231; with 4 standard errors (0.22) P50 is within 0.45 of the mean.
    CHECK(d.p50 == Approx(5).margin(0.45));
    CHECK(d.p50 == Approx(4.769).margin(0.25));
    CHECK(d.mean == Approx(5).margin(0.17));  // 4 × 1.309 / √1000 = 0.166
    CHECK(d.p90 > d.p50);
    CHECK(d.p90 <= 11);  // 1 + 9 + 1
  }
}

TEST_CASE("P50/P90 take the longest path of each draw", "[savings]") {
  SECTION("a ranged step off the critical path changes nothing") {
    // b [1, 2, 3] runs beside a (10 days): the path is a's whatever b draws.
    auto f = make(R"(procedure:
  id: "U.off_path"
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: dpi, action: check, duration_days: 10, after: [submit]}
    - {id: b, actor: tax, action: check, duration_days: [1, 2, 3], after: [submit]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, after: [a, b]}
)");
    redtape::elapsed_distribution d = redtape::elapsed_quantiles(f.p, f.costs);
    CHECK(d.uncertain);
    CHECK(d.p50 == 11);
    CHECK(d.p90 == 11);
  }
  SECTION("two ranged steps side by side count once (the longer of each draw)") {
    auto f = make(R"(procedure:
  id: "U.side_by_side"
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: dpi, action: check, duration_days: [2, 4, 6], after: [submit]}
    - {id: b, actor: tax, action: check, duration_days: [2, 4, 6], after: [submit]}
)");
    redtape::elapsed_distribution d = redtape::elapsed_quantiles(f.p, f.costs);
    // The max of two draws is above one draw's median (4) and never above 6:
    // not their sum (8).
    CHECK(d.p50 > 4);
    CHECK(d.p90 <= 6);
  }
  SECTION("min_step_days floors each draw of an agency step") {
    std::string reg(registry);
    reg.replace(reg.find("  min_step_days: 0\n"), 19, "  min_step_days: 1\n");
    redtape::catalog c = load_text(reg + R"(procedure:
  id: "U.floor"
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: dpi, action: check, duration_days: [0.1, 0.2, 0.5]}
)");
    const auto& p = only_procedure(c);
    redtape::elapsed_distribution d = redtape::elapsed_quantiles(p, c.cost_model_for(p));
    CHECK(d.p50 == 1);  // every draw is under the 1-day floor
    CHECK(d.p90 == 1);
  }
}

TEST_CASE("P50/P90 after simplification come from the simplified graph", "[savings]") {
  // The audit on interact.yaml (test_combined.cpp): no ranges there, so
  // P50 = P90 = elapsed, before (16.5) and after (11).
  redtape::catalog c = redtape::load(data_dir / "interact.yaml");
  redtape::audit_report r = redtape::audit(c, redtape::rule_set::builtin());
  REQUIRE(r.procedures.size() == 1);
  const auto& pr = r.procedures[0];
  CHECK_FALSE(pr.elapsed_before.uncertain);
  CHECK(pr.elapsed_before.p50 == pr.metrics.elapsed_days);
  CHECK(pr.elapsed_after.p50 == pr.simplified.elapsed_days);
  CHECK(pr.elapsed_after.p90 == pr.simplified.elapsed_days);

  // With a range on the chain that the simplification shortens, P50 falls too.
  std::string text = std::string(registry) + R"(procedure:
  id: "U.simplified"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: inspect, actor: fire, action: inspect, duration_days: [2, 3, 7]}
    - {id: consult, actor: construction, action: consult, duration_days: [2, 4, 9]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1}
)";
  redtape::catalog c2 = load_text(text);
  redtape::audit_report r2 = redtape::audit(c2, redtape::rule_set::builtin());
  const auto& pr2 = r2.procedures[0];
  REQUIRE_FALSE(pr2.applied.empty());  // sequential-reviews: inspect ‖ consult
  CHECK(pr2.elapsed_before.uncertain);
  CHECK(pr2.elapsed_after.uncertain);
  // Before: 3 + 4 + 1 = 8 (likely); after: max(3, 4) + 1 = 5.
  CHECK(pr2.metrics.elapsed_days == Approx(8));
  CHECK(pr2.simplified.elapsed_days == Approx(5));
  CHECK(pr2.elapsed_after.p50 < pr2.elapsed_before.p50);
  CHECK(pr2.elapsed_after.p90 < pr2.elapsed_before.p90);
  const auto& p2 = only_procedure(c2);
  std::vector<redtape::finding> mine;
  for (auto i : pr2.findings) mine.push_back(r2.findings[i]);
  redtape::simplification s = redtape::simplify(p2, c2.cost_model_for(p2), mine);
  redtape::elapsed_distribution direct = redtape::elapsed_quantiles(s.simplified, c2.cost_model_for(p2));
  CHECK(pr2.elapsed_after.p50 == direct.p50);
  CHECK(pr2.elapsed_after.p90 == direct.p90);
}
