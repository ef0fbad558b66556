// The CSV report: one row per finding (RFC 4180 quoting, LF line ends, UTF-8
// without a BOM; docs/report.md says how to open it in Excel).
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/report.hpp"
#include "report/format.hpp"

namespace redtape {
namespace {

// A field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
void append_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ';';
    out += items[i];
  }
  return out;
}

constexpr std::string_view columns[] = {
    "rule",          "severity",
    "procedure",     "procedure_name",
    "steps",         "documents",
    "suggestion",    "message",
    "saving_days",   "saving_applicant_hours",
    "saving_visits", "saving_documents",
    "saving_cost_per_application", "saving_cost_per_year",
    "file",          "line",
    "column"};

using row = std::array<std::string, std::size(columns)>;

void append_row(std::string& out, const row& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out += ',';
    append_field(out, fields[i]);
  }
  out += '\n';
}

}  // namespace

std::string to_csv(const audit_report& r, const catalog& c, const report_options& o) {
  // As in the Markdown report: "vi", else English.
  const std::string_view lang = report::vietnamese(o.lang) ? "vi" : "en";
  std::map<std::string_view, const procedure_result*, std::less<>> procedures;
  for (const procedure_result& p : r.procedures) procedures.emplace(p.id, &p);

  std::string out;
  out.reserve(256 * (r.findings.size() + 1));
  for (std::size_t i = 0; i < std::size(columns); ++i) {
    if (i != 0) out += ',';
    out += columns[i];
  }
  out += '\n';

  for (const finding& f : r.findings) {
    std::string name;
    if (auto it = procedures.find(f.procedure); it != procedures.end())
      name = it->second->name.in(lang);
    else if (const procedure* p = c.find_procedure(f.procedure); p != nullptr && !f.procedure.empty())
      name = p->name.in(lang);

    std::string file = f.file;
    if (file.empty() && f.location.known() && f.location.file < c.files.size())
      file = c.files[f.location.file];

    append_row(out, {
        f.rule,
        std::string(to_string(f.severity)),
        f.procedure,
        name,
        joined(f.steps),
        joined(f.documents),
        std::string(suggestion_kind_names.at(static_cast<std::size_t>(f.suggestion.kind))),
        f.message.in(lang),
        report::machine_number(f.saving.days),
        report::machine_number(f.saving.applicant_hours),
        report::machine_number(f.saving.visits),
        report::machine_number(f.saving.documents),
        report::machine_number(f.saving.cost_per_application),
        report::machine_number(f.saving.cost_per_year),
        file,
        std::to_string(f.location.line),
        std::to_string(f.location.column),
    });
  }
  // Files a batch audit left out: one row per error, rule `load-error`, so
  // that a spreadsheet of the audit shows what it does not cover.
  for (const skipped_file& sf : r.load_errors)
    for (const diagnostic& d : sf.errors)
      append_row(out, {"load-error", std::string(to_string(d.severity)), "", "", "", "", "",
                       lang == "vi" ? d.message_vi : d.message, "", "", "", "", "", "", d.file,
                       std::to_string(d.line), std::to_string(d.column)});
  return out;
}

}  // namespace redtape
