// build_record's steps: the skeleton every case shares, who does each step,
// the channel and place of the applicant's visits, and what one agency step
// hands the next.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "import/build/record_state.hpp"

namespace redtape::importer::record_steps {

namespace {

/// Who does an agency step that names no body.
struct step_actors {
  std::string deciding;  ///< decides, signs and issues
  std::string working;   ///< does the rest
};

/// A step naming no body: the one-stop desk receives and returns; the body
/// with the authority (co_quan_co_tham_quyen) decides, signs and issues
/// when it is not the one that performs; the performing body does the rest.
step_actors actors_of(record_state& st) {
  const raw_record& r = st.r;
  const std::string& main_agency = st.main_agency;
  std::string deciding = main_agency;
  if (const auto named = pt::split_agencies(r.authority); !named.empty() && !pt::split_agencies(r.performing).empty())
    deciding = add_agency(st.b, named.front());
  // When the portal names a person as the performer ("Chủ tịch ủy ban nhân
  // dân cấp tỉnh"), the person decides; the steps before the decision are
  // the work of the specialised body that advises them (Law on Local
  // Government Organisation 2025: cơ quan chuyên môn tham mưu).
  std::string working = main_agency;
  if (!st.performing.empty()) {
    const std::string head = pt::fold(st.performing.front());
    if (pt::cues("deciding-persons").starts(head)) {
      deciding = main_agency;
      working = add_agency(st.b, fmt::format("Cơ quan chuyên môn tham mưu cho {}", head), true);
    }
  }
  return {deciding, working};
}

bool decision(std::string_view action) { return action == "approve" || action == "sign" || action == "issue"; }

/// Who does an agency step: the body its text names as the subject; the
/// one-stop desk for receiving and returning when no body is named (Decree
/// 61/2018/NĐ-CP, Art. 7); else the procedure's agency.
std::string actor_of(record_state& st, const step_actors& who, const pt::step_text& p,
                     const pt::step_subject& subject) {
  if (subject.one_stop || (subject.receiving && (p.action == "receive" || p.action == "check")) ||
      ((subject.name.empty() || subject.generic || subject.receiving) && pt::desk_routine(p.title)))
    return st.desk = add_agency(st.b, std::string(one_stop_desk_name));
  if (subject.generic || subject.receiving) return decision(p.action) ? who.deciding : who.working;
  if (!subject.name.empty()) return add_agency(st.b, subject.name);
  return decision(p.action) ? who.deciding : who.working;
}

/// submit → process → collect, when the steps cannot be read.
std::vector<redtape::step> default_steps(const std::string& main_agency) {
  redtape::step submit;
  submit.id = "submit";
  submit.name = {"Nộp hồ sơ", "File the dossier"};
  submit.actor = applicant_actor;
  submit.action = "submit";
  redtape::step process;
  process.id = "process";
  process.name = {"Tiếp nhận, giải quyết hồ sơ", "Receive and decide the application"};
  process.actor = main_agency;
  process.action = "process";
  redtape::step collect;
  collect.id = "collect";
  collect.name = {"Nhận kết quả", "Collect the result"};
  collect.actor = applicant_actor;
  collect.action = "collect";
  return {submit, process, collect};
}

/// One skeleton step per "Bước N", or the default shape with a note why.
void steps_as_written(record_state& st, const step_actors& who) {
  const raw_record& r = st.r;
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  std::vector<pt::step_text>& parsed = st.parsed;
  skeleton& sk = st.sk;
  // "Bước 1: Đối với người tham gia …", "Bước 2: Đối với cơ sở …": what
  // each party does, not steps one after another.
  const pt::cue_list& per_party_openings = pt::cues("per-party-openings");
  const bool per_party = std::count_if(parsed.begin(), parsed.end(), [&](const pt::step_text& p) {
                           return per_party_openings.starts(pt::fold(p.title));
                         }) >= 2;
  if (per_party) {
    warn(F.steps, "steps-per-party",
         "the \"Bước N\" say what each party or case does (\"Đối với …\"), not steps in order; the default shape is used",
         "các \"Bước N\" nêu việc của từng bên hoặc trường hợp (\"Đối với …\"), không phải các bước nối tiếp; dùng "
         "trình tự mặc định",
         severity::note);
    parsed.clear();
  }
  if (parsed.size() >= 2) {
    for (const auto& p : parsed) {
      redtape::step s;
      s.id = fmt::format("step_{}", p.number);
      s.name.vi = p.title;
      const pt::step_subject subject = p.by_applicant ? pt::step_subject{} : pt::subject_of_step(p.text);
      s.actor = p.by_applicant ? std::string(applicant_actor) : actor_of(st, who, p, subject);
      s.action = p.action;
      if (subject.applicant) {
        // The opening words looked like the agency's ("Trong thời hạn …",
        // "Trước 30 ngày …"); the subject is the applicant.
        s.actor = applicant_actor;
        s.action = pt::action_of(p.text, true);
      }
      sk.steps.push_back(std::move(s));
    }
  } else {
    if (per_party) {
      // Said above (steps-per-party).
    } else if (!pt::no_information(r.steps)) {
      warn(F.steps, "steps-default",
           "no \"Bước N\" markers in the steps; the default shape submit → process → collect is used",
           "trình tự không có các mốc \"Bước N\"; dùng trình tự mặc định nộp → giải quyết → nhận kết quả",
           severity::note);
    } else {
      warn(F.steps, "steps-missing", "no steps given; the default shape submit → process → collect is used",
           "không có trình tự thực hiện; dùng trình tự mặc định nộp → giải quyết → nhận kết quả", severity::note);
    }
    sk.steps = default_steps(st.main_agency);
  }
}

/// The applicant's filing step, added when the steps have none.
void filing_step(record_state& st) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  std::vector<pt::step_text>& parsed = st.parsed;
  skeleton& sk = st.sk;
  // The applicant's filing step: where the documents are demanded.
  std::optional<std::size_t> submit;
  for (std::size_t i = 0; i < sk.steps.size() && !submit; ++i)
    if (sk.steps[i].by_applicant() && sk.steps[i].action == "submit") submit = i;
  if (!submit)
    for (std::size_t i = 0; i < sk.steps.size() && !submit; ++i)
      if (sk.steps[i].by_applicant() && sk.steps[i].action != "collect" && sk.steps[i].action != "prepare" &&
          sk.steps[i].action != "pay")
        submit = i;
  if (!submit) {
    // The portal's steps start at the agency: the applicant still files.
    std::size_t at = 0;
    while (at < sk.steps.size() && sk.steps[at].by_applicant() && sk.steps[at].action == "prepare") ++at;
    redtape::step s;
    s.id = "submit";
    s.name = {"Nộp hồ sơ", "File the dossier"};
    s.actor = applicant_actor;
    s.action = "submit";
    sk.steps.insert(sk.steps.begin() + static_cast<std::ptrdiff_t>(at), s);
    submit = at;
    parsed.insert(parsed.begin() + static_cast<std::ptrdiff_t>(std::min(at, parsed.size())), pt::step_text{});
    warn(F.steps, "steps-submit-added", "the steps name no filing by the applicant; a submit step was added",
         "trình tự không có bước nộp hồ sơ của người yêu cầu; đã thêm bước nộp hồ sơ", severity::note);
  }
  sk.submit = *submit;
}

/// An agency's step that decides, added when no step has one.
void deciding_step(record_state& st) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  std::vector<pt::step_text>& parsed = st.parsed;
  skeleton& sk = st.sk;
  const std::string& desk = st.desk;
  const std::string& main_agency = st.main_agency;
  // An agency must decide: the one-stop desk only receives and returns.
  if (std::none_of(sk.steps.begin(), sk.steps.end(),
                   [&](const redtape::step& s) { return !s.by_applicant() && s.actor != desk; })) {
    redtape::step p;
    p.id = "process";
    p.name = {"Tiếp nhận, giải quyết hồ sơ", "Receive and decide the application"};
    p.actor = main_agency;
    p.action = "process";
    // Before the desk returns the result or the applicant collects it, else at the end.
    std::size_t at = sk.steps.size();
    for (std::size_t i = sk.submit + 1; i < sk.steps.size(); ++i)
      if (sk.steps[i].action == "collect" || (sk.steps[i].actor == desk && sk.steps[i].action != "receive" &&
                                              sk.steps[i].action != "check")) {
        at = i;
        break;
      }
    sk.steps.insert(sk.steps.begin() + static_cast<std::ptrdiff_t>(at), p);
    parsed.insert(parsed.begin() + static_cast<std::ptrdiff_t>(std::min(at, parsed.size())), pt::step_text{});
    warn(F.steps, "steps-agency-added", "the steps name no agency work; a process step was added",
         "trình tự không có bước nào của cơ quan; đã thêm bước giải quyết hồ sơ", severity::note);
  }
}

}  // namespace

void step_skeleton(record_state& st) {
  const step_actors who = actors_of(st);
  steps_as_written(st, who);
  filing_step(st);
  deciding_step(st);
  skeleton& sk = st.sk;
  st.parsed.resize(sk.steps.size());
  // Linear order, written explicitly.
  for (std::size_t i = 0; i < sk.steps.size(); ++i) {
    sk.steps[i].after_given = true;
    if (i > 0) sk.steps[i].after = {sk.steps[i - 1].id};
  }
}

void visit_places(record_state& st) {
  const raw_record& r = st.r;
  const std::vector<pt::channel_row>& rows = st.rows;
  const std::vector<pt::step_text>& parsed = st.parsed;
  const std::string& title = st.title;
  const redtape::channel step_channel = st.step_channel;
  skeleton& sk = st.sk;
  std::string texts;
  for (const auto& row : rows)
    if (row.channel == redtape::channel::in_person) texts += row.description + "\n";
  if (sk.submit < parsed.size()) texts += parsed[sk.submit].text;
  texts += "\n" + r.address;
  const std::string f = pt::fold(pt::clean_space(texts));
  std::string location;
  // An examination, a recruitment or an admission is sat in person where
  // it is held, and biometrics are captured where the equipment is: the
  // place is the substance, not a channel the one-stop desk could offer
  // instead. Its place is left unsaid.
  // Identity cards and passports too: fingerprints, face and iris are
  // captured where the equipment is (sat-in-person-titles).
  const bool sat_in_person = pt::cues("sat-in-person-titles").in(pt::fold(title));
  if (pt::cues("one-stop-places").in(f)) location = "one_stop_centre";
  else if (pt::cues("agency-office-places").in(f) && !sat_in_person) location = "agency";
  for (std::size_t i = 0; i < sk.steps.size(); ++i) {
    auto& s = sk.steps[i];
    if (!s.by_applicant() || s.action == "prepare") continue;
    s.channel = step_channel;
    // A step of its own that offers the post or the portal ("Nhận kết quả
    // trực tiếp … hoặc trả qua dịch vụ bưu chính") is not in person only.
    if (s.channel == redtape::channel::in_person && i < parsed.size() &&
        pt::cues("remote-channel-words").in(pt::fold(parsed[i].text)))
      s.channel = redtape::channel::any;
    if (s.channel == redtape::channel::in_person || s.channel == redtape::channel::any) s.location_kind = location;
  }
}

// What one agency step hands the next. "Trong thời hạn 15 ngày kể từ
// ngày nhận được kết luận của đoàn đánh giá, cơ quan chỉ định …": the later
// step works on what the earlier made (a conclusion, an opinion, a report),
// so the earlier produces it and the later requires it. Without this the
// portal's pipelines would read as reviews that could run side by side.
void handoffs(record_state& st) {
  const std::vector<pt::step_text>& parsed = st.parsed;
  skeleton& sk = st.sk;
  for (std::size_t i = 1; i < sk.steps.size() && i < parsed.size(); ++i) {
    auto& later = sk.steps[i];
    auto& earlier = sk.steps[i - 1];
    if (later.by_applicant() || earlier.by_applicant() || parsed[i].text.empty()) continue;
    const std::string f = pt::fold(pt::clean_space(pt::prefix(parsed[i].text, 600)));
    const std::string e = pt::fold(pt::clean_space(pt::prefix(parsed[i - 1].text, 600)));
    // The earlier step hands its work on ("trình Chủ tịch", "giao cơ quan …
    // chủ trì", "chuyển hồ sơ cho"), or asks for opinions the later weighs.
    const bool uses = earlier.action == "consult" || pt::cues("handing-on").first_as_written(" " + e + " ") ||
                      pt::cues("using-earlier").in(f);
    if (!uses) continue;
    document_demand made;
    made.name = fmt::format("{}{} ({})", handover_prefix, earlier.id, pt::shorten(earlier.name.vi, 80));
    made.note = "chuyển cho bước sau (handed to the next step)";
    earlier.produces_docs.push_back(made);
    later.requires_docs.push_back(std::move(made));
  }
}

}  // namespace redtape::importer::record_steps
