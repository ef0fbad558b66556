// Rules: each one a small class with metadata and a check(), configured by
// data (rules/*.yaml). Declarative rules are written in YAML alone.
//
// The shapes follow clang-tidy (one class per rule, registered explicitly),
// ESLint (severity and options in one entry, the effective configuration
// printable) and Semgrep (rule files with id, message, severity, metadata;
// unknown keys rejected). docs/rules.md documents every rule and the
// matching language.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "redtape/analysis.hpp"
#include "redtape/documents.hpp"
#include "redtape/error.hpp"
#include "redtape/findings.hpp"
#include "redtape/model.hpp"

namespace redtape {

enum class param_type : std::uint8_t { number, boolean, text, text_list };
using param_value = std::variant<double, bool, std::string, std::vector<std::string>>;

[[nodiscard]] std::string_view to_string(param_type t) noexcept;
/// The value as YAML-ish text: 3, true, "x", [a, b].
[[nodiscard]] std::string format_param(const param_value& v);

struct param_spec {
  std::string name;
  param_type type = param_type::number;
  param_value default_value = 0.0;
  std::string doc;
  /// For text and list parameters: the words allowed (empty = any text).
  std::vector<std::string> choices = {};
};

/// What the audit does with a finding whose change saves nothing on any axis
/// (days, applicant hours, visits, documents, copies, cost): report it as a
/// note saying so (the default), leave it out, or keep it at the rule's
/// severity. Applies to the changes meant to save (every suggestion but
/// drop_dependency, shared_registry and review).
enum class zero_saving_policy : std::uint8_t { note, drop, keep };
inline constexpr std::array<std::string_view, 3> zero_saving_policy_names{"note", "drop", "keep"};

/// A rule's identity and effective configuration.
struct rule_info {
  std::string id;
  localized_text title;
  /// Message template; {procedure}, {step}, {steps}, {document}, {documents}
  /// and the rule's own fields are replaced when a finding is made.
  localized_text message;
  localized_text rationale;
  std::vector<std::string> references;  ///< legal and method sources
  redtape::severity severity = severity::warning;
  suggestion_kind suggestion = suggestion_kind::eliminate_step;
  bool enabled = true;
  zero_saving_policy zero_saving = zero_saving_policy::note;
  bool catalog_level = false;  ///< looks at the whole catalog, not one procedure
  bool declarative = false;    ///< written in YAML alone (a `match:`)
  std::vector<param_spec> params;         ///< parameters with their types and defaults
  std::map<std::string, param_value, std::less<>> values;  ///< effective values
  std::string defined_at;  ///< "file:line" of the YAML that configured it

  [[nodiscard]] const param_value& value(std::string_view name) const;
  [[nodiscard]] double number(std::string_view name) const;
  [[nodiscard]] bool flag(std::string_view name) const;
  [[nodiscard]] const std::string& text(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string>& list(std::string_view name) const;
};

class rule_context;
class catalog_context;
class rule_set;

/// A rule. Implementations are stateless: check() may run on several
/// procedures at once, on several threads.
class rule {
 public:
  virtual ~rule() = default;
  [[nodiscard]] virtual std::string_view id() const noexcept = 0;
  /// The parameters the rule reads, with their types and defaults.
  [[nodiscard]] virtual std::vector<param_spec> parameters() const { return {}; }
  [[nodiscard]] virtual bool catalog_level() const noexcept { return false; }
  /// Look at one procedure and report findings through `ctx`.
  virtual void check(rule_context& ctx) const { static_cast<void>(ctx); }
  /// Look at the whole catalog (catalog-level rules).
  virtual void check_catalog(catalog_context& ctx) const { static_cast<void>(ctx); }
};

/// What a rule sees of one procedure, and how it reports.
class rule_context {
 public:
  rule_context(const redtape::catalog& c, const redtape::procedure& p, const cost_model& costs,
               const document_index& documents, const rule_info& info);
  ~rule_context();
  rule_context(const rule_context&) = delete;
  rule_context& operator=(const rule_context&) = delete;

  [[nodiscard]] const redtape::catalog& catalog() const noexcept { return catalog_; }
  [[nodiscard]] const redtape::procedure& procedure() const noexcept { return procedure_; }
  [[nodiscard]] const cost_model& costs() const noexcept { return costs_; }
  [[nodiscard]] const document_index& documents() const noexcept { return documents_; }
  [[nodiscard]] const rule_info& info() const noexcept { return *info_; }

  /// Reuse this context (its graph and document identities) for another
  /// rule on the same procedure: the findings are cleared.
  void reset(const rule_info& info);

  // The step graph, by step index.
  [[nodiscard]] std::span<const std::uint32_t> predecessors(std::uint32_t step) const;
  [[nodiscard]] std::span<const std::uint32_t> successors(std::uint32_t step) const;
  [[nodiscard]] std::span<const std::uint32_t> order() const;  ///< topological
  [[nodiscard]] bool reaches(std::uint32_t from, std::uint32_t to) const;
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>> implied_links() const;
  /// The identity of step `step`'s `requires` (or `produces`) demand `index`.
  [[nodiscard]] const document_identity& required(std::uint32_t step, std::uint32_t index) const;
  [[nodiscard]] const document_identity& produced(std::uint32_t step, std::uint32_t index) const;
  /// Every demand's identity of a step, in `requires` (or `produces`) order.
  [[nodiscard]] std::span<const document_identity> required(std::uint32_t step) const;
  [[nodiscard]] std::span<const document_identity> produced(std::uint32_t step) const;

  /// Report a finding. `fields` fill the message template's placeholders
  /// beyond the standard ones ({procedure}, {step}, {steps}, {document},
  /// {documents}); each value is given in (vi, en).
  void report(redtape::suggestion s, std::vector<std::string> steps,
              std::vector<std::string> documents, source_location where,
              const std::vector<std::pair<std::string, localized_text>>& fields = {});

  [[nodiscard]] std::vector<finding>& findings() noexcept { return findings_; }

  /// Say that a case was left alone on purpose (a paper the state holds, not
  /// flagged for `reason`): the report lists it under `suppressed`. `reason`
  /// is a code; `why` says it in both languages.
  void suppress(std::string step, std::string document, std::string reason, localized_text why,
                source_location where);
  [[nodiscard]] std::vector<suppressed_case>& suppressed() noexcept { return suppressed_; }

 private:
  struct graph;
  const redtape::catalog& catalog_;
  const redtape::procedure& procedure_;
  const cost_model& costs_;
  const document_index& documents_;
  const rule_info* info_;
  std::unique_ptr<graph> graph_;
  std::vector<finding> findings_;
  std::vector<suppressed_case> suppressed_;
};

/// What a catalog-level rule sees.
class catalog_context {
 public:
  /// `rules`: the run's rules, which rule() looks in (none: rule() finds nothing).
  catalog_context(const redtape::catalog& c, const document_index& documents, const rule_info& info,
                  const rule_set* rules = nullptr)
      : catalog_(c), documents_(documents), info_(info), rules_(rules) {}
  [[nodiscard]] const redtape::catalog& catalog() const noexcept { return catalog_; }
  [[nodiscard]] const document_index& documents() const noexcept { return documents_; }
  [[nodiscard]] const rule_info& info() const noexcept { return info_; }
  /// Another rule of the run, by id, as configured (enabled or not), or
  /// null: shared-document reads once-only's word lists.
  [[nodiscard]] const rule_info* rule(std::string_view id) const;
  void report(finding f);  ///< rule, severity and message filled in from info()
  [[nodiscard]] std::vector<finding>& findings() noexcept { return findings_; }

 private:
  const redtape::catalog& catalog_;
  const document_index& documents_;
  const rule_info& info_;
  const rule_set* rules_;
  std::vector<finding> findings_;
};

/// Fill a message template: {name} → value in `lang`.
[[nodiscard]] std::string fill_template(std::string_view text,
                                        const std::vector<std::pair<std::string, std::string>>& fields);

/// A set of rules with their effective configuration.
class rule_set {
 public:
  rule_set();
  ~rule_set();
  rule_set(rule_set&&) noexcept;
  rule_set& operator=(rule_set&&) noexcept;
  rule_set(const rule_set&);
  rule_set& operator=(const rule_set&);

  /// The built-in rules: every C++ rule registered, configured by the rule
  /// files compiled in from rules/*.yaml.
  [[nodiscard]] static rule_set builtin();

  /// Register a C++ rule (its id and parameters with their defaults); the
  /// rule file with the same id configures its title, message and values.
  void add(std::shared_ptr<const rule> r);

  /// Load rule files (a file or a folder of *.yaml): each configures an
  /// existing rule (only the keys given change) or, with `match:`, defines a
  /// declarative rule. Throws load_error with every problem, located.
  void load(const std::filesystem::path& path);
  void load_text(std::string_view text, std::string name);

  /// Per-run override, "rule-id.param=value" or "rule-id=off|on|note|warning|error".
  /// Throws invalid_argument_error naming what is wrong.
  void set(std::string_view assignment);

  [[nodiscard]] std::vector<const rule_info*> rules() const;  ///< sorted by id
  [[nodiscard]] const rule_info* find(std::string_view id) const;

  struct entry {
    std::shared_ptr<const rule> impl;
    rule_info info;
  };
  [[nodiscard]] const std::vector<entry>& entries() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Add every built-in C++ rule to `set` (rule_set::builtin() calls this).
void register_builtin_rules(rule_set& set);

}  // namespace redtape
