// The audit: metrics of every procedure and the findings of every rule.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "redtape/analysis.hpp"
#include "redtape/error.hpp"
#include "redtape/findings.hpp"
#include "redtape/lexicon.hpp"
#include "redtape/model.hpp"
#include "redtape/rules.hpp"
#include "redtape/savings.hpp"

namespace redtape {

struct audit_options {
  unsigned jobs = 0;  ///< worker threads; 0 = all cores
  /// Overrides of the cost model for this run (after catalog and procedure).
  cost_model_patch costs;
  uncertainty_options uncertainty;
  /// Audit only these procedures (empty: all). Catalog-level rules, which
  /// judge the whole catalog, are not run then.
  std::vector<std::string> only;
  /// The phrase tables document identity reads (null: the built-in ones;
  /// lexicon::from_directory for a folder of replacements).
  std::shared_ptr<const redtape::lexicon> lexicon;
};

struct procedure_result {
  std::string id;
  localized_text name;
  std::string file;
  source_location location;
  double volume_per_year = 0;
  std::string currency;
  redtape::metrics metrics;
  std::vector<std::size_t> findings;  ///< indexes into audit_report::findings
  /// After every non-conflicting suggestion at once (the "to-be" procedure).
  redtape::metrics simplified;
  redtape::saving saving;               ///< metrics − simplified
  std::vector<std::size_t> applied;     ///< findings applied (indexes into audit_report::findings)
  elapsed_distribution elapsed_before;  ///< P50/P90 of elapsed days
  elapsed_distribution elapsed_after;
};

struct audit_totals {
  std::size_t procedures = 0;
  std::size_t findings = 0;
  std::array<std::size_t, 3> by_severity{0, 0, 0};  ///< indexed by severity
  double cost_per_year = 0;  ///< Σ procedures' cost_per_year
  double cost_per_year_after = 0;  ///< the same after simplification
  double saving_per_year = 0;      ///< Σ procedures' combined saving a year
  /// Days saved per application, weighted by volume_per_year (plain mean
  /// when no volume is known).
  double days_saved_weighted = 0;
  double elapsed_days_weighted = 0;  ///< the weighted mean elapsed days before
  double cost_reduction_percent = 0;  ///< saving_per_year / cost_per_year × 100
  double time_reduction_percent = 0;  ///< days_saved_weighted / elapsed_days_weighted × 100
};

struct audit_report {
  std::vector<procedure_result> procedures;  ///< in catalog order
  std::vector<finding> findings;             ///< procedure findings, then catalog findings
  audit_totals totals;
  /// Rules that failed at run time on a procedure: reported, not fatal.
  std::vector<diagnostic> problems;
  /// Files a batch audit left out, with their errors: audit() leaves this
  /// empty; the caller that loaded with load_options::keep_going copies
  /// load_result::skipped here so that the reports list them.
  std::vector<skipped_file> load_errors;
  /// Cases rules left alone on purpose, with their reasons (once-only: papers
  /// the state holds that a demand already waives, the procedure's subject…),
  /// in procedure order.
  std::vector<suppressed_case> suppressed;
};

/// Run every enabled rule of `rules` on every procedure of `c` (in
/// parallel), then the catalog-level rules. Deterministic: the same catalog
/// and rules give the same report.
[[nodiscard]] audit_report audit(const catalog& c, const rule_set& rules,
                                 const audit_options& options = {});

}  // namespace redtape
