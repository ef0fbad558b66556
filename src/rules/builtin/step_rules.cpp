// Rules on the shape of the step graph: unused products, steps to merge,
// reviews to run in parallel, links implied by others.
#include <fmt/format.h>

#include "rules/builtin/common.hpp"

namespace redtape::rules {

namespace {

localized_text words(std::string text) { return {text, text}; }

/// A step that produces documents of which no later step uses any and none
/// is the result. A step that produces nothing is a check or a decision, and
/// is left alone.
class unused_product final : public rule {
 public:
  std::string_view id() const noexcept override { return "unused-product"; }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    std::vector<document_identity> results;
    for (const auto& d : p.results) results.push_back(ctx.documents().resolve(d));
    for (std::uint32_t s = 0; s < p.steps.size(); ++s) {
      const step& st = p.steps[s];
      if (st.produces_docs.empty()) continue;
      bool used = false;
      std::vector<std::string> labels;
      for (std::uint32_t i = 0; i < st.produces_docs.size() && !used; ++i) {
        const auto& key = ctx.produced(s, i).key;
        labels.push_back(ctx.produced(s, i).label);
        if (has_key(results, key)) used = true;
        for (std::uint32_t t = 0; t < p.steps.size() && !used; ++t)
          if (t != s && ctx.reaches(s, t) && has_key(ctx.required(t), key)) used = true;
      }
      if (used) continue;
      ctx.report({suggestion_kind::eliminate_step, {st.id}, {}, {}, {}}, {st.id}, labels, st.location);
    }
  }
};

/// Consecutive steps by the same actor with nothing between them: a chain
/// u1 → u2 → … where each link is the only way out of the one and the only
/// way into the next.
class same_actor_sequence final : public rule {
 public:
  std::string_view id() const noexcept override { return "same-actor-sequence"; }
  std::vector<param_spec> parameters() const override {
    return {flag_param("include_applicant",
                       "also merge consecutive steps of the applicant"),
            list_param("waiting_actions",
                       "actions after which the actor waits on someone else (the bodies consulted, the "
                       "applicant told to supplement, the public): a chain ends there"),
            list_param("statutory_procedure_words",
                       "words of a procedure's name whose steps are phases a law sets, with verification and "
                       "hearings of the parties between them (complaints, denunciations): never merged")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    if (text_says_any(p.name.vi, ctx.info().list("statutory_procedure_words"))) return;
    bool applicant_too = ctx.info().flag("include_applicant");
    const auto& waiting = ctx.info().list("waiting_actions");
    auto linked = [&](std::uint32_t u, std::uint32_t v) {
      const step& a = p.steps[u];
      const step& b = p.steps[v];
      return ctx.successors(u).size() == 1 && ctx.predecessors(v).size() == 1 &&
             a.actor == b.actor && (applicant_too || !a.by_applicant()) && !contains(waiting, a.action);
    };
    for (std::uint32_t head : ctx.order()) {
      // Only start at the head of a chain.
      auto preds = ctx.predecessors(head);
      if (preds.size() == 1 && linked(preds[0], head)) continue;
      std::vector<std::string> chain{p.steps[head].id};
      std::uint32_t u = head;
      while (ctx.successors(u).size() == 1 && linked(u, ctx.successors(u)[0])) {
        u = ctx.successors(u)[0];
        chain.push_back(p.steps[u].id);
      }
      if (chain.size() < 2) continue;
      localized_text actor = actor_name(ctx, p.steps[head].actor);
      auto count = std::to_string(chain.size());
      ctx.report({suggestion_kind::merge_steps, chain, {}, {}, {}}, chain, {}, p.steps[head].location,
                 {{"actor", actor}, {"count", words(count)}});
    }
  }
};

/// Two steps doing the same action on the same documents.
class duplicate_review final : public rule {
 public:
  std::string_view id() const noexcept override { return "duplicate-review"; }
  std::vector<param_spec> parameters() const override {
    return {number_param("min_overlap",
                         "share of the smaller step's documents the other must also handle (0–1)")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    double min_overlap = ctx.info().number("min_overlap");
    auto order = ctx.order();
    for (std::size_t i = 0; i < order.size(); ++i) {
      std::uint32_t u = order[i];
      const step& a = p.steps[u];
      if (a.by_applicant() || a.action.empty() || a.requires_docs.empty()) continue;
      auto ka = key_set(ctx.required(u));
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        std::uint32_t v = order[j];
        const step& b = p.steps[v];
        if (b.by_applicant() || b.action != a.action || b.requires_docs.empty()) continue;
        auto kb = key_set(ctx.required(v));
        std::vector<std::string_view> shared;
        std::set_intersection(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(shared));
        double smaller = static_cast<double>(std::min(ka.size(), kb.size()));
        if (shared.empty() || static_cast<double>(shared.size()) < min_overlap * smaller) continue;
        if (!mergeable(ctx, u, v)) continue;
        // Name them in file order, and point at the later one in the file.
        const step& first = p.steps[std::min(u, v)];
        const step& second = p.steps[std::max(u, v)];
        std::vector<std::string> labels;
        for (std::uint32_t d = 0; d < b.requires_docs.size(); ++d) {
          const auto& id = ctx.required(v, d);
          if (std::find(shared.begin(), shared.end(), id.key) != shared.end() && !contains(labels, id.label))
            labels.push_back(id.label);
        }
        ctx.report({suggestion_kind::merge_steps, {first.id, second.id}, {}, {}, {}},
                   {first.id, second.id}, labels, second.location, {{"action", words(a.action)}});
      }
    }
  }
};

/// Two review steps of different actors in sequence, the later using no
/// document the earlier produced: they can run at the same time.
class sequential_reviews final : public rule {
 public:
  std::string_view id() const noexcept override { return "sequential-reviews"; }
  std::vector<param_spec> parameters() const override {
    return {list_param("review_actions",
                       "actions that review a dossier and may run in parallel")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    const auto& actions = ctx.info().list("review_actions");
    for (std::uint32_t v : ctx.order()) {
      const step& later = p.steps[v];
      if (later.by_applicant() || !contains(actions, later.action)) continue;
      for (std::uint32_t u : ctx.predecessors(v)) {
        const step& earlier = p.steps[u];
        if (earlier.by_applicant() || !contains(actions, earlier.action)) continue;
        if (earlier.actor == later.actor) continue;
        auto made = ctx.produced(u);
        auto used = ctx.required(v);
        bool flows = std::any_of(used.begin(), used.end(), [&](const auto& id) { return has_key(made, id.key); });
        if (flows) continue;
        // Another path from u to v would keep them in sequence anyway.
        bool other_path = false;
        for (std::uint32_t w : ctx.successors(u))
          if (w != v && ctx.reaches(w, v)) other_path = true;
        if (other_path) continue;
        ctx.report({suggestion_kind::parallelize, {earlier.id, later.id}, {}, {}, {}},
                   {earlier.id, later.id}, {}, later.location);
      }
    }
  }
};

/// An `after` link already implied by others (C after A and B, B after A).
class implied_dependency final : public rule {
 public:
  std::string_view id() const noexcept override { return "implied-dependency"; }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    for (auto [u, v] : ctx.implied_links()) {
      const step& later = p.steps[v];
      source_location where = later.location;
      for (std::size_t j = 0; j < later.after.size() && j < later.after_locations.size(); ++j)
        if (later.after[j] == p.steps[u].id) where = later.after_locations[j];
      auto link = fmt::format("{} → {}", p.steps[u].id, later.id);
      ctx.report({suggestion_kind::drop_dependency, {p.steps[u].id, later.id}, {}, {}, {}},
                 {p.steps[u].id, later.id}, {}, where, {{"link", words(link)}});
    }
  }
};

}  // namespace

void register_step_rules(rule_set& set) {
  set.add(std::make_shared<unused_product>());
  set.add(std::make_shared<same_actor_sequence>());
  set.add(std::make_shared<duplicate_review>());
  set.add(std::make_shared<sequential_reviews>());
  set.add(std::make_shared<implied_dependency>());
}

}  // namespace redtape::rules
