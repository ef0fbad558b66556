#include "import/emit.hpp"

#include <fmt/format.h>

#include "redtape/load.hpp"
#include "util/yaml_text.hpp"

namespace redtape::importer {

namespace {




void block_list(std::string& out, std::string_view indent, std::string_view key, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out += fmt::format("{}{}:\n", indent, key);
  for (const auto& item : items) out += fmt::format("{}  - {}\n", indent, yaml_quote(item));
}

void demands(std::string& out, std::string_view indent, std::string_view key, const std::vector<document_demand>& ds) {
  if (ds.empty()) return;
  out += fmt::format("{}{}:\n", indent, key);
  for (const auto& d : ds) out += fmt::format("{}  - {}\n", indent, yaml::demand(d));
}

void fee(std::string& out, std::string_view indent, const redtape::fee& f) {
  out += fmt::format("{}fee: {}\n", indent, yaml::fee(f));
}

void step(std::string& out, std::string_view indent, const redtape::step& s) {
  const std::string in(indent);
  const std::string body = in + "  ";
  out += fmt::format("{}- id: {}\n", in, yaml_quote(s.id));
  if (!s.name.empty()) out += fmt::format("{}name: {}\n", body, yaml::name(s.name));
  out += fmt::format("{}actor: {}\n", body, yaml_quote(s.actor));
  if (!s.action.empty()) out += fmt::format("{}action: {}\n", body, yaml_quote(s.action));
  out += fmt::format("{}after: {}\n", body, yaml::flow_list(s.after));
  if (s.duration_days) {
    const auto& d = *s.duration_days;
    out += d.is_range() ? fmt::format("{}duration_days: [{}, {}, {}]\n", body, yaml::number(d.min), yaml::number(d.likely), yaml::number(d.max))
                        : fmt::format("{}duration_days: {}\n", body, yaml::number(d.likely));
  }
  if (s.fee) fee(out, body, *s.fee);
  if (s.channel != channel::unspecified) out += fmt::format("{}channel: {}\n", body, to_string(s.channel));
  if (!s.location_kind.empty()) out += fmt::format("{}location: {}\n", body, yaml_quote(s.location_kind));
  demands(out, body, "requires", s.requires_docs);
  demands(out, body, "produces", s.produces_docs);
  if (!s.note.empty()) out += fmt::format("{}note: {}\n", body, yaml_quote(s.note));
}

/// A procedure's keys at `indent`; the first line is prefixed by `first`
/// ("- " in a list).
void procedure(std::string& out, std::string_view indent, const redtape::procedure& p, std::string_view case_title) {
  const std::string in(indent);
  out += fmt::format("{}id: {}\n", in, yaml_quote(p.id));
  if (!case_title.empty()) out += fmt::format("{}x-case: {}\n", in, yaml_quote(case_title));
  if (!p.name.empty()) out += fmt::format("{}name: {}\n", in, yaml::name(p.name));
  if (!p.sector.empty()) out += fmt::format("{}sector: {}\n", in, yaml_quote(p.sector));
  if (!p.level.empty()) out += fmt::format("{}level: {}\n", in, yaml_quote(p.level));
  if (!p.agency.empty()) out += fmt::format("{}agency: {}\n", in, yaml_quote(p.agency));
  out += fmt::format("{}applicant: {}\n", in, to_string(p.applicant));
  block_list(out, in, "legal_basis", p.legal_basis);
  if (p.results.size() == 1) out += fmt::format("{}result: {}\n", in, yaml::demand(p.results.front()));
  else demands(out, in, "result", p.results);
  if (!p.source_url.empty()) out += fmt::format("{}source_url: {}\n", in, yaml_quote(p.source_url));
  if (!p.note.empty()) out += fmt::format("{}note: {}\n", in, yaml_quote(p.note));
  out += fmt::format("{}steps:\n", in);
  for (const auto& s : p.steps) step(out, in + "  ", s);
}

}  // namespace

redtape::cost_model default_cost_model() {
  redtape::cost_model c;
  c.currency = "VND";
  c.hourly_value = 40000;
  c.visit_cost = 60000;
  c.unit_costs = {0, 1000, 5000, 0, 0};
  c.min_step_days = 0;
  c.working_hours_per_day = 8;
  return c;
}

std::string yaml_quote(std::string_view s) { return yaml::quote(s); }

std::string record_yaml(const built_record& b) {
  std::string out = "# Imported by `redtape import dichvucong` from the national public service portal.\n"
                    "redtape: 1\n";
  out += "x-source:\n";
  out += fmt::format("  file: {}\n", yaml_quote(b.source));
  if (b.in_array) out += fmt::format("  record: {}\n", b.index);
  if (!b.oid.empty()) out += fmt::format("  oid: {}\n", yaml_quote(b.oid));
  if (!b.url.empty()) out += fmt::format("  url: {}\n", yaml_quote(b.url));
  if (!b.decision.empty()) out += fmt::format("  decision: {}\n", yaml_quote(b.decision));
  std::vector<std::string> warnings;
  for (const auto& w : b.warnings)
    if (w.severity == severity::warning) warnings.push_back(w.field + ": " + w.message_vi);
  const bool portal = !b.kind.empty() || !b.levels_text.empty() || !b.channels.empty() || !b.dossier_notes.empty() ||
                      !b.results.empty() || !warnings.empty();
  if (portal) {
    out += "x-portal:\n";
    if (!b.kind.empty()) out += fmt::format("  kind: {}\n", yaml_quote(b.kind));
    if (!b.levels_text.empty()) out += fmt::format("  levels: {}\n", yaml_quote(b.levels_text));
    if (!b.channels.empty()) {
      out += "  channels:\n";
      for (const auto& c : b.channels) {
        std::vector<std::string> parts{fmt::format("channel: {}", to_string(c.channel))};
        parts.push_back("time: " + yaml_quote(c.time));
        if (c.time_known) parts.push_back("working_days: " + yaml::number(c.working_days));
        parts.push_back("fee: " + yaml_quote(c.fee));
        out += fmt::format("    - {{{}}}\n", fmt::join(parts, ", "));
      }
    }
    std::vector<std::string> codes;
    for (const auto& r : b.results)
      if (!r.code.empty()) codes.push_back(r.code);
    if (!codes.empty()) out += fmt::format("  result_codes: {}\n", yaml::flow_list(codes));
    block_list(out, "  ", "notes", b.dossier_notes);
    block_list(out, "  ", "import_warnings", warnings);
  }
  if (b.procedures.size() == 1) {
    out += "procedure:\n";
    procedure(out, "  ", b.procedures.front(), {});
  } else {
    out += "procedures:\n";
    for (std::size_t k = 0; k < b.procedures.size(); ++k) {
      std::string item;
      procedure(item, "    ", b.procedures[k], b.case_titles[k]);
      item.replace(0, 4, "  - ");
      out += item;
    }
  }
  return out;
}

std::string registry_yaml(const import_registry& r) {
  std::string out =
      "# The registry of an imported portal catalog (docs/import.md): the cost model,\n"
      "# the agencies named by the records, and the documents recognised across them.\n"
      "redtape: 1\n";
  out += fmt::format("x-source: {{imported_by: \"redtape import dichvucong\", records: {}}}\n", r.records);
  const auto& c = r.costs;
  out += "cost_model:\n";
  out += fmt::format("  currency: {}\n", yaml_quote(c.currency));
  out += fmt::format("  hourly_value: {}\n", yaml::number(c.hourly_value));
  out += fmt::format("  visit_cost: {}\n", yaml::number(c.visit_cost));
  std::vector<std::string> units;
  for (std::size_t i = 0; i < c.unit_costs.size(); ++i)
    units.push_back(fmt::format("{}: {}", document_form_names[i], yaml::number(c.unit_costs[i])));
  out += fmt::format("  unit_costs: {{{}}}\n", fmt::join(units, ", "));
  out += fmt::format("  min_step_days: {}\n", yaml::number(c.min_step_days));
  out += fmt::format("  working_hours_per_day: {}\n", yaml::number(c.working_hours_per_day));
  if (!r.agencies.empty()) {
    out += "agencies:\n";
    for (const auto& a : r.agencies) {
      std::vector<std::string> parts{"id: " + yaml_quote(a.id), "name: " + yaml::name(a.name),
                                     fmt::format("kind: {}", to_string(a.kind))};
      if (!a.level.empty()) parts.push_back("level: " + yaml_quote(a.level));
      out += fmt::format("  - {{{}}}\n", fmt::join(parts, ", "));
    }
  }
  if (!r.documents.empty()) {
    out += "documents:\n";
    for (const auto& d : r.documents) {
      out += fmt::format("  - id: {}\n", yaml_quote(d.id));
      out += fmt::format("    name: {}\n", yaml::name(d.name));
      if (!d.aliases.empty()) out += fmt::format("    aliases: {}\n", yaml::flow_list(d.aliases));
      if (!d.issued_by.empty()) out += fmt::format("    issued_by: {}\n", yaml_quote(d.issued_by));
      if (!d.held_in.empty()) out += fmt::format("    held_in: {}\n", yaml_quote(d.held_in));
      if (!d.note.empty()) out += fmt::format("    note: {}\n", yaml_quote(d.note));
    }
  }
  return out;
}

std::optional<load_failure> load_problem(std::string_view text, const std::string& name,
                                         const std::vector<std::string>& registry_ids,
                                         const std::vector<std::string>& agency_ids) {
  std::string checked(text);
  if (!registry_ids.empty() || !agency_ids.empty()) {
    // The registry documents and agencies the file refers to, as a second
    // YAML document: enough for its refs and issuers to resolve without
    // loading registry.yaml each time.
    checked += "\n---\nredtape: 1\n";
    if (!registry_ids.empty()) checked += "documents:\n";
    for (const auto& id : registry_ids) checked += fmt::format("  - {{id: {}, name: {}}}\n", yaml_quote(id), yaml_quote(id));
    if (!agency_ids.empty()) checked += "agencies:\n";
    for (const auto& id : agency_ids) checked += fmt::format("  - {{id: {}, name: {}}}\n", yaml_quote(id), yaml_quote(id));
  }
  const load_result loaded = try_load_text(checked, name);
  if (loaded.ok() && loaded.error_count() == 0) return std::nullopt;
  std::vector<std::string> en, vi;
  for (const auto& d : loaded.diagnostics)
    if (d.severity == severity::error && en.size() < 3) {
      en.push_back(d.format());
      vi.push_back(d.format("vi"));
    }
  if (en.empty()) {
    en.push_back(name + ": does not load");
    vi.push_back(name + ": không nạp được");
  }
  return load_failure{fmt::format("{}", fmt::join(en, "; ")), fmt::format("{}", fmt::join(vi, "; "))};
}

std::vector<std::string> registry_refs(const built_record& b, const std::set<std::string>& known) {
  std::set<std::string> refs;
  for (const auto& p : b.procedures)
    for (const auto& s : p.steps) {
      for (const auto& d : s.requires_docs)
        if (!d.ref.empty() && known.count(d.ref)) refs.insert(d.ref);
      for (const auto& d : s.produces_docs)
        if (!d.ref.empty() && known.count(d.ref)) refs.insert(d.ref);
    }
  return {refs.begin(), refs.end()};
}

std::vector<std::string> issuer_refs(built_record& b, const std::set<std::string>& known) {
  std::set<std::string> refs;
  for (auto& p : b.procedures)
    for (auto& s : p.steps)
      for (auto& d : s.requires_docs) {
        if (d.issued_by.empty() || d.issued_by == applicant_actor) continue;
        if (known.count(d.issued_by) != 0) refs.insert(d.issued_by);
        else d.issued_by.clear();  // its agency did not make the registry: not said
      }
  return {refs.begin(), refs.end()};
}

}  // namespace redtape::importer
