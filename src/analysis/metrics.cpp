#include <algorithm>
#include <set>

#include "analysis/step_graph.hpp"
#include "redtape/analysis.hpp"

namespace redtape {

double step_weight(const step& s, const cost_model& costs) noexcept {
  double days = s.duration_days ? s.duration_days->likely : 0.0;
  if (s.by_applicant()) return days;
  double floor = costs.min_step_days;
  if (s.channel == channel::online && costs.min_step_days_online) floor = *costs.min_step_days_online;
  return std::max(days, floor);
}

metrics compute_metrics(const procedure& p, const cost_model& costs) {
  analysis::step_graph g(p);
  metrics m;
  m.steps = static_cast<std::uint32_t>(p.steps.size());
  std::vector<double> weights(p.steps.size());
  std::set<std::string_view> agencies;
  double document_cost = 0;
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const step& s = p.steps[i];
    weights[i] = step_weight(s, costs);
    m.applicant_hours += s.applicant_hours.hours;
    if (s.fee) {
      bool same_currency = s.fee->currency.empty() || s.fee->currency == costs.currency;
      if (s.fee->amount && same_currency)
        m.fees += *s.fee->amount;
      else
        ++m.unknown_fees;
    }
    if (!s.by_applicant()) {
      agencies.insert(s.actor);
      continue;
    }
    if (s.channel == channel::in_person) ++m.applicant_visits;
    for (const auto& d : s.requires_docs) {
      ++m.documents;
      m.copies += d.copies;
      document_cost += d.copies * costs.unit_cost(d.effective_form());
    }
  }
  m.agencies = static_cast<std::uint32_t>(agencies.size());
  for (std::uint32_t v = 0; v < g.size(); ++v)
    for (std::uint32_t u : g.predecessors(v))
      if (p.steps[u].actor != p.steps[v].actor) ++m.handoffs;
  auto longest = g.longest_path(weights);
  m.elapsed_days = longest.length;
  for (auto v : longest.steps) m.critical_path.push_back(p.steps[v].id);
  m.cost_per_application = m.fees + m.applicant_hours * costs.hourly_value +
                           m.applicant_visits * costs.visit_cost + document_cost;
  m.cost_per_year = m.cost_per_application * p.volume_per_year;
  return m;
}

metrics compute_metrics(const catalog& c, const procedure& p) {
  return compute_metrics(p, c.cost_model_for(p));
}

}  // namespace redtape
