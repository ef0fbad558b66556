// The model: Catalog, Procedure and their value classes (Step and Document:
// steps.cpp).
//
// A Catalog never changes once loaded. Its procedures are read-only views;
// `copy()` gives an editable Procedure (remove a step, change a duration or
// a fee, drop a document demand), which `Catalog.with_procedure()` puts into
// a new catalog after validating it.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "core.hpp"
#include "util/text.hpp"

namespace redtape::python {

// ---------------------------------------------------------------------------
// Shared helpers (declared in core.hpp).

procedure& procedure_state::edit() const {
  if (!owned)
    throw read_only_error(fmt::format(
        "procedure {} belongs to a catalog and is read-only: edit a copy (p = p.copy()) and put "
        "it back with catalog.with_procedure(p)",
        view->id));
  return *owned;
}

std::shared_ptr<procedure_state> view_of(const std::shared_ptr<const catalog>& c, std::size_t i) {
  auto s = std::make_shared<procedure_state>();
  s->context = c;
  s->view = std::shared_ptr<const procedure>(c, &c->procedures.at(i));  // shares the catalog
  return s;
}

std::shared_ptr<procedure_state> editable(std::shared_ptr<const catalog> context, procedure p) {
  auto s = std::make_shared<procedure_state>();
  s->context = std::move(context);
  s->owned = std::make_shared<procedure>(std::move(p));
  s->view = s->owned;
  return s;
}

catalog with_procedure(const catalog& c, const procedure& p) {
  catalog out = c;
  auto same = std::find_if(out.procedures.begin(), out.procedures.end(),
                           [&](const procedure& q) { return q.id == p.id; });
  if (same != out.procedures.end())
    *same = p;
  else
    out.procedures.push_back(p);
  out.reindex();
  return out;
}

std::shared_ptr<const catalog> analysis_catalog(const procedure_state& s) {
  if (!s.editable()) return s.context;
  return std::make_shared<const catalog>(with_procedure(*s.context, s.get()));
}

catalog registry_of(const catalog& c) {
  catalog out;
  out.files = c.files;
  out.documents = c.documents;
  out.agencies = c.agencies;
  out.costs = c.costs;
  out.reindex();
  return out;
}

void check_valid(const catalog& context, const procedure& p) {
  catalog one = registry_of(context);
  one.procedures.push_back(p);
  one.reindex();
  std::vector<diagnostic> problems = validate(one);
  const bool failed = std::any_of(problems.begin(), problems.end(),
                                  [](const diagnostic& d) { return d.severity == severity::error; });
  if (failed) throw validation_error(std::move(problems));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto guess = util::closest(word, candidates);
  return guess ? fmt::format("; did you mean `{}`?", *guess) : std::string();
}

localized_text text_from(py::handle h) {
  if (py::isinstance<localized_text>(h)) return h.cast<localized_text>();
  if (py::isinstance<py::str>(h)) return {h.cast<std::string>(), {}};
  if (py::isinstance<py::dict>(h)) {
    localized_text t;
    for (auto [k, v] : py::reinterpret_borrow<py::dict>(h)) {
      const auto key = py::str(k).cast<std::string>();
      if (key == "vi")
        t.vi = v.cast<std::string>();
      else if (key == "en")
        t.en = v.cast<std::string>();
      else
        throw invalid_argument_error(fmt::format("a name has the keys vi and en, not `{}`", key));
    }
    return t;
  }
  throw invalid_argument_error("a name is a str (Vietnamese), a dict {\"vi\": …, \"en\": …} or a Text");
}

namespace {

/// Where something was written, resolved to its file name.
struct location_value {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

}  // namespace

py::object location_object(std::string file, std::uint32_t line, std::uint32_t column) {
  return py::cast(location_value{std::move(file), line, column});
}

py::object location_of(const catalog& c, const source_location& loc) {
  return location_object(loc.known() ? c.file_of(loc) : std::string(), loc.line, loc.column);
}

// ---------------------------------------------------------------------------
// Handles (declared in core.hpp).

const step& step_handle::get() const {
  const procedure& p = owner->get();
  auto i = p.find_step(id);
  if (i < 0) throw not_found_error(fmt::format("step `{}` is no longer in procedure {}", id, p.id));
  return p.steps[static_cast<std::size_t>(i)];
}

step& step_handle::edit() const {
  procedure& p = owner->edit();
  auto i = p.find_step(id);
  if (i < 0) throw not_found_error(fmt::format("step `{}` is no longer in procedure {}", id, p.id));
  return p.steps[static_cast<std::size_t>(i)];
}

const document_demand& document_handle::get() const {
  const step& s = owner.get();
  const auto& list = produced ? s.produces_docs : s.requires_docs;
  if (index >= list.size())
    throw not_found_error(fmt::format("step `{}` no longer has a document at position {}", s.id, index));
  return list[index];
}

document_demand& document_handle::edit() const {
  step& s = owner.edit();
  auto& list = produced ? s.produces_docs : s.requires_docs;
  if (index >= list.size())
    throw not_found_error(fmt::format("step `{}` no longer has a document at position {}", s.id, index));
  return list[index];
}

std::string step_ids_hint(const procedure& p, std::string_view id) {
  std::vector<std::string> ids;
  for (const auto& s : p.steps) ids.push_back(s.id);
  return did_you_mean(id, ids);
}

step_handle step_of(const std::shared_ptr<procedure_state>& s, const std::string& id) {
  const procedure& p = s->get();
  if (p.find_step(id) < 0)
    throw not_found_error(fmt::format("procedure {} has no step `{}`{}", p.id, id, step_ids_hint(p, id)));
  return {s, id};
}

double number_from(py::handle h, std::string_view what) {
  if (py::isinstance<py::bool_>(h) || !(py::isinstance<py::int_>(h) || py::isinstance<py::float_>(h) ||
                                        py::hasattr(h, "__float__")))
    throw invalid_argument_error(fmt::format("{} takes a number", what));
  const double d = h.cast<double>();
  if (!std::isfinite(d) || d < 0)
    throw invalid_argument_error(fmt::format("{} takes a finite, non-negative number, not {}", what, d));
  return d;
}

document_form form_from(const std::string& s) {
  auto f = parse_document_form(s);
  if (!f)
    throw invalid_argument_error(fmt::format("no document form `{}`; one of: {}", s,
                                             fmt::join(document_form_names, ", ")));
  return *f;
}

std::string duration_text(const duration& d) {
  if (!d.is_range()) return fmt::format("{:g} d", d.likely);
  return fmt::format("{:g}–{:g}–{:g} d", d.min, d.likely, d.max);
}

namespace {

const procedure& procedure_named(const catalog& c, const std::string& id) {
  if (const procedure* p = c.find_procedure(id)) return *p;
  std::vector<std::string> ids;
  for (const auto& p : c.procedures) ids.push_back(p.id);
  throw not_found_error(fmt::format("no procedure `{}` in the catalog{}", id, did_you_mean(id, ids)));
}

std::size_t index_of(const catalog& c, const procedure& p) {
  return static_cast<std::size_t>(&p - c.procedures.data());
}

// Locations of a procedure from another catalog point into that catalog's
// file table: rewrite them for `to`.
void remap_files(procedure& p, const std::vector<std::string>& from, std::vector<std::string>& to) {
  std::map<std::uint32_t, std::uint32_t> map;
  auto fix = [&](source_location& loc) {
    if (!loc.known() || loc.file >= from.size()) return;
    auto it = map.find(loc.file);
    if (it == map.end()) {
      const std::string& name = from[loc.file];
      auto found = std::find(to.begin(), to.end(), name);
      if (found == to.end()) found = to.insert(to.end(), name);
      it = map.emplace(loc.file, static_cast<std::uint32_t>(found - to.begin())).first;
    }
    loc.file = it->second;
  };
  fix(p.location);
  fix(p.cost_overrides.location);
  for (auto& d : p.results) fix(d.location);
  for (auto& s : p.steps) {
    fix(s.location);
    for (auto& l : s.after_locations) fix(l);
    if (s.fee) fix(s.fee->location);
    for (auto& d : s.requires_docs) fix(d.location);
    for (auto& d : s.produces_docs) fix(d.location);
  }
}

py::object catalog_object(std::shared_ptr<const catalog> c) {
  catalog_state s;
  s.data = std::move(c);
  return py::cast(std::move(s));
}

metrics metrics_of(const procedure_state& s, const cost_model_patch& patch) {
  if (s.editable()) check_valid(*s.context, s.get());
  cost_model costs = s.context->cost_model_for(s.get());
  patch.apply_to(costs);
  return compute_metrics(s.get(), costs);
}

py::dict cost_model_dict(const cost_model& c) {
  py::dict units;
  for (std::size_t i = 0; i < c.unit_costs.size(); ++i) units[py::str(std::string(document_form_names[i]))] = c.unit_costs[i];
  py::dict d;
  d["currency"] = c.currency;
  d["hourly_value"] = c.hourly_value;
  d["visit_cost"] = c.visit_cost;
  d["unit_costs"] = units;
  d["min_step_days"] = c.min_step_days;
  d["min_step_days_online"] = c.min_step_days_online ? py::cast(*c.min_step_days_online) : py::none();
  d["working_hours_per_day"] = c.working_hours_per_day;
  return d;
}

template <class T>
void value_pickle(py::class_<T>& cls) {
  cls.def(py::pickle([](const T& v) { return state_of(v); },
                     [](const py::object& t) {
                       T v;
                       restore(t, v);
                       return v;
                     }));
  cls.def("__eq__", [](const T& a, const T& b) { return same_state(a, b); });
}

// ---------------------------------------------------------------------------
// The classes, one function per class or group of its members (init_model
// calls them in the order pybind11 needs: a class is declared before the
// members whose signatures name it).

using catalog_class = py::class_<catalog_state>;
using proc_ptr = std::shared_ptr<procedure_state>;
using procedure_class = py::class_<procedure_state, proc_ptr>;
using sh = step_handle;
using dh = document_handle;

/// Text: a text in Vietnamese and English.
void bind_text(py::module_& m) {
  py::class_<localized_text> text(m, "Text",
                                  "A text in Vietnamese and English. str() gives the Vietnamese, "
                                  "falling back to the English.");
  text.def(py::init([](std::string vi, std::string en) { return localized_text{std::move(vi), std::move(en)}; }),
           py::arg("vi") = "", py::arg("en") = "")
      .def_readonly("vi", &localized_text::vi, "The Vietnamese text (may be empty).")
      .def_readonly("en", &localized_text::en, "The English text (may be empty).")
      .def("get", [](const localized_text& t, const std::string& lang) { return t.in(lang); },
           py::arg("lang") = "vi", "The text in `lang` (\"vi\" or \"en\"), falling back to the other language.")
      .def("__str__", [](const localized_text& t) { return t.in("vi"); })
      .def("__bool__", [](const localized_text& t) { return !t.empty(); })
      .def("__repr__", [](const localized_text& t) {
        return fmt::format("Text(vi={}, en={})", py::repr(py::str(t.vi)).cast<std::string>(),
                           py::repr(py::str(t.en)).cast<std::string>());
      });
  value_pickle(text);
}

/// Location: file, line and column.
void bind_location(py::module_& m) {
  py::class_<location_value> location(m, "Location", "Where something was written: file, 1-based line and column.");
  location.def_readonly("file", &location_value::file, "The file (\"\" when built in code).")
      .def_readonly("line", &location_value::line, "1-based line; 0 when not from a file.")
      .def_readonly("column", &location_value::column, "1-based column; 0 when unknown.")
      .def("__str__", [](const location_value& l) { return fmt::format("{}:{}:{}", l.file, l.line, l.column); })
      .def("__repr__", [](const location_value& l) {
        return fmt::format("<Location {}:{}:{}>", l.file, l.line, l.column);
      })
      .def("__eq__", [](const location_value& a, const location_value& b) {
        return std::tie(a.file, a.line, a.column) == std::tie(b.file, b.line, b.column);
      })
      .def(py::pickle([](const location_value& l) { return py::make_tuple(l.file, l.line, l.column); },
                      [](const py::tuple& t) {
                        return location_value{t[0].cast<std::string>(), t[1].cast<std::uint32_t>(),
                                              t[2].cast<std::uint32_t>()};
                      }));
}

/// Metrics of a procedure.
void bind_metrics(py::module_& m) {
  py::class_<metrics> metrics_class(m, "Metrics",
                                    "The metrics of a procedure (SPEC §3), computed exactly as the C++ "
                                    "library and the reports compute them.");
  metrics_class
      .def_readonly("elapsed_days", &metrics::elapsed_days,
                    "Longest weighted path from a start step to an end step, in working days.")
      .def_readonly("applicant_hours", &metrics::applicant_hours, "The applicant's own hours, all steps.")
      .def_readonly("applicant_visits", &metrics::applicant_visits, "Applicant steps in person.")
      .def_readonly("documents", &metrics::documents, "Document demands on applicant steps.")
      .def_readonly("copies", &metrics::copies, "Copies of those demands.")
      .def_readonly("fees", &metrics::fees, "Known fees, in the catalog currency.")
      .def_readonly("unknown_fees", &metrics::unknown_fees, "Fees given only in words or in another currency.")
      .def_readonly("cost_per_application", &metrics::cost_per_application,
                    "Fees + hours × hourly_value + visits × visit_cost + document costs.")
      .def_readonly("cost_per_year", &metrics::cost_per_year, "cost_per_application × volume_per_year.")
      .def_readonly("steps", &metrics::steps, "Number of steps.")
      .def_readonly("agencies", &metrics::agencies, "Distinct actors other than the applicant.")
      .def_readonly("handoffs", &metrics::handoffs, "`after` links between steps of different actors.")
      .def_readonly("critical_path", &metrics::critical_path, "Step ids of one longest path, in order.")
      .def("to_dict",
           [](const metrics& v) {
             py::dict d;
             d["elapsed_days"] = v.elapsed_days;
             d["applicant_hours"] = v.applicant_hours;
             d["applicant_visits"] = v.applicant_visits;
             d["documents"] = v.documents;
             d["copies"] = v.copies;
             d["fees"] = v.fees;
             d["unknown_fees"] = v.unknown_fees;
             d["cost_per_application"] = v.cost_per_application;
             d["cost_per_year"] = v.cost_per_year;
             d["steps"] = v.steps;
             d["agencies"] = v.agencies;
             d["handoffs"] = v.handoffs;
             d["critical_path"] = v.critical_path;
             return d;
           },
           "The metrics as a dict (the keys of the JSON report).")
      .def("__repr__", [](const metrics& v) {
        return fmt::format(
            "<Metrics {:g} days, {} steps, {} visits, {} documents, {:g} applicant hours, "
            "{:.0f} per application, {:.0f} per year>",
            v.elapsed_days, v.steps, v.applicant_visits, v.documents, v.applicant_hours,
            v.cost_per_application, v.cost_per_year);
      });
  value_pickle(metrics_class);
}

/// Distribution: elapsed days under uncertainty.
void bind_distribution(py::module_& m) {
  py::class_<elapsed_distribution> distribution(
      m, "Distribution",
      "Elapsed days under uncertainty (PERT durations for [min, likely, max] steps, Monte Carlo "
      "with a fixed seed).");
  distribution.def_readonly("p50", &elapsed_distribution::p50, "Median elapsed days.")
      .def_readonly("p90", &elapsed_distribution::p90, "90th percentile of elapsed days.")
      .def_readonly("mean", &elapsed_distribution::mean, "Mean elapsed days.")
      .def_readonly("uncertain", &elapsed_distribution::uncertain,
                    "False when no step has a range (then p50 = p90 = elapsed days).")
      .def("__repr__", [](const elapsed_distribution& d) {
        return fmt::format("<Distribution p50={:g} p90={:g} mean={:g}{}>", d.p50, d.p90, d.mean,
                           d.uncertain ? "" : " (no ranges)");
      });
  value_pickle(distribution);
}

/// CostModel.
void bind_cost_model(py::module_& m) {
  py::class_<cost_model> costs_class(m, "CostModel",
                               "The cost model (SPEC §2): the value of the applicant's time, "
                               "travel, document costs and the minimum step length.");
  costs_class.def_readonly("currency", &cost_model::currency, "Currency of all amounts, e.g. \"VND\".")
      .def_readonly("hourly_value", &cost_model::hourly_value, "Value of one hour of the applicant's time.")
      .def_readonly("visit_cost", &cost_model::visit_cost, "Travel cost of one in-person visit.")
      .def_property_readonly(
          "unit_costs",
          [](const cost_model& c) {
            py::dict all = cost_model_dict(c);
            return py::object(all["unit_costs"]);
          },
          "Cost of one copy of a document, by form: {\"copy\": 2000, …}.")
      .def_readonly("min_step_days", &cost_model::min_step_days, "Minimum length of an agency step, in days.")
      .def_readonly("min_step_days_online", &cost_model::min_step_days_online,
                    "Minimum length of an online agency step (None: min_step_days).")
      .def_readonly("working_hours_per_day", &cost_model::working_hours_per_day, "Working hours in a day.")
      .def("to_dict", &cost_model_dict,
           "The cost model as a dict, in the shape that audit(cost_model=…) accepts.")
      .def("__repr__", [](const cost_model& c) {
        return fmt::format("<CostModel {} hourly_value={:g} visit_cost={:g} min_step_days={:g}>", c.currency,
                           c.hourly_value, c.visit_cost, c.min_step_days);
      });
  value_pickle(costs_class);
}

/// The registry entries: RegistryDocument and Agency.
void bind_registry_entries(py::module_& m) {
  py::class_<document> registry_document(m, "RegistryDocument",
                                         "A document known across the catalog (the `documents:` registry).");
  registry_document.def_readonly("id", &document::id, "Registry id, as `ref:` names it.")
      .def_readonly("name", &document::name, "Name (Text).")
      .def_readonly("aliases", &document::aliases, "Other names it goes by.")
      .def_readonly("issued_by", &document::issued_by, "The agency that issues it, or \"applicant\".")
      .def_readonly("held_in", &document::held_in, "A government database that already holds it.")
      .def_property_readonly("government_has", &document::government_has,
                             "True when the government issues or holds it (once-only).")
      .def("__repr__", [](const document& d) {
        return fmt::format("<RegistryDocument {}: {}>", d.id, d.name.in("vi"));
      });
  value_pickle(registry_document);

  py::class_<agency> agency_class(m, "Agency", "An agency of the registry.");
  agency_class.def_readonly("id", &agency::id, "Agency id, as steps name it in `actor`.")
      .def_readonly("name", &agency::name, "Name (Text).")
      .def_property_readonly("kind", [](const agency& a) { return std::string(to_string(a.kind)); },
                             "\"government\", \"public_service\" or \"private\".")
      .def_readonly("level", &agency::level, "central, province, district or commune.")
      .def("__repr__", [](const agency& a) { return fmt::format("<Agency {}: {}>", a.id, a.name.in("vi")); });
  value_pickle(agency_class);
}

/// Catalog: its procedures and registries.
void bind_catalog_contents(catalog_class& cat) {
  cat.def_property_readonly(
         "procedures",
         [](const catalog_state& s) {
           py::list out;
           for (std::size_t i = 0; i < s.data->procedures.size(); ++i) out.append(py::cast(view_of(s.data, i)));
           return out;
         },
         "The procedures, in catalog order (read-only views; copy() one to edit it).")
      .def_property_readonly(
          "ids",
          [](const catalog_state& s) {
            std::vector<std::string> out;
            for (const auto& p : s.data->procedures) out.push_back(p.id);
            return out;
          },
          "The procedure ids, in catalog order.")
      .def(
          "__getitem__",
          [](const catalog_state& s, const std::string& id) {
            return view_of(s.data, index_of(*s.data, procedure_named(*s.data, id)));
          },
          py::arg("id"), "The procedure with this id; NotFoundError (a KeyError) with a guess otherwise.")
      .def("__contains__", [](const catalog_state& s, const std::string& id) {
        return s.data->find_procedure(id) != nullptr;
      })
      .def("__len__", [](const catalog_state& s) { return s.data->procedures.size(); })
      .def(
          "__iter__",
          [](const catalog_state& s) {
            py::list out;
            for (std::size_t i = 0; i < s.data->procedures.size(); ++i) out.append(py::cast(view_of(s.data, i)));
            return py::iter(out);
          },
          "Iterate over the procedures.")
      .def_property_readonly(
          "documents", [](const catalog_state& s) { return s.data->documents; },
          "The document registry (RegistryDocument list).")
      .def_property_readonly(
          "agencies", [](const catalog_state& s) { return s.data->agencies; }, "The agency registry.")
      .def_property_readonly(
          "cost_model", [](const catalog_state& s) { return s.data->costs; },
          "The catalog's cost model (procedures may override it).")
      .def_property_readonly(
          "files", [](const catalog_state& s) { return s.data->files; }, "The files it was loaded from.")
      .def_property_readonly(
          "warnings", [](const catalog_state& s) { return s.warnings; },
          "What the loader warned about (Diagnostic list).");
}

/// Catalog: new catalogs from it, repr, equality, pickling.
void bind_catalog_changes(catalog_class& cat) {
  cat.def(
          "with_procedure",
          [](const catalog_state& s, const std::shared_ptr<procedure_state>& p) {
            procedure copy = p->get();
            catalog next;
            if (p->context != s.data && p->context->files != s.data->files) {
              next = *s.data;
              remap_files(copy, p->context->files, next.files);
              next = with_procedure(next, copy);
            } else {
              next = with_procedure(*s.data, copy);
            }
            std::vector<diagnostic> problems = validate(next);
            if (std::any_of(problems.begin(), problems.end(),
                            [](const diagnostic& d) { return d.severity == severity::error; }))
              throw validation_error(std::move(problems));
            return catalog_object(std::make_shared<const catalog>(std::move(next)));
          },
          py::arg("procedure"),
          "A new catalog with `procedure` in place of the one with the same id (or added). Raises "
          "ValidationError when the result is not valid (a cycle, an `after` naming no step, …).")
      .def(
          "without_procedure",
          [](const catalog_state& s, const std::string& id) {
            const procedure& p = procedure_named(*s.data, id);
            catalog next = *s.data;
            next.procedures.erase(next.procedures.begin() +
                                  static_cast<std::ptrdiff_t>(index_of(*s.data, p)));
            next.reindex();
            return catalog_object(std::make_shared<const catalog>(std::move(next)));
          },
          py::arg("id"), "A new catalog without the procedure `id`.")
      .def("__repr__",
           [](const catalog_state& s) {
             const catalog& c = *s.data;
             return fmt::format("<Catalog: {} procedure{}, {} registry documents, {} agencies, {} file{}>",
                                c.procedures.size(), c.procedures.size() == 1 ? "" : "s", c.documents.size(),
                                c.agencies.size(), c.files.size(), c.files.size() == 1 ? "" : "s");
           })
      .def("__eq__",
           [](const catalog_state& a, const catalog_state& b) { return state_of(*a.data).equal(state_of(*b.data)); })
      .def(py::pickle(
          [](const catalog_state& s) { return py::make_tuple(state_of(*s.data), state_of(s.warnings)); },
          [](const py::tuple& t) {
            if (t.size() != 2) throw invalid_argument_error("cannot unpickle a Catalog from this state");
            catalog c;
            restore(t[0], c);
            catalog_state s;
            s.data = std::make_shared<const catalog>(std::move(c));
            restore(t[1], s.warnings);
            return s;
          }));
}

/// Procedure: its fields (settable on a copy) and its steps.
void bind_procedure_fields(procedure_class& proc) {
  auto text_property = [](auto member) {
    return [member](const proc_ptr& s) { return s->get().*member; };
  };
  proc.def_property(
          "id", [](const proc_ptr& s) { return s->get().id; },
          [](const proc_ptr& s, const std::string& id) {
            if (id.empty()) throw invalid_argument_error("a procedure id cannot be empty");
            s->edit().id = id;
          },
          "The id (the national catalog code where one exists). Settable on a copy: "
          "with_procedure() then adds it beside the original.")
      .def_property(
          "name", [](const proc_ptr& s) { return s->get().name; },
          [](const proc_ptr& s, const py::object& v) { s->edit().name = text_from(v); },
          "Name (Text; set a str, a dict {\"vi\": …, \"en\": …} or a Text).")
      .def_property_readonly("sector", text_property(&procedure::sector), "Sector (lĩnh vực).")
      .def_property_readonly("level", text_property(&procedure::level), "central, province, district or commune.")
      .def_property_readonly("agency", text_property(&procedure::agency), "The responsible agency id.")
      .def_property_readonly(
          "applicant", [](const proc_ptr& s) { return std::string(to_string(s->get().applicant)); },
          "\"citizen\", \"business\" or \"any\".")
      .def_property(
          "volume_per_year", [](const proc_ptr& s) { return s->get().volume_per_year; },
          [](const proc_ptr& s, const py::object& v) { s->edit().volume_per_year = number_from(v, "volume_per_year"); },
          "Applications a year (0 = unknown).")
      .def_property_readonly("legal_basis", text_property(&procedure::legal_basis), "Legal basis (list of str).")
      .def_property_readonly(
          "result",
          [](const proc_ptr& s) { return s->get().results.empty() ? std::string() : s->get().results.front().label(); },
          "The (first) result document: registry id or name; \"\" when unknown.")
      .def_property_readonly(
          "results",
          [](const proc_ptr& s) {
            std::vector<std::string> out;
            for (const auto& d : s->get().results) out.push_back(d.label());
            return out;
          },
          "Every document the procedure issues (registry ids or names).")
      .def_property_readonly("source_url", text_property(&procedure::source_url), "Where it was published.")
      .def_property(
          "note", text_property(&procedure::note),
          [](const proc_ptr& s, const std::string& v) { s->edit().note = v; }, "Free-text note.")
      .def_property_readonly(
          "file", [](const proc_ptr& s) { return s->context->file_of(s->get().location); },
          "The file it was loaded from.")
      .def_property_readonly(
          "source", [](const proc_ptr& s) { return location_of(*s->context, s->get().location); },
          "Where it was written (Location).")
      .def_property_readonly(
          "editable", [](const proc_ptr& s) { return s->editable(); },
          "False for a catalog's own procedure; True for a copy.")
      .def_property_readonly(
          "steps", [](const proc_ptr& s) { return step_list{s}; }, "The steps (StepList: by position or by id).")
      .def(
          "step", [](const proc_ptr& s, const std::string& id) { return step_of(s, id); }, py::arg("id"),
          "The step with this id; NotFoundError with a guess otherwise.")
      .def_property_readonly(
          "cost_model", [](const proc_ptr& s) { return s->context->cost_model_for(s->get()); },
          "The cost model that applies: the catalog's, then the procedure's overrides.");
}

/// Procedure: metrics, elapsed distribution, validation.
void bind_procedure_analysis(procedure_class& proc) {
  proc.def_property_readonly(
          "metrics", [](const proc_ptr& s) { return metrics_of(*s, {}); },
          "The metrics (Metrics). Raises ValidationError for an edited copy that is not valid.")
      .def(
          "compute_metrics",
          [](const proc_ptr& s, const py::object& cost_model) { return metrics_of(*s, costs_from(cost_model)); },
          py::arg("cost_model") = py::none(),
          "The metrics with cost model overrides, e.g. {\"hourly_value\": 50000}.")
      .def(
          "elapsed_distribution",
          [](const proc_ptr& s, std::uint32_t runs, std::uint64_t seed) {
            if (s->editable()) check_valid(*s->context, s->get());
            const cost_model costs = s->context->cost_model_for(s->get());
            uncertainty_options o;
            o.runs = runs;
            o.seed = seed;
            // Without the GIL another thread may edit an editable procedure: work on a copy.
            auto keep = s->editable() ? std::make_shared<const procedure>(s->get()) : s->view;
            py::gil_scoped_release release;
            return elapsed_quantiles(*keep, costs, o);
          },
          py::arg("runs") = 2000, py::arg("seed") = 20201,
          "P50/P90 of elapsed days with [min, likely, max] durations (PERT, Monte Carlo with a fixed seed).")
      .def(
          "validate", [](const proc_ptr& s) { check_valid(*s->context, s->get()); },
          "Raise ValidationError (with every problem in `diagnostics`) if the procedure is not valid.");
}

/// Procedure: copies and the edits of the what-if.
void bind_procedure_edits(procedure_class& proc) {
  proc.def(
          "copy", [](const proc_ptr& s) { return editable(s->context, s->get()); },
          "An editable copy, for what-if analysis. The catalog is not changed.")
      .def("__copy__", [](const proc_ptr& s) { return editable(s->context, s->get()); })
      .def("__deepcopy__", [](const proc_ptr& s, const py::object&) { return editable(s->context, s->get()); },
           py::arg("memo"))
      .def(
          "remove_step",
          [](const proc_ptr& s, const std::string& id) {
            step_of(s, id);
            suggestion change;
            change.kind = suggestion_kind::eliminate_step;
            change.steps = {id};
            procedure& p = s->edit();
            p = apply_suggestion(p, change);
          },
          py::arg("id"),
          "Remove a step and link its predecessors to its successors (the eliminate_step change).")
      .def(
          "merge_steps",
          [](const proc_ptr& s, const std::string& keep, const std::vector<std::string>& others) {
            step_of(s, keep);
            for (const auto& o : others) step_of(s, o);
            suggestion change;
            change.kind = suggestion_kind::merge_steps;
            change.steps = {keep};
            change.steps.insert(change.steps.end(), others.begin(), others.end());
            procedure& p = s->edit();
            p = apply_suggestion(p, change);
          },
          py::arg("keep"), py::arg("others"),
          "Fold `others` into the step `keep` (the merge_steps change: longest duration, union of "
          "links and documents, fees and hours added up).");
}

/// Procedure: YAML, graphs, repr, equality, pickling.
void bind_procedure_outputs(procedure_class& proc) {
  proc.def(
          "to_yaml", [](const proc_ptr& s) { return to_yaml(*s->context, s->get()); },
          "The procedure as redtape YAML, loadable with the catalog's registry.")
      .def(
          "to_dot",
          [](const proc_ptr& s, const std::string& lang) {
            graph_options o;
            o.lang = lang;
            return to_dot(*s->context, s->get(), o);
          },
          py::arg("lang") = "en", "The step graph as Graphviz DOT (names in \"en\" or \"vi\").")
      .def(
          "to_mermaid",
          [](const proc_ptr& s, const std::string& lang) {
            graph_options o;
            o.lang = lang;
            return to_mermaid(*s->context, s->get(), o);
          },
          py::arg("lang") = "en", "The step graph as a Mermaid flowchart.")
      .def("__repr__",
           [](const proc_ptr& s) {
             const procedure& p = s->get();
             return fmt::format("<Procedure {}{}: {} ({} step{})>", p.id, s->editable() ? " (copy)" : "",
                                p.name.in("en").empty() ? p.id : p.name.in("en"), p.steps.size(),
                                p.steps.size() == 1 ? "" : "s");
           })
      .def("__eq__",
           [](const proc_ptr& a, const proc_ptr& b) { return state_of(a->get()).equal(state_of(b->get())); })
      .def(py::pickle(
          [](const proc_ptr& s) {
            // The registries go along, not the other procedures of the catalog.
            return py::make_tuple(state_of(registry_of(*s->context)), state_of(s->get()), s->editable());
          },
          [](const py::tuple& t) {
            if (t.size() != 3) throw invalid_argument_error("cannot unpickle a Procedure from this state");
            catalog context;
            restore(t[0], context);
            procedure p;
            restore(t[1], p);
            if (t[2].cast<bool>()) return editable(std::make_shared<const catalog>(std::move(context)), std::move(p));
            context.procedures.push_back(std::move(p));
            context.reindex();
            return view_of(std::make_shared<const catalog>(std::move(context)), 0);
          }));
}

}  // namespace

void init_model(py::module_& m) {
  bind_text(m);
  bind_location(m);
  bind_metrics(m);
  bind_distribution(m);
  bind_cost_model(m);
  bind_registry_entries(m);

  // ----- Catalog
  py::class_<catalog_state> cat(m, "Catalog",
                                "A loaded catalog: procedures plus the registries that apply to all "
                                "of them. Immutable: `with_procedure()` makes a new one. Iterating "
                                "gives the procedures; `catalog[id]` one of them.");
  // ----- Procedure and its parts (declared before the methods that return them)
  py::class_<procedure_state, std::shared_ptr<procedure_state>> proc(
      m, "Procedure",
      "A procedure (thủ tục hành chính): a graph of steps. A catalog's procedures are read-only; "
      "`copy()` gives an editable one for what-if analysis.");
  py::class_<step_list> steps(m, "StepList",
                              "The steps of a procedure, in order: index by position or by step id.");
  py::class_<step_handle> step_class(m, "Step",
                                     "One step of a procedure. Setting an attribute edits the procedure "
                                     "(only an editable copy).");
  py::class_<document_handle> doc(m, "Document",
                                  "A document demanded (`requires`) or produced (`produces`) by a step.");

  bind_catalog_contents(cat);
  bind_catalog_changes(cat);
  bind_procedure_fields(proc);
  bind_procedure_analysis(proc);
  bind_procedure_edits(proc);
  bind_procedure_outputs(proc);
  bind_steps(steps, step_class, doc);  // steps.cpp
}

}  // namespace redtape::python
