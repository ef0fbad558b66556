// Shared declarations of the binding files (one init_<area>() per file).
//
// Python sees handles, never raw pointers into C++ vectors: a Procedure holds
// its procedure through a shared_ptr, and a Step or a Document names its step
// by id, so that no Python object can outlive or dangle into what it shows.
// Catalogs are immutable once built; what-if edits happen on copies.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>

#include "redtape/redtape.hpp"

namespace redtape::python {

namespace py = pybind11;

// ---------------------------------------------------------------------------
// Errors raised by binding code, mapped to Python classes in module.cpp.

/// An edit of a procedure that belongs to a catalog (edit a copy instead).
class read_only_error : public error {
 public:
  using error::error;
};

/// A catalog or procedure edited in code that no longer validates.
class validation_error : public load_error {
 public:
  using load_error::load_error;
};

// ---------------------------------------------------------------------------
// The objects Python holds.

/// A catalog shared by every object made from it; never changed once built.
struct catalog_state {
  std::shared_ptr<const catalog> data;
  std::vector<diagnostic> warnings;  ///< what the loader warned about
};

/// A procedure: either a read-only view into a catalog (`owned` empty), or
/// an editable copy that still knows the catalog it came from (`context`),
/// for its registries, cost model and the other procedures.
struct procedure_state {
  std::shared_ptr<const catalog> context;
  std::shared_ptr<const procedure> view;  ///< always set; == owned when editable
  std::shared_ptr<procedure> owned;

  [[nodiscard]] const procedure& get() const { return *view; }
  [[nodiscard]] bool editable() const noexcept { return owned != nullptr; }
  /// The procedure to change; throws read_only_error for a catalog's own.
  [[nodiscard]] procedure& edit() const;
};

/// The steps of a procedure (Python StepList).
struct step_list {
  std::shared_ptr<procedure_state> owner;
};

/// One step of a procedure, by id (Python Step): not_found_error once the
/// step is gone from an edited procedure.
struct step_handle {
  std::shared_ptr<procedure_state> owner;
  std::string id;

  [[nodiscard]] const step& get() const;
  [[nodiscard]] step& edit() const;
};

/// A document a step demands or produces, by position (Python Document).
struct document_handle {
  step_handle owner;
  bool produced = false;
  std::size_t index = 0;

  [[nodiscard]] const document_demand& get() const;
  [[nodiscard]] document_demand& edit() const;
};

/// A read-only procedure of `c` (index `i`), sharing the catalog.
std::shared_ptr<procedure_state> view_of(const std::shared_ptr<const catalog>& c, std::size_t i);
/// An editable procedure, detached from any catalog but `context`.
std::shared_ptr<procedure_state> editable(std::shared_ptr<const catalog> context, procedure p);

/// The catalog a procedure is analysed in: its own for a view; for an edited
/// copy, its context with this procedure in place of the one with the same
/// id (or added).
std::shared_ptr<const catalog> analysis_catalog(const procedure_state& s);

/// `c` with `p` in place of the procedure with the same id (or added).
catalog with_procedure(const catalog& c, const procedure& p);

/// Only the registries and cost model of `c` (no procedures).
catalog registry_of(const catalog& c);

/// Throws validation_error when `p` (with the registries of `context`) does
/// not validate: a cycle, an `after` naming no step, a bad ref, …
void check_valid(const catalog& context, const procedure& p);

/// An audit, with the catalog it was run on.
struct report_state {
  std::shared_ptr<const catalog> data;
  audit_report report;
};

/// One procedure's result in a report.
struct result_handle {
  std::shared_ptr<report_state> owner;
  std::size_t index = 0;
  [[nodiscard]] const procedure_result& get() const { return owner->report.procedures.at(index); }
};

/// The combined simplification of one procedure.
struct simplification_state {
  std::shared_ptr<const catalog> context;
  simplification result;
  std::vector<finding> findings;  ///< those `result.applied/skipped` index
};

/// A rule set, with the record of how it was made from the built-in one, so
/// that it pickles (rule implementations are C++ objects).
struct rules_state {
  rule_set rules;
  /// ("text", name, yaml) for a rule file loaded, ("set", assignment, "") for an override.
  std::vector<std::array<std::string, 3>> steps;
};

// ---------------------------------------------------------------------------
// Helpers shared by the binding files.

/// A copy of the built-in rules (built once).
rule_set builtin_rules();
/// `rules` argument of audit(): None, a RuleSet, a path, a list of paths, or
/// a dict of overrides {"rule.param": value}.
rule_set rules_from(py::handle rules);
/// `cost_model` argument: None or a dict {"hourly_value": 50000, "unit_costs": {"copy": 3000}, …}.
cost_model_patch costs_from(py::handle costs);
/// `lexicon` argument: None (null: the built-in tables) or the path (str or
/// os.PathLike) of a folder of tables that replace the built-in ones of the
/// same name (lexicon::from_directory: invalid_argument_error for a folder
/// that is missing or holds a file that is no table, load_error for a table
/// that does not read).
std::shared_ptr<const lexicon> lexicon_from(py::handle folder);

/// Audit `c` (GIL released) and fill in finding and result files from the catalog.
audit_report run_audit(const catalog& c, const rule_set& rules, const audit_options& options);

/// "; did you mean `x`?" when `x`, one of `candidates`, is close enough to
/// `word` to be what was meant (util::closest, as the loader and the CLI
/// guess), else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// `text` from a Python str, {"vi": …, "en": …} or Text.
localized_text text_from(py::handle h);

/// A Location (file, line, column) for Python.
py::object location_of(const catalog& c, const source_location& loc);
py::object location_object(std::string file, std::uint32_t line, std::uint32_t column);

// Pickled states (state.cpp): a nested tuple of plain Python values, tagged
// with a version. restore() throws invalid_argument_error for a state it
// does not understand.
py::object state_of(const catalog& v);
py::object state_of(const procedure& v);
py::object state_of(const audit_report& v);
py::object state_of(const finding& v);
py::object state_of(const metrics& v);
py::object state_of(const saving& v);
py::object state_of(const diagnostic& v);
py::object state_of(const localized_text& v);
py::object state_of(const cost_model& v);
py::object state_of(const document& v);
py::object state_of(const agency& v);
py::object state_of(const elapsed_distribution& v);
py::object state_of(const audit_totals& v);
py::object state_of(const suggestion& v);
py::object state_of(const simplification& v);
py::object state_of(const rule_info& v);
py::object state_of(const std::vector<finding>& v);
py::object state_of(const std::vector<diagnostic>& v);
void restore(py::handle state, catalog& out);  ///< reindexes
void restore(py::handle state, procedure& out);
void restore(py::handle state, audit_report& out);
void restore(py::handle state, finding& out);
void restore(py::handle state, metrics& out);
void restore(py::handle state, saving& out);
void restore(py::handle state, diagnostic& out);
void restore(py::handle state, localized_text& out);
void restore(py::handle state, cost_model& out);
void restore(py::handle state, document& out);
void restore(py::handle state, agency& out);
void restore(py::handle state, elapsed_distribution& out);
void restore(py::handle state, audit_totals& out);
void restore(py::handle state, suggestion& out);
void restore(py::handle state, simplification& out);
void restore(py::handle state, rule_info& out);
void restore(py::handle state, std::vector<finding>& out);
void restore(py::handle state, std::vector<diagnostic>& out);

/// Value equality through the pickled state (for __eq__ of value classes).
template <class T>
bool same_state(const T& a, const T& b) {
  return state_of(a).equal(state_of(b));
}

/// redtape.LoadWarning (module.cpp).
py::handle load_warning_class();

// ---------------------------------------------------------------------------
// One function per binding file.
void init_errors(py::module_& m);  // module.cpp
void init_load(py::module_& m);    // load.cpp
void init_model(py::module_& m);   // model.cpp
void init_audit(py::module_& m);   // audit.cpp
void init_rules(py::module_& m);   // rules.cpp (called by init_audit)
/// Step, StepList and Document (steps.cpp), their classes made by init_model.
void bind_steps(py::class_<step_list>& steps, py::class_<step_handle>& step_class,
                py::class_<document_handle>& doc);

// Helpers of model.cpp the step bindings share.
/// The step `id` of `s` (not_found_error with a suggestion otherwise).
step_handle step_of(const std::shared_ptr<procedure_state>& s, const std::string& id);
/// A finite, non-negative number (invalid_argument_error naming `what` otherwise).
double number_from(py::handle h, std::string_view what);
/// A document form by name (invalid_argument_error listing the forms otherwise).
document_form form_from(const std::string& s);
/// "3 d", or "2–3–5 d" for a range.
std::string duration_text(const duration& d);

}  // namespace redtape::python
