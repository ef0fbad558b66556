// The combined saving of a procedure (SPEC §3, docs/savings.md "Savings"):
// every non-conflicting suggestion applied at once to ONE copy of the graph,
// then the metrics recomputed — never the sum of marginal savings — with
// conflicts resolved by the documented deterministic rule:
//   1. drop_dependency and shared_registry are never applied;
//   2. document changes first: a demand removed is not also relaxed; each
//      demand changes once;
//   3. graph changes by marginal saving a year, then days, rule id, position:
//      one naming a step already eliminated or merged is skipped, as is one
//      whose link no longer exists or that would not leave a valid DAG.
//
// tests/data/savings/interact.yaml is the procedure where suggestions
// interact; its comments describe it. Cost model: 40,000 VND an hour, 60,000
// a visit, a copy 2,000, a certified copy 10,000; 100 applications a year.
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "redtape/audit.hpp"
#include "redtape/rules.hpp"

using namespace savings_test;
using redtape::suggestion_kind;
using strings = std::vector<std::string>;

namespace {

struct interact {
  redtape::catalog catalog = redtape::load(data_dir / "interact.yaml");
  const redtape::procedure& p = catalog.procedures.at(0);
  redtape::cost_model costs = catalog.cost_model_for(p);

  /// The findings a reviewer (or the rules) would raise, each labelled by
  /// its `rule`, in file order.
  std::vector<redtape::finding> findings() const {
    return {
        // submit#0, the certified ID copy: relaxed (8,000) and reused (10,000).
        make_finding(p, costs, "t-relax", on_demands(suggestion_kind::relax_form, {{"submit", 0}}), 44),
        make_finding(p, costs, "t-reuse", on_demands(suggestion_kind::reuse_data, {{"submit", 0}}), 44),
        // Two merges sharing `check`.
        make_finding(p, costs, "t-merge-a", on_steps(suggestion_kind::merge_steps, {"receive", "check"}), 48),
        make_finding(p, costs, "t-merge-b", on_steps(suggestion_kind::merge_steps, {"check", "forward"}), 49),
        // Two parallelizations sharing `consult`.
        make_finding(p, costs, "t-par-1", on_steps(suggestion_kind::parallelize, {"inspect", "consult"}), 51),
        make_finding(p, costs, "t-par-2", on_steps(suggestion_kind::parallelize, {"consult", "appraise"}), 52),
        // collect: the ID again, and a visit that could be online.
        make_finding(p, costs, "t-drop", on_demands(suggestion_kind::drop_requirement, {{"collect", 0}}), 61),
        make_finding(p, costs, "t-online", on_steps(suggestion_kind::single_window, {"collect"}, "online"), 55),
        // Never applied.
        make_finding(p, costs, "t-implied", on_steps(suggestion_kind::drop_dependency, {"submit", "receive"}), 50),
    };
  }
};

const redtape::finding& by_rule(const std::vector<redtape::finding>& fs, std::string_view rule) {
  auto it = std::find_if(fs.begin(), fs.end(), [&](const auto& f) { return f.rule == rule; });
  REQUIRE(it != fs.end());
  return *it;
}

// Everything a simplification decides, comparable across runs and orders.
struct outcome {
  strings applied, skipped, steps;
  std::vector<strings> afters;
  redtape::metrics after;
};

outcome outcome_of(const redtape::simplification& s, const std::vector<redtape::finding>& fs) {
  outcome o{rules_at(fs, s.applied), rules_at(fs, s.skipped), ids_of(s.simplified), {}, s.after};
  for (const auto& st : s.simplified.steps) o.afters.push_back(st.after);
  return o;
}

void check_same(const outcome& a, const outcome& b) {
  CHECK(a.applied == b.applied);
  CHECK(a.skipped == b.skipped);
  CHECK(a.steps == b.steps);
  CHECK(a.afters == b.afters);
  // Exact equality: the same graph gives the same numbers.
  CHECK(a.after.elapsed_days == b.after.elapsed_days);
  CHECK(a.after.cost_per_application == b.after.cost_per_application);
  CHECK(a.after.cost_per_year == b.after.cost_per_year);
  CHECK(a.after.documents == b.after.documents);
  CHECK(a.after.applicant_visits == b.after.applicant_visits);
  CHECK(a.after.critical_path == b.after.critical_path);
}

}  // namespace

TEST_CASE("marginal savings of the interacting suggestions", "[savings]") {
  interact t;
  const auto fs = t.findings();
  redtape::metrics before = redtape::compute_metrics(t.p, t.costs);
  // Before: 0 + 1 + 2 + 0.5 + 3 + 4 + 5 + 1 = 16.5 days; hours 2 + 1 = 3;
  // visits 2; documents 3; papers 10,000 (certified) + 0 (declaration) +
  // 2,000 (copy) = 12,000; cost 3 × 40,000 + 2 × 60,000 + 12,000 = 252,000;
  // a year × 100 = 25,200,000.
  REQUIRE(before.elapsed_days == Approx(16.5));
  REQUIRE(before.applicant_visits == 2);
  REQUIRE(before.documents == 3);
  REQUIRE(before.cost_per_application == Approx(252000));
  REQUIRE(before.cost_per_year == Approx(25200000));

  CHECK(by_rule(fs, "t-relax").saving.cost_per_application == Approx(8000));    // 10,000 − 2,000
  CHECK(by_rule(fs, "t-reuse").saving.cost_per_application == Approx(10000));   // the certified copy
  CHECK(by_rule(fs, "t-drop").saving.cost_per_application == Approx(2000));     // the plain copy
  CHECK(by_rule(fs, "t-online").saving.cost_per_application == Approx(60000));  // one visit
  // merge [receive 1, check 2] → 2 days: 16.5 − 15.5.
  CHECK(by_rule(fs, "t-merge-a").saving.days == Approx(1));
  // merge [check 2, forward 0.5] → 2 days: 16.5 − 16.
  CHECK(by_rule(fs, "t-merge-b").saving.days == Approx(0.5));
  // parallelize inspect ‖ consult: 3.5 + max(3, 4) + 5 + 1 = 13.5; 16.5 − 13.5.
  CHECK(by_rule(fs, "t-par-1").saving.days == Approx(3));
  // parallelize consult ‖ appraise: 3.5 + 3 + max(4, 5) + 1 = 12.5; 16.5 − 12.5.
  CHECK(by_rule(fs, "t-par-2").saving.days == Approx(4));
}

TEST_CASE("combined saving: one transformed graph, not the sum of marginal savings", "[savings]") {
  interact t;
  const auto fs = t.findings();
  redtape::simplification s = redtape::simplify(t.p, t.costs, fs);

  // Applied and skipped, by the documented rule:
  //  - t-reuse removes submit#0, so t-relax (same demand) is skipped:
  //    removed wins over relaxed, whatever the order;
  //  - t-drop removes collect#0;
  //  - graph changes by saving a year, then days: t-online (6,000,000 a
  //    year), t-par-2 (4 days), t-par-1 (3), t-merge-a (1), t-merge-b (0.5);
  //    t-merge-b names `check`, already merged into `receive`: skipped;
  //  - t-implied (drop_dependency) is never applied.
  CHECK(rules_at(fs, s.applied) == strings{"t-drop", "t-merge-a", "t-online", "t-par-1", "t-par-2", "t-reuse"});
  CHECK(rules_at(fs, s.skipped) == strings{"t-merge-b", "t-relax"});

  // The one graph: t-par-2 first (appraise after inspect; sign after
  // appraise and consult), then t-par-1 (consult after forward; sign also
  // after inspect), then t-merge-a (receive takes check's 2 days; forward
  // follows receive).
  const redtape::procedure& g = s.simplified;
  CHECK(ids_of(g) == strings{"submit", "receive", "forward", "inspect", "consult", "appraise", "sign", "collect"});
  CHECK(after_of(g, "receive") == strings{"submit"});
  CHECK(step_of(g, "receive").duration_days->likely == 2);
  CHECK(after_of(g, "forward") == strings{"receive"});
  CHECK(after_of(g, "inspect") == strings{"forward"});
  CHECK(after_of(g, "consult") == strings{"forward"});
  CHECK(after_of(g, "appraise") == strings{"inspect"});
  CHECK(after_of(g, "sign") == strings{"appraise", "consult", "inspect"});
  CHECK(step_of(g, "collect").channel == redtape::channel::online);
  CHECK(step_of(g, "submit").requires_docs.size() == 1);
  CHECK(step_of(g, "submit").requires_docs[0].ref == "app_form");
  CHECK(step_of(g, "collect").requires_docs.empty());
  CHECK(problems_in(t.catalog, g).empty());

  // After, by hand: 0 + receive 2 + forward 0.5 + max(inspect 3 + appraise 5,
  // consult 4) + sign 1 = 11.5 days; hours 3 (unchanged); 1 visit; 1 document
  // (the declaration, 0); cost 3 × 40,000 + 1 × 60,000 + 0 = 180,000.
  CHECK(s.after.elapsed_days == Approx(11.5));
  // (The path may stop before `collect`, which weighs 0.)
  strings path = s.after.critical_path;
  if (!path.empty() && path.back() == "collect") path.pop_back();
  CHECK(path == strings{"submit", "receive", "forward", "inspect", "appraise", "sign"});
  CHECK(s.after.applicant_visits == 1);
  CHECK(s.after.documents == 1);
  CHECK(s.after.cost_per_application == Approx(180000));
  CHECK(s.after.steps == 8);

  // The combined saving, by hand:
  CHECK(s.total.days == Approx(5));                        // 16.5 − 11.5
  CHECK(s.total.applicant_hours == 0);
  CHECK(s.total.visits == 1);
  CHECK(s.total.documents == 2);                           // submit#0, collect#0
  CHECK(s.total.copies == 2);
  CHECK(s.total.cost_per_application == Approx(72000));    // 252,000 − 180,000
  CHECK(s.total.cost_per_year == Approx(7200000));         // 72,000 × 100
  // … recomputed on the one graph …
  redtape::metrics again = redtape::compute_metrics(s.simplified, t.costs);
  CHECK(again.elapsed_days == s.after.elapsed_days);
  CHECK(again.cost_per_year == s.after.cost_per_year);

  // … and not the sum of the marginal savings: days 1 + 0.5 + 3 + 4 = 8.5;
  // cost 8,000 + 10,000 + 2,000 + 60,000 = 80,000.
  double days = 0, cost = 0;
  for (const auto& f : fs) {
    days += f.saving.days;
    cost += f.saving.cost_per_application;
  }
  CHECK(days == Approx(8.5));
  CHECK(cost == Approx(80000));
  CHECK(s.total.days != Approx(days));
  CHECK(s.total.cost_per_application != Approx(cost));
  // Even the applied ones alone do not add up: t-par-1 gains nothing once
  // t-par-2 is in (1 + 3 + 4 = 8 days, 72,000 VND; the graph gives 5 days).
  double applied_days = 0;
  for (auto i : s.applied) applied_days += fs[i].saving.days;
  CHECK(applied_days == Approx(8));
  CHECK(s.total.days != Approx(applied_days));
}

TEST_CASE("combined simplification is deterministic and independent of the findings' order",
          "[savings]") {
  interact t;
  const auto fs = t.findings();
  const outcome first = outcome_of(redtape::simplify(t.p, t.costs, fs), fs);

  SECTION("twice") {
    check_same(outcome_of(redtape::simplify(t.p, t.costs, fs), fs), first);
  }
  SECTION("reversed") {
    auto rev = fs;
    std::reverse(rev.begin(), rev.end());
    check_same(outcome_of(redtape::simplify(t.p, t.costs, rev), rev), first);
  }
  SECTION("every rotation") {
    for (std::size_t k = 1; k < fs.size(); ++k) {
      auto rot = fs;
      std::rotate(rot.begin(), rot.begin() + static_cast<std::ptrdiff_t>(k), rot.end());
      INFO("rotated by " << k);
      check_same(outcome_of(redtape::simplify(t.p, t.costs, rot), rot), first);
    }
  }
}

TEST_CASE("a demand removed is not also relaxed; the rest of a relaxation still applies",
          "[savings]") {
  interact t;
  // One relax_form naming submit#0 and collect#0 (both ID copies); a
  // reuse_data removing submit#0 only.
  std::vector<redtape::finding> fs{
      make_finding(t.p, t.costs, "t-relax-both",
                   on_demands(suggestion_kind::relax_form, {{"submit", 0}, {"collect", 0}},
                              redtape::document_form::electronic), 44),
      make_finding(t.p, t.costs, "t-reuse", on_demands(suggestion_kind::reuse_data, {{"submit", 0}}), 44),
  };
  for (bool reversed : {false, true}) {
    auto input = fs;
    if (reversed) std::reverse(input.begin(), input.end());
    redtape::simplification s = redtape::simplify(t.p, t.costs, input);
    INFO("reversed: " << reversed);
    CHECK(rules_at(input, s.applied) == strings{"t-relax-both", "t-reuse"});
    CHECK(s.skipped.empty());
    const auto& collect = step_of(s.simplified, "collect").requires_docs;
    REQUIRE(collect.size() == 1);
    CHECK(collect[0].effective_form() == redtape::document_form::electronic);
    CHECK(step_of(s.simplified, "submit").requires_docs.size() == 1);
    // Saving: 10,000 (submit#0 removed) + 2,000 (collect#0: copy → electronic, 0).
    CHECK(s.total.cost_per_application == Approx(12000));
    CHECK(s.total.documents == 1);
  }
}

TEST_CASE("two merges sharing a step with the same saving: rule id, then position decides",
          "[savings]") {
  auto c = with_registry(R"(procedure:
  id: "S.tie"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 1}
    - {id: check, actor: dpi, action: check, duration_days: 1}
    - {id: forward, actor: dpi, action: transfer, duration_days: 1}
)");
  const auto& p = only_procedure(c);
  auto costs = c.cost_model_for(p);
  auto ab = on_steps(suggestion_kind::merge_steps, {"receive", "check"});
  auto bc = on_steps(suggestion_kind::merge_steps, {"check", "forward"});
  auto applied_steps = [&](const std::vector<redtape::finding>& fs) {
    redtape::simplification s = redtape::simplify(p, costs, fs);
    REQUIRE(s.applied.size() == 1);
    REQUIRE(s.skipped.size() == 1);
    // 3 days → 2 either way (each merge saves 1 day).
    CHECK(s.total.days == Approx(1));
    return fs[s.applied.front()].suggestion.steps;
  };
  SECTION("same rule: the earlier position wins, in either input order") {
    std::vector<redtape::finding> fs{make_finding(p, costs, "same-actor-sequence", bc, 20),
                                     make_finding(p, costs, "same-actor-sequence", ab, 10)};
    REQUIRE(fs[0].saving.days == fs[1].saving.days);
    CHECK(applied_steps(fs) == strings{"receive", "check"});
    std::reverse(fs.begin(), fs.end());
    CHECK(applied_steps(fs) == strings{"receive", "check"});
  }
  SECTION("different rules: the smaller rule id wins before position") {
    std::vector<redtape::finding> fs{make_finding(p, costs, "a-rule", bc, 20),
                                     make_finding(p, costs, "b-rule", ab, 10)};
    CHECK(applied_steps(fs) == strings{"check", "forward"});
    std::reverse(fs.begin(), fs.end());
    CHECK(applied_steps(fs) == strings{"check", "forward"});
  }
}

TEST_CASE("graph changes that no longer fit are skipped", "[savings]") {
  auto c = with_registry(R"(procedure:
  id: "S.skips"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: fire, action: inspect, duration_days: 2}
    - {id: b, actor: construction, action: consult, duration_days: 3}
    - {id: c, actor: environment, action: appraise, duration_days: 1}
    - {id: d, actor: dpi, action: issue, duration_days: 1}
)");
  const auto& p = only_procedure(c);
  auto costs = c.cost_model_for(p);
  // Before: 2 + 3 + 1 + 1 = 7 days.
  SECTION("the same link parallelized twice: the link is gone the second time") {
    std::vector<redtape::finding> fs{
        make_finding(p, costs, "r1", on_steps(suggestion_kind::parallelize, {"a", "b"}), 10),
        make_finding(p, costs, "r2", on_steps(suggestion_kind::parallelize, {"a", "b"}), 10)};
    redtape::simplification s = redtape::simplify(p, costs, fs);
    CHECK(rules_at(fs, s.applied) == strings{"r1"});  // equal savings: rule id decides
    CHECK(rules_at(fs, s.skipped) == strings{"r2"});
    CHECK(s.total.days == Approx(2));  // max(2, 3) + 1 + 1 = 5
  }
  SECTION("a merge that would make a cycle") {
    // merge [a, c] over a → b → c: a would come after b, and b after a.
    // (Built by hand: its marginal saving cannot be computed on a cycle.)
    redtape::finding cyclic;
    cyclic.rule = "r-cycle";
    cyclic.procedure = p.id;
    cyclic.suggestion = on_steps(suggestion_kind::merge_steps, {"a", "c"});
    cyclic.saving.days = 100;  // whatever it claims, it cannot be applied
    cyclic.location.line = 10;
    std::vector<redtape::finding> fs{cyclic,
        make_finding(p, costs, "r-elim", on_steps(suggestion_kind::eliminate_step, {"c"}), 12)};
    redtape::simplification s = redtape::simplify(p, costs, fs);
    CHECK(rules_at(fs, s.skipped) == strings{"r-cycle"});
    CHECK(rules_at(fs, s.applied) == strings{"r-elim"});
    CHECK(s.total.days == Approx(1));  // c eliminated: 2 + 3 + 1 = 6
    CHECK(problems_in(c, s.simplified).empty());
  }
  SECTION("a step eliminated is not merged afterwards") {
    std::vector<redtape::finding> fs{
        make_finding(p, costs, "r-elim", on_steps(suggestion_kind::eliminate_step, {"b"}), 11),
        make_finding(p, costs, "r-merge", on_steps(suggestion_kind::merge_steps, {"b", "c"}), 12)};
    // eliminate b saves 3 days, merge [b, c] saves 1: the elimination goes first.
    REQUIRE(fs[0].saving.days == Approx(3));
    REQUIRE(fs[1].saving.days == Approx(1));
    redtape::simplification s = redtape::simplify(p, costs, fs);
    CHECK(rules_at(fs, s.applied) == strings{"r-elim"});
    CHECK(rules_at(fs, s.skipped) == strings{"r-merge"});
    CHECK(ids_of(s.simplified) == strings{"submit", "a", "c", "d"});
  }
  SECTION("findings of another procedure are ignored") {
    redtape::finding other = make_finding(p, costs, "r-other", on_steps(suggestion_kind::eliminate_step, {"b"}), 11);
    other.procedure = "another";
    std::vector<redtape::finding> fs{other};
    redtape::simplification s = redtape::simplify(p, costs, fs);
    CHECK(s.applied.empty());
    CHECK(s.total.days == 0);
    CHECK(ids_of(s.simplified) == ids_of(p));
  }
}

TEST_CASE("the audit's combined saving is the simplification of its findings", "[savings]") {
  // The built-in rules on interact.yaml. What they raise (docs/rules.md):
  // certified-copy (relax submit#0), once-only (reuse submit#0 and
  // collect#0), same-actor-sequence (merge [receive, check, forward]),
  // sequential-reviews (parallelize inspect ‖ consult and consult ‖
  // appraise), duplicate-demand (drop collect#0).
  redtape::catalog c = redtape::load(data_dir / "interact.yaml");
  redtape::rule_set rules = redtape::rule_set::builtin();
  redtape::audit_report r = redtape::audit(c, rules);
  REQUIRE(r.procedures.size() == 1);
  const redtape::procedure_result& pr = r.procedures[0];
  const redtape::procedure& p = c.procedures[0];

  std::vector<redtape::finding> mine;
  for (auto i : pr.findings) mine.push_back(r.findings[i]);
  redtape::simplification s = redtape::simplify(p, c.cost_model_for(p), mine);
  CHECK(pr.saving.days == s.total.days);
  CHECK(pr.saving.cost_per_year == s.total.cost_per_year);
  CHECK(pr.simplified.elapsed_days == s.after.elapsed_days);
  REQUIRE(pr.applied.size() == s.applied.size());
  for (std::size_t k = 0; k < s.applied.size(); ++k) CHECK(pr.applied[k] == pr.findings[s.applied[k]]);

  // By hand: merge [receive, check, forward] → 2 days; both parallelizations
  // (the 4-day one first) → 0 + 2 + max(3 + 5, 4) + 1 = 11 days: 5.5 saved.
  // submit#0 and collect#0 removed: 10,000 + 2,000 = 12,000 an application,
  // 1,200,000 a year; 2 documents; the visits stay (no online rule here).
  CHECK(pr.saving.days == Approx(5.5));
  CHECK(pr.saving.documents == 2);
  CHECK(pr.saving.cost_per_application == Approx(12000));
  CHECK(pr.saving.cost_per_year == Approx(1200000));
  // The marginal savings add up to more: 1.5 + 3 + 4 = 8.5 days.
  double days = 0, cost = 0;
  for (const auto& f : mine) {
    days += f.saving.days;
    cost += f.saving.cost_per_application;
  }
  CHECK(days == Approx(8.5));
  CHECK(cost > pr.saving.cost_per_application);
}

// Bug (reported): simplify() in src/savings/simplify.cpp decides document
// changes on the demand positions the findings name without checking that
// they exist. A relax_form naming a demand the step does not have is listed
// as applied although nothing changed; a drop_requirement or reuse_data
// naming one (or a step that does not exist) makes simplify() throw, so the
// whole procedure loses its simplification (the audit reports a problem and
// no saving) instead of skipping that finding, as rule 3 does for a graph
// change whose link no longer exists. Findings kept from an earlier version
// of a procedure (a what-if edit through the API) hit this.
TEST_CASE("a document change naming a demand that does not exist is skipped",
          "[savings]") {
  interact t;
  auto stale = [&](std::string rule, suggestion_kind k, redtape::demand_ref d) {
    redtape::finding f;
    f.rule = std::move(rule);
    f.procedure = t.p.id;
    f.suggestion = on_demands(k, {std::move(d)});
    f.location.line = 70;
    return f;
  };
  auto par = make_finding(t.p, t.costs, "t-par-1", on_steps(suggestion_kind::parallelize, {"inspect", "consult"}), 51);
  SECTION("relax_form on submit#7 (submit has 2 demands)") {
    std::vector<redtape::finding> fs{stale("stale-relax", suggestion_kind::relax_form, {"submit", 7}), par};
    redtape::simplification s = redtape::simplify(t.p, t.costs, fs);
    // Expected: skipped. Actual: applied (nothing changed).
    CHECK(rules_at(fs, s.applied) == strings{"t-par-1"});
    CHECK(rules_at(fs, s.skipped) == strings{"stale-relax"});
  }
  SECTION("reuse_data on a step that does not exist") {
    std::vector<redtape::finding> fs{stale("stale-drop", suggestion_kind::reuse_data, {"nosuch", 0}), par};
    // Expected: the parallelization applied, the stale finding skipped.
    // Actual: invalid_argument_error "procedure S.interact has no step `nosuch`".
    redtape::simplification s;
    REQUIRE_NOTHROW(s = redtape::simplify(t.p, t.costs, fs));
    CHECK(rules_at(fs, s.applied) == strings{"t-par-1"});
    CHECK(rules_at(fs, s.skipped) == strings{"stale-drop"});
    CHECK(s.total.days == Approx(3));
  }
  SECTION("drop_requirement on collect#3 (collect has 1 demand)") {
    std::vector<redtape::finding> fs{stale("stale-drop", suggestion_kind::drop_requirement, {"collect", 3}), par};
    redtape::simplification s;
    REQUIRE_NOTHROW(s = redtape::simplify(t.p, t.costs, fs));
    CHECK(rules_at(fs, s.skipped) == strings{"stale-drop"});
  }
}

TEST_CASE("catalog totals: cost a year, days saved weighted by volume, reduction rates",
          "[savings]") {
  // A: two reviews in sequence (sequential-reviews: parallelize, 3 days);
  //    1 visit of 1 hour: 40,000 + 60,000 = 100,000 an application.
  // B: a certified ID copy the population database holds (once-only removes
  //    it, certified-copy would relax it: removed wins, 10,000 saved);
  //    40,000 + 60,000 + 10,000 = 110,000 an application; 2 days.
  std::string text = std::string(registry) + R"(procedures:
  - id: "A"
    volume_per_year: VOLUME_A
    steps:
      - {id: submit, actor: applicant, action: submit, after: [], channel: in_person, location: one_stop_centre, applicant_hours: 1}
      - {id: inspect, actor: fire, action: inspect, duration_days: 3}
      - {id: consult, actor: construction, action: consult, duration_days: 4}
      - {id: issue, actor: dpi, action: issue, duration_days: 1}
  - id: "B"
    volume_per_year: VOLUME_B
    steps:
      - {id: submit, actor: applicant, action: submit, after: [], channel: in_person, location: one_stop_centre, applicant_hours: 1, requires: [{ref: citizen_id, form: certified_copy}]}
      - {id: receive, actor: dpi, action: receive, duration_days: 2}
)";
  redtape::rule_set rules = redtape::rule_set::builtin();
  strings ids;
  for (const auto* info : rules.rules()) ids.push_back(info->id);
  for (const auto& id : ids)
    if (id != "sequential-reviews" && id != "once-only" && id != "certified-copy") rules.set(id + "=off");
  auto with_volumes = [&](std::string_view a, std::string_view b) {
    std::string t = text;
    t.replace(t.find("VOLUME_A"), 8, a);
    t.replace(t.find("VOLUME_B"), 8, b);
    return load_text(t);
  };

  SECTION("with volumes: 100 and 300 a year") {
    redtape::catalog c = with_volumes("100", "300");
    redtape::audit_report r = redtape::audit(c, rules);
    REQUIRE(r.findings.size() == 3);  // parallelize (A); reuse_data, relax_form (B)
    const redtape::audit_totals& t = r.totals;
    CHECK(t.procedures == 2);
    CHECK(t.findings == 3);
    // 100,000 × 100 + 110,000 × 300 = 10,000,000 + 33,000,000
    CHECK(t.cost_per_year == Approx(43000000));
    // Only B saves money: 10,000 × 300 (not 10,000 + 8,000: removed wins).
    CHECK(t.saving_per_year == Approx(3000000));
    CHECK(t.cost_per_year_after == Approx(40000000));
    CHECK(t.cost_reduction_percent == Approx(100.0 * 3 / 43));  // 6.98 %
    // Days saved per application, weighted: (3 × 100 + 0 × 300) / 400 = 0.75;
    // elapsed before (3 + 4 + 1 = 8 for A, 2 for B): (8 × 100 + 2 × 300) / 400 = 3.5.
    CHECK(t.days_saved_weighted == Approx(0.75));
    CHECK(t.elapsed_days_weighted == Approx(3.5));
    CHECK(t.time_reduction_percent == Approx(100 * 0.75 / 3.5));  // 21.4 %
  }
  SECTION("no volume known: plain means") {
    redtape::catalog c = with_volumes("0", "0");
    redtape::audit_report r = redtape::audit(c, rules);
    const redtape::audit_totals& t = r.totals;
    CHECK(t.cost_per_year == 0);
    CHECK(t.saving_per_year == 0);
    CHECK(t.cost_reduction_percent == 0);
    CHECK(t.days_saved_weighted == Approx(1.5));    // (3 + 0) / 2
    CHECK(t.elapsed_days_weighted == Approx(5));    // (8 + 2) / 2
    CHECK(t.time_reduction_percent == Approx(30));  // 1.5 / 5
  }
}
