// Shared by the [savings] tests: small procedures loaded from text, the
// cost model every hand computation of these tests uses, and shorthands to
// build findings by hand.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/analysis.hpp"
#include "redtape/findings.hpp"
#include "redtape/load.hpp"
#include "redtape/model.hpp"
#include "redtape/savings.hpp"

namespace savings_test {

inline const std::filesystem::path data_dir = std::filesystem::path(REDTAPE_TEST_DATA) / "savings";
inline const std::filesystem::path examples_dir = std::filesystem::path(REDTAPE_EXAMPLES);

/// The registry every procedure written in these tests loads with: the
/// SPEC §2 sketch's cost model (VND; 40,000 an hour; 60,000 a visit; a copy
/// 2,000; a certified copy 10,000; every other form 0; no min_step_days).
inline constexpr std::string_view registry = R"(redtape: 1
agencies:
  - {id: dpi, name: "Phòng Đăng ký kinh doanh", kind: government, level: province}
  - {id: tax, name: "Cơ quan thuế", kind: government, level: province}
  - {id: fire, name: "Cảnh sát PCCC", kind: government, level: province}
  - {id: construction, name: "Sở Xây dựng", kind: government, level: province}
  - {id: environment, name: "Sở Nông nghiệp và Môi trường", kind: government, level: province}
documents:
  - {id: citizen_id, name: "Căn cước công dân", issued_by: police, held_in: national_population_database}
  - {id: app_form, name: "Tờ khai", issued_by: applicant}
  - {id: photo, name: "Ảnh 4x6", issued_by: applicant}
  - {id: permit, name: "Giấy phép", issued_by: dpi}
cost_model:
  currency: VND
  hourly_value: 40000
  visit_cost: 60000
  unit_costs: {original: 0, copy: 2000, certified_copy: 10000, electronic: 0, declaration: 0}
  min_step_days: 0
)";

/// Load YAML text (a whole file: `redtape: 1` and what follows); fails the
/// test with every diagnostic when it does not load.
inline redtape::catalog load_text(std::string_view yaml, std::string name = "<savings test>") {
  redtape::load_result r = redtape::try_load_text(yaml, std::move(name));
  if (!r.ok()) {
    std::string all;
    for (const auto& d : r.diagnostics) all += d.format() + "\n";
    FAIL("test procedure does not load:\n" << all);
  }
  return std::move(*r.catalog);
}

/// `registry` followed by one `procedure:` block (written at column 0).
inline redtape::catalog with_registry(std::string_view procedure_yaml) {
  std::string text(registry);
  text += procedure_yaml;
  return load_text(text);
}

inline const redtape::procedure& only_procedure(const redtape::catalog& c) {
  REQUIRE(c.procedures.size() == 1);
  return c.procedures.front();
}

inline const redtape::step& step_of(const redtape::procedure& p, std::string_view id) {
  auto i = p.find_step(id);
  if (i < 0) FAIL("no step " << id << " in procedure " << p.id);
  return p.steps[static_cast<std::size_t>(i)];
}

inline std::vector<std::string> after_of(const redtape::procedure& p, std::string_view id) {
  return step_of(p, id).after;
}

inline std::vector<std::string> ids_of(const redtape::procedure& p) {
  std::vector<std::string> out;
  for (const auto& s : p.steps) out.push_back(s.id);
  return out;
}

/// What redtape::validate says of `c` with `p` in place of the procedure of
/// the same id ("" when it is a valid procedure of that catalog).
inline std::string problems_in(redtape::catalog c, const redtape::procedure& p) {
  for (auto& q : c.procedures)
    if (q.id == p.id) q = p;
  c.reindex();
  std::string out;
  for (const auto& d : redtape::validate(c)) out += d.format() + "\n";
  return out;
}

/// A suggestion on steps.
inline redtape::suggestion on_steps(redtape::suggestion_kind k, std::vector<std::string> steps,
                                    std::string new_location = {}) {
  redtape::suggestion s;
  s.kind = k;
  s.steps = std::move(steps);
  s.new_location = std::move(new_location);
  return s;
}

/// A suggestion on demands (step id, index in its `requires`).
inline redtape::suggestion on_demands(redtape::suggestion_kind k,
                                      std::vector<redtape::demand_ref> demands,
                                      std::optional<redtape::document_form> new_form = {}) {
  redtape::suggestion s;
  s.kind = k;
  s.demands = std::move(demands);
  s.new_form = new_form;
  for (const auto& d : s.demands) s.steps.push_back(d.step);
  return s;
}

/// A finding as the audit makes one: `rule` names it (unique in a test, so
/// that results can be matched whatever the input order), its marginal
/// saving computed as the audit computes it (audit.cpp: marginal_saving on
/// the original procedure), `line` its place in the file.
inline redtape::finding make_finding(const redtape::procedure& p, const redtape::cost_model& costs,
                                     std::string rule, redtape::suggestion s, std::uint32_t line = 0) {
  redtape::finding f;
  f.rule = std::move(rule);
  f.procedure = p.id;
  f.steps = s.steps;
  f.suggestion = std::move(s);
  f.location.line = line;
  f.location.column = 1;
  if (f.suggestion.kind != redtape::suggestion_kind::drop_dependency)
    f.saving = redtape::marginal_saving(p, costs, redtape::compute_metrics(p, costs), f.suggestion);
  return f;
}

/// The rules (labels) of the findings at `indexes`, sorted.
inline std::vector<std::string> rules_at(const std::vector<redtape::finding>& findings,
                                         const std::vector<std::size_t>& indexes) {
  std::vector<std::string> out;
  for (auto i : indexes) out.push_back(findings.at(i).rule);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace savings_test
