#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "redtape/error.hpp"
#include "redtape/savings.hpp"

namespace redtape {

namespace {

std::size_t index_of(const procedure& p, std::string_view id) {
  auto i = p.find_step(id);
  if (i < 0) throw invalid_argument_error(fmt::format("procedure {} has no step `{}`", p.id, id));
  return static_cast<std::size_t>(i);
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void remove_item(std::vector<std::string>& list, std::string_view item) {
  list.erase(std::remove(list.begin(), list.end(), item), list.end());
}

// After a step is edited by hand, its `after` is what it is: keep the
// locations only when they still describe the list.
void settle(step& s) {
  s.after_given = true;
  if (s.after_locations.size() != s.after.size()) s.after_locations.clear();
}

bool same_demand(const document_demand& a, const document_demand& b) {
  return a.ref == b.ref && a.name == b.name && a.effective_form() == b.effective_form();
}

duration longest(const std::optional<duration>& a, const std::optional<duration>& b) {
  duration x = a.value_or(duration{}), y = b.value_or(duration{});
  return x.likely >= y.likely ? x : y;
}

void eliminate(procedure& p, const std::string& id) {
  std::size_t gone = index_of(p, id);
  std::vector<std::string> preds = p.steps[gone].after;
  for (auto& s : p.steps) {
    if (std::find(s.after.begin(), s.after.end(), id) == s.after.end()) continue;
    remove_item(s.after, id);
    for (const auto& pred : preds) add_unique(s.after, pred);
    settle(s);
  }
  p.steps.erase(p.steps.begin() + static_cast<std::ptrdiff_t>(gone));
}

void merge(procedure& p, const std::vector<std::string>& ids) {
  if (ids.size() < 2) return;
  std::size_t keep = index_of(p, ids.front());
  for (std::size_t k = 1; k < ids.size(); ++k) index_of(p, ids[k]);  // all must exist
  auto merged = [&](std::string_view id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
  step& first = p.steps[keep];
  std::vector<std::string> preds;
  for (const auto& id : ids)
    for (const auto& pred : p.steps[index_of(p, id)].after)
      if (!merged(pred)) add_unique(preds, pred);
  for (std::size_t k = 1; k < ids.size(); ++k) {
    const step& other = p.steps[index_of(p, ids[k])];
    first.duration_days = longest(first.duration_days, other.duration_days);
    // Hours add up; a breakdown survives only when both steps had one.
    bool both_broken_down = !first.applicant_hours.breakdown.empty() == !other.applicant_hours.breakdown.empty();
    first.applicant_hours.hours += other.applicant_hours.hours;
    for (const auto& [part, hours] : other.applicant_hours.breakdown)
      first.applicant_hours.breakdown[part] += hours;
    if (!both_broken_down) first.applicant_hours.breakdown.clear();
    if (other.fee) {
      // Fees add up; one step cannot hold two fees it cannot add (another
      // currency, or a fee given only in words): such steps are not merged.
      if (!first.fee) {
        first.fee = other.fee;
      } else if (first.fee->amount && other.fee->amount && first.fee->currency == other.fee->currency) {
        *first.fee->amount += *other.fee->amount;
      } else {
        throw invalid_argument_error(fmt::format(
            "procedure {}: steps `{}` and `{}` have fees that do not add up (another currency, or a "
            "fee in words); they are not merged",
            p.id, first.id, other.id));
      }
    }
    if (other.channel == channel::in_person) first.channel = channel::in_person;
    for (const auto& d : other.requires_docs)
      if (std::none_of(first.requires_docs.begin(), first.requires_docs.end(),
                       [&](const auto& x) { return same_demand(x, d); }))
        first.requires_docs.push_back(d);
    for (const auto& d : other.produces_docs)
      if (std::none_of(first.produces_docs.begin(), first.produces_docs.end(),
                       [&](const auto& x) { return same_demand(x, d); }))
        first.produces_docs.push_back(d);
  }
  first.after = preds;
  settle(first);
  // Successors of any merged step now follow the kept one.
  for (auto& s : p.steps) {
    if (merged(s.id)) continue;
    bool touched = false;
    for (std::size_t k = 1; k < ids.size(); ++k)
      if (std::find(s.after.begin(), s.after.end(), ids[k]) != s.after.end()) {
        remove_item(s.after, ids[k]);
        touched = true;
      }
    if (touched) {
      add_unique(s.after, ids.front());
      settle(s);
    }
  }
  for (std::size_t k = 1; k < ids.size(); ++k)
    p.steps.erase(p.steps.begin() + static_cast<std::ptrdiff_t>(index_of(p, ids[k])));
}

void parallelize(procedure& p, const std::string& earlier, const std::string& later) {
  std::size_t u = index_of(p, earlier), v = index_of(p, later);
  std::vector<std::string> preds = p.steps[u].after;
  step& s = p.steps[v];
  if (std::find(s.after.begin(), s.after.end(), earlier) == s.after.end())
    throw invalid_argument_error(fmt::format("procedure {}: step `{}` does not come after `{}`", p.id, later, earlier));
  remove_item(s.after, earlier);
  for (const auto& pred : preds) add_unique(s.after, pred);
  settle(s);
  // What came after the later step still comes after the earlier one too:
  // the two run side by side, not the earlier one alone at the end.
  for (auto& w : p.steps)
    if (std::find(w.after.begin(), w.after.end(), later) != w.after.end() &&
        std::find(w.after.begin(), w.after.end(), earlier) == w.after.end()) {
      w.after.push_back(earlier);
      settle(w);
    }
}

void drop_link(procedure& p, const std::string& earlier, const std::string& later) {
  step& s = p.steps[index_of(p, later)];
  remove_item(s.after, earlier);
  settle(s);
}

void drop_demands(procedure& p, const std::vector<demand_ref>& demands) {
  // Highest index first, so that the others keep their place; each once.
  std::vector<demand_ref> sorted = demands;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.step != b.step ? a.step < b.step : a.index > b.index;
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const auto& d : sorted) {
    step& s = p.steps[index_of(p, d.step)];
    if (d.index >= s.requires_docs.size())
      throw invalid_argument_error(fmt::format("step `{}` has no demand #{}", d.step, d.index));
    s.requires_docs.erase(s.requires_docs.begin() + d.index);
  }
}

}  // namespace

procedure apply_suggestion(const procedure& original, const suggestion& s) {
  procedure p = original;
  auto need = [&](std::size_t n) {
    if (s.steps.size() < n)
      throw invalid_argument_error(fmt::format("{} needs {} step ids", to_string(s.kind), n));
  };
  switch (s.kind) {
    case suggestion_kind::eliminate_step:
      need(1);
      eliminate(p, s.steps.front());
      break;
    case suggestion_kind::merge_steps:
      need(2);
      merge(p, s.steps);
      break;
    case suggestion_kind::parallelize:
      need(2);
      parallelize(p, s.steps[0], s.steps[1]);
      break;
    case suggestion_kind::drop_dependency:
      need(2);
      drop_link(p, s.steps[0], s.steps[1]);
      break;
    case suggestion_kind::drop_requirement:
    case suggestion_kind::reuse_data:
      drop_demands(p, s.demands);
      break;
    case suggestion_kind::relax_form:
      for (const auto& d : s.demands) {
        step& st = p.steps[index_of(p, d.step)];
        if (d.index >= st.requires_docs.size())
          throw invalid_argument_error(fmt::format("step `{}` has no demand #{}", d.step, d.index));
        st.requires_docs[d.index].form = s.new_form.value_or(document_form::copy);
      }
      break;
    case suggestion_kind::single_window:
      need(1);
      for (const auto& id : s.steps) {
        step& st = p.steps[index_of(p, id)];
        if (s.new_location == "online") {
          st.channel = channel::online;
          st.location_kind = "online";
        } else {
          st.location_kind = s.new_location.empty() ? "one_stop_centre" : s.new_location;
        }
      }
      break;
    case suggestion_kind::shared_registry:
    case suggestion_kind::review:
      break;
  }
  return p;
}

saving difference(const metrics& before, const metrics& after) {
  // Rounded to a millionth, so that 0.1 + 0.2 − 0.3 reads as 0 in reports.
  auto tidy = [](double x) { return std::round(x * 1e6) / 1e6 + 0.0; };
  saving s;
  s.days = before.elapsed_days - after.elapsed_days;
  s.applicant_hours = before.applicant_hours - after.applicant_hours;
  s.visits = static_cast<double>(before.applicant_visits) - after.applicant_visits;
  s.documents = static_cast<double>(before.documents) - after.documents;
  s.copies = static_cast<double>(before.copies) - after.copies;
  s.cost_per_application = before.cost_per_application - after.cost_per_application;
  s.cost_per_year = before.cost_per_year - after.cost_per_year;
  for (double* x : {&s.days, &s.applicant_hours, &s.visits, &s.documents, &s.copies,
                    &s.cost_per_application, &s.cost_per_year})
    *x = tidy(*x);
  return s;
}

namespace {

// Changes to document demands, and a visit moved online, leave the step
// graph as it is: their effect on the metrics follows from SPEC §3's
// formulas directly, without copying the procedure and recomputing it. The
// result is the same as the recomputation (tests/savings check both ways).
std::optional<saving> without_copy(const procedure& p, const cost_model& costs, const metrics& before,
                                   const suggestion& s) {
  metrics after = before;
  auto per_application = [&](double delta) {
    after.cost_per_application += delta;
    after.cost_per_year = after.cost_per_application * p.volume_per_year;
  };
  switch (s.kind) {
    case suggestion_kind::drop_requirement:
    case suggestion_kind::reuse_data:
    case suggestion_kind::relax_form: {
      std::vector<demand_ref> seen;
      for (const auto& d : s.demands) {
        auto i = p.find_step(d.step);
        if (i < 0) return std::nullopt;
        const step& st = p.steps[static_cast<std::size_t>(i)];
        if (d.index >= st.requires_docs.size()) return std::nullopt;
        if (std::find(seen.begin(), seen.end(), d) != seen.end()) continue;
        seen.push_back(d);
        if (!st.by_applicant()) continue;  // only applicant demands are counted
        const document_demand& demand = st.requires_docs[d.index];
        double unit = costs.unit_cost(demand.effective_form());
        if (s.kind == suggestion_kind::relax_form) {
          double relaxed = costs.unit_cost(s.new_form.value_or(document_form::copy));
          per_application(demand.copies * (relaxed - unit));
        } else {
          after.documents -= 1;
          after.copies -= demand.copies;
          per_application(-static_cast<double>(demand.copies) * unit);
        }
      }
      return difference(before, after);
    }
    case suggestion_kind::single_window: {
      if (s.new_location != "online") return std::nullopt;
      for (const auto& id : s.steps) {
        auto i = p.find_step(id);
        if (i < 0) return std::nullopt;
        const step& st = p.steps[static_cast<std::size_t>(i)];
        // An agency step's weight may depend on its channel: recompute then.
        if (!st.by_applicant()) return std::nullopt;
        if (st.channel == channel::in_person) {
          after.applicant_visits -= 1;
          per_application(-costs.visit_cost);
        }
      }
      return difference(before, after);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

saving marginal_saving(const procedure& p, const cost_model& costs, const metrics& before,
                       const suggestion& s) {
  if (s.kind == suggestion_kind::shared_registry || s.kind == suggestion_kind::drop_dependency ||
      s.kind == suggestion_kind::review)
    return {};
  if (auto quick = without_copy(p, costs, before, s)) return *quick;
  return difference(before, compute_metrics(apply_suggestion(p, s), costs));
}

}  // namespace redtape
