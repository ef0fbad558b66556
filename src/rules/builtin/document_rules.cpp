// Rules on the documents demanded from the applicant: demanded twice,
// already held by the government, certified copies, papers carried between
// agencies.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "analysis/lexicon.hpp"
#include "redtape/lexicon.hpp"
#include "rules/builtin/common.hpp"

namespace redtape::rules {

namespace {

/// What a finding on one demand names: its registry id, else the name this
/// demand gives (not the first name of the cluster it fell into, which
/// another procedure may have written differently).
std::string shown_label(const document_demand& d, const document_identity& id) {
  return d.ref.empty() && !d.name.empty() ? d.name : id.label;
}

/// The same document demanded twice from the applicant in one procedure.
class duplicate_demand final : public rule {
 public:
  std::string_view id() const noexcept override { return "duplicate-demand"; }
  std::vector<param_spec> parameters() const override {
    return {flag_param("within_step",
                       "also report a document named twice in one step's list (in imported catalogs such rows "
                       "are mostly alternatives for different applicants: \"Mẫu số 11\" for individuals, "
                       "\"Mẫu số 12\" for communities)")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    const bool within_step = ctx.info().flag("within_step");
    struct seen {
      std::string first_step;
      std::string label;
      std::vector<demand_ref> repeats;
      std::vector<std::string> steps;
      source_location where;
    };
    std::map<std::string, seen> by_key;
    std::vector<std::string> keys_in_order;
    for (std::uint32_t s : ctx.order()) {
      const step& st = p.steps[s];
      if (!st.by_applicant()) continue;
      for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) {
        const auto& id = ctx.required(s, i);
        auto [it, fresh] = by_key.try_emplace(id.key);
        if (fresh) {
          it->second.first_step = st.id;
          it->second.label = id.label;
          keys_in_order.push_back(id.key);
          continue;
        }
        if (!within_step && (it->second.first_step == st.id || contains(it->second.steps, st.id))) continue;
        if (it->second.repeats.empty()) it->second.where = st.requires_docs[i].location;
        it->second.repeats.push_back({st.id, i});
        if (!contains(it->second.steps, st.id)) it->second.steps.push_back(st.id);
      }
    }
    for (const auto& key : keys_in_order) {
      const seen& d = by_key[key];
      if (d.repeats.empty()) continue;
      std::vector<std::string> steps{d.first_step};
      for (const auto& s : d.steps)
        if (!contains(steps, s)) steps.push_back(s);
      suggestion sg{suggestion_kind::drop_requirement, {}, d.repeats, {}, {}};
      ctx.report(std::move(sg), steps, {d.label}, d.where,
                 {{"first_step", {d.first_step, d.first_step}},
                  {"count", {std::to_string(d.repeats.size() + 1), std::to_string(d.repeats.size() + 1)}}});
    }
  }
};

/// The word lists once-only reads from a demand's name, folded once per
/// procedure.
struct demand_words {
  std::vector<std::string> waivers, outside, surrendered, old_paper, filled_form, registration_forms,
      form_references, already_issued, form_prefixes;
  const std::vector<std::string>& skip_forms;
  const std::vector<std::string>& foreign_documents;
  bool skip_shown;

  explicit demand_words(const rule_info& info)
      : waivers(info.list("waiver_words")),
        outside(info.list("outside_issuer_words")),
        surrendered(info.list("surrendered_words")),
        old_paper(folded(info.list("old_paper_words"))),
        filled_form(folded(info.list("filled_form_words"))),
        registration_forms(folded(info.list("registration_form_prefixes"))),
        form_references(folded(info.list("form_reference_words"))),
        already_issued(folded(info.list("already_issued_words"))),
        form_prefixes(folded(info.list("form_prefixes"))),
        skip_forms(info.list("skip_forms")),
        foreign_documents(info.list("foreign_applicant_documents")),
        skip_shown(info.flag("skip_shown")) {}

  static std::vector<std::string> folded(const std::vector<std::string>& list) {
    std::vector<std::string> out;
    for (const auto& w : list) out.push_back(fold_text(w));
    return out;
  }

  /// A form the applicant fills in, or an old card handed back ("Thẻ bảo
  /// hiểm y tế cũ"): nothing a register could give instead. `f` is the
  /// folded name.
  [[nodiscard]] bool filled_or_old(const std::string& f) const {
    if (f.empty()) return false;
    for (const auto& w : old_paper)  // the word after another, at the end or before a mark
      for (const auto& at : {" " + w + " ", " " + w + ",", " " + w + ")"})
        if (f.ends_with(" " + w) || f.find(at) != std::string::npos) return true;
    std::string_view t = f;
    while (!t.empty() && (t.front() == '-' || t.front() == ' ' || t.front() == '+')) t.remove_prefix(1);
    // A registration paper "theo Phụ lục 1"/"theo Mẫu số 05", or one the
    // applicant "đã kê khai" (has filled in): a form.
    if (contains_any(f, filled_form)) return true;
    if (starts_any(t, registration_forms) && contains_any(t, form_references)) return true;
    return std::any_of(form_prefixes.begin(), form_prefixes.end(), [&](const std::string& prefix) {
      return t.starts_with(prefix) && (t.size() == prefix.size() || t[prefix.size()] == ' ');
    });
  }

  static bool contains_any(std::string_view f, const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& w) { return f.find(w) != std::string_view::npos; });
  }
  static bool starts_any(std::string_view f, const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& w) { return f.starts_with(w); });
  }
};

/// The general rule, which every once-only finding rests on at least.
const localized_text principle_basis{"Nghị định 45/2020/NĐ-CP, Điều 4", "Decree 45/2020/ND-CP, Art. 4"};

/// Why once-only leaves a paper the state holds alone: a code and the words.
struct quiet {
  std::string code;
  localized_text why;
};

/// What once-only knows of one procedure from its name and its steps.
struct procedure_traits {
  bool returning = false;          ///< takes a paper back
  bool foreign_applicant = false;  ///< the applicant is a foreigner
  bool changing = false;           ///< changes, extends or replaces a paper
  std::set<std::string> issued_here;  ///< identity keys of what the procedure issues
};

/// A document demanded from the applicant that the government issued or
/// holds, or that an earlier step of the same procedure produced.
class once_only final : public rule {
 public:
  std::string_view id() const noexcept override { return "once-only"; }
  std::vector<param_spec> parameters() const override {
    return {lexicon_list_param("government_prefixes", name_rules::defaults().government_prefixes,
                               "name beginnings of documents the government issues or holds (inline names)"),
            list_param("skip_forms", "forms that cost the applicant nothing to give, not flagged", form_names()),
            flag_param("skip_shown", "leave out papers only shown at the counter (copies: 0)"),
            list_param("waiver_words",
                       "phrases of a demand's name or note that already waive it when the data can be "
                       "obtained (\"không thể khai thác được thông tin\")"),
            list_param("outside_issuer_words",
                       "phrases of a demand's name that put its issuer outside the state's registers "
                       "(a foreign authority, the army, a school, the applicant's own organisation)"),
            list_param("reregistration_words",
                       "words of a procedure's name for re-registering what the register lost (Decree "
                       "123/2015/NĐ-CP, Art. 24–27): the papers demanded are what rebuilds it"),
            list_param("changing_procedure_words",
                       "words of a procedure's name that change, extend or replace a paper already issued: the paper "
                       "named as already issued (already_issued_words), or demanded in the original, is handed in "
                       "to be endorsed or replaced"),
            list_param("returning_procedure_words",
                       "words of a procedure's name that take back a paper (revoking it, returning it): the "
                       "original demanded is the paper itself"),
            list_param("case_file_procedure_words",
                       "words of a procedure's name whose document list is the agency's own case file (the "
                       "decisions and reports of a complaint), not papers the applicant hands in"),
            list_param("foreign_applicant_procedure_words",
                       "words of a procedure's name whose applicant is a foreigner: the documents of "
                       "foreign_applicant_documents come from their own country"),
            list_param("foreign_applicant_documents",
                       "registry ids of the documents a foreign applicant brings from their own country (their "
                       "criminal record, their passport)"),
            list_param("form_prefixes", "name beginnings of forms the applicant fills in, never a paper the government holds"),
            list_param("registration_form_prefixes",
                       "name beginnings of registration papers that are forms when the name also says "
                       "form_reference_words (\"Giấy đăng ký … theo Mẫu số 05\")"),
            list_param("form_reference_words", "words that point a registration paper at its form (\"mẫu\", \"phụ lục\")"),
            list_param("filled_form_words", "phrases of a demand's name that say the applicant filled it in (\"đã kê khai\")"),
            list_param("old_paper_words",
                       "words that, after another word of a demand's name, make it an old paper handed back "
                       "(\"Thẻ bảo hiểm y tế cũ\")"),
            list_param("already_issued_words",
                       "phrases of a demand's name that say the paper was already issued (\"đã cấp\"): in a "
                       "procedure that changes it, it is the paper handed in"),
            list_param("surrendered_words",
                       "phrases of a demand's name that make the paper itself the object: a damaged or "
                       "expired certificate handed back to be replaced")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    const rule_info& info = ctx.info();
    const std::optional<quiet> whole = procedure_reason(p, info);
    const procedure_traits traits = traits_of(ctx);
    const demand_words words(info);
    const auto government = government_test(ctx);
    const lexicon_detail::state_data& state = ctx.documents().lexicon_used().detail().state;
    for (std::uint32_t s : ctx.order()) {
      const step& st = p.steps[s];
      if (!st.by_applicant()) continue;
      for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) {
        const auto& d = st.requires_docs[i];
        const auto& id = ctx.required(s, i);
        const step* producer = producer_of(ctx, s, id.key);
        const agency* issuer = d.issued_by.empty() ? nullptr : ctx.catalog().find_agency(d.issued_by);
        localized_text reason;
        localized_text basis = principle_basis;
        if (producer) {
          reason = {fmt::format("bước {} của chính thủ tục này đã tạo ra giấy tờ này", producer->id),
                    fmt::format("step {} of this procedure produced it", producer->id)};
        } else if (d.issued_by == applicant_actor) {
          continue;  // the record says the applicant makes it
        } else if (government(d, id)) {
          std::tie(reason, basis) = held_reason(id, state);
        } else if (issuer != nullptr && issuer->kind == agency_kind::government) {
          reason = issued_reason(*issuer);
        } else {
          continue;
        }
        // A paper the state holds, left alone: the report says why.
        std::optional<quiet> q = whole ? whole : demand_reason(d, id, producer != nullptr, issuer, traits, words);
        if (q) {
          ctx.suppress(st.id, shown_label(d, id), q->code, q->why, d.location);
          continue;
        }
        suggestion sg{suggestion_kind::reuse_data, {}, {{st.id, i}}, {}, {}};
        ctx.report(std::move(sg), {st.id}, {shown_label(d, id)}, d.location, {{"reason", reason}, {"basis", basis}});
      }
    }
  }

 private:
  static procedure_traits traits_of(const rule_context& ctx) {
    const procedure& p = ctx.procedure();
    procedure_traits t;
    t.returning = text_says_any(p.name.vi, ctx.info().list("returning_procedure_words"));
    t.foreign_applicant = text_says_any(p.name.vi, ctx.info().list("foreign_applicant_procedure_words"));
    t.changing = text_says_any(p.name.vi, ctx.info().list("changing_procedure_words"));
    // What this procedure issues, asked for again in the original, is the
    // old one handed in to be replaced (a pass renewed while still valid).
    for (std::uint32_t s = 0; s < p.steps.size(); ++s)
      if (!p.steps[s].by_applicant())
        for (std::uint32_t j = 0; j < p.steps[s].produces_docs.size(); ++j) t.issued_here.insert(ctx.produced(s, j).key);
    return t;
  }

  /// Whether the government issued or holds a demanded document: the
  /// document index says so with the run's lexicon; government_prefixes,
  /// when set to other words than the lexicon's, decides for inline names
  /// without a registry entry.
  static std::function<bool(const document_demand&, const document_identity&)> government_test(
      const rule_context& ctx) {
    const name_rules& run = ctx.documents().rules();
    const auto& prefixes = lexicon_list(ctx.info(), "government_prefixes", &name_rules::government_prefixes, run);
    if (&prefixes == &run.government_prefixes || prefixes == run.government_prefixes)
      return [](const document_demand&, const document_identity& id) { return id.government_has; };
    auto own = std::make_shared<name_rules>(run);
    own->government_prefixes = prefixes;
    return [own](const document_demand& d, const document_identity& id) {
      if (id.entry) return id.government_has;
      return !d.name.empty() && government_name(d.name, *own);
    };
  }

  /// The earlier step of this procedure (one from which step `s` can be
  /// reached, not the applicant's) that produces `key`, if any.
  static const step* producer_of(const rule_context& ctx, std::uint32_t s, const std::string& key) {
    const procedure& p = ctx.procedure();
    for (std::uint32_t t = 0; t < p.steps.size(); ++t) {
      // What the applicant made in an earlier step is theirs to give.
      if (t == s || p.steps[t].by_applicant() || !ctx.reaches(t, s)) continue;
      for (std::uint32_t j = 0; j < p.steps[t].produces_docs.size(); ++j)
        if (ctx.produced(t, j).key == key) return &p.steps[t];
    }
    return nullptr;
  }

  /// A state body the record names as the paper's issuer.
  static localized_text issued_reason(const agency& issuer) {
    const std::string& vi = issuer.name.vi.empty() ? issuer.id : issuer.name.vi;
    const std::string& en = issuer.name.en.empty() ? vi : issuer.name.en;
    return {fmt::format("văn bản ghi giấy tờ do cơ quan nhà nước cấp ({})", vi),
            fmt::format("the record says a state body issued it ({})", en)};
  }

  /// Why the state holds the paper, and the act that lets the agency read
  /// it: the registry's `held_in` database, named with its keeper and its
  /// strongest act from state-data.yaml; else the issuer and the general rule.
  static std::pair<localized_text, localized_text> held_reason(const document_identity& id,
                                                               const lexicon_detail::state_data& state) {
    const std::string held = id.entry ? id.entry->held_in : std::string();
    if (const auto* db = held.empty() ? nullptr : state.database(held)) {
      localized_text reason =
          db->keeper.vi.empty()
              ? localized_text{fmt::format("{} đã lưu giữ", db->name.vi), fmt::format("the {} holds it", db->name.en)}
              : localized_text{fmt::format("{} đã lưu giữ ({})", db->name.vi, db->keeper.vi),
                               fmt::format("the {} holds it ({})", db->name.en, db->keeper.en)};
      const lexicon_detail::state_act* act = state.strongest_act(*db, id.entry->id);
      if (act == nullptr || act->condition == lexicon_detail::act_condition::principle)
        return {reason, principle_basis};
      if (act->condition == lexicon_detail::act_condition::none)
        return {reason,
                {fmt::format("{}, có hiệu lực từ {}: cơ quan tự khai thác {}", act->title.vi, act->in_force, db->name.vi),
                 fmt::format("{}, in force since {}: the agency reads the {}", act->title.en, act->in_force, db->name.en)}};
      return {reason,
              {fmt::format("{}, từ {}: cơ quan khai thác {} khi dữ liệu đã có hoặc đã kết nối, chỉ yêu cầu người "
                           "nộp khi chưa có",
                           act->title.vi, act->in_force, db->name.vi),
               fmt::format("{}, from {}: the agency reads the {} where the data is there or connected, and asks "
                           "the applicant only otherwise",
                           act->title.en, act->in_force, db->name.en)}};
    }
    std::string holder = !held.empty()                                  ? held
                         : id.entry && !id.entry->issued_by.empty() ? id.entry->issued_by
                                                                    : std::string();
    return {holder.empty() ? localized_text{"giấy tờ do cơ quan nhà nước cấp", "the government issues it"}
                           : localized_text{fmt::format("cơ quan nhà nước đã cấp hoặc lưu giữ ({})", holder),
                                            fmt::format("the government issued or holds it ({})", holder)},
            principle_basis};
  }

  /// Why the whole procedure is left alone: its demands rebuild a lost
  /// register, or are a complaint's case file.
  static std::optional<quiet> procedure_reason(const procedure& p, const rule_info& info) {
    if (text_says_any(p.name.vi, info.list("reregistration_words")))
      return quiet{"reregistration",
                   {"thủ tục đăng ký lại: giấy tờ nộp là để lập lại sổ đã mất",
                    "a re-registration: the papers rebuild what the register lost"}};
    if (text_says_any(p.name.vi, info.list("case_file_procedure_words")))
      return quiet{"case_file",
                   {"giải quyết khiếu nại, tố cáo: danh mục là hồ sơ vụ việc của cơ quan",
                    "a complaint or denunciation: the list is the agency's own case file"}};
    return std::nullopt;
  }

  /// Why a demand of a paper the state holds is not flagged, if it is not:
  /// its form or its own words, or what the procedure does with the paper.
  /// Its name is folded only for the demands that get this far.
  static std::optional<quiet> demand_reason(const document_demand& d, const document_identity& id, bool produced,
                                            const agency* issuer, const procedure_traits& traits,
                                            const demand_words& words) {
    if (contains(words.skip_forms, to_string(d.effective_form())))
      return quiet{"form", {"nộp dưới dạng điện tử hoặc tự khai: không tốn gì của người nộp",
                            "given electronically or as a declaration: it costs the applicant nothing"}};
    if (words.skip_shown && d.copies == 0)
      return quiet{"shown", {"chỉ xuất trình, không nộp", "only shown at the counter, not handed in"}};
    const std::string fname = fold_text(d.name);
    if (folded_says_any(fname, words.waivers) || text_says_any(d.note, words.waivers))
      return quiet{"waived", {"yêu cầu đã miễn khi cơ quan khai thác được dữ liệu",
                              "the demand already waives it when the data can be read"}};
    if (folded_says_any(fname, words.outside) || (issuer != nullptr && issuer->kind == agency_kind::private_sector))
      return quiet{"issuer", {"văn bản nêu cơ quan cấp nằm ngoài các cơ sở dữ liệu nhà nước",
                              "the text names an issuer outside the state's registers"}};
    if (traits.foreign_applicant && id.entry && contains(words.foreign_documents, id.entry->id))
      return quiet{"foreign_applicant", {"người nộp là người nước ngoài: giấy tờ do nước của họ cấp",
                                         "a foreign applicant's paper comes from their own country"}};
    const bool original = !produced && d.effective_form() == document_form::original;
    if (folded_says_any(fname, words.surrendered) ||
        (traits.changing && (demand_words::contains_any(fname, words.already_issued) || original)) ||
        (original && (traits.returning || traits.issued_here.count(id.key) > 0)))
      return quiet{"subject", {"thủ tục xử lý chính giấy tờ này (cấp đổi, gia hạn, thu hồi, trả lại)",
                               "the procedure is about this very paper (replaced, extended, revoked or returned)"}};
    if (words.filled_or_old(fname))
      return quiet{"form", {"mẫu người nộp tự điền, hoặc giấy cũ nộp lại",
                            "a form the applicant fills in, or an old paper handed back"}};
    return std::nullopt;
  }
};

/// A certified copy demanded where a plain copy, with the original shown,
/// or an electronic check would do.
class certified_copy final : public rule {
 public:
  std::string_view id() const noexcept override { return "certified-copy"; }
  std::vector<param_spec> parameters() const override {
    return {lexicon_list_param("certified_copy_words", name_rules::defaults().certified_copy_words,
                               "phrases in a document's name that mean a certified copy"),
            lexicon_list_param("copy_words", name_rules::defaults().copy_words,
                               "phrases in a document's name that mean a plain copy"),
            text_param("relaxed_form", "the form to accept instead (copy or electronic)", {"copy", "electronic"}),
            list_param("postal_words",
                       "phrases of a demand's name that make it the postal channel's: by post the original "
                       "cannot be shown, so the certified copy is how the request proves it")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    auto relaxed = parse_document_form(ctx.info().text("relaxed_form")).value_or(document_form::copy);
    // The rule's own words (the run's lexicon's unless set): the name is
    // read now, not as the loader read it.
    const name_rules& run = ctx.documents().rules();
    const auto& certified_words = lexicon_list(ctx.info(), "certified_copy_words", &name_rules::certified_copy_words, run);
    const auto& copy_words = lexicon_list(ctx.info(), "copy_words", &name_rules::copy_words, run);
    std::optional<name_rules> own;
    if (&certified_words != &run.certified_copy_words || &copy_words != &run.copy_words) {
      own = run;
      own->certified_copy_words = certified_words;
      own->copy_words = copy_words;
    }
    const name_rules& names = own ? *own : run;
    for (std::uint32_t s : ctx.order()) {
      const step& st = p.steps[s];
      if (!st.by_applicant()) continue;
      for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) {
        const auto& d = st.requires_docs[i];
        bool certified = d.form ? *d.form == document_form::certified_copy
                                : (!d.name.empty() && form_in_name(d.name, names) == document_form::certified_copy);
        if (!certified || text_says_any(d.name, ctx.info().list("postal_words"))) continue;
        const auto& id = ctx.required(s, i);
        suggestion sg{suggestion_kind::relax_form, {}, {{st.id, i}}, relaxed, {}};
        std::string form(to_string(relaxed));
        ctx.report(std::move(sg), {st.id}, {shown_label(d, id)}, d.location, {{"form", {form, form}}});
      }
    }
  }
};

/// The applicant carrying papers between agencies: an applicant step that
/// takes a document an agency produced to a different agency.
class papers_carried final : public rule {
 public:
  std::string_view id() const noexcept override { return "papers-carried"; }
  std::vector<param_spec> parameters() const override {
    return {text_param("new_location",
                       "where the hand-over goes instead: online (agency to agency) or one_stop_centre",
                       {"online", "one_stop_centre"})};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    for (std::uint32_t s : ctx.order()) {
      const step& st = p.steps[s];
      if (!st.by_applicant() || st.channel == channel::online) continue;
      for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) {
        const auto& id = ctx.required(s, i);
        const step* from = nullptr;
        for (std::uint32_t t = 0; t < p.steps.size() && !from; ++t) {
          if (p.steps[t].by_applicant() || !ctx.reaches(t, s)) continue;
          for (std::uint32_t j = 0; j < p.steps[t].produces_docs.size(); ++j)
            if (ctx.produced(t, j).key == id.key) from = &p.steps[t];
        }
        if (!from) continue;
        const step* to = nullptr;
        for (std::uint32_t v : ctx.successors(s))
          if (!p.steps[v].by_applicant() && p.steps[v].actor != from->actor) to = &p.steps[v];
        if (!to) continue;
        suggestion sg{suggestion_kind::single_window, {st.id}, {}, {}, ctx.info().text("new_location")};
        ctx.report(std::move(sg), {st.id}, {id.label}, st.location,
                   {{"from", actor_name(ctx, from->actor)}, {"to", actor_name(ctx, to->actor)}});
        break;
      }
    }
  }
};

}  // namespace

void register_document_rules(rule_set& set) {
  set.add(std::make_shared<duplicate_demand>());
  set.add(std::make_shared<once_only>());
  set.add(std::make_shared<certified_copy>());
  set.add(std::make_shared<papers_carried>());
}

}  // namespace redtape::rules
