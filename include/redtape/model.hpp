// The domain model of SPEC §2: a catalog of procedures, each a DAG of steps,
// with the shared registries of documents, agencies and the cost model.
//
// The model is plain data: values that copy, compare and move. Every element
// loaded from YAML keeps the 1-based file/line/column it came from, so that
// any message about it can point the reviewer at the exact place.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redtape {

/// Where an element was written: an index into `catalog::files` and a 1-based
/// line and column. Line 0 means "not from a file" (built by code).
struct source_location {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  [[nodiscard]] bool known() const noexcept { return line != 0; }
  friend bool operator==(const source_location&, const source_location&) = default;
};

/// A name given as a plain string or as `{vi: …, en: …}`. A plain string is
/// taken as Vietnamese, the language of the portal's catalogs.
struct localized_text {
  std::string vi;
  std::string en;

  /// The text in `lang` ("vi" or "en"), falling back to the other language.
  [[nodiscard]] const std::string& in(std::string_view lang) const noexcept;
  [[nodiscard]] bool empty() const noexcept { return vi.empty() && en.empty(); }
  friend bool operator==(const localized_text&, const localized_text&) = default;
};

/// Elapsed working days: one number, or a three-point estimate.
struct duration {
  double min = 0;
  double likely = 0;
  double max = 0;

  [[nodiscard]] static duration exactly(double days) noexcept { return {days, days, days}; }
  [[nodiscard]] bool is_range() const noexcept { return min != likely || likely != max; }
  friend bool operator==(const duration&, const duration&) = default;
};

enum class document_form : std::uint8_t { original, copy, certified_copy, electronic, declaration };
inline constexpr std::array<std::string_view, 5> document_form_names{
    "original", "copy", "certified_copy", "electronic", "declaration"};

enum class channel : std::uint8_t { unspecified, in_person, online, post, any };
inline constexpr std::array<std::string_view, 5> channel_names{"unspecified", "in_person", "online",
                                                               "post", "any"};

enum class applicant_kind : std::uint8_t { any, citizen, business };
inline constexpr std::array<std::string_view, 3> applicant_kind_names{"any", "citizen", "business"};

enum class agency_kind : std::uint8_t { government, public_service, private_sector };
inline constexpr std::array<std::string_view, 3> agency_kind_names{"government", "public_service",
                                                                   "private"};

[[nodiscard]] std::string_view to_string(document_form f) noexcept;
[[nodiscard]] std::string_view to_string(channel c) noexcept;
[[nodiscard]] std::string_view to_string(applicant_kind k) noexcept;
[[nodiscard]] std::string_view to_string(agency_kind k) noexcept;
[[nodiscard]] std::optional<document_form> parse_document_form(std::string_view s) noexcept;
[[nodiscard]] std::optional<channel> parse_channel(std::string_view s) noexcept;
[[nodiscard]] std::optional<applicant_kind> parse_applicant_kind(std::string_view s) noexcept;
[[nodiscard]] std::optional<agency_kind> parse_agency_kind(std::string_view s) noexcept;

/// A document demanded (`requires`) or produced (`produces`) by a step:
/// a reference to a registry entry, or an inline name.
struct document_demand {
  std::string ref;     ///< registry id; empty for an inline document
  std::string name;    ///< inline name (or a label next to `ref`)
  std::optional<document_form> form;  ///< as written (`form:`); absent = not stated
  /// What the inline name says of the form ("Bản sao có chứng thực …"), as
  /// the loader read it with the default name lexicon. Kept apart from
  /// `form` so that a rule configured with other words reads the name itself.
  std::optional<document_form> named_form;
  std::uint32_t copies = 1;
  std::string note;
  /// Who issued the paper, where the text says so: an agency id of the
  /// registry ("Quyết định … của Sở Xây dựng"), or "applicant". Empty = not
  /// stated (a registry entry's `issued_by` may still say it). once-only
  /// reads the agency's kind.
  std::string issued_by;
  source_location location;

  /// The form that applies: the written one, else the one the name says,
  /// else `original`.
  [[nodiscard]] document_form effective_form() const noexcept {
    return form.value_or(named_form.value_or(document_form::original));
  }
  /// What to show a reviewer: the inline name, else the ref.
  [[nodiscard]] const std::string& label() const noexcept { return ref.empty() ? name : ref; }
};

/// A fee: an amount in a currency (empty = the catalog's), or a text the
/// portal gave instead of an amount (then `amount` is absent: unknown, not 0).
struct fee {
  std::optional<double> amount;
  std::string currency;
  std::string text;
  source_location location;

  [[nodiscard]] bool known() const noexcept { return amount.has_value(); }
};

/// The applicant's own effort on a step, in hours, with the optional UNCTAD
/// eRegulations breakdown (understand, gather, fill_in, travel, wait, counter).
struct applicant_effort {
  double hours = 0;
  std::map<std::string, double, std::less<>> breakdown;
};

inline constexpr std::string_view applicant_actor = "applicant";

struct step {
  std::string id;
  localized_text name;
  std::string actor;   ///< "applicant" or an agency id (free text accepted)
  std::string action;  ///< see SPEC §2's vocabulary; other words are kept
  std::vector<std::string> after;  ///< predecessor step ids, explicit or defaulted
  bool after_given = false;        ///< false: `after` defaulted to the previous step
  std::vector<source_location> after_locations;  ///< where each given `after` id was written
  std::optional<duration> duration_days;
  applicant_effort applicant_hours;
  std::optional<redtape::fee> fee;
  redtape::channel channel = channel::unspecified;
  std::string location_kind;  ///< `location:` e.g. one_stop_centre, agency
  std::vector<document_demand> requires_docs;
  std::vector<document_demand> produces_docs;
  std::vector<std::string> legal_basis;
  std::string note;
  source_location location;

  [[nodiscard]] bool by_applicant() const noexcept { return actor == applicant_actor; }
};

/// Cost model parameters (SPEC §2). Each field of a `cost_model_patch` that is
/// set overrides the same field of the model it is applied to.
struct cost_model {
  std::string currency = "VND";
  double hourly_value = 0;
  double visit_cost = 0;
  std::array<double, 5> unit_costs{0, 0, 0, 0, 0};  ///< indexed by document_form
  double min_step_days = 0;
  std::optional<double> min_step_days_online;  ///< World Bank: 0.5 for online steps
  double working_hours_per_day = 8;

  [[nodiscard]] double unit_cost(document_form f) const noexcept {
    return unit_costs[static_cast<std::size_t>(f)];
  }
};

/// The fields of a cost model by the names that YAML's `cost_model:`, the
/// CLI's `--set` and Python's `cost_model=` give them. `unit_costs` holds one
/// number per document form (`unit_costs.copy`, …).
inline constexpr std::array<std::string_view, 7> cost_model_field_names{
    "currency",      "hourly_value",         "visit_cost",           "unit_costs",
    "min_step_days", "min_step_days_online", "working_hours_per_day"};

struct cost_model_patch {
  std::optional<std::string> currency;
  std::optional<double> hourly_value;
  std::optional<double> visit_cost;
  std::array<std::optional<double>, 5> unit_costs;
  std::optional<double> min_step_days;
  std::optional<double> min_step_days_online;
  std::optional<double> working_hours_per_day;
  source_location location;

  [[nodiscard]] bool empty() const noexcept;
  void apply_to(cost_model& model) const;
  /// Fields set in `later` win over fields set here.
  void merge(const cost_model_patch& later);

  /// Whether `set` takes `key`: a field of cost_model_field_names other
  /// than `unit_costs`, or `unit_costs.<form>` for any form (`set` says
  /// which forms there are).
  [[nodiscard]] static bool is_field(std::string_view key) noexcept;
  /// Set the field `key` from its text, as `--set KEY=TEXT` gives it:
  /// `currency` takes any text, the other fields a finite, non-negative
  /// number. An unknown field or document form, or a value the field does not
  /// take, throws invalid_argument_error (its message names the field, and
  /// the caller says where the value came from); the patch is then unchanged.
  void set(std::string_view key, std::string_view text);
  /// The same with a number (every field but `currency`).
  void set(std::string_view key, double value);
};

struct procedure {
  std::string id;
  localized_text name;
  std::string sector;
  std::string level;
  std::string agency;
  applicant_kind applicant = applicant_kind::any;
  double volume_per_year = 0;  ///< 0 = unknown
  std::vector<std::string> legal_basis;
  /// What the procedure issues: document references like those of a step's
  /// `produces` (a registry id, or an inline name); several where it issues
  /// several papers.
  std::vector<document_demand> results;
  std::string source_url;
  std::string note;
  std::vector<step> steps;
  cost_model_patch cost_overrides;
  source_location location;

  /// Index of the step with this id, or -1.
  [[nodiscard]] std::ptrdiff_t find_step(std::string_view step_id) const noexcept;
};

struct agency {
  std::string id;
  localized_text name;
  agency_kind kind = agency_kind::government;
  std::string level;
  source_location location;
};

/// A registry entry: a document known across the catalog.
struct document {
  std::string id;
  localized_text name;
  std::vector<std::string> aliases;
  std::string issued_by;  ///< an agency id, or "applicant"
  std::string held_in;    ///< a government database that already holds it
  source_location location;

  /// True when the government issues it or already holds it (once-only).
  [[nodiscard]] bool government_has() const noexcept {
    return !held_in.empty() || (!issued_by.empty() && issued_by != applicant_actor);
  }
};

/// A loaded catalog: procedures and the registries that apply to all of them.
class catalog {
 public:
  std::vector<std::string> files;  ///< source files, indexed by source_location::file
  std::vector<procedure> procedures;
  std::vector<document> documents;
  std::vector<agency> agencies;
  redtape::cost_model costs;

  [[nodiscard]] const procedure* find_procedure(std::string_view id) const noexcept;
  [[nodiscard]] const document* find_document(std::string_view id) const noexcept;
  [[nodiscard]] const agency* find_agency(std::string_view id) const noexcept;
  /// The cost model that applies to `p`: the catalog's, then `p`'s overrides.
  [[nodiscard]] redtape::cost_model cost_model_for(const procedure& p) const;
  /// "file:line:column" for messages ("<input>" when not from a file).
  [[nodiscard]] std::string where(const source_location& loc) const;
  [[nodiscard]] const std::string& file_of(const source_location& loc) const noexcept;

  /// Rebuild the id indexes after editing the vectors by hand.
  void reindex();

 private:
  std::map<std::string, std::size_t, std::less<>> procedure_index_;
  std::map<std::string, std::size_t, std::less<>> document_index_;
  std::map<std::string, std::size_t, std::less<>> agency_index_;
};

}  // namespace redtape
