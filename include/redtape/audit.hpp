// The audit: metrics of every procedure and the findings of every rule.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "redtape/analysis.hpp"
#include "redtape/error.hpp"
#include "redtape/findings.hpp"
#include "redtape/model.hpp"
#include "redtape/rules.hpp"

namespace redtape {

struct audit_options {
  unsigned jobs = 0;  ///< worker threads; 0 = all cores
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
};

struct audit_totals {
  std::size_t procedures = 0;
  std::size_t findings = 0;
  std::array<std::size_t, 3> by_severity{0, 0, 0};  ///< indexed by severity
  double cost_per_year = 0;  ///< Σ procedures' cost_per_year
};

struct audit_report {
  std::vector<procedure_result> procedures;  ///< in catalog order
  std::vector<finding> findings;             ///< procedure findings, then catalog findings
  audit_totals totals;
  /// Rules that failed at run time on a procedure: reported, not fatal.
  std::vector<diagnostic> problems;
};

/// Run every enabled rule of `rules` on every procedure of `c` (in
/// parallel), then the catalog-level rules. Deterministic: the same catalog
/// and rules give the same report.
[[nodiscard]] audit_report audit(const catalog& c, const rule_set& rules,
                                 const audit_options& options = {});

}  // namespace redtape
