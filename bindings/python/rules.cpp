// Rules (RuleSet, RuleInfo, Parameter) and the arguments audits take: rule
// sets, cost-model overrides, lexicon folders.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <variant>
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
namespace {

using rules_class = py::class_<rules_state>;

py::object param_object(const param_value& v) {
  return std::visit([](const auto& x) { return py::cast(x); }, v);
}


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
}  // namespace

void init_rules(py::module_& m) {
  bind_parameter(m);
  bind_rule_info(m);
  py::class_<rules_state> rule_set_class(m, "RuleSet",
                                "A set of rules with their configuration: the built-in rules, "
                                "plus rule files and overrides.");
  bind_rule_set_config(rule_set_class);
  bind_rule_set_protocol(rule_set_class);
}

}  // namespace redtape::python
