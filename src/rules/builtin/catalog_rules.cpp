// Catalog-level rules: what many procedures demand alike.
#include <algorithm>
#include <map>
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
    return {number_param("min_procedures", 3, "report a document demanded by at least this many procedures"),
            number_param("similarity_threshold", d.similarity_threshold,
                         "names at least this similar (0–1) are the same document"),
            list_param("qualifiers", d.qualifiers,
                       "phrases about a document's form, removed before comparing names"),
            list_param("skip_prefixes",
                       {"tờ khai", "đơn", "mẫu", "bản khai", "giấy đề nghị", "văn bản đề nghị",
                        "phiếu đề nghị", "phiếu yêu cầu", "trường hợp", "các tài liệu khác", "tài liệu khác", "giấy tờ khác"},
                       "name beginnings of per-application forms and catch-alls, never a shared document")};
  }
  void check_catalog(catalog_context& ctx) const override {
    struct use {
      std::string label;
      std::vector<std::string> procedures;
      double demands = 0, copies = 0, cost_per_year = 0;
      source_location first;
    };
    std::map<std::string, use> by_key;
    const catalog& c = ctx.catalog();
    // The applicant's own forms (filled for each application) and catch-all
    // rows are no candidates for a shared registry.
    std::vector<std::string> skip;
    for (const auto& prefix : ctx.info().list("skip_prefixes"))
      skip.push_back(normalize_document_name(prefix, ctx.documents().rules()));
    auto per_application = [&](const document_identity& id, const document_demand& d) {
      if (id.entry && id.entry->issued_by == applicant_actor) return true;
      std::string name = id.entry ? id.entry->name.vi : d.name;
      if (name.empty()) return false;
      std::string n = normalize_document_name(name, ctx.documents().rules());
      return std::any_of(skip.begin(), skip.end(), [&](const std::string& s) {
        return !s.empty() && n.starts_with(s) && (n.size() == s.size() || n[s.size()] == ' ');
      });
    };
    for (const auto& p : c.procedures) {
      cost_model costs = c.cost_model_for(p);
      // What the procedure makes itself (a receipt slip, its own result) is
      // no candidate for a shared registry.
      std::set<std::string> own;
      for (const auto& st : p.steps)
        for (const auto& d : st.produces_docs) own.insert(ctx.documents().resolve(d).key);
      for (const auto& st : p.steps) {
        if (!st.by_applicant()) continue;
        for (const auto& d : st.requires_docs) {
          auto id = ctx.documents().resolve(d);
          if (own.count(id.key) || per_application(id, d)) continue;
          use& u = by_key[id.key];
          if (u.procedures.empty()) {
            u.label = id.label;
            u.first = d.location;
          }
          if (u.procedures.empty() || u.procedures.back() != p.id) u.procedures.push_back(p.id);
          u.demands += 1;
          u.copies += d.copies;
          u.cost_per_year += p.volume_per_year * d.copies * costs.unit_cost(d.effective_form());
        }
      }
    }
    auto min_procedures = static_cast<std::size_t>(ctx.info().number("min_procedures"));
    std::vector<const use*> found;
    for (const auto& [key, u] : by_key)
      if (u.procedures.size() >= std::max<std::size_t>(2, min_procedures)) found.push_back(&u);
    std::stable_sort(found.begin(), found.end(), [](const use* a, const use* b) {
      if (a->cost_per_year != b->cost_per_year) return a->cost_per_year > b->cost_per_year;
      if (a->procedures.size() != b->procedures.size()) return a->procedures.size() > b->procedures.size();
      return a->label < b->label;
    });
    const rule_info& info = ctx.info();
    for (const use* u : found) {
      finding f;
      f.procedures = u->procedures;
      f.documents = {u->label};
      f.suggestion.kind = suggestion_kind::shared_registry;
      f.location = u->first;
      f.file = c.file_of(u->first);
      f.saving.documents = u->demands;
      f.saving.copies = u->copies;
      f.saving.cost_per_year = u->cost_per_year;
      const document* entry = c.find_document(u->label);
      for (const char* lang : {"vi", "en"}) {
        std::vector<std::pair<std::string, std::string>> fields{
            {"document", entry && !entry->name.empty() ? entry->name.in(lang) : u->label},
            {"count", std::to_string(u->procedures.size())},
            {"demands", fmt::format("{}", u->demands)}};
        (std::string_view(lang) == "vi" ? f.message.vi : f.message.en) =
            fill_template(std::string_view(lang) == "vi" ? info.message.vi : info.message.en, fields);
      }
      ctx.report(std::move(f));
    }
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
