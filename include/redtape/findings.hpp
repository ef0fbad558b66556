// Findings: what the rules say about a procedure (or a whole catalog), with
// the one simplification each suggests and what that change alone saves.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/error.hpp"
#include "redtape/model.hpp"

namespace redtape {

/// The fixed vocabulary of simplifications (SPEC §3).
enum class suggestion_kind : std::uint8_t {
  eliminate_step,    ///< remove a step whose products nobody uses
  merge_steps,       ///< fold steps into the first one named
  parallelize,       ///< drop the link earlier → later; later gets earlier's predecessors
  drop_dependency,   ///< remove an `after` link implied by others (clarity only)
  drop_requirement,  ///< stop demanding a document the applicant already gave
  reuse_data,        ///< take the document from the government (once-only)
  relax_form,        ///< accept a plainer form (a copy instead of a certified copy)
  single_window,     ///< make the visit one to the one-stop centre, or online
  shared_registry,   ///< catalog level: one shared source for a document many demand
  /// An extension of SPEC §3's vocabulary, for declarative rules that judge a
  /// procedure as a whole ("more than three visits"): a reviewer should look;
  /// nothing is applied.
  review,
};
inline constexpr std::array<std::string_view, 10> suggestion_kind_names{
    "eliminate_step", "merge_steps",   "parallelize",   "drop_dependency", "drop_requirement",
    "reuse_data",     "relax_form",    "single_window", "shared_registry", "review"};
[[nodiscard]] std::string_view to_string(suggestion_kind k) noexcept;
[[nodiscard]] std::optional<suggestion_kind> parse_suggestion_kind(std::string_view s) noexcept;

/// A document demand named by the step that demands it and its position in
/// that step's `requires`.
struct demand_ref {
  std::string step;
  std::uint32_t index = 0;
  friend bool operator==(const demand_ref&, const demand_ref&) = default;
};

/// What a suggestion does to the graph, precisely enough to apply it.
///  - eliminate_step: steps = {the step}
///  - merge_steps: steps = {kept, merged…}
///  - parallelize, drop_dependency: steps = {earlier, later} (the link removed)
///  - drop_requirement, reuse_data: demands = the demands removed
///  - relax_form: demands, with new_form
///  - single_window: steps = {the visit}; new_channel / new_location
///  - shared_registry, review: nothing to apply to one procedure
struct suggestion {
  suggestion_kind kind = suggestion_kind::eliminate_step;
  std::vector<std::string> steps;
  std::vector<demand_ref> demands;
  std::optional<document_form> new_form;
  std::string new_location;  ///< single_window: "one_stop_centre"
};

/// What a change saves: before minus after. Positive = less burden.
struct saving {
  double days = 0;
  double applicant_hours = 0;
  double visits = 0;
  double documents = 0;
  double copies = 0;
  double cost_per_application = 0;
  double cost_per_year = 0;
};

/// Whether a change saves nothing on any axis (a finding whose change does
/// so is reported by its rule's zero_saving policy).
[[nodiscard]] inline bool saves_nothing(const saving& s) noexcept {
  return s.days == 0 && s.applicant_hours == 0 && s.visits == 0 && s.documents == 0 && s.copies == 0 &&
         s.cost_per_application == 0 && s.cost_per_year == 0;
}

/// Whether a suggestion is a change meant to save (its finding then follows
/// the rule's zero_saving policy): all but drop_dependency (clarity),
/// shared_registry (catalog level) and review (a reviewer looks).
[[nodiscard]] inline bool meant_to_save(suggestion_kind k) noexcept {
  return k != suggestion_kind::drop_dependency && k != suggestion_kind::shared_registry &&
         k != suggestion_kind::review;
}

struct finding {
  std::string rule;  ///< rule id, e.g. "once-only"
  redtape::severity severity = severity::warning;
  std::string procedure;  ///< empty for catalog-level findings
  std::vector<std::string> procedures;  ///< catalog-level: every procedure concerned
  std::vector<std::string> steps;       ///< step ids involved
  std::vector<std::string> documents;   ///< document labels involved (registry id or name)
  redtape::suggestion suggestion;
  localized_text message;
  redtape::saving saving;  ///< marginal: this change alone, recomputed
  /// Why the finding is reported below its rule's severity, or empty:
  /// "no_saving" (its change saves nothing on any axis; the rule's
  /// `zero_saving: note`).
  std::string downgraded;
  source_location location;  ///< where the reviewer should look
  std::string file;          ///< the file of `location`, for reports
};

/// A case a rule looked at and left alone on purpose, with its reason: a
/// paper the state holds that once-only does not flag because the demand
/// already waives it when the data can be read, because the procedure is
/// about that very paper, because the text names an issuer outside the
/// state… Reported as `suppressed` (docs/report.md), so that a reviewer
/// sees what the audit chose not to say.
struct suppressed_case {
  std::string rule;
  std::string procedure;
  std::string step;
  std::string document;  ///< label: registry id or the demand's name
  /// Why, as a code: waived, subject, issuer, form, shown, foreign_applicant,
  /// case_file, reregistration (docs/rules.md, once-only).
  std::string reason;
  localized_text message;  ///< the reason in words
  source_location location;
  std::string file;
};

}  // namespace redtape
