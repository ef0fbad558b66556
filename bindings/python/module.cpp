// The module redtape._core and its errors: redtape's C++ exceptions become
// Python classes under redtape.Error. The other areas are bound by load.cpp,
// model.cpp and audit.cpp.
#include <exception>
#include <new>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "core.hpp"

namespace redtape::python {
namespace {

// The Python exception classes. Module objects live as long as the
// interpreter, so borrowing these for the translator is safe.
struct error_classes {
  PyObject* error = nullptr;
  PyObject* load = nullptr;
  PyObject* validation = nullptr;
  PyObject* not_found = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* read_only = nullptr;
  PyObject* load_warning = nullptr;
};
error_classes classes;

PyObject* new_class(py::module_& m, const char* name, const char* doc, py::handle bases) {
  const std::string qualified = fmt::format("redtape.{}", name);
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // the module keeps the reference
  return cls;
}

py::list diagnostics_list(const std::vector<diagnostic>& diagnostics) {
  py::list out;
  for (const auto& d : diagnostics) out.append(py::cast(d));
  return out;
}

void raise_load_error(PyObject* cls, const load_error& e) {
  py::object exc = py::reinterpret_borrow<py::object>(cls)(e.what());
  exc.attr("file") = e.file();
  exc.attr("line") = e.line();
  exc.attr("column") = e.column();
  exc.attr("diagnostics") = diagnostics_list(e.diagnostics());
  PyErr_SetObject(cls, exc.ptr());
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const py::error_already_set&) {
    throw;
  } catch (const py::builtin_exception&) {
    throw;  // pybind11's own KeyError, IndexError, StopIteration, …
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const validation_error& e) {
    raise_load_error(classes.validation, e);
  } catch (const load_error& e) {
    raise_load_error(classes.load, e);
  } catch (const not_found_error& e) {
    PyErr_SetString(classes.not_found, e.what());
  } catch (const invalid_argument_error& e) {
    PyErr_SetString(classes.invalid_argument, e.what());
  } catch (const read_only_error& e) {
    PyErr_SetString(classes.read_only, e.what());
  } catch (const std::exception& e) {
    // Whatever else the library throws is still a redtape error to Python
    // (never a bare RuntimeError).
    PyErr_SetString(classes.error, e.what());
  }
}

}  // namespace

py::handle load_warning_class() { return classes.load_warning; }

void init_errors(py::module_& m) {
  py::handle exception(PyExc_Exception);
  classes.error = new_class(m, "Error",
                            "The root of redtape's exceptions: every error the library raises "
                            "derives from it.",
                            exception);
  classes.load = new_class(
      m, "LoadError",
      "Input that could not be loaded. `diagnostics` lists every problem found (each with "
      "file, line, column, code, message and message_vi); `file`, `line` and `column` are "
      "those of the first error.",
      py::handle(classes.error));
  py::setattr(py::handle(classes.load), "file", py::str(""));
  py::setattr(py::handle(classes.load), "line", py::int_(0));
  py::setattr(py::handle(classes.load), "column", py::int_(0));
  py::setattr(py::handle(classes.load), "diagnostics", py::tuple());
  classes.validation = new_class(
      m, "ValidationError",
      "A catalog or procedure edited in code that is no longer valid (a cycle, an `after` "
      "naming no step, a ref naming no registry entry, a negative number, …).",
      py::handle(classes.load));
  classes.not_found = new_class(
      m, "NotFoundError",
      "A procedure, step, document or rule that does not exist; also a KeyError.",
      py::make_tuple(py::handle(classes.error), py::handle(PyExc_KeyError)));
  // KeyError quotes its message; a reviewer should read it plainly.
  py::setattr(py::handle(classes.not_found), "__str__",
              py::handle(PyExc_BaseException).attr("__str__"));
  classes.invalid_argument = new_class(
      m, "InvalidArgumentError", "An argument out of its domain; also a ValueError.",
      py::make_tuple(py::handle(classes.error), py::handle(PyExc_ValueError)));
  classes.read_only = new_class(
      m, "ReadOnlyError",
      "An edit of a procedure that belongs to a catalog: edit a copy (`p.copy()`) and put it "
      "back with `catalog.with_procedure(p)`; also an AttributeError.",
      py::make_tuple(py::handle(classes.error), py::handle(PyExc_AttributeError)));
  classes.load_warning = new_class(m, "LoadWarning",
                                   "A warning about the input of a load that succeeded.",
                                   py::handle(PyExc_UserWarning));
  py::register_exception_translator(&translate);

  py::class_<diagnostic>(m, "Diagnostic",
                         "One message about the input, located in the `file:line:column` "
                         "convention that editors and CI parse.")
      .def_property_readonly(
          "severity", [](const diagnostic& d) { return std::string(to_string(d.severity)); },
          "\"note\", \"warning\" or \"error\".")
      .def_readonly("code", &diagnostic::code, "Stable kebab-case id, e.g. \"unknown-key\".")
      .def_readonly("file", &diagnostic::file, "The file (or path) concerned.")
      .def_readonly("line", &diagnostic::line, "1-based line; 0 = the whole file.")
      .def_readonly("column", &diagnostic::column, "1-based column; 0 = the whole line.")
      .def_readonly("message", &diagnostic::message, "The message in English.")
      .def_readonly("message_vi", &diagnostic::message_vi, "The message in Vietnamese.")
      .def("format", &diagnostic::format, py::arg("lang") = "en",
           "`file:line:column: error: message` in \"en\" or \"vi\".")
      .def("__str__", [](const diagnostic& d) { return d.format(); })
      .def("__repr__",
           [](const diagnostic& d) {
             return fmt::format("<Diagnostic {} {}:{}:{} {}: {}>", to_string(d.severity), d.file,
                                d.line, d.column, d.code, d.message);
           })
      .def("__eq__", [](const diagnostic& a, const diagnostic& b) { return same_state(a, b); })
      .def(py::pickle([](const diagnostic& d) { return state_of(d); },
                      [](const py::object& t) {
                        diagnostic d;
                        restore(t, d);
                        return d;
                      }));
}

}  // namespace redtape::python

PYBIND11_MODULE(_core, m) {
  namespace rp = redtape::python;
  m.doc() =
      "redtape's C++ engine. Use the package `redtape`, which re-exports these names and adds "
      "the notebook conveniences.";
  m.attr("__version__") = std::string(redtape::version);
  rp::init_errors(m);
  rp::init_model(m);
  rp::init_audit(m);
  rp::init_load(m);
}
