// Small helpers shared by the built-in rules.
#pragma once

#include <algorithm>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "redtape/rules.hpp"

namespace redtape::rules {

// A built-in rule declares each parameter's name, type and doc; its value
// lives once, in rules/<id>.yaml (rule_set::builtin() refuses a built-in
// rule file that leaves one out), or, for the word lists of document names,
// in lexicon/names.yaml (the lexicon_* parameters).

inline param_spec list_param(std::string name, std::string doc, std::vector<std::string> choices = {}) {
  return {std::move(name), param_type::text_list, std::vector<std::string>{}, std::move(doc), std::move(choices)};
}
inline param_spec number_param(std::string name, std::string doc) {
  return {std::move(name), param_type::number, 0.0, std::move(doc)};
}
inline param_spec flag_param(std::string name, std::string doc) {
  return {std::move(name), param_type::boolean, false, std::move(doc)};
}
inline param_spec text_param(std::string name, std::string doc, std::vector<std::string> choices = {}) {
  return {std::move(name), param_type::text, std::string(), std::move(doc), std::move(choices)};
}

/// A parameter whose default is a list (or the threshold) of the built-in
/// lexicon's names table: the rule decides with it, and a run may set it
/// apart from the lexicon (a rule file, `--set`).
inline param_spec lexicon_list_param(std::string name, const std::vector<std::string>& builtin, std::string doc) {
  return {std::move(name), param_type::text_list, builtin, std::move(doc)};
}
inline param_spec lexicon_number_param(std::string name, double builtin, std::string doc) {
  return {std::move(name), param_type::number, builtin, std::move(doc)};
}

/// The value of a lexicon_list_param: left at the built-in table's list, the
/// run's lexicon's list (`--lexicon`, audit_options::lexicon); set to other
/// words, the rule's own.
inline const std::vector<std::string>& lexicon_list(const rule_info& info, std::string_view param,
                                                    std::vector<std::string> name_rules::*list, const name_rules& run) {
  const auto& value = info.list(param);
  return value == name_rules::defaults().*list ? run.*list : value;
}
inline double lexicon_number(const rule_info& info, std::string_view param, double name_rules::*number,
                             const name_rules& run) {
  const double value = info.number(param);
  return value == name_rules::defaults().*number ? run.*number : value;
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
