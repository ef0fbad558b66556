// Audits, findings, savings and the what-if on a procedure (the rules and
// the other arguments: rules.cpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "core.hpp"

namespace redtape::python {

namespace fs = std::filesystem;


audit_report run_audit(const catalog& c, const rule_set& rules, const audit_options& options) {
  audit_report r;
  {
    py::gil_scoped_release release;
    r = audit(c, rules, options);
  }
  for (auto& f : r.findings)
    if (f.file.empty() && f.location.known()) f.file = c.file_of(f.location);
  for (auto& p : r.procedures)
    if (p.file.empty() && p.location.known()) p.file = c.file_of(p.location);
  return r;
}

namespace {

py::list findings_at(const std::vector<finding>& all, const std::vector<std::size_t>& which) {
  py::list out;
  for (std::size_t i : which) out.append(py::cast(all.at(i)));
  return out;
}

/// {"vi": …, "en": …}, as the JSON report writes a text.
py::dict text_dict(const localized_text& t) {
  py::dict d;
  d["vi"] = t.vi;
  d["en"] = t.en;
  return d;
}

/// {"file": …, "line": …, "column": …}, as the JSON report writes a location.
py::dict location_dict(const std::string& file, const source_location& at) {
  py::dict d;
  d["file"] = file;
  d["line"] = at.line;
  d["column"] = at.column;
  return d;
}

py::dict saving_dict(const saving& s) {
  py::dict d;
  d["days"] = s.days;
  d["applicant_hours"] = s.applicant_hours;
  d["visits"] = s.visits;
  d["documents"] = s.documents;
  d["copies"] = s.copies;
  d["cost_per_application"] = s.cost_per_application;
  d["cost_per_year"] = s.cost_per_year;
  return d;
}

py::object location_value_of(const finding& f) {
  return location_object(f.file, f.location.line, f.location.column);
}

py::object report_object(std::shared_ptr<const catalog> c, audit_report r) {
  auto s = std::make_shared<report_state>();
  s->data = std::move(c);
  s->report = std::move(r);
  return py::cast(std::move(s));
}

audit_options options_for(const cost_model_patch& costs, unsigned jobs, std::vector<std::string> only,
                          std::shared_ptr<const lexicon> words) {
  audit_options o;
  o.costs = costs;
  o.jobs = jobs;
  o.only = std::move(only);
  o.lexicon = std::move(words);
  return o;
}

simplification_state simplify_state(const std::shared_ptr<procedure_state>& s, const py::object& rules,
                                    const py::object& overrides, const py::object& words) {
  if (s->editable()) check_valid(*s->context, s->get());
  auto context = analysis_catalog(*s);
  const rule_set set = rules_from(rules);
  const cost_model_patch patch = costs_from(overrides);
  const std::string id = s->get().id;
  audit_report r = run_audit(*context, set, options_for(patch, 1, {id}, lexicon_from(words)));
  const procedure& p = *context->find_procedure(id);
  simplification_state out;
  out.context = s->context;
  {
    py::gil_scoped_release release;
    cost_model costs = context->cost_model_for(p);
    patch.apply_to(costs);
    out.result = simplify(p, costs, r.findings);
  }
  out.findings = std::move(r.findings);
  return out;
}

// ---------------------------------------------------------------------------
// The classes and functions, one function per class or group of its members
// (init_audit calls them in the order pybind11 needs: a class is declared
// before the members whose signatures name it).

using report_ptr = std::shared_ptr<report_state>;
using rh = result_handle;


/// Saving: what a change saves.
void bind_saving(py::module_& m) {
  py::class_<saving> saving_class(m, "Saving", "What a change saves: before minus after. Positive = less burden.");
  saving_class.def_readonly("days", &saving::days, "Elapsed working days.")
      .def_readonly("applicant_hours", &saving::applicant_hours, "Applicant hours per application.")
      .def_readonly("visits", &saving::visits, "In-person visits per application.")
      .def_readonly("documents", &saving::documents, "Document demands per application.")
      .def_readonly("copies", &saving::copies, "Copies per application.")
      .def_readonly("cost_per_application", &saving::cost_per_application, "Cost per application.")
      .def_readonly("cost_per_year", &saving::cost_per_year, "Cost a year (× volume_per_year).")
      .def("to_dict", &saving_dict, "The saving as a dict (the keys of the JSON report).")
      .def("__repr__",
           [](const saving& s) {
             return fmt::format("<Saving {:g} days, {:g} visits, {:g} documents, {:g} applicant hours, "
                                "{:.0f} per application, {:.0f} per year>",
                                s.days, s.visits, s.documents, s.applicant_hours, s.cost_per_application,
                                s.cost_per_year);
           })
      .def("__eq__", [](const saving& a, const saving& b) { return same_state(a, b); })
      .def(py::pickle([](const saving& s) { return state_of(s); },
                      [](const py::object& t) {
                        saving s;
                        restore(t, s);
                        return s;
                      }));
}

/// Change: what a suggestion does to the graph.
void bind_change(py::module_& m) {
  py::class_<suggestion> change_class(m, "Change", "What a suggestion does to the graph, precisely enough to apply it.");
  change_class.def_property_readonly("kind", [](const suggestion& s) { return std::string(to_string(s.kind)); },
                               "eliminate_step, merge_steps, parallelize, drop_dependency, drop_requirement, "
                               "reuse_data, relax_form, single_window or shared_registry.")
      .def_readonly("steps", &suggestion::steps, "Steps concerned (see the kinds in docs/savings.md).")
      .def_property_readonly(
          "demands",
          [](const suggestion& s) {
            py::list out;
            for (const auto& d : s.demands) out.append(py::make_tuple(d.step, d.index));
            return out;
          },
          "Document demands concerned, as (step id, position in its `requires`).")
      .def_property_readonly(
          "new_form",
          [](const suggestion& s) -> std::optional<std::string> {
            return s.new_form ? std::optional<std::string>(to_string(*s.new_form)) : std::nullopt;
          },
          "relax_form: the form to accept instead.")
      .def_readonly("new_location", &suggestion::new_location, "single_window: one_stop_centre or online.")
      .def("__repr__",
           [](const suggestion& s) {
             return fmt::format("<Change {} steps=[{}]{}>", to_string(s.kind), fmt::join(s.steps, ", "),
                                s.demands.empty() ? "" : fmt::format(" {} demand(s)", s.demands.size()));
           })
      .def("__eq__", [](const suggestion& a, const suggestion& b) { return same_state(a, b); })
      .def(py::pickle([](const suggestion& s) { return state_of(s); },
                      [](const py::object& t) {
                        suggestion s;
                        restore(t, s);
                        return s;
                      }));
}

/// Finding: what a rule found.
void bind_finding(py::module_& m) {
  py::class_<finding> finding_class(m, "Finding",
                                    "What a rule found: the steps and documents involved, one suggested "
                                    "simplification, and what that change alone saves.");
  finding_class.def_readonly("rule", &finding::rule, "The rule that raised it, e.g. \"once-only\".")
      .def_property_readonly("severity", [](const finding& f) { return std::string(to_string(f.severity)); },
                             "note, warning or error.")
      .def_readonly("procedure", &finding::procedure, "Procedure id (\"\" for a catalog finding).")
      .def_readonly("procedures", &finding::procedures, "Catalog findings: every procedure concerned.")
      .def_readonly("steps", &finding::steps, "Step ids involved.")
      .def_readonly("documents", &finding::documents, "Documents involved (registry id or name).")
      .def_property_readonly("suggestion", [](const finding& f) { return std::string(to_string(f.suggestion.kind)); },
                             "The suggested simplification (its kind).")
      .def_readonly("change", &finding::suggestion, "The change precisely (Change).")
      .def_readonly("message", &finding::message, "Message (Text: vi and en).")
      .def_readonly("saving", &finding::saving, "What this change alone saves (Saving).")
      .def_readonly("downgraded", &finding::downgraded,
                    "Why it is reported below its rule's severity: \"no_saving\" (its change saves nothing), "
                    "or \"\".")
      .def_property_readonly("location", &location_value_of, "Where the reviewer should look (Location).")
      .def(
          "to_dict",
          [](const finding& f) {
            py::dict d;
            d["rule"] = f.rule;
            d["severity"] = std::string(to_string(f.severity));
            d["procedure"] = f.procedure;
            d["procedures"] = f.procedures;
            d["steps"] = f.steps;
            d["documents"] = f.documents;
            d["suggestion"] = std::string(to_string(f.suggestion.kind));
            d["message"] = text_dict(f.message);
            d["saving"] = saving_dict(f.saving);
            if (!f.downgraded.empty()) d["downgraded"] = f.downgraded;
            d["location"] = location_dict(f.file, f.location);
            return d;
          },
          "The finding as a dict, with the keys of the JSON report.")
      .def("__repr__",
           [](const finding& f) {
             return fmt::format("<Finding {} ({}) {} steps=[{}] → {}, saves {:g} days, {:.0f} a year>", f.rule,
                                to_string(f.severity), f.procedure.empty() ? "catalog" : f.procedure,
                                fmt::join(f.steps, ", "), to_string(f.suggestion.kind), f.saving.days,
                                f.saving.cost_per_year);
           })
      .def("__eq__", [](const finding& a, const finding& b) { return same_state(a, b); })
      .def(py::pickle([](const finding& f) { return state_of(f); },
                      [](const py::object& t) {
                        finding f;
                        restore(t, f);
                        return f;
                      }));
}

/// Totals of an audit.
void bind_totals(py::module_& m) {
  py::class_<audit_totals> totals(m, "Totals", "Totals of an audit, ranked by annual saving in the reports.");
  totals.def_readonly("procedures", &audit_totals::procedures, "Procedures audited.")
      .def_readonly("findings", &audit_totals::findings, "Findings.")
      .def_property_readonly(
          "by_severity",
          [](const audit_totals& t) {
            py::dict d;
            d["note"] = t.by_severity[0];
            d["warning"] = t.by_severity[1];
            d["error"] = t.by_severity[2];
            return d;
          },
          "Findings by severity: {\"note\": n, \"warning\": n, \"error\": n}.")
      .def_readonly("cost_per_year", &audit_totals::cost_per_year, "Σ procedures' cost a year.")
      .def_readonly("cost_per_year_after", &audit_totals::cost_per_year_after, "The same after simplification.")
      .def_readonly("saving_per_year", &audit_totals::saving_per_year, "Σ combined savings a year.")
      .def_readonly("days_saved_weighted", &audit_totals::days_saved_weighted,
                    "Days saved per application, weighted by volume.")
      .def_readonly("elapsed_days_weighted", &audit_totals::elapsed_days_weighted,
                    "Elapsed days before, weighted by volume.")
      .def_readonly("cost_reduction_percent", &audit_totals::cost_reduction_percent,
                    "saving_per_year / cost_per_year × 100.")
      .def_readonly("time_reduction_percent", &audit_totals::time_reduction_percent,
                    "days_saved_weighted / elapsed_days_weighted × 100.")
      .def("__repr__",
           [](const audit_totals& t) {
             return fmt::format("<Totals {} procedures, {} findings, {:.0f} a year → {:.0f} ({:.1f}% less cost, "
                                "{:.1f}% less time)>",
                                t.procedures, t.findings, t.cost_per_year, t.cost_per_year_after,
                                t.cost_reduction_percent, t.time_reduction_percent);
           })
      .def("__eq__", [](const audit_totals& a, const audit_totals& b) { return same_state(a, b); })
      .def(py::pickle([](const audit_totals& t) { return state_of(t); },
                      [](const py::object& t) {
                        audit_totals v;
                        restore(t, v);
                        return v;
                      }));
}

/// Report: its catalog, procedures, findings, totals and problems.
void bind_report_contents(py::class_<report_state, report_ptr>& report) {
  report
      .def_property_readonly(
          "catalog", [](const report_ptr& r) { return catalog_state{r->data, {}}; }, "The catalog audited.")
      .def_property_readonly(
          "procedures",
          [](const report_ptr& r) {
            py::list out;
            for (std::size_t i = 0; i < r->report.procedures.size(); ++i) out.append(py::cast(result_handle{r, i}));
            return out;
          },
          "One ProcedureResult per procedure, in catalog order.")
      .def_property_readonly(
          "findings", [](const report_ptr& r) { return r->report.findings; },
          "Every finding (procedure findings, then catalog findings).")
      .def_property_readonly(
          "totals", [](const report_ptr& r) { return r->report.totals; }, "Totals (Totals).")
      .def_property_readonly(
          "problems", [](const report_ptr& r) { return r->report.problems; },
          "Rules that failed at run time (Diagnostic list): reported, not fatal.")
      .def_property_readonly(
          "suppressed",
          [](const report_ptr& r) {
            py::list out;
            for (const suppressed_case& q : r->report.suppressed) {
              py::dict d;
              d["rule"] = q.rule;
              d["procedure"] = q.procedure;
              d["step"] = q.step;
              d["document"] = q.document;
              d["reason"] = q.reason;
              d["message"] = text_dict(q.message);
              d["location"] = location_dict(q.file, q.location);
              out.append(d);
            }
            return out;
          },
          "What rules left alone on purpose, with the reason (dicts with the keys of the JSON report's "
          "`suppressed`): papers the state holds that once-only does not flag.")
      .def(
          "procedure",
          [](const report_ptr& r, const std::string& id) {
            for (std::size_t i = 0; i < r->report.procedures.size(); ++i)
              if (r->report.procedures[i].id == id) return result_handle{r, i};
            std::vector<std::string> ids;
            for (const auto& p : r->report.procedures) ids.push_back(p.id);
            throw not_found_error(fmt::format("no procedure `{}` in the report{}", id, did_you_mean(id, ids)));
          },
          py::arg("id"), "The result of the procedure `id`.");
}

/// Report: JSON, CSV, Markdown, repr, equality, pickling.
void bind_report_outputs(py::class_<report_state, report_ptr>& report) {
  report.def(
          "to_json",
          [](const report_ptr& r) { return to_json(r->report, *r->data); },
          // Writing a big report takes long; nothing here touches Python.
          py::call_guard<py::gil_scoped_release>(),
          "The JSON report (schema in docs/report.schema.json); byte-identical for the same audit.")
      .def(
          "to_csv",
          [](const report_ptr& r, const std::string& lang) {
            report_options o;
            o.lang = lang;
            return to_csv(r->report, *r->data, o);
          },
          py::arg("lang") = "en", py::call_guard<py::gil_scoped_release>(), "CSV, one row per finding.")
      .def(
          "to_markdown",
          [](const report_ptr& r, const std::string& lang) {
            report_options o;
            o.lang = lang;
            return to_markdown(r->report, *r->data, o);
          },
          py::arg("lang") = "en", py::call_guard<py::gil_scoped_release>(),
          "The Markdown report a reviewer reads, in \"en\" or \"vi\".")
      .def("__repr__",
           [](const report_ptr& r) {
             const audit_totals& t = r->report.totals;
             return fmt::format("<Report {} procedure{}, {} finding{}, saving {:.0f} a year ({:.1f}% of cost)>",
                                t.procedures, t.procedures == 1 ? "" : "s", t.findings, t.findings == 1 ? "" : "s",
                                t.saving_per_year, t.cost_reduction_percent);
           })
      .def("__eq__",
           [](const report_ptr& a, const report_ptr& b) {
             return state_of(a->report).equal(state_of(b->report)) && state_of(*a->data).equal(state_of(*b->data));
           })
      .def(py::pickle(
          [](const report_ptr& r) { return py::make_tuple(state_of(*r->data), state_of(r->report)); },
          [](const py::tuple& t) {
            if (t.size() != 2) throw invalid_argument_error("cannot unpickle a Report from this state");
            auto s = std::make_shared<report_state>();
            catalog c;
            restore(t[0], c);
            s->data = std::make_shared<const catalog>(std::move(c));
            restore(t[1], s->report);
            return report_ptr(std::move(s));
          }));
}

/// ProcedureResult: one procedure in a report.
void bind_procedure_result(py::class_<result_handle>& result) {
  result.def_property_readonly("id", [](const rh& h) { return h.get().id; }, "Procedure id.")
      .def_property_readonly("name", [](const rh& h) { return h.get().name; }, "Procedure name (Text).")
      .def_property_readonly("file", [](const rh& h) { return h.get().file; }, "The file it was loaded from.")
      .def_property_readonly("line", [](const rh& h) { return h.get().location.line; }, "Its line in that file.")
      .def_property_readonly("volume_per_year", [](const rh& h) { return h.get().volume_per_year; },
                             "Applications a year (0 = unknown).")
      .def_property_readonly("currency", [](const rh& h) { return h.get().currency; }, "Currency of the amounts.")
      .def_property_readonly("metrics", [](const rh& h) { return h.get().metrics; }, "Metrics as is (Metrics).")
      .def_property_readonly("simplified", [](const rh& h) { return h.get().simplified; },
                             "Metrics after the combined simplification (Metrics).")
      .def_property_readonly("saving", [](const rh& h) { return h.get().saving; },
                             "Combined saving: metrics − simplified (never the sum of marginal savings).")
      .def_property_readonly("elapsed_before", [](const rh& h) { return h.get().elapsed_before; },
                             "P50/P90 elapsed days as is (Distribution).")
      .def_property_readonly("elapsed_after", [](const rh& h) { return h.get().elapsed_after; },
                             "P50/P90 elapsed days after simplification (Distribution).")
      .def_property_readonly("findings", [](const rh& h) { return findings_at(h.owner->report.findings, h.get().findings); },
                             "Its findings (Finding list).")
      .def_property_readonly("applied", [](const rh& h) { return findings_at(h.owner->report.findings, h.get().applied); },
                             "The findings applied in the combined simplification.")
      .def_property_readonly(
          "procedure",
          [](const rh& h) -> py::object {
            const catalog& c = *h.owner->data;
            const procedure* p = c.find_procedure(h.get().id);
            if (!p) return py::none();
            return py::cast(view_of(h.owner->data, static_cast<std::size_t>(p - c.procedures.data())));
          },
          "The procedure itself (read-only Procedure).")
      .def("__repr__",
           [](const rh& h) {
             const procedure_result& r = h.get();
             return fmt::format("<ProcedureResult {}: {} finding{}, {:g} → {:g} days, {:.0f} → {:.0f} a year>", r.id,
                                r.findings.size(), r.findings.size() == 1 ? "" : "s", r.metrics.elapsed_days,
                                r.simplified.elapsed_days, r.metrics.cost_per_year, r.simplified.cost_per_year);
           })
      .def(py::pickle([](const rh& h) { return py::make_tuple(h.owner, h.index); },
                      [](const py::tuple& t) { return result_handle{t[0].cast<report_ptr>(), t[1].cast<std::size_t>()}; }));
}

/// Simplification: a procedure simplified.
void bind_simplification(py::module_& m) {
  py::class_<simplification_state> simp(m, "Simplification",
                                        "A procedure simplified: every non-conflicting suggestion of its "
                                        "findings applied at once, and the metrics recomputed.");
  simp.def_property_readonly(
          "procedure",
          [](const simplification_state& s) { return editable(s.context, s.result.simplified); },
          "The \"to-be\" procedure (an editable Procedure).")
      .def_property_readonly("before", [](const simplification_state& s) { return s.result.before; }, "Metrics as is.")
      .def_property_readonly("after", [](const simplification_state& s) { return s.result.after; }, "Metrics after.")
      .def_property_readonly("saving", [](const simplification_state& s) { return s.result.total; },
                             "before − after (Saving).")
      .def_property_readonly("findings", [](const simplification_state& s) { return s.findings; },
                             "The findings of the procedure (Finding list).")
      .def_property_readonly("applied", [](const simplification_state& s) { return findings_at(s.findings, s.result.applied); },
                             "The findings applied.")
      .def_property_readonly("skipped", [](const simplification_state& s) { return findings_at(s.findings, s.result.skipped); },
                             "The findings left out because they conflict with applied ones.")
      .def(
          "to_yaml",
          [](const simplification_state& s) {
            yaml_options o;
            o.applied = &s.result;
            o.findings = &s.findings;
            return to_yaml(*s.context, s.result.simplified, o);
          },
          "The to-be procedure as redtape YAML, with an `x-simplified:` block recording what was applied.")
      .def("__repr__",
           [](const simplification_state& s) {
             return fmt::format("<Simplification of {}: {} applied, {} skipped; {:g} → {:g} days, {:.0f} → {:.0f} a year>",
                                s.result.simplified.id, s.result.applied.size(), s.result.skipped.size(),
                                s.result.before.elapsed_days, s.result.after.elapsed_days, s.result.before.cost_per_year,
                                s.result.after.cost_per_year);
           })
      .def(py::pickle(
          [](const simplification_state& s) {
            return py::make_tuple(state_of(registry_of(*s.context)), state_of(s.result), state_of(s.findings));
          },
          [](const py::tuple& t) {
            if (t.size() != 3) throw invalid_argument_error("cannot unpickle a Simplification from this state");
            catalog c;
            restore(t[0], c);
            simplification_state s;
            s.context = std::make_shared<const catalog>(std::move(c));
            restore(t[1], s.result);
            restore(t[2], s.findings);
            return s;
          }));
}

/// redtape.audit().
void bind_audit_function(py::module_& m) {
  m.def(
      "audit",
      [](const catalog_state& c, const py::object& rules, const py::object& cost_model, unsigned jobs,
         const std::optional<std::vector<std::string>>& only, const py::object& words) {
        const rule_set set = rules_from(rules);
        audit_options o = options_for(costs_from(cost_model), jobs, only.value_or(std::vector<std::string>{}),
                                      lexicon_from(words));
        for (const auto& id : o.only)
          if (!c.data->find_procedure(id)) {
            std::vector<std::string> ids;
            for (const auto& p : c.data->procedures) ids.push_back(p.id);
            throw not_found_error(fmt::format("no procedure `{}` in the catalog{}", id, did_you_mean(id, ids)));
          }
        return report_object(c.data, run_audit(*c.data, set, o));
      },
      py::arg("catalog"), py::arg("rules") = py::none(), py::arg("cost_model") = py::none(), py::arg("jobs") = 0,
      py::arg("only") = py::none(), py::arg("lexicon") = py::none(),
      R"(Audit a catalog: metrics of every procedure, the findings of every enabled
rule, marginal and combined savings, totals.

rules: None (the built-in rules), a RuleSet, a path or list of paths of rule
files or folders, or a dict of overrides {"rule.param": value, "rule": False}.
cost_model: a dict of overrides, e.g. {"hourly_value": 50000,
"unit_costs": {"copy": 3000}}. jobs: worker threads (0: all cores).
only: audit only these procedure ids (catalog-level rules are then skipped).
lexicon: None (the built-in phrase tables) or the path of a folder of tables
(names.yaml, portal/steps.yaml, …) that replace the built-in tables of the
same name for this audit (docs/rules.md, "The lexicon"); a folder that is
missing or holds a file that is no table raises InvalidArgumentError, a table
that does not read raises LoadError (file, line, column).
The GIL is released while the audit runs.)");
}

/// Procedure's what-if methods: simplify, simplified, saving, audit, apply.
void bind_procedure_whatif(py::module_& m) {
  auto proc = py::reinterpret_borrow<py::class_<procedure_state, std::shared_ptr<procedure_state>>>(m.attr("Procedure"));
  using proc_ptr = std::shared_ptr<procedure_state>;
  proc.def(
          "simplify",
          [](const proc_ptr& s, const py::object& rules, const py::object& cost_model, const py::object& words) {
            return simplify_state(s, rules, cost_model, words);
          },
          py::arg("rules") = py::none(), py::arg("cost_model") = py::none(), py::arg("lexicon") = py::none(),
          "Audit this procedure and apply every non-conflicting suggestion at once (Simplification: "
          "the to-be procedure, metrics before and after, the saving, what was applied). `rules`, "
          "`cost_model` and `lexicon` as in redtape.audit().")
      .def(
          "simplified",
          [](const proc_ptr& s, const py::object& rules, const py::object& cost_model, const py::object& words) {
            simplification_state r = simplify_state(s, rules, cost_model, words);
            return editable(r.context, std::move(r.result.simplified));
          },
          py::arg("rules") = py::none(), py::arg("cost_model") = py::none(), py::arg("lexicon") = py::none(),
          "The to-be procedure after the combined simplification (an editable Procedure), with the "
          "built-in rules and lexicon unless `rules` or `lexicon` says otherwise.")
      .def(
          "saving",
          [](const proc_ptr& s, const py::object& rules, const py::object& cost_model, const py::object& words) {
            return simplify_state(s, rules, cost_model, words).result.total;
          },
          py::arg("rules") = py::none(), py::arg("cost_model") = py::none(), py::arg("lexicon") = py::none(),
          "What the combined simplification saves (Saving); the arguments as in simplify().")
      .def(
          "audit",
          [](const proc_ptr& s, const py::object& rules, const py::object& cost_model, const py::object& words) {
            if (s->editable()) check_valid(*s->context, s->get());
            auto context = analysis_catalog(*s);
            const rule_set set = rules_from(rules);
            const audit_options o = options_for(costs_from(cost_model), 1, {s->get().id}, lexicon_from(words));
            return report_object(context, run_audit(*context, set, o));
          },
          py::arg("rules") = py::none(), py::arg("cost_model") = py::none(), py::arg("lexicon") = py::none(),
          "Audit this procedure alone, in its catalog (a Report with one procedure); `rules`, "
          "`cost_model` and `lexicon` as in redtape.audit().")
      .def(
          "apply",
          [](const proc_ptr& s, const py::object& what) {
            suggestion change;
            if (py::isinstance<finding>(what)) {
              const auto& f = what.cast<const finding&>();
              if (!f.procedure.empty() && f.procedure != s->get().id)
                throw invalid_argument_error(
                    fmt::format("the finding is about procedure {}, not {}", f.procedure, s->get().id));
              change = f.suggestion;
            } else if (py::isinstance<suggestion>(what)) {
              change = what.cast<suggestion>();
            } else {
              throw invalid_argument_error("apply() takes a Finding or a Change");
            }
            procedure& p = s->edit();
            p = apply_suggestion(p, change);
          },
          py::arg("finding"),
          "Apply one finding's suggestion (or a Change) to this editable procedure, as the "
          "combined simplification would.");
}

}  // namespace

void init_audit(py::module_& m) {
  init_rules(m);  // rules.cpp: RuleSet before the functions that take one

  bind_saving(m);
  bind_change(m);
  bind_finding(m);
  bind_totals(m);

  py::class_<report_state, report_ptr> report(
      m, "Report", "An audit: metrics of every procedure, the findings of every rule, savings and totals.");
  py::class_<result_handle> result(m, "ProcedureResult",
                                   "One procedure in a report: metrics before and after the combined "
                                   "simplification, the saving, and its findings.");
  bind_report_contents(report);
  bind_report_outputs(report);
  bind_procedure_result(result);

  bind_simplification(m);
  bind_audit_function(m);
  bind_procedure_whatif(m);
}

}  // namespace redtape::python
