#include "redtape/model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "redtape/error.hpp"
#include "util/text.hpp"

namespace redtape {

const std::string& localized_text::in(std::string_view lang) const noexcept {
  if (lang == "en") return en.empty() ? vi : en;
  return vi.empty() ? en : vi;
}

namespace {
template <class Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  return std::nullopt;
}
}  // namespace

std::string_view to_string(document_form f) noexcept { return document_form_names[static_cast<std::size_t>(f)]; }
std::string_view to_string(channel c) noexcept { return channel_names[static_cast<std::size_t>(c)]; }
std::string_view to_string(applicant_kind k) noexcept { return applicant_kind_names[static_cast<std::size_t>(k)]; }
std::string_view to_string(agency_kind k) noexcept { return agency_kind_names[static_cast<std::size_t>(k)]; }

std::optional<document_form> parse_document_form(std::string_view s) noexcept {
  return parse_enum<document_form>(document_form_names, s);
}
std::optional<channel> parse_channel(std::string_view s) noexcept {
  if (s == "unspecified") return std::nullopt;  // not a word a user writes
  return parse_enum<channel>(channel_names, s);
}
std::optional<applicant_kind> parse_applicant_kind(std::string_view s) noexcept {
  return parse_enum<applicant_kind>(applicant_kind_names, s);
}
std::optional<agency_kind> parse_agency_kind(std::string_view s) noexcept {
  return parse_enum<agency_kind>(agency_kind_names, s);
}

bool cost_model_patch::empty() const noexcept {
  for (const auto& u : unit_costs)
    if (u) return false;
  return !currency && !hourly_value && !visit_cost && !min_step_days && !min_step_days_online &&
         !working_hours_per_day;
}

void cost_model_patch::apply_to(cost_model& m) const {
  if (currency) m.currency = *currency;
  if (hourly_value) m.hourly_value = *hourly_value;
  if (visit_cost) m.visit_cost = *visit_cost;
  for (std::size_t i = 0; i < unit_costs.size(); ++i)
    if (unit_costs[i]) m.unit_costs[i] = *unit_costs[i];
  if (min_step_days) m.min_step_days = *min_step_days;
  if (min_step_days_online) m.min_step_days_online = *min_step_days_online;
  if (working_hours_per_day) m.working_hours_per_day = *working_hours_per_day;
}

void cost_model_patch::merge(const cost_model_patch& later) {
  if (later.currency) currency = later.currency;
  if (later.hourly_value) hourly_value = later.hourly_value;
  if (later.visit_cost) visit_cost = later.visit_cost;
  for (std::size_t i = 0; i < unit_costs.size(); ++i)
    if (later.unit_costs[i]) unit_costs[i] = later.unit_costs[i];
  if (later.min_step_days) min_step_days = later.min_step_days;
  if (later.min_step_days_online) min_step_days_online = later.min_step_days_online;
  if (later.working_hours_per_day) working_hours_per_day = later.working_hours_per_day;
}

bool cost_model_patch::is_field(std::string_view key) noexcept {
  if (key.starts_with("unit_costs.")) return true;
  return key != "unit_costs" &&
         std::find(cost_model_field_names.begin(), cost_model_field_names.end(), key) != cost_model_field_names.end();
}

namespace {

/// The number field of `patch` that `key` names, or why there is none.
std::optional<double>& number_field(cost_model_patch& patch, std::string_view key) {
  if (key.starts_with("unit_costs.")) {
    const auto form = parse_document_form(key.substr(11));
    if (!form)
      throw invalid_argument_error(fmt::format("no document form `{}`; one of: {}", key.substr(11),
                                               fmt::join(document_form_names, ", ")));
    return patch.unit_costs[static_cast<std::size_t>(*form)];
  }
  if (key == "hourly_value") return patch.hourly_value;
  if (key == "visit_cost") return patch.visit_cost;
  if (key == "min_step_days") return patch.min_step_days;
  if (key == "min_step_days_online") return patch.min_step_days_online;
  if (key == "working_hours_per_day") return patch.working_hours_per_day;
  if (key == "currency") throw invalid_argument_error("`currency` takes text, not a number");
  if (key == "unit_costs")
    throw invalid_argument_error(
        "`unit_costs` takes a number per document form: `unit_costs.<form>`, e.g. `unit_costs.copy`");
  const auto guess = util::closest(key, std::span<const std::string_view>(cost_model_field_names));
  throw invalid_argument_error(fmt::format("no cost model field `{}`{}", key,
                                           guess ? fmt::format("; did you mean `{}`?", *guess) : ""));
}

[[noreturn]] void not_a_cost(std::string_view key) {
  throw invalid_argument_error(fmt::format("`{}` takes a finite, non-negative number", key));
}

}  // namespace

void cost_model_patch::set(std::string_view key, double value) {
  std::optional<double>& field = number_field(*this, key);
  if (!std::isfinite(value) || value < 0) not_a_cost(key);
  field = value;
}

void cost_model_patch::set(std::string_view key, std::string_view text) {
  if (key == "currency") {
    currency = std::string(text);
    return;
  }
  std::optional<double>& field = number_field(*this, key);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) not_a_cost(key);
  field = value;
}

std::ptrdiff_t procedure::find_step(std::string_view step_id) const noexcept {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == step_id) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

namespace {
template <class Map, class Vector>
auto* find_in(const Map& index, const Vector& items, std::string_view id) noexcept {
  auto it = index.find(id);
  if (it != index.end() && it->second < items.size() && items[it->second].id == id)
    return &items[it->second];
  // The index may be stale after hand edits: fall back to a scan.
  for (const auto& item : items)
    if (item.id == id) return &item;
  return static_cast<decltype(&items[0])>(nullptr);
}
}  // namespace

const procedure* catalog::find_procedure(std::string_view id) const noexcept {
  return find_in(procedure_index_, procedures, id);
}
const document* catalog::find_document(std::string_view id) const noexcept {
  return find_in(document_index_, documents, id);
}
const agency* catalog::find_agency(std::string_view id) const noexcept {
  return find_in(agency_index_, agencies, id);
}

cost_model catalog::cost_model_for(const procedure& p) const {
  cost_model m = costs;
  p.cost_overrides.apply_to(m);
  return m;
}

const std::string& catalog::file_of(const source_location& loc) const noexcept {
  static const std::string none = "<input>";
  return loc.file < files.size() ? files[loc.file] : none;
}

std::string catalog::where(const source_location& loc) const {
  const std::string& f = file_of(loc);
  if (!loc.known()) return f;
  return fmt::format("{}:{}:{}", f, loc.line, loc.column);
}

void catalog::reindex() {
  procedure_index_.clear();
  document_index_.clear();
  agency_index_.clear();
  for (std::size_t i = 0; i < procedures.size(); ++i) procedure_index_.emplace(procedures[i].id, i);
  for (std::size_t i = 0; i < documents.size(); ++i) document_index_.emplace(documents[i].id, i);
  for (std::size_t i = 0; i < agencies.size(); ++i) agency_index_.emplace(agencies[i].id, i);
}

}  // namespace redtape

