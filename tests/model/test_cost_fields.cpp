// cost_model_patch::set: one reading of a cost model field and its value for
// the CLI's `--set KEY=VALUE` and Python's `cost_model={…}`.
#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "redtape/error.hpp"
#include "redtape/model.hpp"

using redtape::cost_model_patch;
using redtape::document_form;

namespace {

std::string refusal(std::string_view key, std::string_view text) {
  cost_model_patch patch;
  try {
    patch.set(key, text);
  } catch (const redtape::invalid_argument_error& e) {
    CHECK(patch.empty());  // nothing half set
    return e.what();
  }
  return "(taken)";
}

}  // namespace

TEST_CASE("cost_model_patch::set reads every field from its text", "[model]") {
  cost_model_patch patch;
  patch.set("currency", "USD");
  patch.set("hourly_value", "50000");
  patch.set("visit_cost", "12500.5");
  patch.set("min_step_days", "1");
  patch.set("min_step_days_online", "0.5");
  patch.set("working_hours_per_day", "7.5");
  patch.set("unit_costs.copy", "3000");
  patch.set("unit_costs.certified_copy", "0");

  redtape::cost_model m;
  patch.apply_to(m);
  CHECK(m.currency == "USD");
  CHECK(m.hourly_value == 50000);
  CHECK(m.visit_cost == 12500.5);
  CHECK(m.min_step_days == 1);
  CHECK(m.min_step_days_online == 0.5);
  CHECK(m.working_hours_per_day == 7.5);
  CHECK(m.unit_cost(document_form::copy) == 3000);
  CHECK(patch.unit_costs[static_cast<std::size_t>(document_form::certified_copy)] == 0.0);
  CHECK_FALSE(patch.unit_costs[static_cast<std::size_t>(document_form::original)].has_value());

  cost_model_patch numbers;
  numbers.set("hourly_value", 40000.0);
  numbers.set("unit_costs.electronic", 0.0);
  CHECK(numbers.hourly_value == 40000.0);
  CHECK(numbers.unit_costs[static_cast<std::size_t>(document_form::electronic)] == 0.0);
}

TEST_CASE("cost_model_patch::set refuses what a cost is not, naming the field", "[model]") {
  const std::string number = "`hourly_value` takes a finite, non-negative number";
  for (const char* bad : {"abc", "-5", "", "5x", " 5", "inf", "nan", "1e999"}) {
    CAPTURE(bad);
    CHECK(refusal("hourly_value", bad) == number);
  }
  CHECK(refusal("unit_costs.copy", "-1") == "`unit_costs.copy` takes a finite, non-negative number");
  CHECK(refusal("unit_costs.parchment", "1") ==
        "no document form `parchment`; one of: original, copy, certified_copy, electronic, declaration");
  CHECK(refusal("hourly_valu", "1") == "no cost model field `hourly_valu`; did you mean `hourly_value`?");
  CHECK(refusal("unit_costs", "1") ==
        "`unit_costs` takes a number per document form: `unit_costs.<form>`, e.g. `unit_costs.copy`");

  cost_model_patch patch;
  CHECK_THROWS_WITH(patch.set("visit_cost", -0.5), "`visit_cost` takes a finite, non-negative number");
  CHECK_THROWS_WITH(patch.set("visit_cost", std::nan("")), "`visit_cost` takes a finite, non-negative number");
  CHECK_THROWS_WITH(patch.set("visit_cost", std::numeric_limits<double>::infinity()),
                    "`visit_cost` takes a finite, non-negative number");
  CHECK_THROWS_WITH(patch.set("currency", 1.0), "`currency` takes text, not a number");
  CHECK(patch.empty());
}

TEST_CASE("cost_model_patch::is_field tells cost settings from rule settings", "[model]") {
  for (std::string_view name : redtape::cost_model_field_names)
    CHECK(cost_model_patch::is_field(name) == (name != "unit_costs"));
  CHECK(cost_model_patch::is_field("unit_costs.copy"));
  CHECK(cost_model_patch::is_field("unit_costs.parchment"));  // set() names the forms
  CHECK_FALSE(cost_model_patch::is_field("once-only.government_prefixes"));
  CHECK_FALSE(cost_model_patch::is_field("certified-copy"));
  CHECK_FALSE(cost_model_patch::is_field(""));
}
