// Pictures of a procedure's step graph: Graphviz DOT and Mermaid.
#pragma once

#include <string>
#include <string_view>

#include "redtape/model.hpp"

namespace redtape {

struct graph_options {
  std::string lang = "en";  ///< language of step names: "vi" or "en"
};

/// A DOT digraph: one node per step, labelled with its name, actor and
/// duration; applicant steps drawn differently from agency steps; one edge
/// per `after` link.
[[nodiscard]] std::string to_dot(const catalog& c, const procedure& p, const graph_options& = {});

/// The same graph as a Mermaid flowchart.
[[nodiscard]] std::string to_mermaid(const catalog& c, const procedure& p,
                                     const graph_options& = {});

}  // namespace redtape
