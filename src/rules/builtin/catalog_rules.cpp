// Catalog-level rules: what many procedures demand alike.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "rules/builtin/common.hpp"

namespace redtape::rules {

namespace {

/// The same document demanded from applicants by many procedures: a
/// candidate for one shared registry (or a lookup in the database that holds
/// it), ranked by what demanding it costs applicants a year.
class shared_document final : public rule {
 public:
  std::string_view id() const noexcept override { return "shared-document"; }
  bool catalog_level() const noexcept override { return true; }
  std::vector<param_spec> parameters() const override {
    const auto& d = name_rules::defaults();
    return {number_param("min_procedures", "report a document demanded by at least this many procedures"),
            lexicon_number_param("similarity_threshold", d.similarity_threshold,
                                 "names at least this similar (0–1) are the same document"),
            lexicon_list_param("qualifiers", d.qualifiers,
                               "phrases about a document's form, removed before comparing names"),
            list_param("skip_prefixes",
                       "name beginnings of per-application forms and catch-alls, never a shared document"),
            flag_param("held_only",
                       "count only documents the government issued or holds (a registry entry with an issuer "
                       "other than the applicant, or a name the once-only rule recognises): only those can come "
                       "from a shared source; plans, reports and maps drawn up for one application cannot"),
            list_param("generic_names",
                       "names that say only the kind of paper (\"Giấy chứng nhận theo Mẫu số 04\" comes down to "
                       "\"giấy chứng nhận\"): many different papers, never one shared document")};
  }
  void check_catalog(catalog_context& ctx) const override {
    // The audit's document identities, unless this rule's qualifiers or
    // threshold are set to other values than the run's lexicon's: then its
    // own index of the catalog.
    std::optional<document_index> own;
    const document_index& documents = identities(ctx, own);
    const auto by_key = uses(ctx, documents);
    auto min_procedures = static_cast<std::size_t>(ctx.info().number("min_procedures"));
    std::vector<const use*> found;
    for (const auto& [key, u] : by_key)
      if (u.procedures.size() >= std::max<std::size_t>(2, min_procedures)) found.push_back(&u);
    std::stable_sort(found.begin(), found.end(), [](const use* a, const use* b) {
      if (a->cost_per_year != b->cost_per_year) return a->cost_per_year > b->cost_per_year;
      if (a->procedures.size() != b->procedures.size()) return a->procedures.size() > b->procedures.size();
      return a->label < b->label;
    });
    for (const use* u : found) ctx.report(finding_of(ctx, *u));
  }

 private:
  struct use {
    std::string label;
    std::vector<std::string> procedures;
    double demands = 0, copies = 0, cost_per_year = 0;
    source_location first;
  };

  static const document_index& identities(const catalog_context& ctx, std::optional<document_index>& own) {
    const name_rules& run = ctx.documents().rules();
    const auto& qualifiers = lexicon_list(ctx.info(), "qualifiers", &name_rules::qualifiers, run);
    const double threshold = lexicon_number(ctx.info(), "similarity_threshold", &name_rules::similarity_threshold, run);
    if (&qualifiers == &run.qualifiers && threshold == run.similarity_threshold) return ctx.documents();
    name_rules mine = run;
    mine.qualifiers = qualifiers;
    mine.similarity_threshold = threshold;
    own.emplace(ctx.catalog(), mine);
    return *own;
  }

  /// A test of whether a demand is made for one application only (a form,
  /// a catch-all row, a paper of no register): no candidate for a shared
  /// registry.
  static std::function<bool(const document_identity&, const document_demand&)> per_application_test(
      const catalog_context& ctx, const document_index& documents) {
    const name_rules& names = documents.rules();
    // The applicant's own forms (filled for each application) and catch-all
    // rows are no candidates for a shared registry.
    std::vector<std::string> skip;
    for (const auto& prefix : ctx.info().list("skip_prefixes")) skip.push_back(normalize_document_name(prefix, names));
    const bool held_only = ctx.info().flag("held_only");
    std::set<std::string> generic;
    for (const auto& g : ctx.info().list("generic_names")) generic.insert("name:" + normalize_document_name(g, names));
    // Issued abroad, by the applicant's organisation, or already waived
    // when the data can be read: the once-only rule's word lists.
    const rule_info* once_only = ctx.rule("once-only");
    static const std::vector<std::string> none;
    const auto& outside = once_only ? once_only->list("outside_issuer_words") : none;
    const auto& waivers = once_only ? once_only->list("waiver_words") : none;
    return [skip, held_only, generic, &outside, &waivers, &names](const document_identity& id, const document_demand& d) {
      if (id.entry && id.entry->issued_by == applicant_actor) return true;
      if (held_only && !id.government_has) return true;
      if (held_only && !d.name.empty()) {
        const std::string f = fold_text(d.name);
        if (folded_says_any(f, outside) || folded_says_any(f, waivers)) return true;
      }
      if (generic.count(id.key)) return true;
      std::string name = id.entry ? id.entry->name.vi : d.name;
      if (name.empty()) return false;
      std::string n = normalize_document_name(name, names);
      // The name as written too: normalising drops a leading condition.
      std::string raw = fold_text(d.name.empty() ? name : d.name);
      return std::any_of(skip.begin(), skip.end(), [&](const std::string& s) {
        auto starts = [&](const std::string& x) {
          return !s.empty() && x.starts_with(s) && (x.size() == s.size() || x[s.size()] == ' ');
        };
        return starts(n) || starts(raw);
      });
    };
  }

  /// Every document demanded from applicants, by identity key, with the
  /// procedures that demand it and what demanding it costs a year.
  static std::map<std::string, use> uses(const catalog_context& ctx, const document_index& documents) {
    const auto per_application = per_application_test(ctx, documents);
    std::map<std::string, use> by_key;
    for (const auto& p : ctx.catalog().procedures) {
      cost_model costs = ctx.catalog().cost_model_for(p);
      // What the procedure makes itself (a receipt slip, its own result) is
      // no candidate for a shared registry.
      std::set<std::string> own;
      for (const auto& st : p.steps)
        for (const auto& d : st.produces_docs) own.insert(documents.resolve(d).key);
      for (const auto& st : p.steps) {
        if (!st.by_applicant()) continue;
        for (const auto& d : st.requires_docs) {
          auto id = documents.resolve(d);
          if (own.count(id.key) || per_application(id, d)) continue;
          use& u = by_key[id.key];
          if (u.procedures.empty()) {
            u.label = id.label;
            u.first = d.location;
          }
          // The cases of one record ("1.003650#2", "#3", imported by
          // `redtape import`) are one procedure here.
          const std::string_view base = std::string_view(p.id).substr(0, p.id.find('#'));
          if (u.procedures.empty() || std::string_view(u.procedures.back()).substr(0, u.procedures.back().find('#')) != base)
            u.procedures.push_back(p.id);
          u.demands += 1;
          u.copies += d.copies;
          u.cost_per_year += p.volume_per_year * d.copies * costs.unit_cost(d.effective_form());
        }
      }
    }
    return by_key;
  }

  static finding finding_of(const catalog_context& ctx, const use& u) {
    const catalog& c = ctx.catalog();
    const rule_info& info = ctx.info();
    finding f;
    f.procedures = u.procedures;
    f.documents = {u.label};
    f.suggestion.kind = suggestion_kind::shared_registry;
    f.location = u.first;
    f.file = c.file_of(u.first);
    f.saving.documents = u.demands;
    f.saving.copies = u.copies;
    f.saving.cost_per_year = u.cost_per_year;
    const document* entry = c.find_document(u.label);
    for (const char* lang : {"vi", "en"}) {
      std::vector<std::pair<std::string, std::string>> fields{
          {"document", entry && !entry->name.empty() ? entry->name.in(lang) : u.label},
          {"count", std::to_string(u.procedures.size())},
          {"demands", fmt::format("{}", u.demands)}};
      (std::string_view(lang) == "vi" ? f.message.vi : f.message.en) =
          fill_template(std::string_view(lang) == "vi" ? info.message.vi : info.message.en, fields);
    }
    return f;
  }
};

}  // namespace

void register_catalog_rules(rule_set& set) { set.add(std::make_shared<shared_document>()); }

}  // namespace redtape::rules

namespace redtape {

void register_builtin_rules(rule_set& set) {
  rules::register_step_rules(set);
  rules::register_document_rules(set);
  rules::register_catalog_rules(set);
}

}  // namespace redtape
