// Rules on the documents demanded from the applicant: demanded twice,
// already held by the government, certified copies, papers carried between
// agencies.
#include <map>
#include <set>

#include <fmt/format.h>

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
    return {flag_param("within_step", false,
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

/// A document demanded from the applicant that the government issued or
/// holds, or that an earlier step of the same procedure produced.
class once_only final : public rule {
 public:
  std::string_view id() const noexcept override { return "once-only"; }
  std::vector<param_spec> parameters() const override {
    return {list_param("government_prefixes", name_rules::defaults().government_prefixes,
                       "name beginnings of documents the government issues or holds (inline names)"),
            list_param("skip_forms", {"electronic", "declaration"},
                       "forms that cost the applicant nothing to give, not flagged", form_names()),
            flag_param("skip_shown", true, "leave out papers only shown at the counter (copies: 0)"),
            list_param("waiver_words", {"không thể khai thác", "không khai thác được", "chưa khai thác được", "không thể kiểm tra được thông tin", "không có dữ liệu điện tử", "không có dữ liệu", "chưa có dữ liệu", "chưa được cập nhật", "đã được lưu trữ tại cơ sở dữ liệu", "đã được tích hợp", "thì không cần nộp", "thì không phải nộp", "không phải xuất trình", "không phải cung cấp", "trường hợp không kết nối", "không thể tra cứu", "chưa được tích hợp", "chưa được kết nối", "chưa kết nối", "khai thác thông qua kết nối", "kết nối, chia sẻ"},
                       "phrases of a demand's name or note that already waive it when the data can be "
                       "obtained (\"không thể khai thác được thông tin\")"),
            list_param("outside_issuer_words", {"nước ngoài cấp", "của nước ngoài", "cơ quan có thẩm quyền nước ngoài", "cơ quan có thẩm quyền của nước", "nước xuất khẩu", "nước xuất xứ", "tổ chức quốc tế", "bộ quốc phòng", "quân đội", "quân sự", "cơ sở đào tạo", "cơ sở giáo dục", "trường đại học", "cơ sở y tế", "bệnh viện", "của doanh nghiệp", "của công ty", "của tổ chức tín dụng", "của nhà đầu tư", "của chủ đầu tư", "của chủ hồ sơ", "của người sử dụng lao động", "hội đồng quản trị", "hội đồng thành viên", "đại hội đồng cổ đông", "nội bộ", "tổ chức chứng nhận", "tổ chức đánh giá sự phù hợp", "tự công bố", "của đơn vị đề nghị", "của cơ sở", "tổ chức tôn giáo", "thời gian công tác", "nơi công tác", "trung tâm trọng tài", "người nước ngoài", "thị thực", "đảng viên", "đoàn viên", "bản dịch", "người không quốc tịch", "hợp chuẩn", "hợp quy", "phù hợp tiêu chuẩn", "phù hợp quy chuẩn", "chứng nhận xuất xứ", "về việc cử giám đốc", "cử luật sư", "cử trưởng chi nhánh", "cử giám đốc", "thôi việc", "bên vay nước ngoài", "đơn vị tổ chức", "giấy mời", "nơi người được đề nghị", "của cơ quan, tổ chức nơi", "liên đoàn luật sư", "đoàn luật sư", "tập sự hành nghề luật sư", "trúng tuyển", "lưu hành tự do", "cfs", "chứng nhận chất lượng", "nhà sản xuất", "tổ chức chủ quản", "sa thải", "khóa đào tạo", "khoá đào tạo", "kết quả thi", "học viên", "lớp bồi dưỡng", "bồi dưỡng nghiệp vụ"},
                       "phrases of a demand's name that put its issuer outside the state's registers "
                       "(a foreign authority, the army, a school, the applicant's own organisation)"),
            list_param("reregistration_words", {"đăng ký lại"},
                       "words of a procedure's name for re-registering what the register lost (Decree "
                       "123/2015/NĐ-CP, Art. 24–27): the papers demanded are what rebuilds it"),
            list_param("changing_procedure_words",
                       {"biến động", "cấp đổi", "cấp lại", "đính chính", "chuyển nhượng", "chuyển quyền", "thay đổi",
                        "điều chỉnh", "gia hạn", "xóa đăng ký", "xóa ghi nợ", "xoá ghi nợ", "chuyển đổi"},
                       "words of a procedure's name that change, extend or replace a paper already issued: the paper "
                       "named \"đã cấp\" (already issued), or demanded in the original, is handed in to be "
                       "endorsed or replaced"),
            list_param("returning_procedure_words", {"thu hồi", "trả lại"},
                       "words of a procedure's name that take back a paper (revoking it, returning it): the "
                       "original demanded is the paper itself"),
            list_param("case_file_procedure_words", {"giải quyết khiếu nại", "giải quyết tố cáo"},
                       "words of a procedure's name whose document list is the agency's own case file (the "
                       "decisions and reports of a complaint), not papers the applicant hands in"),
            list_param("foreign_applicant_procedure_words",
                       {"luật sư nước ngoài", "cho người nước ngoài", "của người nước ngoài",
                        "người nước ngoài nhận", "nuôi con nuôi có yếu tố nước ngoài", "nhà đầu tư nước ngoài"},
                       "words of a procedure's name whose applicant is a foreigner: their criminal record and "
                       "passport come from their own country"),
            list_param("form_prefixes", {"giấy đăng ký kiểm tra", "giấy đăng ký kiểm dịch", "giấy đăng ký dự thi", "giấy đề nghị", "tờ khai", "đơn"},
                       "name beginnings of forms the applicant fills in, never a paper the government holds"),
            list_param("surrendered_words", {"bị hỏng", "bị hư hỏng", "hư hỏng", "bị rách", "nộp lại", "để thu hồi", "giấy phép cũ", "giấy chứng nhận cũ", "hộ chiếu cũ", "thẻ cũ", "bị sáp nhập", "đã hết hạn", "hết hiệu lực", "bị sai sót", "có sai sót", "cần điều chỉnh", "đề nghị cấp đổi", "để đổi", "bản gốc giấy chứng nhận", "thu bản chính", "để cơ quan thẩm quyền xác nhận"},
                       "phrases of a demand's name that make the paper itself the object: a damaged or "
                       "expired certificate handed back to be replaced")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    if (text_says_any(p.name.vi, ctx.info().list("reregistration_words")) ||
        text_says_any(p.name.vi, ctx.info().list("case_file_procedure_words")))
      return;
    const bool returning = text_says_any(p.name.vi, ctx.info().list("returning_procedure_words"));
    const bool foreign_applicant = text_says_any(p.name.vi, ctx.info().list("foreign_applicant_procedure_words"));
    // What this procedure issues, asked for again in the original, is the
    // old one handed in to be replaced (a pass renewed while still valid).
    std::set<std::string> issued_here;
    for (std::uint32_t t = 0; t < p.steps.size(); ++t)
      if (!p.steps[t].by_applicant())
        for (std::uint32_t j = 0; j < p.steps[t].produces_docs.size(); ++j)
          issued_here.insert(ctx.produced(t, j).key);
    const bool changing = text_says_any(p.name.vi, ctx.info().list("changing_procedure_words"));
    const auto& skip = ctx.info().list("skip_forms");
    const bool skip_shown = ctx.info().flag("skip_shown");
    const auto& waivers = ctx.info().list("waiver_words");
    const auto& outside = ctx.info().list("outside_issuer_words");
    const auto& surrendered = ctx.info().list("surrendered_words");
    std::vector<std::string> form_prefixes;
    for (const auto& prefix : ctx.info().list("form_prefixes")) form_prefixes.push_back(fold_text(prefix));
    // A form the applicant fills in, or an old card handed back ("Thẻ bảo
    // hiểm y tế cũ"): nothing a register could give instead. `f` is the
    // folded name.
    auto filled_or_old = [&](const std::string& f) {
      if (f.empty()) return false;
      if (f.ends_with(" cũ") || f.find(" cũ ") != std::string::npos || f.find(" cũ,") != std::string::npos ||
          f.find(" cũ)") != std::string::npos)
        return true;
      std::string_view t = f;
      while (!t.empty() && (t.front() == '-' || t.front() == ' ' || t.front() == '+')) t.remove_prefix(1);
      // A registration paper "theo Phụ lục 1"/"theo Mẫu số 05", or one the
      // applicant "đã kê khai" (has filled in): a form.
      if (f.find("đã kê khai") != std::string::npos) return true;
      if (t.starts_with("giấy đăng ký") && (t.find("phụ lục") != std::string::npos || t.find("mẫu") != std::string::npos))
        return true;
      return std::any_of(form_prefixes.begin(), form_prefixes.end(), [&](const std::string& prefix) {
        return t.starts_with(prefix) && (t.size() == prefix.size() || t[prefix.size()] == ' ');
      });
    };
    for (std::uint32_t s : ctx.order()) {
      const step& st = p.steps[s];
      if (!st.by_applicant()) continue;
      for (std::uint32_t i = 0; i < st.requires_docs.size(); ++i) {
        const auto& d = st.requires_docs[i];
        if (contains(skip, to_string(d.effective_form()))) continue;
        if (skip_shown && d.copies == 0) continue;
        const auto& id = ctx.required(s, i);
        // Produced earlier in this procedure?
        const step* producer = nullptr;
        for (std::uint32_t t = 0; t < p.steps.size() && !producer; ++t) {
          // What the applicant made in an earlier step is theirs to give.
          if (t == s || p.steps[t].by_applicant() || !ctx.reaches(t, s)) continue;
          for (std::uint32_t j = 0; j < p.steps[t].produces_docs.size(); ++j)
            if (ctx.produced(t, j).key == id.key) producer = &p.steps[t];
        }
        localized_text reason;
        if (producer) {
          reason = {fmt::format("bước {} của chính thủ tục này đã tạo ra giấy tờ này", producer->id),
                    fmt::format("step {} of this procedure produced it", producer->id)};
        } else if (id.government_has) {
          std::string holder = id.entry && !id.entry->held_in.empty()   ? id.entry->held_in
                               : id.entry && !id.entry->issued_by.empty() ? id.entry->issued_by
                                                                          : std::string();
          reason = holder.empty()
                       ? localized_text{"giấy tờ do cơ quan nhà nước cấp", "the government issues it"}
                       : localized_text{fmt::format("cơ quan nhà nước đã cấp hoặc lưu giữ ({})", holder),
                                        fmt::format("the government issued or holds it ({})", holder)};
        } else {
          continue;
        }
        // The demand's own words may rule it out; its name is folded only
        // for the demands about to be reported.
        const std::string fname = fold_text(d.name);
        if (folded_says_any(fname, waivers) || text_says_any(d.note, waivers) || folded_says_any(fname, outside) ||
            folded_says_any(fname, surrendered) || filled_or_old(fname) ||
            (changing && (fname.find("đã cấp") != std::string::npos || fname.find("đã được cấp") != std::string::npos ||
                          (!producer && d.effective_form() == document_form::original))) ||
            (!producer && d.effective_form() == document_form::original &&
             (returning || issued_here.count(id.key) > 0)) ||
            (foreign_applicant && id.entry &&
             (id.entry->id == "criminal_record_certificate" || id.entry->id == "passport")))
          continue;
        suggestion sg{suggestion_kind::reuse_data, {}, {{st.id, i}}, {}, {}};
        ctx.report(std::move(sg), {st.id}, {shown_label(d, id)}, d.location, {{"reason", reason}});
      }
    }
  }
};

/// A certified copy demanded where a plain copy, with the original shown,
/// or an electronic check would do.
class certified_copy final : public rule {
 public:
  std::string_view id() const noexcept override { return "certified-copy"; }
  std::vector<param_spec> parameters() const override {
    return {list_param("certified_copy_words", name_rules::defaults().certified_copy_words,
                       "phrases in a document's name that mean a certified copy"),
            list_param("copy_words", name_rules::defaults().copy_words,
                       "phrases in a document's name that mean a plain copy"),
            text_param("relaxed_form", "copy", "the form to accept instead (copy or electronic)",
                       {"copy", "electronic"}),
            list_param("postal_words", {"qua bưu điện", "qua bưu chính", "qua dịch vụ bưu chính"},
                       "phrases of a demand's name that make it the postal channel's: by post the original "
                       "cannot be shown, so the certified copy is how the request proves it")};
  }
  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    auto relaxed = parse_document_form(ctx.info().text("relaxed_form")).value_or(document_form::copy);
    const name_rules& names = ctx.documents().rules();
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
    return {text_param("new_location", "online",
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
