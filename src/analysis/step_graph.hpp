// A procedure's steps as a graph: resolved `after` links, a topological
// order, longest paths and reachability. Boost.Graph does the work inside
// step_graph.cpp; this header stays free of it.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "redtape/model.hpp"

namespace redtape::analysis {

class step_graph {
 public:
  /// Throws invalid_argument_error when an `after` names no step or the
  /// steps form a cycle (the loader rejects both; edited models may not).
  explicit step_graph(const procedure& p);

  [[nodiscard]] std::size_t size() const noexcept { return preds_.size(); }
  [[nodiscard]] const std::vector<std::uint32_t>& predecessors(std::uint32_t v) const { return preds_[v]; }
  [[nodiscard]] const std::vector<std::uint32_t>& successors(std::uint32_t v) const { return succs_[v]; }
  /// Steps in an order where every step comes after its predecessors
  /// (the same order for the same procedure, every time).
  [[nodiscard]] const std::vector<std::uint32_t>& order() const noexcept { return order_; }

  struct path {
    double length = 0;
    std::vector<std::uint32_t> steps;  // one longest path, start to end
  };
  /// The longest path when each step weighs weights[step].
  [[nodiscard]] path longest_path(std::span<const double> weights) const;

  /// True when `to` can be reached from `from` by following `after` links.
  [[nodiscard]] bool reaches(std::uint32_t from, std::uint32_t to) const;

  /// Links (pred, step) implied by other links: pred reaches step another way.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>> implied_links() const;

 private:
  void compute_reachability() const;

  std::vector<std::vector<std::uint32_t>> preds_;
  std::vector<std::vector<std::uint32_t>> succs_;
  std::vector<std::uint32_t> order_;
  mutable std::vector<std::vector<std::uint64_t>> reach_;  // bitsets, computed on demand
};

}  // namespace redtape::analysis
