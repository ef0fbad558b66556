// Small helpers shared by the built-in rules.
#pragma once

#include <algorithm>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "redtape/rules.hpp"

namespace redtape::rules {

inline param_spec list_param(std::string name, std::vector<std::string> values, std::string doc,
                             std::vector<std::string> choices = {}) {
  return {std::move(name), param_type::text_list, std::move(values), std::move(doc), std::move(choices)};
}
inline param_spec number_param(std::string name, double value, std::string doc) {
  return {std::move(name), param_type::number, value, std::move(doc)};
}
inline param_spec flag_param(std::string name, bool value, std::string doc) {
  return {std::move(name), param_type::boolean, value, std::move(doc)};
}
inline param_spec text_param(std::string name, std::string value, std::string doc,
                             std::vector<std::string> choices = {}) {
  return {std::move(name), param_type::text, std::move(value), std::move(doc), std::move(choices)};
}
inline std::vector<std::string> form_names() {
  return {document_form_names.begin(), document_form_names.end()};
}

inline bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

/// An actor as a reviewer reads it: the agency's name, or "the applicant".
inline localized_text actor_name(const rule_context& ctx, const std::string& actor) {
  if (actor == applicant_actor) return {"người nộp hồ sơ", "the applicant"};
  const agency* a = ctx.catalog().find_agency(actor);
  if (a && !a->name.empty()) return a->name;
  return {actor, actor};
}

/// True when one of `ids` has identity key `key`.
inline bool has_key(std::span<const document_identity> ids, const std::string& key) {
  return std::any_of(ids.begin(), ids.end(), [&](const auto& id) { return id.key == key; });
}

/// The identity keys of what a step demands, sorted and unique.
inline std::vector<std::string_view> key_set(std::span<const document_identity> ids) {
  std::vector<std::string_view> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(id.key);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
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
