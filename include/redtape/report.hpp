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
