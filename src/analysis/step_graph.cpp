#include "analysis/step_graph.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <fmt/format.h>

#include "redtape/error.hpp"

namespace redtape::analysis {

step_graph::step_graph(const procedure& p) : preds_(p.steps.size()), succs_(p.steps.size()) {
  // Procedures have a few dozen steps at most: a scan beats a map.
  auto find = [&](std::string_view id) -> std::optional<std::uint32_t> {
    for (std::uint32_t i = 0; i < p.steps.size(); ++i)
      if (p.steps[i].id == id) return i;
    return std::nullopt;
  };
  using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  graph g(p.steps.size());
  for (std::uint32_t v = 0; v < p.steps.size(); ++v) {
    for (const auto& pred : p.steps[v].after) {
      auto found = find(pred);
      if (!found)
        throw invalid_argument_error(fmt::format(
            "procedure {}: step `{}` comes after `{}`, which is no step", p.id, p.steps[v].id, pred));
      std::uint32_t u = *found;
      if (std::find(preds_[v].begin(), preds_[v].end(), u) != preds_[v].end()) continue;
      preds_[v].push_back(u);
      succs_[u].push_back(v);
    }
  }
  // Edges added in a fixed order, so that the order found is deterministic.
  for (std::uint32_t u = 0; u < succs_.size(); ++u) {
    std::vector<std::uint32_t> out = succs_[u];
    std::sort(out.begin(), out.end());
    for (auto v : out) boost::add_edge(u, v, g);
  }
  std::vector<graph::vertex_descriptor> reversed;
  try {
    boost::topological_sort(g, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    throw invalid_argument_error(fmt::format("procedure {}: the steps form a cycle", p.id));
  }
  order_.assign(reversed.rbegin(), reversed.rend());
}

step_graph::path step_graph::longest_path(std::span<const double> weights) const {
  const std::size_t n = size();
  std::vector<double> finish(n, 0);
  std::vector<std::uint32_t> via(n, static_cast<std::uint32_t>(n));
  for (std::uint32_t v : order_) {
    double start = 0;
    for (std::uint32_t u : preds_[v])
      if (via[v] == n || finish[u] > start) {  // the first listed wins a tie
        start = finish[u];
        via[v] = u;
      }
    finish[v] = start + weights[v];
  }
  path out;
  if (n == 0) return out;
  // The end with the longest finish; the earliest listed wins a tie.
  std::uint32_t end = 0;
  for (std::uint32_t v = 1; v < n; ++v)
    if (finish[v] > finish[end]) end = v;
  out.length = finish[end];
  for (std::uint32_t v = end; v != n; v = via[v]) out.steps.push_back(v);
  std::reverse(out.steps.begin(), out.steps.end());
  return out;
}

void step_graph::compute_reachability() const {
  if (!reach_.empty() || size() == 0) return;
  const std::size_t n = size(), words = (n + 63) / 64;
  reach_.assign(n, std::vector<std::uint64_t>(words, 0));
  // Reverse topological order: a step reaches what its successors reach.
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    std::uint32_t u = *it;
    for (std::uint32_t v : succs_[u]) {
      reach_[u][v / 64] |= 1ull << (v % 64);
      for (std::size_t w = 0; w < words; ++w) reach_[u][w] |= reach_[v][w];
    }
  }
}

bool step_graph::reaches(std::uint32_t from, std::uint32_t to) const {
  compute_reachability();
  return (reach_[from][to / 64] >> (to % 64)) & 1u;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> step_graph::implied_links() const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::uint32_t v = 0; v < size(); ++v)
    for (std::uint32_t u : preds_[v])
      for (std::uint32_t w : preds_[v])
        if (w != u && reaches(u, w)) {
          out.emplace_back(u, v);
          break;
        }
  return out;
}

}  // namespace redtape::analysis
