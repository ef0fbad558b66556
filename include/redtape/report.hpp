// Audit reports: JSON (the machine format, schema in docs/report.md), CSV (one
// row per finding) and Markdown (what a reviewer reads).
#pragma once

#include <string>

#include "redtape/audit.hpp"
#include "redtape/model.hpp"

namespace redtape {

struct report_options {
  std::string lang = "en";  ///< "vi" or "en": messages and headings (JSON carries both)
};

/// The version of the JSON report's schema (docs/report.md).
inline constexpr int report_schema_version = 1;

/// Deterministic: the same report gives byte-identical text.
[[nodiscard]] std::string to_json(const audit_report& r, const catalog& c, const report_options& o = {});
[[nodiscard]] std::string to_csv(const audit_report& r, const catalog& c, const report_options& o = {});
[[nodiscard]] std::string to_markdown(const audit_report& r, const catalog& c,
                                      const report_options& o = {});

}  // namespace redtape

#include <vector>

namespace redtape {

/// What to record in a written procedure: the simplification it came from.
struct yaml_options {
  const simplification* applied = nullptr;  ///< record applied/skipped findings
  const std::vector<finding>* findings = nullptr;  ///< the findings `applied` indexes
  std::string source;  ///< where the original was read from
};

/// A procedure as redtape YAML (docs/format.md) that loads again with the
/// catalog's registry. With `applied`, an `x-simplified:` block records which
/// findings were applied and which were skipped.
[[nodiscard]] std::string to_yaml(const catalog& c, const procedure& p, const yaml_options& o = {});

}  // namespace redtape
