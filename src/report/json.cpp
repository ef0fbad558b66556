// The JSON report (SPEC §5; schema in docs/report.schema.json, documented in
// docs/report.md). Keys are written in a fixed order and numbers in a fixed
// form, so that the same report always gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "redtape/report.hpp"
#include "redtape/version.hpp"
#include "report/json_writer.hpp"

namespace redtape {
namespace {

using report::json_writer;

// The file a location points into: the one the audit recorded, else the
// catalog's; "" when the element was not read from a file.
std::string_view file_name(const std::string& recorded, const source_location& loc,
                           const catalog& c) {
  if (!recorded.empty()) return recorded;
  if (loc.known() && loc.file < c.files.size()) return c.files[loc.file];
  return {};
}

void write_localized(json_writer& w, std::string_view key, const localized_text& text) {
  w.key(key);
  w.begin_object();
  w.member("vi", text.vi);
  w.member("en", text.en);
  w.end_object();
}

void write_metrics(json_writer& w, std::string_view key, const metrics& m) {
  w.key(key);
  w.begin_object();
  w.member("elapsed_days", m.elapsed_days);
  w.member("applicant_hours", m.applicant_hours);
  w.member("applicant_visits", m.applicant_visits);
  w.member("documents", m.documents);
  w.member("copies", m.copies);
  w.member("fees", m.fees);
  w.member("unknown_fees", m.unknown_fees);
  w.member("cost_per_application", m.cost_per_application);
  w.member("cost_per_year", m.cost_per_year);
  w.member("steps", m.steps);
  w.member("agencies", m.agencies);
  w.member("handoffs", m.handoffs);
  w.key("critical_path");
  w.inline_array(m.critical_path);
  w.end_object();
}

// The suggestion, precisely enough to apply it: only the members that carry
// something (see redtape::suggestion for which kind uses which).
void write_change(json_writer& w, const suggestion& s) {
  w.key("change");
  w.begin_object();
  if (!s.steps.empty()) {
    w.key("steps");
    w.inline_array(s.steps);
  }
  if (!s.demands.empty()) {
    w.key("demands");
    w.begin_array();
    for (const demand_ref& d : s.demands) {
      w.begin_object();
      w.member("step", d.step);
      w.member("index", d.index);
      w.end_object();
    }
    w.end_array();
  }
  if (s.new_form) w.member("new_form", to_string(*s.new_form));
  if (!s.new_location.empty()) w.member("new_location", s.new_location);
  w.end_object();
}

void write_distribution(json_writer& w, std::string_view key, const elapsed_distribution& d) {
  w.key(key);
  w.begin_object();
  w.member("p50", d.p50);
  w.member("p90", d.p90);
  w.member("mean", d.mean);
  w.member("uncertain", d.uncertain);
  w.end_object();
}

void write_saving(json_writer& w, const saving& s) {
  w.key("saving");
  w.begin_object();
  w.member("days", s.days);
  w.member("applicant_hours", s.applicant_hours);
  w.member("visits", s.visits);
  w.member("documents", s.documents);
  w.member("copies", s.copies);
  w.member("cost_per_application", s.cost_per_application);
  w.member("cost_per_year", s.cost_per_year);
  w.end_object();
}

void write_procedure(json_writer& w, const procedure_result& p, const catalog& c) {
  w.begin_object();
  w.member("id", p.id);
  write_localized(w, "name", p.name);
  w.member("file", file_name(p.file, p.location, c));
  w.member("line", p.location.line);
  w.member("volume_per_year", p.volume_per_year);
  w.member("currency", p.currency.empty() ? c.costs.currency : p.currency);
  write_metrics(w, "metrics", p.metrics);
  write_metrics(w, "simplified", p.simplified);
  write_saving(w, p.saving);
  w.key("elapsed_distribution");
  w.begin_object();
  write_distribution(w, "before", p.elapsed_before);
  write_distribution(w, "after", p.elapsed_after);
  w.end_object();
  w.key("findings");
  w.inline_array(p.findings);
  w.key("applied");
  w.inline_array(p.applied);
  w.end_object();
}

void write_location(json_writer& w, std::string_view file, std::uint32_t line,
                    std::uint32_t column) {
  w.key("location");
  w.begin_object();
  w.member("file", file);
  w.member("line", line);
  w.member("column", column);
  w.end_object();
}

void write_finding(json_writer& w, const finding& f, const catalog& c) {
  w.begin_object();
  w.member("rule", f.rule);
  w.member("severity", to_string(f.severity));
  w.member("procedure", f.procedure);
  w.key("procedures");
  w.inline_array(f.procedures);
  w.key("steps");
  w.inline_array(f.steps);
  w.key("documents");
  w.inline_array(f.documents);
  w.member("suggestion", suggestion_kind_names.at(static_cast<std::size_t>(f.suggestion.kind)));
  write_change(w, f.suggestion);
  write_localized(w, "message", f.message);
  write_saving(w, f.saving);
  if (!f.downgraded.empty()) w.member("downgraded", f.downgraded);
  write_location(w, file_name(f.file, f.location, c), f.location.line, f.location.column);
  w.end_object();
}

void write_problem(json_writer& w, const diagnostic& d) {
  w.begin_object();
  w.member("severity", to_string(d.severity));
  w.member("code", d.code);
  w.key("message");
  w.begin_object();
  w.member("vi", d.message_vi);
  w.member("en", d.message);
  w.end_object();
  write_location(w, d.file, d.line, d.column);
  w.end_object();
}

void write_totals(json_writer& w, const audit_totals& t) {
  w.key("totals");
  w.begin_object();
  w.member("procedures", t.procedures);
  w.member("findings", t.findings);
  w.key("by_severity");
  w.begin_object();
  w.member("note", t.by_severity[static_cast<std::size_t>(severity::note)]);
  w.member("warning", t.by_severity[static_cast<std::size_t>(severity::warning)]);
  w.member("error", t.by_severity[static_cast<std::size_t>(severity::error)]);
  w.end_object();
  w.member("cost_per_year", t.cost_per_year);
  w.member("cost_per_year_after", t.cost_per_year_after);
  w.member("saving_per_year", t.saving_per_year);
  w.member("cost_reduction_percent", t.cost_reduction_percent);
  w.member("elapsed_days_weighted", t.elapsed_days_weighted);
  w.member("days_saved_weighted", t.days_saved_weighted);
  w.member("time_reduction_percent", t.time_reduction_percent);
  w.end_object();
}

}  // namespace

std::string to_json(const audit_report& r, const catalog& c, const report_options& /*o*/) {
  // Both languages are always written; report_options::lang is for the
  // formats people read.
  json_writer w;
  w.begin_object();
  w.member("redtape", std::string_view(version));
  w.member("schema", report_schema_version);
  w.key("procedures");
  w.begin_array();
  for (const procedure_result& p : r.procedures) write_procedure(w, p, c);
  w.end_array();
  w.key("findings");
  w.begin_array();
  for (const finding& f : r.findings) write_finding(w, f, c);
  w.end_array();
  write_totals(w, r.totals);
  // Rules that failed at run time: without them a batch audit could look
  // clean while a rule never ran.
  w.key("problems");
  w.begin_array();
  for (const diagnostic& d : r.problems) write_problem(w, d);
  w.end_array();
  // Files a batch audit left out: the report covers the rest.
  w.key("load_errors");
  w.begin_array();
  for (const skipped_file& s : r.load_errors) {
    w.begin_object();
    w.member("file", s.file);
    w.key("errors");
    w.begin_array();
    for (const diagnostic& d : s.errors) write_problem(w, d);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  // What rules left alone on purpose, with the reason.
  w.key("suppressed");
  w.begin_array();
  for (const suppressed_case& q : r.suppressed) {
    w.begin_object();
    w.member("rule", q.rule);
    w.member("procedure", q.procedure);
    w.member("step", q.step);
    w.member("document", q.document);
    w.member("reason", q.reason);
    write_localized(w, "message", q.message);
    write_location(w, file_name(q.file, q.location, c), q.location.line, q.location.column);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace redtape
