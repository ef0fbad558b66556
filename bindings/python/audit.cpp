// Rules, audits, findings, savings and the what-if on a procedure.
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

// ---------------------------------------------------------------------------
// Rules, cost model and lexicon arguments.

rule_set builtin_rules() {
  static const rule_set* builtin = new rule_set(rule_set::builtin());  // never freed: lives as long as the module
  return *builtin;
}

namespace {

std::string yaml_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20)
          out += fmt::format("\\x{:02x}", c);
        else
          out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void load_rule_path(rules_state& s, const fs::path& path) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      const auto ext = it->path().extension();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    s.rules.load(path);  // reports the missing path as the library does
    return;
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    s.rules.load_text(text, f.generic_string());
    s.steps.push_back({"text", f.generic_string(), std::move(text)});
  }
}

const rule_info& rule_named(const rules_state& s, std::string_view id) {
  if (const rule_info* r = s.rules.find(id)) return *r;
  std::vector<std::string> ids;
  for (const rule_info* r : s.rules.rules()) ids.push_back(r->id);
  throw not_found_error(fmt::format("no rule `{}`{}", id, did_you_mean(id, ids)));
}

void set_rule(rules_state& s, const std::string& key, py::handle value) {
  const auto dot = key.find('.');
  if (dot == std::string::npos) {
    std::string word;
    if (py::isinstance<py::bool_>(value))
      word = value.cast<bool>() ? "on" : "off";
    else if (py::isinstance<py::str>(value))
      word = value.cast<std::string>();
    else
      throw invalid_argument_error(
          fmt::format("rule `{}` is set to True/False or \"on\", \"off\", \"note\", \"warning\", \"error\"", key));
    const std::string assignment = key + "=" + word;
    s.rules.set(assignment);
    s.steps.push_back({"set", assignment, ""});
    return;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    // A list may hold commas and quotes: say it in YAML rather than in an
    // assignment string.
    const std::string id = key.substr(0, dot), name = key.substr(dot + 1);
    const rule_info& info = rule_named(s, id);
    auto spec = std::find_if(info.params.begin(), info.params.end(), [&](const param_spec& p) { return p.name == name; });
    if (spec == info.params.end()) {
      std::vector<std::string> names;
      for (const auto& p : info.params) names.push_back(p.name);
      throw invalid_argument_error(
          fmt::format("rule `{}` has no parameter `{}`{}", id, name, did_you_mean(name, names)));
    }
    if (spec->type != param_type::text_list)
      throw invalid_argument_error(fmt::format("`{}` takes a {}, not a list", key, to_string(spec->type)));
    std::vector<std::string> items;
    for (py::handle item : value) items.push_back(yaml_quote(py::str(item).cast<std::string>()));
    const std::string text = fmt::format("redtape: 1\nrule:\n  id: {}\n  params:\n    {}: [{}]\n", yaml_quote(id),
                                         yaml_quote(name), fmt::join(items, ", "));
    const std::string file = fmt::format("<override {}>", key);
    s.rules.load_text(text, file);
    s.steps.push_back({"text", file, text});
    return;
  }
  if (const rule_info* info = s.rules.find(key.substr(0, dot)); info && !py::isinstance<py::str>(value)) {
    auto spec = std::find_if(info->params.begin(), info->params.end(),
                             [&](const param_spec& p) { return p.name == key.substr(dot + 1); });
    if (spec != info->params.end() && spec->type == param_type::text_list)
      throw invalid_argument_error(fmt::format("`{}` takes a list of str", key));
  }
  std::string text;
  if (py::isinstance<py::bool_>(value))
    text = value.cast<bool>() ? "true" : "false";
  else if (py::isinstance<py::str>(value))
    text = value.cast<std::string>();
  else if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) || py::hasattr(value, "__float__"))
    text = fmt::format("{}", value.cast<double>());
  else
    throw invalid_argument_error(fmt::format("`{}` takes a number, a bool, a str or a list of str", key));
  const std::string assignment = key + "=" + text;
  s.rules.set(assignment);
  s.steps.push_back({"set", assignment, ""});
}

void configure(rules_state& s, py::handle overrides) {
  for (auto [k, v] : py::reinterpret_borrow<py::dict>(overrides)) set_rule(s, py::str(k).cast<std::string>(), v);
}

bool is_path(py::handle h) { return py::isinstance<py::str>(h) || py::hasattr(h, "__fspath__"); }

fs::path path_of(py::handle h) {
  return fs::path(py::module_::import("os").attr("fspath")(h).cast<std::string>());
}

rules_state rules_state_from(py::handle rules) {
  if (py::isinstance<rules_state>(rules)) return rules.cast<rules_state>();
  rules_state s{builtin_rules(), {}};
  if (rules.is_none()) return s;
  if (py::isinstance<py::dict>(rules)) {
    configure(s, rules);
  } else if (is_path(rules)) {
    load_rule_path(s, path_of(rules));
  } else if (py::isinstance<py::list>(rules) || py::isinstance<py::tuple>(rules)) {
    for (py::handle item : rules) {
      if (py::isinstance<py::dict>(item))
        configure(s, item);
      else if (is_path(item))
        load_rule_path(s, path_of(item));
      else
        throw invalid_argument_error("rules: a list holds paths of rule files or folders, and dicts of overrides");
    }
  } else {
    throw invalid_argument_error(
        "rules: None (the built-in rules), a RuleSet, a path or list of paths of rule files, or a "
        "dict of overrides {\"rule.param\": value}");
  }
  return s;
}

}  // namespace

rule_set rules_from(py::handle rules) {
  if (py::isinstance<rules_state>(rules)) return rules.cast<const rules_state&>().rules;
  return rules_state_from(rules).rules;
}

cost_model_patch costs_from(py::handle costs) {
  cost_model_patch patch;
  if (costs.is_none()) return patch;
  if (!py::isinstance<py::dict>(costs))
    throw invalid_argument_error("cost_model: a dict of overrides, e.g. {\"hourly_value\": 50000}");
  // Python's types are checked here; the fields and what they take, in cost_model_patch::set.
  auto set = [&](const std::string& key, py::handle v) {
    try {
      if (key == "currency") {
        patch.set(key, v.cast<std::string>());
        return;
      }
      if (py::isinstance<py::bool_>(v) || !(py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v) ||
                                            py::hasattr(v, "__float__")))
        throw invalid_argument_error(fmt::format("`{}` takes a number", key));
      patch.set(key, v.cast<double>());
    } catch (const invalid_argument_error& e) {
      throw invalid_argument_error(fmt::format("cost_model: {}", e.what()));
    }
  };
  for (auto [k, v] : py::reinterpret_borrow<py::dict>(costs)) {
    const auto key = py::str(k).cast<std::string>();
    if (key == "unit_costs" && py::isinstance<py::dict>(v)) {
      for (auto [form, x] : py::reinterpret_borrow<py::dict>(v))
        set("unit_costs." + py::str(form).cast<std::string>(), x);
    } else if (cost_model_patch::is_field(key) || key == "unit_costs") {
      set(key, v);  // `unit_costs` not a dict: set() says what it takes
    } else {
      const std::vector<std::string> names(cost_model_field_names.begin(), cost_model_field_names.end());
      throw invalid_argument_error(fmt::format("cost_model has no `{}`{}", key, did_you_mean(key, names)));
    }
  }
  return patch;
}

std::shared_ptr<const lexicon> lexicon_from(py::handle folder) {
  if (folder.is_none()) return nullptr;
  if (!is_path(folder))
    throw invalid_argument_error(fmt::format(
        "lexicon: None (the built-in tables) or the path of a folder of tables (str or os.PathLike), not {}",
        py::str(py::type::of(folder).attr("__name__")).cast<std::string>()));
  const fs::path dir = path_of(folder);
  py::gil_scoped_release release;
  return lexicon::from_directory(dir);
}

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

py::object param_object(const param_value& v) {
  return std::visit([](const auto& x) { return py::cast(x); }, v);
}

py::list findings_at(const std::vector<finding>& all, const std::vector<std::size_t>& which) {
  py::list out;
  for (std::size_t i : which) out.append(py::cast(all.at(i)));
  return out;
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

using rules_class = py::class_<rules_state>;
using report_ptr = std::shared_ptr<report_state>;
using rh = result_handle;

/// Parameter: a rule's parameter.
void bind_parameter(py::module_& m) {
  py::class_<param_spec> param(m, "Parameter", "A parameter of a rule: name, type, default and what it does.");
  param.def_readonly("name", &param_spec::name, "Parameter name.")
      .def_property_readonly("type", [](const param_spec& p) { return std::string(to_string(p.type)); },
                             "number, boolean, text or list.")
      .def_property_readonly("default", [](const param_spec& p) { return param_object(p.default_value); },
                             "The default value.")
      .def_readonly("doc", &param_spec::doc, "What it does.")
      .def("__repr__", [](const param_spec& p) {
        return fmt::format("<Parameter {} ({}) = {}>", p.name, to_string(p.type), format_param(p.default_value));
      });
}

/// RuleInfo: a rule's identity and effective configuration.
void bind_rule_info(py::module_& m) {
  py::class_<rule_info> info(m, "RuleInfo", "A rule's identity and effective configuration.");
  info.def_readonly("id", &rule_info::id, "Rule id, e.g. \"once-only\".")
      .def_readonly("title", &rule_info::title, "Title (Text).")
      .def_readonly("message", &rule_info::message, "Message template (Text).")
      .def_readonly("rationale", &rule_info::rationale, "The reform principle it applies (Text).")
      .def_readonly("references", &rule_info::references, "Legal and method sources.")
      .def_property_readonly("severity", [](const rule_info& r) { return std::string(to_string(r.severity)); },
                             "note, warning or error.")
      .def_property_readonly("suggestion", [](const rule_info& r) { return std::string(to_string(r.suggestion)); },
                             "The simplification its findings suggest.")
      .def_readonly("enabled", &rule_info::enabled, "Whether it runs.")
      .def_readonly("catalog_level", &rule_info::catalog_level, "Looks at the whole catalog, not one procedure.")
      .def_readonly("declarative", &rule_info::declarative, "Written in YAML alone (a `match:`).")
      .def_readonly("parameters", &rule_info::params, "The parameters (Parameter list).")
      .def_property_readonly(
          "params",
          [](const rule_info& r) {
            py::dict d;
            for (const auto& [k, v] : r.values) d[py::str(k)] = param_object(v);
            return d;
          },
          "Effective parameter values, by name.")
      .def_readonly("defined_at", &rule_info::defined_at, "file:line of the YAML that configured it.")
      .def("__repr__", [](const rule_info& r) {
        return fmt::format("<RuleInfo {} ({}, {}{})>", r.id, to_string(r.severity), to_string(r.suggestion),
                           r.enabled ? "" : ", off");
      });
  info.def(py::pickle([](const rule_info& r) { return state_of(r); },
                      [](const py::object& t) {
                        rule_info r;
                        restore(t, r);
                        return r;
                      }));
}

/// RuleSet: made from the built-in rules, rule files and overrides.
void bind_rule_set_config(rules_class& rule_set_class) {
  rule_set_class.def(py::init([] { return rules_state{builtin_rules(), {}}; }), "The built-in rules.")
      .def(
          "load",
          [](rules_state& s, const fs::path& path) -> rules_state& {
            load_rule_path(s, path);
            return s;
          },
          py::arg("path"), py::return_value_policy::reference_internal,
          "Add or configure rules from a YAML file or a folder of them (returns self). Raises "
          "LoadError with every problem, located.")
      .def(
          "set",
          [](rules_state& s, const std::string& key, const py::object& value) -> rules_state& {
            if (value.is_none()) {
              if (key.find('=') == std::string::npos)
                throw invalid_argument_error("set(\"rule.param=value\") or set(\"rule.param\", value)");
              s.rules.set(key);
              s.steps.push_back({"set", key, ""});
            } else {
              set_rule(s, key, value);
            }
            return s;
          },
          py::arg("key"), py::arg("value") = py::none(), py::return_value_policy::reference_internal,
          "Override for this set: set(\"rule.param\", value), set(\"rule\", False) to turn a rule "
          "off, set(\"rule\", \"error\") for its severity, or set(\"rule.param=value\"). Returns self.")
      .def(
          "configure",
          [](rules_state& s, const py::dict& overrides) -> rules_state& {
            configure(s, overrides);
            return s;
          },
          py::arg("overrides"), py::return_value_policy::reference_internal,
          "Apply a dict of overrides {\"rule.param\": value, \"rule\": False}. Returns self.");
}

/// RuleSet: its rules, repr, pickling.
void bind_rule_set_protocol(rules_class& rule_set_class) {
  rule_set_class.def_property_readonly(
          "rules",
          [](const rules_state& s) {
            std::vector<rule_info> out;
            for (const rule_info* r : s.rules.rules()) out.push_back(*r);
            return out;
          },
          "The rules, sorted by id (RuleInfo list).")
      .def("__getitem__", [](const rules_state& s, const std::string& id) { return rule_named(s, id); },
           py::arg("id"), "The rule with this id.")
      .def("__contains__", [](const rules_state& s, const std::string& id) { return s.rules.find(id) != nullptr; })
      .def("__len__", [](const rules_state& s) { return s.rules.entries().size(); })
      .def("__iter__",
           [](const rules_state& s) {
             py::list out;
             for (const rule_info* r : s.rules.rules()) out.append(py::cast(*r));
             return py::iter(out);
           })
      .def("copy", [](const rules_state& s) { return s; }, "An independent copy.")
      .def("__repr__",
           [](const rules_state& s) {
             std::size_t on = 0;
             for (const auto& e : s.rules.entries()) on += e.info.enabled ? 1 : 0;
             return fmt::format("<RuleSet {} rules, {} enabled{}>", s.rules.entries().size(), on,
                                s.steps.empty() ? " (built-in)" : "");
           })
      .def(py::pickle(
          [](const rules_state& s) {
            py::list steps;
            for (const auto& st : s.steps) steps.append(py::make_tuple(st[0], st[1], st[2]));
            return py::make_tuple(1, steps);
          },
          [](const py::tuple& t) {
            if (t.size() != 2 || t[0].cast<int>() != 1) throw invalid_argument_error("cannot unpickle a RuleSet");
            rules_state s{builtin_rules(), {}};
            for (py::handle h : t[1]) {
              auto st = h.cast<std::array<std::string, 3>>();
              if (st[0] == "text")
                s.rules.load_text(st[2], st[1]);
              else
                s.rules.set(st[1]);
              s.steps.push_back(std::move(st));
            }
            return s;
          }));
}

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
            py::dict message;
            message["vi"] = f.message.vi;
            message["en"] = f.message.en;
            d["message"] = message;
            d["saving"] = saving_dict(f.saving);
            if (!f.downgraded.empty()) d["downgraded"] = f.downgraded;
            py::dict where;
            where["file"] = f.file;
            where["line"] = f.location.line;
            where["column"] = f.location.column;
            d["location"] = where;
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
              py::dict message;
              message["vi"] = q.message.vi;
              message["en"] = q.message.en;
              d["message"] = message;
              py::dict where;
              where["file"] = q.file;
              where["line"] = q.location.line;
              where["column"] = q.location.column;
              d["location"] = where;
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
  bind_parameter(m);
  bind_rule_info(m);
  py::class_<rules_state> rule_set_class(m, "RuleSet",
                                "A set of rules with their configuration: the built-in rules, "
                                "plus rule files and overrides.");
  bind_rule_set_config(rule_set_class);
  bind_rule_set_protocol(rule_set_class);

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
