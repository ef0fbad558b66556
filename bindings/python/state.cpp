// Pickled states: every model and report struct as a nested tuple of plain
// Python values (numbers, strings, lists, None), and back.
//
// Each struct lists its members once (fields<T>); to_state/from_state walk
// them. Source locations survive the round trip, so findings still point at
// the right line of the right file after multiprocessing carried them.
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "core.hpp"

namespace redtape::python {
namespace {

// Bump when a struct below changes; restore() refuses other versions.
constexpr int state_version = 2;

template <class T>
struct fields;

#define REDTAPE_FIELDS(T, ...)                                  \
  template <>                                                   \
  struct fields<T> {                                            \
    static constexpr auto list() { return std::make_tuple(__VA_ARGS__); } \
  }

REDTAPE_FIELDS(source_location, &source_location::file, &source_location::line, &source_location::column);
REDTAPE_FIELDS(localized_text, &localized_text::vi, &localized_text::en);
REDTAPE_FIELDS(duration, &duration::min, &duration::likely, &duration::max);
REDTAPE_FIELDS(document_demand, &document_demand::ref, &document_demand::name, &document_demand::form, &document_demand::named_form,
               &document_demand::copies, &document_demand::note, &document_demand::issued_by,
               &document_demand::location);
REDTAPE_FIELDS(fee, &fee::amount, &fee::currency, &fee::text, &fee::location);
REDTAPE_FIELDS(applicant_effort, &applicant_effort::hours, &applicant_effort::breakdown);
REDTAPE_FIELDS(step, &step::id, &step::name, &step::actor, &step::action, &step::after, &step::after_given,
               &step::after_locations, &step::duration_days, &step::applicant_hours, &step::fee,
               &step::channel, &step::location_kind, &step::requires_docs, &step::produces_docs,
               &step::legal_basis, &step::note, &step::location);
REDTAPE_FIELDS(cost_model, &cost_model::currency, &cost_model::hourly_value, &cost_model::visit_cost,
               &cost_model::unit_costs, &cost_model::min_step_days, &cost_model::min_step_days_online,
               &cost_model::working_hours_per_day);
REDTAPE_FIELDS(cost_model_patch, &cost_model_patch::currency, &cost_model_patch::hourly_value,
               &cost_model_patch::visit_cost, &cost_model_patch::unit_costs,
               &cost_model_patch::min_step_days, &cost_model_patch::min_step_days_online,
               &cost_model_patch::working_hours_per_day, &cost_model_patch::location);
REDTAPE_FIELDS(procedure, &procedure::id, &procedure::name, &procedure::sector, &procedure::level,
               &procedure::agency, &procedure::applicant, &procedure::volume_per_year,
               &procedure::legal_basis, &procedure::results, &procedure::source_url, &procedure::note,
               &procedure::steps, &procedure::cost_overrides, &procedure::location);
REDTAPE_FIELDS(agency, &agency::id, &agency::name, &agency::kind, &agency::level, &agency::location);
REDTAPE_FIELDS(document, &document::id, &document::name, &document::aliases, &document::issued_by,
               &document::held_in, &document::location);
REDTAPE_FIELDS(catalog, &catalog::files, &catalog::procedures, &catalog::documents, &catalog::agencies,
               &catalog::costs);
REDTAPE_FIELDS(metrics, &metrics::elapsed_days, &metrics::applicant_hours, &metrics::applicant_visits,
               &metrics::documents, &metrics::copies, &metrics::fees, &metrics::unknown_fees,
               &metrics::cost_per_application, &metrics::cost_per_year, &metrics::steps,
               &metrics::agencies, &metrics::handoffs, &metrics::critical_path);
REDTAPE_FIELDS(demand_ref, &demand_ref::step, &demand_ref::index);
REDTAPE_FIELDS(suggestion, &suggestion::kind, &suggestion::steps, &suggestion::demands,
               &suggestion::new_form, &suggestion::new_location);
REDTAPE_FIELDS(saving, &saving::days, &saving::applicant_hours, &saving::visits, &saving::documents,
               &saving::copies, &saving::cost_per_application, &saving::cost_per_year);
REDTAPE_FIELDS(finding, &finding::rule, &finding::severity, &finding::procedure, &finding::procedures,
               &finding::steps, &finding::documents, &finding::suggestion, &finding::message,
               &finding::saving, &finding::downgraded, &finding::location, &finding::file);
REDTAPE_FIELDS(diagnostic, &diagnostic::severity, &diagnostic::code, &diagnostic::file, &diagnostic::line,
               &diagnostic::column, &diagnostic::message, &diagnostic::message_vi);
REDTAPE_FIELDS(elapsed_distribution, &elapsed_distribution::p50, &elapsed_distribution::p90,
               &elapsed_distribution::mean, &elapsed_distribution::uncertain);
REDTAPE_FIELDS(procedure_result, &procedure_result::id, &procedure_result::name, &procedure_result::file,
               &procedure_result::location, &procedure_result::volume_per_year,
               &procedure_result::currency, &procedure_result::metrics, &procedure_result::findings,
               &procedure_result::simplified, &procedure_result::saving, &procedure_result::applied,
               &procedure_result::elapsed_before, &procedure_result::elapsed_after);
REDTAPE_FIELDS(audit_totals, &audit_totals::procedures, &audit_totals::findings, &audit_totals::by_severity,
               &audit_totals::cost_per_year, &audit_totals::cost_per_year_after,
               &audit_totals::saving_per_year, &audit_totals::days_saved_weighted,
               &audit_totals::elapsed_days_weighted, &audit_totals::cost_reduction_percent,
               &audit_totals::time_reduction_percent);
REDTAPE_FIELDS(suppressed_case, &suppressed_case::rule, &suppressed_case::procedure, &suppressed_case::step,
               &suppressed_case::document, &suppressed_case::reason, &suppressed_case::message,
               &suppressed_case::location, &suppressed_case::file);
REDTAPE_FIELDS(audit_report, &audit_report::procedures, &audit_report::findings, &audit_report::totals,
               &audit_report::problems, &audit_report::suppressed);
REDTAPE_FIELDS(simplification, &simplification::simplified, &simplification::before, &simplification::after,
               &simplification::total, &simplification::applied, &simplification::skipped);
REDTAPE_FIELDS(param_spec, &param_spec::name, &param_spec::type, &param_spec::default_value, &param_spec::doc);
REDTAPE_FIELDS(rule_info, &rule_info::id, &rule_info::title, &rule_info::message, &rule_info::rationale,
               &rule_info::references, &rule_info::severity, &rule_info::suggestion, &rule_info::enabled,
               &rule_info::zero_saving,
               &rule_info::catalog_level, &rule_info::declarative, &rule_info::params, &rule_info::values,
               &rule_info::defined_at);

#undef REDTAPE_FIELDS

template <class T>
concept reflected = requires { fields<T>::list(); };

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T> struct is_array : std::false_type {};
template <class T, std::size_t N> struct is_array<std::array<T, N>> : std::true_type {};
template <class T> struct is_map : std::false_type {};
template <class K, class V, class C> struct is_map<std::map<K, V, C>> : std::true_type {};
template <class T> struct is_variant : std::false_type {};
template <class... T> struct is_variant<std::variant<T...>> : std::true_type {};

[[noreturn]] void bad_state(std::string_view what) {
  throw invalid_argument_error(fmt::format("cannot unpickle: {}", what));
}

template <class T>
py::object to_state(const T& v) {
  if constexpr (std::is_same_v<T, bool> || std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) {
    return py::cast(v);
  } else if constexpr (std::is_enum_v<T>) {
    return py::int_(static_cast<int>(v));
  } else if constexpr (is_optional<T>::value) {
    return v ? to_state(*v) : py::none();
  } else if constexpr (is_vector<T>::value || is_array<T>::value) {
    py::list out;
    for (const auto& x : v) out.append(to_state(x));
    return out;
  } else if constexpr (is_map<T>::value) {
    py::dict out;
    for (const auto& [k, x] : v) out[py::cast(k)] = to_state(x);
    return out;
  } else if constexpr (is_variant<T>::value) {
    return py::make_tuple(v.index(), std::visit([](const auto& x) { return to_state(x); }, v));
  } else {
    static_assert(reflected<T>, "add fields<T> for this type");
    return std::apply([&](auto... member) { return py::make_tuple(to_state(v.*member)...); },
                      fields<T>::list());
  }
}

template <class T>
void from_state(py::handle h, T& out);

template <class V, std::size_t I = 0>
void variant_from(std::size_t index, py::handle h, V& out) {
  if constexpr (I < std::variant_size_v<V>) {
    if (index == I) {
      std::variant_alternative_t<I, V> x{};
      from_state(h, x);
      out = std::move(x);
    } else {
      variant_from<V, I + 1>(index, h, out);
    }
  } else {
    bad_state("variant index out of range");
  }
}

template <class T>
void from_state(py::handle h, T& out) {
  if constexpr (std::is_same_v<T, bool> || std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) {
    out = h.cast<T>();
  } else if constexpr (std::is_enum_v<T>) {
    out = static_cast<T>(h.cast<int>());
  } else if constexpr (is_optional<T>::value) {
    if (h.is_none()) {
      out.reset();
    } else {
      typename T::value_type x{};
      from_state(h, x);
      out = std::move(x);
    }
  } else if constexpr (is_vector<T>::value) {
    out.clear();
    for (py::handle item : h) {
      typename T::value_type x{};
      from_state(item, x);
      out.push_back(std::move(x));
    }
  } else if constexpr (is_array<T>::value) {
    auto seq = py::reinterpret_borrow<py::sequence>(h);
    if (seq.size() != out.size()) bad_state("array of the wrong length");
    for (std::size_t i = 0; i < out.size(); ++i) from_state(seq[i], out[i]);
  } else if constexpr (is_map<T>::value) {
    out.clear();
    for (auto [k, x] : py::reinterpret_borrow<py::dict>(h)) {
      typename T::mapped_type value{};
      from_state(x, value);
      out.emplace(k.template cast<typename T::key_type>(), std::move(value));
    }
  } else if constexpr (is_variant<T>::value) {
    auto t = py::reinterpret_borrow<py::tuple>(h);
    if (t.size() != 2) bad_state("variant");
    variant_from(t[0].cast<std::size_t>(), t[1], out);
  } else {
    static_assert(reflected<T>, "add fields<T> for this type");
    if (!py::isinstance<py::tuple>(h)) bad_state("expected a tuple");
    auto t = py::reinterpret_borrow<py::tuple>(h);
    constexpr std::size_t n = std::tuple_size_v<decltype(fields<T>::list())>;
    if (t.size() != n) bad_state(fmt::format("expected {} members, found {}", n, t.size()));
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto members = fields<T>::list();
      (from_state(t[I], out.*std::get<I>(members)), ...);
    }(std::make_index_sequence<n>{});
  }
}

template <class T>
py::object tagged(const T& v) {
  return py::make_tuple(state_version, to_state(v));
}

template <class T>
void untag(py::handle state, T& out) {
  if (!py::isinstance<py::tuple>(state)) bad_state("expected a (version, state) tuple");
  auto t = py::reinterpret_borrow<py::tuple>(state);
  if (t.size() != 2 || t[0].cast<int>() != state_version)
    bad_state("made by another version of redtape");
  from_state(t[1], out);
}

}  // namespace

#define REDTAPE_STATE(T)                                                   \
  py::object state_of(const T& v) { return tagged(v); }                    \
  void restore(py::handle state, T& out) { untag(state, out); }

REDTAPE_STATE(procedure)
REDTAPE_STATE(audit_report)
REDTAPE_STATE(finding)
REDTAPE_STATE(metrics)
REDTAPE_STATE(saving)
REDTAPE_STATE(diagnostic)
REDTAPE_STATE(localized_text)
REDTAPE_STATE(cost_model)
REDTAPE_STATE(document)
REDTAPE_STATE(agency)
REDTAPE_STATE(elapsed_distribution)
REDTAPE_STATE(audit_totals)
REDTAPE_STATE(suggestion)
REDTAPE_STATE(simplification)
REDTAPE_STATE(rule_info)
REDTAPE_STATE(std::vector<finding>)
REDTAPE_STATE(std::vector<diagnostic>)

#undef REDTAPE_STATE

py::object state_of(const catalog& v) { return tagged(v); }
void restore(py::handle state, catalog& out) {
  untag(state, out);
  out.reindex();
}

}  // namespace redtape::python
