// Each transform of SPEC §3 / docs/savings.md ("What each suggestion does"),
// on a small procedure built for it: the transformed graph is the one the
// contract describes, and the marginal saving (that change alone, applied to
// a copy, metrics recomputed) equals the value computed by hand in the
// comment next to each expectation. marginal_saving may take shortcuts (a
// document change need not copy the graph), but must always equal the
// recomputation on a copy: the last test checks it on every finding of the
// example catalog and on every document change and single window.
//
// Cost model of every procedure here (tests/savings/helpers.hpp): 40,000 VND
// an hour, 60,000 a visit, a copy 2,000, a certified copy 10,000, every other
// form 0, min_step_days 0.
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "redtape/audit.hpp"
#include "redtape/error.hpp"
#include "redtape/rules.hpp"

using namespace savings_test;
using redtape::suggestion_kind;
using strings = std::vector<std::string>;

namespace {

struct fixture {
  redtape::catalog catalog;
  redtape::procedure p;
  redtape::cost_model costs;
  redtape::metrics before;
};

fixture make(std::string_view procedure_yaml) {
  fixture f{with_registry(procedure_yaml), {}, {}, {}};
  f.p = only_procedure(f.catalog);
  f.costs = f.catalog.cost_model_for(f.p);
  f.before = redtape::compute_metrics(f.p, f.costs);
  return f;
}

// Every field of a saving is zero.
void check_no_saving(const redtape::saving& s) {
  CHECK(s.days == 0);
  CHECK(s.applicant_hours == 0);
  CHECK(s.visits == 0);
  CHECK(s.documents == 0);
  CHECK(s.copies == 0);
  CHECK(s.cost_per_application == 0);
  CHECK(s.cost_per_year == 0);
}

}  // namespace

TEST_CASE("eliminate_step links the predecessors to the successors", "[savings]") {
  // `record` has two predecessors (receive, fetch) and two successors
  // (check, notify).
  auto f = make(R"(procedure:
  id: "T.eliminate"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, channel: in_person, applicant_hours: 1, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 1, after: [submit]}
    - {id: fetch, actor: tax, action: transfer, duration_days: 0.5, after: [submit]}
    - {id: record, actor: dpi, action: record, duration_days: 2, after: [receive, fetch], produces: [{name: "Sổ theo dõi"}]}
    - {id: check, actor: dpi, action: check, duration_days: 3, after: [record]}
    - {id: notify, actor: tax, action: notify, duration_days: 0.5, after: [record]}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, after: [check, notify]}
)");
  // Before: submit 0 → receive 1 → record 2 → check 3 → issue 1 = 7 days.
  REQUIRE(f.before.elapsed_days == Approx(7));
  REQUIRE(f.before.steps == 7);

  auto s = on_steps(suggestion_kind::eliminate_step, {"record"});
  redtape::procedure after = redtape::apply_suggestion(f.p, s);
  CHECK(ids_of(after) == strings{"submit", "receive", "fetch", "check", "notify", "issue"});
  // record's predecessors [receive, fetch] replace it in each successor's `after`.
  CHECK(after_of(after, "check") == strings{"receive", "fetch"});
  CHECK(after_of(after, "notify") == strings{"receive", "fetch"});
  CHECK(after_of(after, "issue") == strings{"check", "notify"});  // untouched
  CHECK(problems_in(f.catalog, after).empty());

  redtape::metrics m = redtape::compute_metrics(after, f.costs);
  // After: submit 0 → receive 1 → check 3 → issue 1 = 5 days; 6 steps.
  CHECK(m.elapsed_days == Approx(5));
  CHECK(m.steps == 6);

  redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
  CHECK(saved.days == Approx(2));  // 7 − 5
  // An agency step: the applicant's hours, visits, papers and costs stay.
  CHECK(saved.applicant_hours == 0);
  CHECK(saved.visits == 0);
  CHECK(saved.documents == 0);
  CHECK(saved.cost_per_application == 0);
  CHECK(saved.cost_per_year == 0);
  // The original is left as it was (the transform works on a copy).
  CHECK(f.p.steps.size() == 7);
  CHECK(after_of(f.p, "check") == strings{"record"});
}

TEST_CASE("merge_steps keeps the first step with the longest duration", "[savings]") {
  // Three consecutive dpi steps, then a tax step.
  auto f = make(R"(procedure:
  id: "T.merge_chain"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 1}
    - {id: check, actor: dpi, action: check, duration_days: [1, 2, 6]}
    - {id: forward, actor: dpi, action: transfer, duration_days: 0.5}
    - {id: approve, actor: tax, action: approve, duration_days: 1}
)");
  // Before: 0 + 1 + 2 (check's likely value) + 0.5 + 1 = 4.5 days.
  REQUIRE(f.before.elapsed_days == Approx(4.5));

  auto s = on_steps(suggestion_kind::merge_steps, {"receive", "check", "forward"});
  redtape::procedure after = redtape::apply_suggestion(f.p, s);
  CHECK(ids_of(after) == strings{"submit", "receive", "approve"});
  const redtape::step& kept = step_of(after, "receive");
  // The longest of 1, [1, 2, 6] (likely 2) and 0.5: check's, range and all.
  REQUIRE(kept.duration_days.has_value());
  CHECK(*kept.duration_days == redtape::duration{1, 2, 6});
  CHECK(kept.after == strings{"submit"});
  CHECK(kept.actor == "dpi");
  CHECK(kept.action == "receive");  // the first step named is the one kept
  CHECK(after_of(after, "approve") == strings{"receive"});
  CHECK(problems_in(f.catalog, after).empty());

  redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
  // After: 0 + 2 + 1 = 3 days; 4.5 − 3 = 1.5.
  CHECK(saved.days == Approx(1.5));
  CHECK(redtape::compute_metrics(after, f.costs).steps == 3);
  CHECK(saved.cost_per_year == 0);
}

TEST_CASE("merge_steps unites links and demands, sums fees and hours, two visits become one",
          "[savings]") {
  // Two in-person applicant visits on parallel branches, each with its own
  // predecessor and successor; both demand a plain copy of the citizen ID.
  auto f = make(R"(procedure:
  id: "T.merge_visits"
  volume_per_year: 10
  steps:
    - {id: p1, actor: dpi, action: notify, duration_days: 1, after: []}
    - {id: p2, actor: tax, action: notify, duration_days: 2, after: []}
    - id: visit1
      actor: applicant
      action: submit
      after: [p1]
      channel: in_person
      duration_days: 1
      applicant_hours: 2
      fee: 50000
      requires: [{ref: app_form}, {ref: citizen_id, form: copy}]
    - id: visit2
      actor: applicant
      action: pay
      after: [p2]
      channel: in_person
      duration_days: 3
      applicant_hours: 1.5
      fee: 30000
      requires: [{ref: citizen_id, form: copy}, {ref: photo, form: copy, copies: 2}]
    - {id: s1, actor: dpi, action: check, duration_days: 1, after: [visit1]}
    - {id: s2, actor: tax, action: issue, duration_days: 2, after: [visit2]}
)");
  // Before:
  //   elapsed  = max(p1 1 + visit1 1 + s1 1, p2 2 + visit2 3 + s2 2) = 7
  //   hours    = 2 + 1.5 = 3.5;  visits = 2;  documents = 4;  copies = 1+1+1+2 = 5
  //   fees     = 50,000 + 30,000 = 80,000
  //   papers   = 0 (form) + 2,000 + 2,000 (two ID copies) + 2 × 2,000 (photos) = 8,000
  //   cost     = 80,000 + 3.5 × 40,000 + 2 × 60,000 + 8,000 = 348,000
  REQUIRE(f.before.elapsed_days == Approx(7));
  REQUIRE(f.before.applicant_visits == 2);
  REQUIRE(f.before.documents == 4);
  REQUIRE(f.before.copies == 5);
  REQUIRE(f.before.cost_per_application == Approx(348000));
  REQUIRE(f.before.cost_per_year == Approx(3480000));  // × 10

  auto s = on_steps(suggestion_kind::merge_steps, {"visit1", "visit2"});
  redtape::procedure after = redtape::apply_suggestion(f.p, s);
  CHECK(ids_of(after) == strings{"p1", "p2", "visit1", "s1", "s2"});
  const redtape::step& kept = step_of(after, "visit1");
  CHECK(kept.after == strings{"p1", "p2"});              // union of the predecessors
  CHECK(after_of(after, "s2") == strings{"visit1"});      // visit2's successor follows the kept step
  CHECK(after_of(after, "s1") == strings{"visit1"});
  REQUIRE(kept.duration_days.has_value());
  CHECK(kept.duration_days->likely == 3);                 // max(1, 3)
  CHECK(kept.applicant_hours.hours == Approx(3.5));       // 2 + 1.5
  REQUIRE(kept.fee.has_value());
  REQUIRE(kept.fee->amount.has_value());
  CHECK(*kept.fee->amount == Approx(80000));              // 50,000 + 30,000
  CHECK(kept.channel == redtape::channel::in_person);
  // Union of the demands, the second ID copy dropped as a duplicate.
  REQUIRE(kept.requires_docs.size() == 3);
  CHECK(kept.requires_docs[0].ref == "app_form");
  CHECK(kept.requires_docs[1].ref == "citizen_id");
  CHECK(kept.requires_docs[2].ref == "photo");
  CHECK(kept.requires_docs[2].copies == 2);
  CHECK(problems_in(f.catalog, after).empty());

  redtape::metrics m = redtape::compute_metrics(after, f.costs);
  // After:
  //   elapsed = max(p1 1, p2 2) + visit1 3 + max(s1 1, s2 2) = 7 (the longest kept: no gain)
  //   visits 1; documents 3; copies 1 + 1 + 2 = 4; hours 3.5; fees 80,000
  //   cost    = 80,000 + 140,000 + 60,000 + (0 + 2,000 + 4,000) = 286,000
  CHECK(m.elapsed_days == Approx(7));
  CHECK(m.applicant_visits == 1);
  CHECK(m.documents == 3);
  CHECK(m.copies == 4);
  CHECK(m.fees == Approx(80000));
  CHECK(m.cost_per_application == Approx(286000));

  redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
  CHECK(saved.days == 0);                                  // 7 − 7
  CHECK(saved.applicant_hours == 0);                       // hours are summed, not dropped
  CHECK(saved.visits == 1);                                // 2 − 1
  CHECK(saved.documents == 1);                             // the duplicate ID copy
  CHECK(saved.copies == 1);                                // 5 − 4
  CHECK(saved.cost_per_application == Approx(62000));      // 60,000 (visit) + 2,000 (copy)
  CHECK(saved.cost_per_year == Approx(620000));            // 62,000 × 10
}

// merge_steps adds the merged steps' fees up (docs/savings.md). Fees that
// cannot be added (another currency, a fee given only in words) are never
// dropped: such steps are not merged, apply_suggestion says why, and the
// change saves nothing.
TEST_CASE("merge_steps never loses a fee it cannot add up", "[savings]") {
  auto refused = [](const char* yaml) {
    auto f = make(yaml);
    auto s = on_steps(suggestion_kind::merge_steps, {"check", "issue"});
    CHECK_THROWS_AS(redtape::apply_suggestion(f.p, s), redtape::invalid_argument_error);
  };
  SECTION("kept step's fee is given in words, the other's is 30,000 VND") {
    refused(R"(procedure:
  id: "T.merge_fee_text"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: check, actor: dpi, action: check, duration_days: 1, fee: {text: "Theo quy định của HĐND tỉnh"}}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, fee: 30000}
)");
  }
  SECTION("kept step's fee is in USD, the other's is 50,000 VND") {
    refused(R"(procedure:
  id: "T.merge_fee_currency"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: check, actor: dpi, action: check, duration_days: 1, fee: {amount: 20, currency: USD}}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, fee: 50000}
)");
  }
  SECTION("fees in the same currency add up, a missing fee takes the other's") {
    auto f = make(R"(procedure:
  id: "T.merge_fee_sum"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: check, actor: dpi, action: check, duration_days: 1, fee: 20000}
    - {id: issue, actor: dpi, action: issue, duration_days: 1, fee: 30000}
    - {id: sign, actor: dpi, action: sign, duration_days: 1}
    - {id: publish, actor: dpi, action: publish, duration_days: 1, fee: 5000}
)");
    auto merged = redtape::apply_suggestion(f.p, on_steps(suggestion_kind::merge_steps, {"check", "issue"}));
    CHECK(redtape::compute_metrics(merged, f.costs).fees == Approx(55000));
    auto merged2 = redtape::apply_suggestion(f.p, on_steps(suggestion_kind::merge_steps, {"sign", "publish"}));
    CHECK(redtape::compute_metrics(merged2, f.costs).fees == Approx(55000));
  }
}


TEST_CASE("parallelize removes the link and gives the later review the earlier's predecessors",
          "[savings]") {
  auto f = make(R"(procedure:
  id: "T.parallelize"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, after: []}
    - {id: receive, actor: dpi, action: receive, duration_days: 1}
    - {id: inspect, actor: fire, action: inspect, duration_days: 3, after: [receive]}
    - {id: consult, actor: construction, action: consult, duration_days: 4, after: [inspect]}
    - {id: approve, actor: dpi, action: approve, duration_days: 1, after: [consult]}
    - {id: notify, actor: dpi, action: notify, duration_days: 0.5, after: [consult, inspect]}
)");
  // Before: 0 + 1 + 3 + 4 + 1 = 9 days.
  REQUIRE(f.before.elapsed_days == Approx(9));

  auto s = on_steps(suggestion_kind::parallelize, {"inspect", "consult"});
  redtape::procedure after = redtape::apply_suggestion(f.p, s);
  CHECK(after_of(after, "inspect") == strings{"receive"});
  CHECK(after_of(after, "consult") == strings{"receive"});  // inspect's predecessors instead of inspect
  // consult's successors also follow inspect (once: notify already did).
  CHECK(after_of(after, "approve") == strings{"consult", "inspect"});
  CHECK(after_of(after, "notify") == strings{"consult", "inspect"});
  CHECK(problems_in(f.catalog, after).empty());

  redtape::metrics m = redtape::compute_metrics(after, f.costs);
  // After: 0 + 1 + max(inspect 3, consult 4) + approve 1 = 6 days.
  CHECK(m.elapsed_days == Approx(6));
  CHECK(m.steps == 6);
  redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
  CHECK(saved.days == Approx(3));  // 9 − 6
  CHECK(saved.cost_per_year == 0);

  // A link that does not exist is an error, not a silent no-op.
  CHECK_THROWS_AS(redtape::apply_suggestion(f.p, on_steps(suggestion_kind::parallelize, {"receive", "consult"})),
                  redtape::invalid_argument_error);
}

namespace {

// The applicant demands of the document-change tests:
//   submit#0 app_form (original, 1 copy)          0
//   submit#1 citizen_id certified_copy × 2         2 × 10,000 = 20,000
//   submit#2 photo copy                             2,000
//   collect#0 citizen_id copy                       2,000
// documents 4, copies 5, papers 24,000; hours 1 (40,000); 2 visits (120,000);
// cost per application 184,000; 250 a year: 46,000,000.
constexpr std::string_view demands_procedure = R"(procedure:
  id: "T.demands"
  volume_per_year: 250
  steps:
    - id: submit
      actor: applicant
      action: submit
      after: []
      channel: in_person
      applicant_hours: 1
      requires:
        - {ref: app_form}
        - {ref: citizen_id, form: certified_copy, copies: 2}
        - {ref: photo, form: copy}
    - {id: check, actor: dpi, action: check, duration_days: 1}
    - {id: collect, actor: applicant, action: collect, channel: in_person, requires: [{ref: citizen_id, form: copy}]}
)";

}  // namespace

TEST_CASE("drop_requirement and reuse_data remove the demand", "[savings]") {
  auto f = make(demands_procedure);
  REQUIRE(f.before.documents == 4);
  REQUIRE(f.before.copies == 5);
  REQUIRE(f.before.cost_per_application == Approx(184000));
  REQUIRE(f.before.cost_per_year == Approx(46000000));

  SECTION("reuse_data: the certified ID copies at submit") {
    auto s = on_demands(suggestion_kind::reuse_data, {{"submit", 1}});
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    const auto& docs = step_of(after, "submit").requires_docs;
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].ref == "app_form");
    CHECK(docs[1].ref == "photo");
    redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
    CHECK(saved.documents == 1);                          // one demand
    CHECK(saved.copies == 2);                             // of two copies
    CHECK(saved.cost_per_application == Approx(20000));   // 2 × 10,000
    CHECK(saved.cost_per_year == Approx(5000000));        // 20,000 × 250
    CHECK(saved.visits == 0);                             // the visit stays
    CHECK(saved.days == 0);
  }
  SECTION("drop_requirement: the second ID copy at collect") {
    auto s = on_demands(suggestion_kind::drop_requirement, {{"collect", 0}});
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    CHECK(step_of(after, "collect").requires_docs.empty());
    CHECK(step_of(after, "submit").requires_docs.size() == 3);
    redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
    CHECK(saved.documents == 1);
    CHECK(saved.copies == 1);
    CHECK(saved.cost_per_application == Approx(2000));    // 1 × 2,000
    CHECK(saved.cost_per_year == Approx(500000));         // 2,000 × 250
  }
  SECTION("two demands of one step at once, named in any order") {
    auto s = on_demands(suggestion_kind::drop_requirement, {{"submit", 0}, {"submit", 2}});
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    const auto& docs = step_of(after, "submit").requires_docs;
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].ref == "citizen_id");  // the one not named stays
    redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
    CHECK(saved.documents == 2);
    CHECK(saved.copies == 2);
    CHECK(saved.cost_per_application == Approx(2000));    // 0 (form) + 2,000 (photo)
  }
  SECTION("a demand the step does not have is an error") {
    CHECK_THROWS_AS(redtape::apply_suggestion(f.p, on_demands(suggestion_kind::reuse_data, {{"collect", 1}})),
                    redtape::invalid_argument_error);
  }
}

namespace {

// What SPEC §3 defines a marginal saving to be: that one change applied to
// a copy, the metrics recomputed, before − after.
redtape::saving recomputed(const redtape::procedure& p, const redtape::cost_model& costs,
                           const redtape::metrics& before, const redtape::suggestion& s) {
  return redtape::difference(before, redtape::compute_metrics(redtape::apply_suggestion(p, s), costs));
}

void check_equal(const redtape::saving& a, const redtape::saving& b) {
  CHECK(a.days == Approx(b.days));
  CHECK(a.applicant_hours == Approx(b.applicant_hours));
  CHECK(a.visits == b.visits);
  CHECK(a.documents == b.documents);
  CHECK(a.copies == b.copies);
  CHECK(a.cost_per_application == Approx(b.cost_per_application));
  CHECK(a.cost_per_year == Approx(b.cost_per_year));
}

// Every document change and single window a procedure allows, one at a time.
std::vector<redtape::suggestion> every_simple_change(const redtape::procedure& p) {
  std::vector<redtape::suggestion> out;
  for (const auto& st : p.steps) {
    for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) {
      out.push_back(on_demands(suggestion_kind::drop_requirement, {{st.id, i}}));
      out.push_back(on_demands(suggestion_kind::reuse_data, {{st.id, i}}));
      out.push_back(on_demands(suggestion_kind::relax_form, {{st.id, i}}));
      for (auto form : {redtape::document_form::original, redtape::document_form::certified_copy,
                        redtape::document_form::electronic, redtape::document_form::declaration})
        out.push_back(on_demands(suggestion_kind::relax_form, {{st.id, i}}, form));
    }
    if (st.requires_docs.size() >= 2) {
      auto last = static_cast<std::uint32_t>(st.requires_docs.size() - 1);
      out.push_back(on_demands(suggestion_kind::drop_requirement, {{st.id, last}, {st.id, 0}}));
      out.push_back(on_demands(suggestion_kind::relax_form, {{st.id, 0}, {st.id, last}}));
    }
    out.push_back(on_steps(suggestion_kind::single_window, {st.id}, "online"));
    out.push_back(on_steps(suggestion_kind::single_window, {st.id}, "one_stop_centre"));
  }
  return out;
}

}  // namespace

// Bug (reported): drop_demands() in src/savings/transform.cpp erases by
// index once per demand named, so a suggestion that names the same demand
// twice ({submit, 1} twice) erases submit#1 and then the demand that moved
// into its place (submit#2, the photo): two demands gone for one. simplify()
// is not affected (it collects the demands in a map first), but
// apply_suggestion and so a recomputed marginal saving are.
TEST_CASE("a demand named twice is removed once", "[savings]") {
  auto f = make(demands_procedure);
  auto s = on_demands(suggestion_kind::drop_requirement, {{"submit", 1}, {"submit", 1}});
  redtape::procedure after = redtape::apply_suggestion(f.p, s);
  const auto& docs = step_of(after, "submit").requires_docs;
  // Expected: [app_form, photo]. Actual: [app_form].
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].ref == "app_form");
  CHECK(docs[1].ref == "photo");
  // The same saving as naming it once: 1 document, 2 copies, 20,000.
  check_equal(redtape::marginal_saving(f.p, f.costs, f.before, s),
              redtape::marginal_saving(f.p, f.costs, f.before,
                                       on_demands(suggestion_kind::drop_requirement, {{"submit", 1}})));
  check_equal(recomputed(f.p, f.costs, f.before, s), redtape::marginal_saving(f.p, f.costs, f.before, s));
}

TEST_CASE("relax_form: certified copy to copy saves copies × (10,000 − 2,000)", "[savings]") {
  auto f = make(demands_procedure);
  SECTION("to a plain copy (the default)") {
    auto s = on_demands(suggestion_kind::relax_form, {{"submit", 1}});
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    const auto& d = step_of(after, "submit").requires_docs[1];
    CHECK(d.effective_form() == redtape::document_form::copy);
    CHECK(d.copies == 2);
    redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
    CHECK(saved.cost_per_application == Approx(16000));  // 2 copies × (10,000 − 2,000)
    CHECK(saved.cost_per_year == Approx(4000000));       // 16,000 × 250
    CHECK(saved.documents == 0);                         // still demanded
    CHECK(saved.copies == 0);
    CHECK(saved.visits == 0);
  }
  SECTION("to an electronic check") {
    auto s = on_demands(suggestion_kind::relax_form, {{"submit", 1}}, redtape::document_form::electronic);
    redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
    CHECK(saved.cost_per_application == Approx(20000));  // 2 × (10,000 − 0)
    CHECK(saved.cost_per_year == Approx(5000000));       // 20,000 × 250
  }
}

TEST_CASE("single_window: online saves a visit, one_stop_centre moves it", "[savings]") {
  auto f = make(R"(procedure:
  id: "T.single_window"
  volume_per_year: 1000
  steps:
    - {id: submit, actor: applicant, action: submit, after: [], channel: in_person, location: one_stop_centre, applicant_hours: 2}
    - {id: check, actor: dpi, action: check, duration_days: 1}
    - {id: pay, actor: applicant, action: pay, channel: in_person, location: agency, duration_days: 0.5, applicant_hours: 1.5}
    - {id: issue, actor: dpi, action: issue, duration_days: 1}
)");
  // Before: 2 visits; hours 3.5; cost = 3.5 × 40,000 + 2 × 60,000 = 260,000.
  REQUIRE(f.before.applicant_visits == 2);
  REQUIRE(f.before.cost_per_application == Approx(260000));
  REQUIRE(f.before.elapsed_days == Approx(2.5));

  SECTION("online") {
    auto s = on_steps(suggestion_kind::single_window, {"pay"}, "online");
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    CHECK(step_of(after, "pay").channel == redtape::channel::online);
    CHECK(step_of(after, "pay").location_kind == "online");
    redtape::saving saved = redtape::marginal_saving(f.p, f.costs, f.before, s);
    CHECK(saved.visits == 1);                            // 2 − 1
    CHECK(saved.cost_per_application == Approx(60000));  // one visit_cost
    CHECK(saved.cost_per_year == Approx(60000000));      // 60,000 × 1,000
    CHECK(saved.applicant_hours == 0);                   // the hours are the applicant's still
    CHECK(saved.days == 0);                              // an applicant step: no floor, same 0.5 day
    CHECK(saved.documents == 0);
  }
  SECTION("one_stop_centre") {
    auto s = on_steps(suggestion_kind::single_window, {"pay"}, "one_stop_centre");
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    CHECK(step_of(after, "pay").location_kind == "one_stop_centre");
    CHECK(step_of(after, "pay").channel == redtape::channel::in_person);  // still a visit
    check_no_saving(redtape::marginal_saving(f.p, f.costs, f.before, s));
  }
  SECTION("no new_location means the one-stop centre") {
    auto s = on_steps(suggestion_kind::single_window, {"pay"});
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    CHECK(step_of(after, "pay").location_kind == "one_stop_centre");
    CHECK(step_of(after, "pay").channel == redtape::channel::in_person);
  }
}

TEST_CASE("drop_dependency changes no metric and is never applied in the simplification",
          "[savings]") {
  // c after [a, b], b after a: the link a → c is implied by a → b → c.
  auto f = make(R"(procedure:
  id: "T.drop_dependency"
  volume_per_year: 100
  steps:
    - {id: submit, actor: applicant, action: submit, after: [], channel: in_person, applicant_hours: 1}
    - {id: a, actor: dpi, action: receive, duration_days: 1}
    - {id: b, actor: tax, action: check, duration_days: 2, after: [a]}
    - {id: c, actor: dpi, action: issue, duration_days: 1, after: [a, b]}
)");
  // Elapsed 1 + 2 + 1 = 4, with or without the link.
  REQUIRE(f.before.elapsed_days == Approx(4));
  auto s = on_steps(suggestion_kind::drop_dependency, {"a", "c"});
  redtape::procedure after = redtape::apply_suggestion(f.p, s);
  CHECK(after_of(after, "c") == strings{"b"});
  redtape::metrics m = redtape::compute_metrics(after, f.costs);
  CHECK(m.elapsed_days == Approx(4));
  CHECK(m.cost_per_application == Approx(f.before.cost_per_application));
  CHECK(m.applicant_visits == f.before.applicant_visits);
  CHECK(m.documents == f.before.documents);
  check_no_saving(redtape::marginal_saving(f.p, f.costs, f.before, s));

  std::vector<redtape::finding> findings{make_finding(f.p, f.costs, "implied-dependency", s, 10)};
  redtape::simplification simplified = redtape::simplify(f.p, f.costs, findings);
  CHECK(simplified.applied.empty());
  CHECK(after_of(simplified.simplified, "c") == strings{"a", "b"});  // the link stays
  check_no_saving(simplified.total);
}

TEST_CASE("shared_registry and review change nothing in one procedure", "[savings]") {
  auto f = make(demands_procedure);
  for (auto k : {suggestion_kind::shared_registry, suggestion_kind::review}) {
    redtape::suggestion s;
    s.kind = k;
    redtape::procedure after = redtape::apply_suggestion(f.p, s);
    CHECK(ids_of(after) == ids_of(f.p));
    check_no_saving(redtape::marginal_saving(f.p, f.costs, f.before, s));
  }
}

TEST_CASE("marginal_saving is the recomputation on a copy, whatever shortcut it takes",
          "[savings]") {
  SECTION("every finding of the example catalog") {
    redtape::catalog c = redtape::load(examples_dir / "catalog");
    redtape::audit_report r = redtape::audit(c, redtape::rule_set::builtin());
    for (const auto& f : r.findings) {
      const redtape::procedure* p = c.find_procedure(f.procedure);
      if (p == nullptr) continue;  // catalog-level
      INFO(f.procedure << " " << f.rule << " " << redtape::to_string(f.suggestion.kind));
      redtape::cost_model costs = c.cost_model_for(*p);
      redtape::metrics before = redtape::compute_metrics(*p, costs);
      if (f.suggestion.kind == suggestion_kind::drop_dependency) continue;
      check_equal(f.saving, recomputed(*p, costs, before, f.suggestion));
      check_equal(redtape::marginal_saving(*p, costs, before, f.suggestion),
                  recomputed(*p, costs, before, f.suggestion));
    }
  }
  SECTION("every document change and single window of the example procedures") {
    redtape::catalog c = redtape::load(examples_dir / "catalog");
    for (const auto& p : c.procedures) {
      redtape::cost_model costs = c.cost_model_for(p);
      // Also with the World Bank floors, under which a channel can matter.
      for (bool world_bank : {false, true}) {
        if (world_bank) {
          costs.min_step_days = 1;
          costs.min_step_days_online = 0.5;
        }
        redtape::metrics before = redtape::compute_metrics(p, costs);
        for (const auto& s : every_simple_change(p)) {
          INFO(p.id << " " << redtape::to_string(s.kind) << " " << s.steps.front()
                    << (s.demands.empty() ? "" : "#" + std::to_string(s.demands.front().index))
                    << " world bank " << world_bank);
          check_equal(redtape::marginal_saving(p, costs, before, s), recomputed(p, costs, before, s));
        }
      }
    }
  }
  SECTION("copies and volumes that are not 1") {
    auto f = make(demands_procedure);  // a demand of 2 copies, 250 a year
    for (const auto& s : every_simple_change(f.p)) {
      INFO(redtape::to_string(s.kind) << " " << s.steps.front());
      check_equal(redtape::marginal_saving(f.p, f.costs, f.before, s), recomputed(f.p, f.costs, f.before, s));
    }
  }
  SECTION("an agency step put online, under min_step_days_online") {
    auto f = make(R"(procedure:
  id: "T.online_agency"
  volume_per_year: 10
  steps:
    - {id: submit, actor: applicant, action: submit, after: [], channel: in_person}
    - {id: check, actor: dpi, action: check, channel: in_person, duration_days: 0.2}
)");
    f.costs.min_step_days = 1;
    f.costs.min_step_days_online = 0.5;
    f.before = redtape::compute_metrics(f.p, f.costs);
    REQUIRE(f.before.elapsed_days == Approx(1));
    auto s = on_steps(suggestion_kind::single_window, {"check"}, "online");
    // Online, the floor is half a day: 1 − 0.5.
    CHECK(redtape::marginal_saving(f.p, f.costs, f.before, s).days == Approx(0.5));
    check_equal(redtape::marginal_saving(f.p, f.costs, f.before, s), recomputed(f.p, f.costs, f.before, s));
  }
}
