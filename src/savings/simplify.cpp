#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "analysis/step_graph.hpp"
#include "redtape/error.hpp"
#include "redtape/savings.hpp"

namespace redtape {

namespace {

bool is_demand_change(suggestion_kind k) {
  return k == suggestion_kind::drop_requirement || k == suggestion_kind::reuse_data ||
         k == suggestion_kind::relax_form;
}

bool valid(const procedure& p) {
  try {
    analysis::step_graph g(p);
    return true;
  } catch (const error&) {
    return false;
  }
}

}  // namespace

namespace {

/// 1–2. Document changes, decided on the original demand positions: each
/// demand removed or relaxed once (removed wins); applied to `work`.
void apply_document_changes(const procedure& p, const std::vector<finding>& findings, procedure& work,
                            simplification& out) {
  std::map<std::pair<std::string, std::uint32_t>, std::size_t> removed, relaxed;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const finding& f = findings[i];
    if (f.procedure != p.id || !is_demand_change(f.suggestion.kind)) continue;
    bool drop = f.suggestion.kind != suggestion_kind::relax_form;
    bool used = false;
    // A finding naming a demand the procedure does not have (kept from an
    // earlier version of it) is skipped whole.
    bool exists = std::all_of(f.suggestion.demands.begin(), f.suggestion.demands.end(), [&](const demand_ref& d) {
      auto s = p.find_step(d.step);
      return s >= 0 && d.index < p.steps[static_cast<std::size_t>(s)].requires_docs.size();
    });
    if (!exists) {
      out.skipped.push_back(i);
      continue;
    }
    for (const auto& d : f.suggestion.demands) {
      auto key = std::pair{d.step, d.index};
      if (removed.count(key) || (!drop && relaxed.count(key))) continue;
      (drop ? removed : relaxed)[key] = i;
      used = true;
    }
    (used ? out.applied : out.skipped).push_back(i);
  }
  for (const auto& [key, index] : relaxed) {
    if (removed.count(key)) continue;  // removed wins over relaxed
    auto s = work.find_step(key.first);
    if (s < 0 || key.second >= work.steps[static_cast<std::size_t>(s)].requires_docs.size()) continue;
    work.steps[static_cast<std::size_t>(s)].requires_docs[key.second].form =
        findings[index].suggestion.new_form.value_or(document_form::copy);
  }
  {
    suggestion drop{suggestion_kind::drop_requirement, {}, {}, {}, {}};
    for (const auto& [key, _] : removed) drop.demands.push_back({key.first, key.second});
    if (!drop.demands.empty()) work = apply_suggestion(work, drop);
  }
  // A relaxation whose every demand was removed anyway is not applied.
  std::erase_if(out.applied, [&](std::size_t i) {
    const finding& f = findings[i];
    if (f.suggestion.kind != suggestion_kind::relax_form) return false;
    bool any = std::any_of(f.suggestion.demands.begin(), f.suggestion.demands.end(),
                           [&](const demand_ref& d) { return !removed.count({d.step, d.index}); });
    if (!any) out.skipped.push_back(i);
    return !any;
  });
}

/// The findings of `p` that change its graph, the largest saving first.
std::vector<std::size_t> graph_changes(const procedure& p, const std::vector<finding>& findings) {
  std::vector<std::size_t> graph;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const finding& f = findings[i];
    auto k = f.suggestion.kind;
    if (f.procedure != p.id || is_demand_change(k)) continue;
    if (k == suggestion_kind::drop_dependency || k == suggestion_kind::shared_registry ||
        k == suggestion_kind::review)
      continue;
    graph.push_back(i);
  }
  std::stable_sort(graph.begin(), graph.end(), [&](std::size_t a, std::size_t b) {
    const finding& x = findings[a];
    const finding& y = findings[b];
    if (x.saving.cost_per_year != y.saving.cost_per_year) return x.saving.cost_per_year > y.saving.cost_per_year;
    if (x.saving.days != y.saving.days) return x.saving.days > y.saving.days;
    if (x.rule != y.rule) return x.rule < y.rule;
    return std::tie(x.location.line, x.location.column) < std::tie(y.location.line, y.location.column);
  });
  return graph;
}

/// 3. Graph changes in the order given, each skipped when it touches a step
/// an earlier change removed or reshaped, or when it leaves no valid graph.
void apply_graph_changes(const std::vector<std::size_t>& graph, const std::vector<finding>& findings,
                         procedure& work, simplification& out) {
  std::set<std::string> gone;  // steps eliminated or merged into another
  std::set<std::string> reshaped;  // steps eliminated, merged or kept by a merge
  for (std::size_t i : graph) {
    const suggestion& s = findings[i].suggestion;
    bool clash = std::any_of(s.steps.begin(), s.steps.end(), [&](const auto& id) {
      return gone.count(id) || (s.kind != suggestion_kind::parallelize && reshaped.count(id));
    });
    if (clash) {
      out.skipped.push_back(i);
      continue;
    }
    procedure trial;
    try {
      trial = apply_suggestion(work, s);
    } catch (const error&) {
      out.skipped.push_back(i);
      continue;
    }
    if (!valid(trial)) {
      out.skipped.push_back(i);
      continue;
    }
    work = std::move(trial);
    out.applied.push_back(i);
    if (s.kind == suggestion_kind::eliminate_step || s.kind == suggestion_kind::merge_steps) {
      for (std::size_t k = s.kind == suggestion_kind::merge_steps ? 1 : 0; k < s.steps.size(); ++k)
        gone.insert(s.steps[k]);
      reshaped.insert(s.steps.begin(), s.steps.end());
    } else if (s.kind == suggestion_kind::single_window) {
      reshaped.insert(s.steps.begin(), s.steps.end());
    }
  }
}

}  // namespace

simplification simplify(const procedure& p, const cost_model& costs, const std::vector<finding>& findings) {
  simplification out;
  out.before = compute_metrics(p, costs);
  procedure work = p;
  apply_document_changes(p, findings, work, out);
  apply_graph_changes(graph_changes(p, findings), findings, work, out);
  std::sort(out.applied.begin(), out.applied.end());
  std::sort(out.skipped.begin(), out.skipped.end());
  out.after = compute_metrics(work, costs);
  out.total = difference(out.before, out.after);
  out.simplified = std::move(work);
  return out;
}

namespace {

// Beta-PERT(min, likely, max) with shape λ = 4, sampled through its inverse
// distribution function tabulated once per step (257 points, from 1,024
// slices of the density): a sample is then one uniform draw and one
// interpolation, instead of two gamma draws.
class pert_sampler {
 public:
  explicit pert_sampler(const duration& d) : min_(d.min), range_(d.max - d.min) {
    if (range_ <= 0) {
      quantiles_.fill(0);
      return;
    }
    double alpha = 1 + 4 * (d.likely - d.min) / range_;
    double beta = 1 + 4 * (d.max - d.likely) / range_;
    // The density t^(α−1)(1−t)^(β−1) as exp((α−1)·ln t + (β−1)·ln(1−t)),
    // with the logarithms of the slice midpoints computed once.
    static const std::array<std::pair<double, double>, slices> logs = [] {
      std::array<std::pair<double, double>, slices> l{};
      for (int i = 0; i < slices; ++i) {
        double t = (i + 0.5) / slices;
        l[static_cast<std::size_t>(i)] = {std::log(t), std::log1p(-t)};
      }
      return l;
    }();
    std::vector<double> cumulative(slices + 1, 0);
    for (int i = 0; i < slices; ++i) {
      const auto& [lt, l1t] = logs[static_cast<std::size_t>(i)];
      cumulative[static_cast<std::size_t>(i) + 1] =
          cumulative[static_cast<std::size_t>(i)] + std::exp((alpha - 1) * lt + (beta - 1) * l1t);
    }
    const double total = cumulative[slices];
    int i = 0;
    for (std::size_t k = 0; k < quantiles_.size(); ++k) {
      double target = total * static_cast<double>(k) / last;
      while (i < slices && cumulative[i + 1] < target) ++i;
      double span = cumulative[i + 1] - cumulative[i];
      double frac = span > 0 ? (target - cumulative[i]) / span : 0;
      quantiles_[k] = std::clamp((i + frac) / slices, 0.0, 1.0);
    }
  }

  double operator()(std::mt19937_64& rng) const {
    double u = static_cast<double>(rng() >> 11) * 0x1.0p-53 * last;
    auto i = static_cast<std::size_t>(u);
    if (i >= quantiles_.size() - 1) return min_ + range_ * quantiles_.back();
    double frac = u - static_cast<double>(i);
    return min_ + range_ * (quantiles_[i] + frac * (quantiles_[i + 1] - quantiles_[i]));
  }

 private:
  static constexpr int slices = 1024;
  static constexpr double last = 256;  // the table's last index
  double min_, range_;
  std::array<double, 257> quantiles_{};
};

double quantile(std::vector<double>& v, double q) {
  std::size_t k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace

elapsed_distribution elapsed_quantiles(const procedure& p, const cost_model& costs,
                                       const uncertainty_options& options) {
  analysis::step_graph g(p);
  const std::size_t n = p.steps.size();
  std::vector<double> weights(n);
  std::vector<std::uint32_t> ranged;  // steps with [min, likely, max]
  for (std::uint32_t i = 0; i < n; ++i) {
    weights[i] = step_weight(p.steps[i], costs);
    if (p.steps[i].duration_days && p.steps[i].duration_days->is_range()) ranged.push_back(i);
  }
  elapsed_distribution out;
  if (ranged.empty() || options.runs == 0) {
    out.p50 = out.p90 = out.mean = g.longest_path(weights).length;
    return out;
  }
  out.uncertain = true;
  // The floor each ranged step's sample is held to (its weight rule).
  std::vector<double> floor(ranged.size(), 0);
  for (std::size_t k = 0; k < ranged.size(); ++k) {
    const step& s = p.steps[ranged[k]];
    if (s.by_applicant()) continue;
    floor[k] = s.channel == channel::online && costs.min_step_days_online ? *costs.min_step_days_online
                                                                          : costs.min_step_days;
  }
  std::vector<pert_sampler> samplers;
  for (auto i : ranged) samplers.emplace_back(*p.steps[i].duration_days);
  std::mt19937_64 rng(options.seed);
  std::vector<double> samples(options.runs), finish(n);
  const auto& order = g.order();
  for (std::uint32_t r = 0; r < options.runs; ++r) {
    for (std::size_t k = 0; k < ranged.size(); ++k)
      weights[ranged[k]] = std::max(samplers[k](rng), floor[k]);
    // The longest path, without the path itself.
    double longest = 0;
    for (std::uint32_t v : order) {
      double start = 0;
      for (std::uint32_t u : g.predecessors(v)) start = std::max(start, finish[u]);
      finish[v] = start + weights[v];
      longest = std::max(longest, finish[v]);
    }
    samples[r] = longest;
  }
  double sum = 0;
  for (double x : samples) sum += x;
  out.mean = sum / static_cast<double>(samples.size());
  out.p50 = quantile(samples, 0.5);
  out.p90 = quantile(samples, 0.9);
  return out;
}

}  // namespace redtape
