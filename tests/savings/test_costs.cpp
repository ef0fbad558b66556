// The cost formula (SPEC §3; Circular 02/2017/TT-VPCP Art. 27, the Standard
// Cost Model's price × quantity):
//   cost_per_application = fees + applicant_hours × hourly_value
//                        + applicant_visits × visit_cost
//                        + Σ over applicant demands of copies × unit cost of the form
//   cost_per_year        = cost_per_application × volume_per_year
// on the worked example of docs/savings.md; the cost model set per catalog,
// overridden per procedure and per run, field by field; min_step_days and
// min_step_days_online (the World Bank Doing Business convention); fees in
// another currency or in words counted as unknown, never as 0.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "redtape/audit.hpp"
#include "redtape/rules.hpp"

using namespace savings_test;
using redtape::suggestion_kind;

namespace {

const redtape::procedure_result& result_of(const redtape::audit_report& r, std::string_view id) {
  auto it = std::find_if(r.procedures.begin(), r.procedures.end(), [&](const auto& x) { return x.id == id; });
  REQUIRE(it != r.procedures.end());
  return *it;
}

redtape::rule_set no_rules() {
  redtape::rule_set rules = redtape::rule_set::builtin();
  std::vector<std::string> ids;
  for (const auto* info : rules.rules()) ids.push_back(info->id);
  for (const auto& id : ids) rules.set(id + "=off");
  return rules;
}

}  // namespace

TEST_CASE("the worked example of docs/savings.md: 240,000 VND an application, 288,000,000 a year",
          "[savings]") {
  // SPEC §2's sketch, as written there (procedure and registry).
  redtape::catalog c = redtape::load(data_dir / "worked_example");
  const redtape::procedure& p = only_procedure(c);
  REQUIRE(p.id == "1.001612");
  redtape::cost_model costs = c.cost_model_for(p);
  redtape::metrics m = redtape::compute_metrics(c, p);

  CHECK(m.fees == Approx(50000));            // the fee of `issue`
  CHECK(m.applicant_hours == Approx(3));
  CHECK(m.applicant_visits == 1);            // `submit`, in person
  CHECK(m.documents == 2);                   // the form and the ID (check's demand is the agency's)
  CHECK(m.copies == 2);
  // cost_per_application = 50,000 (fee)
  //                      + 3 h × 40,000        = 120,000
  //                      + 1 visit × 60,000    =  60,000
  //                      + 1 × 0 + 1 × 10,000  =  10,000
  //                      = 240,000 VND
  CHECK(m.cost_per_application == Approx(240000));
  // cost_per_year = 240,000 × 1,200 = 288,000,000 VND
  CHECK(m.cost_per_year == Approx(288000000));
  // Elapsed: 0 + check 1 + issue 2 = 3 days.
  CHECK(m.elapsed_days == Approx(3));

  // Relaxing the certified copy to a plain copy (2,000) saves 8,000 VND an
  // application, 9,600,000 a year: a reduction of 9.6 / 288 = 3.3 %.
  auto relax = on_demands(suggestion_kind::relax_form, {{"submit", 1}});
  redtape::saving s = redtape::marginal_saving(p, costs, m, relax);
  CHECK(s.cost_per_application == Approx(8000));
  CHECK(s.cost_per_year == Approx(9600000));
  CHECK(100 * s.cost_per_year / m.cost_per_year == Approx(3.3333).epsilon(1e-4));

  // The audit's certified-copy finding says the same, and with that rule
  // alone the catalog's reduction rate is 3.3 %.
  redtape::rule_set rules = no_rules();
  rules.set("certified-copy=on");
  redtape::audit_report r = redtape::audit(c, rules);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].suggestion.kind == suggestion_kind::relax_form);
  CHECK(r.findings[0].saving.cost_per_application == Approx(8000));
  CHECK(r.findings[0].saving.cost_per_year == Approx(9600000));
  CHECK(r.totals.cost_per_year == Approx(288000000));
  CHECK(r.totals.saving_per_year == Approx(9600000));
  CHECK(r.totals.cost_per_year_after == Approx(278400000));
  CHECK(r.totals.cost_reduction_percent == Approx(3.3333).epsilon(1e-4));
}

namespace {

// Two procedures, the same shape: one in-person visit of 2 hours demanding
// one certified copy; 10 applications a year. `B` overrides the hourly value
// and the certified copy's unit cost.
constexpr std::string_view two_procedures = R"(procedures:
  - id: "A"
    volume_per_year: 10
    steps:
      - {id: submit, actor: applicant, action: submit, channel: in_person, applicant_hours: 2, requires: [{ref: citizen_id, form: certified_copy}]}
      - {id: check, actor: dpi, action: check, duration_days: 1}
  - id: "B"
    volume_per_year: 10
    cost_model: {hourly_value: 50000, unit_costs: {certified_copy: 15000}}
    steps:
      - {id: submit, actor: applicant, action: submit, channel: in_person, applicant_hours: 2, requires: [{ref: citizen_id, form: certified_copy}]}
      - {id: check, actor: dpi, action: check, duration_days: 1}
)";

}  // namespace

TEST_CASE("cost model: per catalog, per procedure, per run, field by field", "[savings]") {
  redtape::catalog c = load_text(std::string(registry) + std::string(two_procedures));
  const redtape::procedure& a = *c.find_procedure("A");
  const redtape::procedure& b = *c.find_procedure("B");

  SECTION("per catalog, and per procedure over it") {
    // A, the catalog's: 2 × 40,000 + 60,000 + 10,000 = 150,000.
    CHECK(redtape::compute_metrics(c, a).cost_per_application == Approx(150000));
    CHECK(redtape::compute_metrics(c, a).cost_per_year == Approx(1500000));
    // B, its own hourly value and unit cost, the catalog's visit cost:
    // 2 × 50,000 + 60,000 + 15,000 = 175,000.
    redtape::cost_model mb = c.cost_model_for(b);
    CHECK(mb.hourly_value == 50000);
    CHECK(mb.visit_cost == 60000);
    CHECK(mb.unit_cost(redtape::document_form::certified_copy) == 15000);
    CHECK(mb.unit_cost(redtape::document_form::copy) == 2000);  // untouched fields stay the catalog's
    CHECK(redtape::compute_metrics(c, b).cost_per_application == Approx(175000));
  }
  SECTION("another catalog, another cost model") {
    std::string cheap(registry);
    cheap.replace(cheap.find("hourly_value: 40000"), 19, "hourly_value: 20000");
    redtape::catalog c2 = load_text(cheap + std::string(two_procedures));
    // A: 2 × 20,000 + 60,000 + 10,000 = 110,000; B keeps its own 50,000: 175,000.
    CHECK(redtape::compute_metrics(c2, *c2.find_procedure("A")).cost_per_application == Approx(110000));
    CHECK(redtape::compute_metrics(c2, *c2.find_procedure("B")).cost_per_application == Approx(175000));
  }
  SECTION("no cost model at all: every price 0, only fees count") {
    redtape::catalog bare = load_text(R"(redtape: 1
procedure:
  id: "bare"
  volume_per_year: 3
  steps:
    - {id: submit, actor: applicant, action: submit, channel: in_person, applicant_hours: 2, requires: [{name: "Tờ khai", form: certified_copy}]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, fee: 25000}
)");
    redtape::metrics m = redtape::compute_metrics(bare, only_procedure(bare));
    CHECK(m.cost_per_application == Approx(25000));  // 25,000 + 2 × 0 + 1 × 0 + 1 × 0
    CHECK(m.cost_per_year == Approx(75000));         // × 3
  }
  SECTION("per run (audit_options::costs), after catalog and procedure") {
    redtape::audit_options options;
    options.costs.visit_cost = 0;
    redtape::audit_report r = redtape::audit(c, no_rules(), options);
    // A: 2 × 40,000 + 0 + 10,000 = 90,000.
    CHECK(result_of(r, "A").metrics.cost_per_application == Approx(90000));
    // B: its hourly value stays (the run sets only the visit cost):
    // 2 × 50,000 + 0 + 15,000 = 115,000.
    CHECK(result_of(r, "B").metrics.cost_per_application == Approx(115000));
    CHECK(result_of(r, "B").metrics.cost_per_year == Approx(1150000));

    options.costs.hourly_value = 30000;
    options.costs.unit_costs[static_cast<std::size_t>(redtape::document_form::certified_copy)] = 12000;
    r = redtape::audit(c, no_rules(), options);
    // The run wins over the procedure: 2 × 30,000 + 0 + 12,000 = 72,000 for both.
    CHECK(result_of(r, "A").metrics.cost_per_application == Approx(72000));
    CHECK(result_of(r, "B").metrics.cost_per_application == Approx(72000));
    CHECK(r.totals.cost_per_year == Approx(1440000));  // 2 × 72,000 × 10
  }
  SECTION("a run override reaches the marginal and combined savings too") {
    redtape::rule_set rules = no_rules();
    rules.set("certified-copy=on");
    redtape::audit_options options;
    options.costs.unit_costs[static_cast<std::size_t>(redtape::document_form::certified_copy)] = 12000;
    options.costs.unit_costs[static_cast<std::size_t>(redtape::document_form::copy)] = 3000;
    redtape::audit_report r = redtape::audit(c, rules, options);
    // Each procedure: 1 copy × (12,000 − 3,000) = 9,000 an application, 90,000 a year.
    REQUIRE(r.findings.size() == 2);
    for (const auto& f : r.findings) CHECK(f.saving.cost_per_application == Approx(9000));
    CHECK(result_of(r, "A").saving.cost_per_year == Approx(90000));
    CHECK(result_of(r, "B").saving.cost_per_year == Approx(90000));
    CHECK(r.totals.saving_per_year == Approx(180000));
  }
}

namespace {

// submit (applicant, no duration) → receive 0.25 → check (online) 0.1 →
// notify (online) 2 → sign (no duration) → collect (applicant) 0.5.
constexpr std::string_view short_steps = R"(procedure:
  id: "W"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, channel: in_person, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 0.25}
    - {id: check, actor: dpi, action: check, channel: online, duration_days: 0.1}
    - {id: notify, actor: tax, action: notify, channel: online, duration_days: 2}
    - {id: sign, actor: dpi, action: sign}
    - {id: collect, actor: applicant, action: collect, channel: in_person, duration_days: 0.5}
)";

std::string registry_with(std::string_view fields) {
  std::string r(registry);
  r.replace(r.find("  min_step_days: 0\n"), 19, std::string(fields));
  return r;
}

}  // namespace

TEST_CASE("min_step_days: 1 and min_step_days_online: 0.5 (World Bank)", "[savings]") {
  SECTION("default 0: every step takes exactly the time written") {
    redtape::catalog c = with_registry(short_steps);
    // 0 + 0.25 + 0.1 + 2 + 0 + 0.5 = 2.85
    CHECK(redtape::compute_metrics(c, only_procedure(c)).elapsed_days == Approx(2.85));
  }
  SECTION("min_step_days: 1 only") {
    redtape::catalog c = load_text(registry_with("  min_step_days: 1\n") + std::string(short_steps));
    // Agency steps at least 1 day, online or not; applicant steps as written:
    // 0 + 1 + 1 + 2 + 1 + 0.5 = 5.5
    CHECK(redtape::compute_metrics(c, only_procedure(c)).elapsed_days == Approx(5.5));
  }
  SECTION("the World Bank convention in the catalog") {
    redtape::catalog c =
        load_text(registry_with("  min_step_days: 1\n  min_step_days_online: 0.5\n") + std::string(short_steps));
    const redtape::procedure& p = only_procedure(c);
    redtape::cost_model costs = c.cost_model_for(p);
    CHECK(redtape::step_weight(step_of(p, "submit"), costs) == 0);     // applicant: not floored
    CHECK(redtape::step_weight(step_of(p, "receive"), costs) == 1);    // max(0.25, 1)
    CHECK(redtape::step_weight(step_of(p, "check"), costs) == 0.5);    // online: max(0.1, 0.5)
    CHECK(redtape::step_weight(step_of(p, "notify"), costs) == 2);     // max(2, 0.5)
    CHECK(redtape::step_weight(step_of(p, "sign"), costs) == 1);       // no duration: the floor
    CHECK(redtape::step_weight(step_of(p, "collect"), costs) == 0.5);  // applicant: as written
    // 0 + 1 + 0.5 + 2 + 1 + 0.5 = 5
    CHECK(redtape::compute_metrics(c, p).elapsed_days == Approx(5));
  }
  SECTION("per procedure") {
    std::string proc(short_steps);
    proc.replace(proc.find("  volume_per_year: 10\n"), 22,
                 "  volume_per_year: 10\n  cost_model: {min_step_days: 1, min_step_days_online: 0.5}\n");
    redtape::catalog c = with_registry(proc);
    CHECK(redtape::compute_metrics(c, only_procedure(c)).elapsed_days == Approx(5));
  }
  SECTION("per run, as --set min_step_days=1 --set min_step_days_online=0.5") {
    redtape::catalog c = with_registry(short_steps);
    redtape::audit_options options;
    options.costs.min_step_days = 1;
    options.costs.min_step_days_online = 0.5;
    redtape::audit_report r = redtape::audit(c, no_rules(), options);
    CHECK(result_of(r, "W").metrics.elapsed_days == Approx(5));
    // Steps that can run at the same time count once: the floors of
    // parallel steps are not added up (see the next section).
  }
  SECTION("parallel steps under the floor count once") {
    redtape::catalog c = load_text(registry_with("  min_step_days: 1\n") + R"(procedure:
  id: "P"
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: a, actor: dpi, action: check, duration_days: 0.2, after: [submit]}
    - {id: b, actor: tax, action: check, duration_days: 0.3, after: [submit]}
    - {id: c, actor: fire, action: check, after: [submit]}
    - {id: issue, actor: dpi, action: issue, duration_days: 0.5, after: [a, b, c]}
)");
    // max(1, 1, 1) + max(0.5, 1) = 2
    CHECK(redtape::compute_metrics(c, only_procedure(c)).elapsed_days == Approx(2));
  }
}

TEST_CASE("fees in another currency or in words are unknown, never 0", "[savings]") {
  redtape::catalog c = with_registry(R"(procedure:
  id: "F"
  volume_per_year: 4
  steps:
    - {id: submit, actor: applicant, action: submit, channel: online, after: [], fee: 50000}
    - {id: check, actor: dpi, action: check, duration_days: 1, fee: {amount: 20, currency: USD}}
    - {id: appraise, actor: tax, action: appraise, duration_days: 1, fee: {text: "Theo quy định của HĐND tỉnh"}}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, fee: {amount: 10000, currency: VND}}
)");
  redtape::metrics m = redtape::compute_metrics(c, only_procedure(c));
  CHECK(m.fees == Approx(60000));     // 50,000 + 10,000 (VND, the catalog currency); not + 20
  CHECK(m.unknown_fees == 2);         // the USD fee and the fee in words
  CHECK(m.cost_per_application == Approx(60000));  // no hours, no visit (online), no papers
  CHECK(m.cost_per_year == Approx(240000));        // × 4
}
