// Writing a procedure back out as redtape YAML, readable and editable.
#include <fmt/format.h>

#include "redtape/report.hpp"
#include "redtape/savings.hpp"
#include "util/yaml_text.hpp"

namespace redtape {

namespace {

const auto q = [](std::string_view s) { return yaml::quote(s); };
const auto num = [](double d) { return yaml::number(d); };
const auto name = [](const localized_text& t) { return yaml::name(t); };
const auto list = [](const std::vector<std::string>& items) { return yaml::flow_list(items); };

void demands(std::string& out, std::string_view key, const std::vector<document_demand>& ds) {
  if (ds.empty()) return;
  out += fmt::format("        {}:\n", key);
  for (const auto& d : ds) out += fmt::format("          - {}\n", yaml::demand(d));
}

void costs(std::string& out, const cost_model_patch& c, std::string_view indent) {
  if (c.empty()) return;
  out += fmt::format("{}cost_model:\n", indent);
  if (c.currency) out += fmt::format("{}  currency: {}\n", indent, q(*c.currency));
  if (c.hourly_value) out += fmt::format("{}  hourly_value: {}\n", indent, num(*c.hourly_value));
  if (c.visit_cost) out += fmt::format("{}  visit_cost: {}\n", indent, num(*c.visit_cost));
  std::vector<std::string> units;
  for (std::size_t i = 0; i < c.unit_costs.size(); ++i)
    if (c.unit_costs[i]) units.push_back(fmt::format("{}: {}", document_form_names[i], num(*c.unit_costs[i])));
  if (!units.empty()) out += fmt::format("{}  unit_costs: {{{}}}\n", indent, fmt::join(units, ", "));
  if (c.min_step_days) out += fmt::format("{}  min_step_days: {}\n", indent, num(*c.min_step_days));
  if (c.min_step_days_online)
    out += fmt::format("{}  min_step_days_online: {}\n", indent, num(*c.min_step_days_online));
  if (c.working_hours_per_day)
    out += fmt::format("{}  working_hours_per_day: {}\n", indent, num(*c.working_hours_per_day));
}

void record(std::string& out, const yaml_options& o) {
  if (!o.applied || !o.findings) return;
  const simplification& s = *o.applied;
  out += "x-simplified:\n";
  if (!o.source.empty()) out += fmt::format("  from: {}\n", q(o.source));
  out += fmt::format("  saving: {{days: {}, applicant_hours: {}, visits: {}, documents: {}, "
                     "cost_per_application: {}, cost_per_year: {}}}\n",
                     num(s.total.days), num(s.total.applicant_hours), num(s.total.visits),
                     num(s.total.documents), num(s.total.cost_per_application), num(s.total.cost_per_year));
  auto entries = [&](std::string_view key, const std::vector<std::size_t>& which) {
    if (which.empty()) {
      out += fmt::format("  {}: []\n", key);
      return;
    }
    out += fmt::format("  {}:\n", key);
    for (std::size_t i : which) {
      const finding& f = (*o.findings)[i];
      out += fmt::format("    - {{rule: {}, suggestion: {}, steps: {}, documents: {}, message: {}}}\n",
                         q(f.rule), to_string(f.suggestion.kind), list(f.steps), list(f.documents),
                         q(f.message.en));
    }
  };
  entries("applied", s.applied);
  entries("skipped", s.skipped);
}

}  // namespace

std::string to_yaml(const catalog& c, const procedure& p, const yaml_options& o) {
  static_cast<void>(c);
  std::string out = "redtape: 1\n";
  record(out, o);
  out += "procedure:\n";
  out += fmt::format("  id: {}\n", q(p.id));
  if (!p.name.empty()) out += fmt::format("  name: {}\n", name(p.name));
  if (!p.sector.empty()) out += fmt::format("  sector: {}\n", q(p.sector));
  if (!p.level.empty()) out += fmt::format("  level: {}\n", q(p.level));
  if (!p.agency.empty()) out += fmt::format("  agency: {}\n", q(p.agency));
  out += fmt::format("  applicant: {}\n", to_string(p.applicant));
  if (p.volume_per_year > 0) out += fmt::format("  volume_per_year: {}\n", num(p.volume_per_year));
  if (!p.legal_basis.empty()) out += fmt::format("  legal_basis: {}\n", list(p.legal_basis));
  if (p.results.size() == 1) out += fmt::format("  result: {}\n", yaml::demand(p.results.front()));
  if (p.results.size() > 1) {
    out += "  result:\n";
    for (const auto& d : p.results) out += fmt::format("    - {}\n", yaml::demand(d));
  }
  if (!p.source_url.empty()) out += fmt::format("  source_url: {}\n", q(p.source_url));
  if (!p.note.empty()) out += fmt::format("  note: {}\n", q(p.note));
  costs(out, p.cost_overrides, "  ");
  out += "  steps:\n";
  for (const auto& s : p.steps) {
    out += fmt::format("      - id: {}\n", q(s.id));
    if (!s.name.empty()) out += fmt::format("        name: {}\n", name(s.name));
    out += fmt::format("        actor: {}\n", q(s.actor));
    if (!s.action.empty()) out += fmt::format("        action: {}\n", q(s.action));
    out += fmt::format("        after: {}\n", list(s.after));  // always explicit: no guessing
    if (s.duration_days) {
      const auto& d = *s.duration_days;
      out += d.is_range() ? fmt::format("        duration_days: [{}, {}, {}]\n", num(d.min), num(d.likely), num(d.max))
                          : fmt::format("        duration_days: {}\n", num(d.likely));
    }
    if (!s.applicant_hours.breakdown.empty()) {
      std::vector<std::string> parts;
      for (const auto& [k, h] : s.applicant_hours.breakdown) parts.push_back(fmt::format("{}: {}", k, num(h)));
      out += fmt::format("        applicant_hours: {{{}}}\n", fmt::join(parts, ", "));
    } else if (s.applicant_hours.hours > 0) {
      out += fmt::format("        applicant_hours: {}\n", num(s.applicant_hours.hours));
    }
    if (s.fee) out += fmt::format("        fee: {}\n", yaml::fee(*s.fee));
    if (s.channel != channel::unspecified) out += fmt::format("        channel: {}\n", to_string(s.channel));
    if (!s.location_kind.empty()) out += fmt::format("        location: {}\n", q(s.location_kind));
    demands(out, "requires", s.requires_docs);
    demands(out, "produces", s.produces_docs);
    if (!s.legal_basis.empty()) out += fmt::format("        legal_basis: {}\n", list(s.legal_basis));
    if (!s.note.empty()) out += fmt::format("        note: {}\n", q(s.note));
  }
  return out;
}

}  // namespace redtape
