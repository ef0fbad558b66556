// What a simplification does to a procedure (SPEC §3), and what it saves.
#pragma once

#include "redtape/analysis.hpp"
#include "redtape/findings.hpp"
#include "redtape/model.hpp"

namespace redtape {

/// `p` with one suggestion applied, exactly as SPEC §3 says:
///  - eliminate_step removes the step and links its predecessors to its successors;
///  - merge_steps keeps the first step named, gives it the longest duration of
///    the merged steps and the union of their links and document demands
///    (duplicates dropped), adds up their fees and applicant hours, and
///    removes the others (two in-person visits become one);
///  - parallelize removes the link earlier → later and gives the later step
///    the earlier step's predecessors instead; the later step's successors
///    also follow the earlier step, so nothing that waited for both loses it;
///  - drop_requirement and reuse_data remove the demands;
///  - relax_form changes the demanded form;
///  - single_window turns the visit into one at the one-stop centre
///    (new_location "one_stop_centre") or online ("online": no visit);
///  - drop_dependency removes the link (no metric changes);
///  - shared_registry changes nothing in one procedure.
/// Throws invalid_argument_error when the suggestion names steps or demands
/// the procedure does not have.
[[nodiscard]] procedure apply_suggestion(const procedure& p, const suggestion& s);

/// before − after, with cost_per_year from `volume_per_year`.
[[nodiscard]] saving difference(const metrics& before, const metrics& after);

/// The saving of one suggestion alone: apply it to a copy and recompute.
[[nodiscard]] saving marginal_saving(const procedure& p, const cost_model& costs,
                                     const metrics& before, const suggestion& s);

}  // namespace redtape

#include <cstdint>
#include <string>
#include <vector>

namespace redtape {

/// One procedure simplified: every non-conflicting suggestion applied at once
/// to one copy (SPEC §3), then the metrics recomputed.
///
/// Conflicts are resolved by one deterministic rule (docs/savings.md):
///  1. drop_dependency and shared_registry are never applied;
///  2. document changes first: a demand removed (drop_requirement,
///     reuse_data) is not also relaxed; each demand changes once;
///  3. then graph changes, the largest marginal saving a year first (then
///     days, rule id, position): a suggestion that names a step already
///     eliminated or merged by an applied one is skipped, as is one whose
///     link no longer exists or that would not leave a valid step graph.
struct simplification {
  procedure simplified;
  metrics before;
  metrics after;
  saving total;  ///< before − after: never the sum of marginal savings
  std::vector<std::size_t> applied;  ///< indexes into the findings given
  std::vector<std::size_t> skipped;  ///< conflicting ones, left out
};

/// Simplify `p` with `findings` (those of `p`; others are ignored).
[[nodiscard]] simplification simplify(const procedure& p, const cost_model& costs,
                                      const std::vector<finding>& findings);

/// Elapsed time under uncertainty: PERT (Beta) durations for steps given as
/// [min, likely, max], sampled by Monte Carlo with a fixed seed, so the
/// same procedure gives the same figures every run.
struct elapsed_distribution {
  double p50 = 0;
  double p90 = 0;
  double mean = 0;
  bool uncertain = false;  ///< false: no range anywhere, p50 = p90 = elapsed
};

struct uncertainty_options {
  std::uint32_t runs = 1000;
  std::uint64_t seed = 20201;
};

[[nodiscard]] elapsed_distribution elapsed_quantiles(const procedure& p, const cost_model& costs,
                                                     const uncertainty_options& options = {});

}  // namespace redtape
