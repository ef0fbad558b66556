// Small helpers shared by the built-in rules.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "redtape/rules.hpp"

namespace redtape::rules {

inline param_spec list_param(std::string name, std::vector<std::string> values, std::string doc) {
  return {std::move(name), param_type::text_list, std::move(values), std::move(doc)};
}
inline param_spec number_param(std::string name, double value, std::string doc) {
  return {std::move(name), param_type::number, value, std::move(doc)};
}
inline param_spec flag_param(std::string name, bool value, std::string doc) {
  return {std::move(name), param_type::boolean, value, std::move(doc)};
}
inline param_spec text_param(std::string name, std::string value, std::string doc) {
  return {std::move(name), param_type::text, std::move(value), std::move(doc)};
}

inline bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

/// The identity keys of what a step demands or produces.
inline std::set<std::string> required_keys(const rule_context& ctx, std::uint32_t s) {
  std::set<std::string> out;
  const auto& st = ctx.procedure().steps[s];
  for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) out.insert(ctx.required(s, i).key);
  return out;
}
inline std::set<std::string> produced_keys(const rule_context& ctx, std::uint32_t s) {
  std::set<std::string> out;
  const auto& st = ctx.procedure().steps[s];
  for (std::uint32_t i = 0; i < st.produces_docs.size(); ++i) out.insert(ctx.produced(s, i).key);
  return out;
}

/// True when u and v can become one step without making a cycle: no path
/// between them other than a direct link.
inline bool mergeable(const rule_context& ctx, std::uint32_t u, std::uint32_t v) {
  for (int pass = 0; pass < 2; ++pass) {
    for (std::uint32_t w : ctx.successors(u))
      if (w != v && ctx.reaches(w, v)) return false;
    std::swap(u, v);
  }
  return true;
}

void register_step_rules(rule_set& set);
void register_document_rules(rule_set& set);
void register_catalog_rules(rule_set& set);

}  // namespace redtape::rules
