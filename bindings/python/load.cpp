// Loading catalogs: redtape.load and redtape.load_text.
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "core.hpp"

namespace redtape::python {
namespace {

std::vector<std::filesystem::path> paths_from(py::handle h) {
  py::module_ os = py::module_::import("os");
  auto one = [&](py::handle item) {
    if (!py::isinstance<py::str>(item) && !py::hasattr(item, "__fspath__"))
      throw invalid_argument_error(
          fmt::format("expected a path (str or os.PathLike), found {}",
                      py::str(py::type::of(item).attr("__name__")).cast<std::string>()));
    return std::filesystem::path(os.attr("fspath")(item).cast<std::string>());
  };
  std::vector<std::filesystem::path> out;
  if (py::isinstance<py::str>(h) || py::hasattr(h, "__fspath__")) {
    out.push_back(one(h));
  } else if (py::isinstance<py::iterable>(h) && !py::isinstance<py::bytes>(h)) {
    for (py::handle item : h) out.push_back(one(item));
  } else {
    one(h);  // raises with the type named
  }
  return out;
}

// Warnings of a successful load become Python warnings (notebooks show
// them; stderr would go to the server's log).
py::object finish_load(load_result r) {
  if (!r.ok()) throw load_error(std::move(r.diagnostics));
  for (const auto& d : r.diagnostics)
    if (PyErr_WarnEx(load_warning_class().ptr(), d.format().c_str(), 2) != 0) throw py::error_already_set();
  catalog_state s;
  s.data = std::make_shared<const catalog>(std::move(*r.catalog));
  s.warnings = std::move(r.diagnostics);
  return py::cast(std::move(s));
}

/// redtape.load and redtape.load_text.
void bind_load(py::module_& m) {
  m.def(
      "load",
      [](const py::object& paths, unsigned jobs) {
        load_options options;
        options.jobs = jobs;
        auto list = paths_from(paths);
        load_result r;
        {
          py::gil_scoped_release release;
          r = try_load(list, options);
        }
        return finish_load(std::move(r));
      },
      py::arg("paths"), py::arg("jobs") = 0,
      R"(Load a catalog from a YAML file, a folder (every *.yaml / *.yml in it,
recursively), or a list of either. Registries found among the paths apply to
every procedure loaded with them.

Files are read in parallel on `jobs` threads (0: all cores) without holding
the GIL. Raises LoadError, with every problem in `diagnostics`, on bad input;
warnings about good input are issued as LoadWarning.)");
  m.def(
      "load_text",
      [](const std::string& text, const std::string& name) {
        load_result r;
        {
          py::gil_scoped_release release;
          r = try_load_text(text, name);
        }
        return finish_load(std::move(r));
      },
      py::arg("text"), py::arg("name") = "<input>",
      "Load a catalog from YAML text held in memory, named `name` in messages. Raises "
      "LoadError on bad input.");
}

/// redtape.import_dichvucong.
void bind_import(py::module_& m) {
  m.def(
      "import_dichvucong",
      [](const py::object& sources, const std::string& out_dir, unsigned jobs, const py::object& words) {
        import_options options;
        options.jobs = jobs;
        auto list = paths_from(sources);
        options.lexicon = lexicon_from(words);
        import_summary s;
        {
          py::gil_scoped_release release;
          s = import_dichvucong(list, out_dir, options);
        }
        py::list warnings;
        for (const auto& w : s.warnings)
          warnings.append(py::dict(py::arg("record") = w.record, py::arg("field") = w.field,
                                   py::arg("code") = w.code, py::arg("message") = w.message,
                                   py::arg("message_vi") = w.message_vi,
                                   py::arg("severity") = std::string(to_string(w.severity))));
        py::list skipped;
        for (const auto& [what, why] : s.skipped_why) skipped.append(py::make_tuple(what, why));
        return py::dict(py::arg("records_read") = s.records_read, py::arg("imported") = s.imported,
                        py::arg("with_warnings") = s.with_warnings, py::arg("skipped") = s.skipped,
                        py::arg("procedures") = s.procedures,
                        py::arg("registry_documents") = s.registry_documents,
                        py::arg("registry_agencies") = s.registry_agencies,
                        py::arg("skipped_why") = skipped, py::arg("warnings") = warnings,
                        py::arg("files_written") = s.files_written,
                        py::arg("summary") = format_import_summary(s, "en", 0));
      },
      py::arg("sources"), py::arg("out_dir"), py::arg("jobs") = 0, py::arg("lexicon") = py::none(),
      R"(Convert national public service portal records (JSON files or folders,
both shapes; docs/import.md) into a redtape catalog in `out_dir`: one YAML
file per procedure plus registry.yaml. Returns the import summary as a dict
(records read, imported, with warnings, skipped and why, every warning with
its record and field). Load the result with redtape.load(out_dir).

lexicon: None (the built-in phrase tables) or the path of a folder of tables
(portal/steps.yaml, names.yaml, …) that replace the built-in tables of the
same name while the records are read (docs/rules.md, "The lexicon"); a folder
that is missing or holds a file that is no table raises InvalidArgumentError,
a table that does not read raises LoadError (file, line, column).)");
}

}  // namespace

void init_load(py::module_& m) {
  bind_load(m);
  bind_import(m);
}

}  // namespace redtape::python
