// Metrics of a procedure, exactly as SPEC §3 defines them, so that two
// implementations agree to the cent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "redtape/model.hpp"

namespace redtape {

struct metrics {
  /// Longest weighted path from a start step to an end step. A step's weight
  /// is max(duration, min_step_days) for agency steps (min_step_days_online
  /// for online ones when set) and its duration for applicant steps; with a
  /// range, the likely value.
  double elapsed_days = 0;
  double applicant_hours = 0;          ///< Σ applicant_hours over all steps
  std::uint32_t applicant_visits = 0;  ///< applicant steps whose channel is in_person
  std::uint32_t documents = 0;         ///< demands on applicant steps (twice counts twice)
  std::uint32_t copies = 0;            ///< Σ copies of those demands
  double fees = 0;                     ///< Σ known fees in the catalog currency
  std::uint32_t unknown_fees = 0;      ///< fees given only in words or in another currency
  double cost_per_application = 0;     ///< fees + hours × hourly_value + visits × visit_cost + documents
  double cost_per_year = 0;            ///< cost_per_application × volume_per_year
  std::uint32_t steps = 0;
  std::uint32_t agencies = 0;  ///< distinct actors other than the applicant
  std::uint32_t handoffs = 0;  ///< `after` links between steps of different actors
  std::vector<std::string> critical_path;  ///< step ids of one longest path, in order
};

/// The weight of a step on the critical path (see metrics::elapsed_days).
[[nodiscard]] double step_weight(const step& s, const cost_model& costs) noexcept;

/// Metrics of a valid procedure (a DAG whose `after` ids resolve).
/// Throws invalid_argument_error for a procedure that is not.
[[nodiscard]] metrics compute_metrics(const procedure& p, const cost_model& costs);

/// Metrics with the catalog's cost model (and the procedure's overrides).
[[nodiscard]] metrics compute_metrics(const catalog& c, const procedure& p);

}  // namespace redtape
