#include "import/portal/steps.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/cues.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

bool applicant_words(std::string_view head) {
  const std::string folded = fold(clean_space(head));
  std::string_view f = prefix(folded, 400);
  f = strip_list_marker(f);
  // "Trường hợp người đại diện … thực hiện …": the subject follows.
  if (f.starts_with("trường hợp ")) f.remove_prefix("trường hợp "sv.size());
  // "Trong thời hạn 01 ngày làm việc, kể từ ngày nhận được hồ sơ khai báo, Cơ
  // quan kiểm dịch…": who acts comes after the time clause. With nobody
  // named after it, a time limit is the agency's.
  bool time_clause = false;
  if (cues("clause-openings").starts(f)) {
    time_clause = cues("time-limit-openings").starts(f);
    std::size_t comma = f.find(", ");
    // "…kể từ ngày nhận được hồ sơ, Cơ quan…": the last comma of the clause
    // before a capitalised subject is not known after folding; take the
    // comma after which a subject or a verb starts.
    while (comma != npos) {
      if (!cues("clause-continuations").starts(f.substr(comma + 2))) break;
      comma = f.find(", ", comma + 2);
    }
    if (comma != npos) f = f.substr(comma + 2);
  }
  const std::size_t strong = cues("applicant-acts").earliest(f);
  const std::size_t weak = cues("applicant-acts-weak").earliest(f);
  // "có nhu cầu cấp đổi Giấy phép", "đề nghị cấp…", "xin cấp…": the agency's
  // verb is what the applicant asks for, not what happens in this step.
  const std::size_t agency = cues("agency-verbs").earliest(f);
  const bool agency_subject = cues("agency-subjects").starts(f);
  const bool applicant_subject = cues("applicant-subjects").starts(f);
  if (strong != npos && strong < agency) return true;
  if (weak != npos && weak < agency && !agency_subject) return true;
  // "Tổ chức tín dụng … lập hồ sơ … gửi Ngân hàng Nhà nước".
  if (applicant_subject && !agency_subject && (strong != npos || weak != npos)) return true;
  if (agency != npos) return false;
  if (time_clause && !applicant_subject) return false;
  return applicant_subject && !agency_subject;
}

namespace {

/// The applicant's action from a step's folded opening words: submit, pay,
/// collect or prepare, whichever the step names first.
std::string applicant_action(std::string_view f) {
  const std::size_t submit = cues("applicant-submits").earliest(f);
  const std::size_t pay = cues("applicant-pays").earliest(f);
  const std::size_t collect = cues("applicant-collects").earliest(f);
  const std::size_t prepare = cues("applicant-prepares").earliest(f);
  const std::size_t best = std::min({submit, pay, collect, prepare});
  if (best == npos) return "submit";
  if (best == prepare) {
    // "Chuẩn bị hồ sơ và nộp …": the step that hands the dossier in.
    if (submit != npos || cues("applicant-hands-in").in(f)) return submit != npos || pay == npos ? "submit" : "pay";
    return "prepare";
  }
  if (best == submit) return "submit";
  if (best == pay) return submit != npos ? "submit" : "pay";
  return "collect";
}

/// Whether a step that tells the applicant something, `f` from "thông
/// báo", tells them when and where to be for an inspection or an
/// evaluation; not when the result comes back ("thông báo … thời gian trả
/// kết quả").
bool tells_when_to_come(std::string_view f) {
  return !cues("result-time-words").first_as_written(f) && cues("schedule-words").first_as_written(f);
}

/// The action of an agency's step whose first cue, `action`, is at `best` in
/// `f` (the first 400 bytes of `folded`), as the rest of its words refine it:
/// checking completeness is receiving, telling when to come is notifying,
/// reviewing into a decision is approving.
std::string_view refined_action(std::string_view folded, std::string_view f, std::size_t best,
                                std::string_view action) {
  // Checking that the dossier is complete is part of receiving it (Decree
  // 61/2018/NĐ-CP, Art. 19), not a review that could run beside another.
  if (best != npos && cues("completeness-checks").earliest(f) < best + 160 &&
      (action == "check" || action == "verify" || action == "appraise" || action == "notify") &&
      cues("appraisal-verbs").earliest(f) > best + 160)
    action = "receive";
  // "… và thông báo cho chủ hàng về thời gian, địa điểm để tiến hành kiểm
  // dịch": the step ends by telling the applicant when to come; what
  // follows waits on them.
  if (action != "notify" && best != npos) {
    const std::string_view whole = prefix(folded, 1200);
    const std::size_t tell = cues("notice-verbs").earliest(whole);
    if (tell != npos && tells_when_to_come(prefix(whole.substr(tell), 120))) action = "notify";
    // "… có văn bản yêu cầu quỹ tín dụng nhân dân …": the applicant must act next.
    if (cues("request-letters").in(prefix(whole, 400))) action = "notify";
  }
  // "Xem xét, quyết định": the step ends in the decision, unless what is
  // decided is only drafted or put forward ("trình phê duyệt").
  if (action == "appraise" && best != npos) {
    const std::size_t decide = cues("decision-verbs").earliest(f);
    if (decide != npos && decide < best + 40 && !cues("decision-drafts").ends(f.substr(0, decide)))
      action = "approve";
  }
  return action;
}

}  // namespace

std::string action_of(std::string_view head, bool by_applicant) {
  const std::string folded = fold(clean_space(head));
  std::string_view f = prefix(folded, 400);
  if (by_applicant) return applicant_action(f);
  // The agency's first verb names the action; its exceptions are the words
  // that make it no verb: "đăng ký", a level ("cấp tỉnh"), who receives
  // ("cơ quan tiếp nhận").
  const auto verb = cues("agency-actions").first(f);
  return std::string(refined_action(folded, f, verb.at, verb ? std::string_view(verb.what->value) : "process"));
}

bool desk_routine(std::string_view head) {
  const std::string folded = fold(clean_space(head));
  std::string_view f = strip_list_marker(folded);
  return cues("desk-routines").starts(f) && !cues("agency-work").first_as_written(f);
}


namespace {

/// The spellings of the step marker as the portal writes it. A constant, not
/// a cue list: the marker is matched in the text as written, before any
/// folding, and only in these letter cases ("BƯớC" is no marker).
constexpr std::string_view step_marker_spellings[] = {"Bước", "bước", "BƯỚC", "BướC"};

/// "Bước 3" at `at` in `s` (any case): its number and where the text after
/// the marker starts.
bool step_marker_at(std::string_view s, std::size_t at, unsigned& number, std::size_t& text_start) {
  std::size_t k = npos;
  for (auto w : step_marker_spellings)
    if (s.substr(at).starts_with(w)) {
      k = at + w.size();
      break;
    }
  if (k == npos) return false;
  while (k < s.size() && s[k] == ' ') ++k;
  unsigned n = 0;
  std::size_t d = k;
  while (d < s.size() && is_digit(s[d]) && d - k < 2) n = n * 10 + static_cast<unsigned>(s[d++] - '0');
  if (d == k || (d < s.size() && is_digit(s[d]))) return false;
  std::size_t e = d;
  while (e < s.size() && s[e] == ' ') ++e;
  if (e < s.size() && (s[e] == ':' || s[e] == '.' || s[e] == ')' || s[e] == '-' || s[e] == ',')) ++e;
  else if (e == d && e < s.size() && s[e] != '\n') return false;  // "Bước 1a"
  number = n;
  text_start = e;
  return true;
}

/// Whether `at` starts a line, allowing list markers before it ("- Bước 1",
/// "a) Bước 1.", "+ Bước 2") or a sentence end (". Bước 2").
bool at_line_start(std::string_view s, std::size_t at) {
  std::size_t line = s.rfind('\n', at == 0 ? 0 : at - 1);
  line = line == npos || at == 0 ? 0 : line + 1;
  if (at == 0) return true;
  const auto before = s.substr(line, at - line);
  if (trim(before).empty()) return true;
  if (list_marker_length(before) >= before.size()) return true;
  const auto t = trim(before);
  return !t.empty() && (t.back() == '.' || t.back() == ';') && at - line > 0;
}

}  // namespace

std::vector<step_text> parse_steps(std::string_view raw, const time_rules& rules) {
  const std::string text = clean_space(strip_html(raw), true);
  std::string_view s = text;
  struct marker {
    unsigned number;
    std::size_t at, text_start;
  };
  std::vector<marker> run;
  std::size_t end_of_run = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned n = 0;
    std::size_t start = 0;
    if ((s[i] != 'B' && s[i] != 'b') || !step_marker_at(s, i, n, start) || !at_line_start(s, i)) continue;
    if (run.empty()) {
      if (n == 1) run.push_back({n, i, start});
    } else if (n == run.back().number + 1) {
      run.push_back({n, i, start});
    } else if (n <= run.back().number) {
      // A second "Bước 1": another case's steps.
      std::size_t line = s.rfind('\n', i);
      end_of_run = line == npos ? i : line;
      break;
    }
    i = start > i ? start - 1 : i;
  }
  std::vector<step_text> out;
  if (run.size() < 2) return out;
  for (std::size_t k = 0; k < run.size(); ++k) {
    std::size_t end = k + 1 < run.size() ? run[k + 1].at : end_of_run;
    // The next marker's list prefix ("- ", "a) ") belongs to the next step.
    if (k + 1 < run.size()) {
      std::size_t line = s.rfind('\n', end == 0 ? 0 : end - 1);
      if (line != npos && line >= run[k].text_start && trim(s.substr(line, end - line)).size() <= 4) end = line;
    }
    step_text st;
    st.number = run[k].number;
    st.text = std::string(trim(s.substr(run[k].text_start, end - run[k].text_start)));
    // The title: the first non-empty line.
    std::string_view body = st.text;
    std::string_view first_line;
    while (!body.empty()) {
      const std::size_t nl = body.find('\n');
      first_line = trim(body.substr(0, nl));
      if (!strip_list_marker(first_line).empty()) break;
      body = nl == npos ? std::string_view{} : body.substr(nl + 1);
    }
    st.title = shorten(strip_end_punctuation(strip_list_marker(first_line)), 160);
    if (st.title.empty()) st.title = "Bước " + std::to_string(st.number);
    // What the step is, from its opening words (its first line, and the next
    // one when the first is only a heading such as "Bước 1:").
    std::string head(first_line);
    if ((head.size() < 40 || trim(head).ends_with(":")) && body.size() > first_line.size())
      head = std::string(prefix(body, 300));
    st.by_applicant = applicant_words(head);
    st.action = action_of(head, st.by_applicant);
    // A limit stated in the step's first sentence: "Trong thời hạn 03 ngày làm việc, …".
    std::string_view sentence = st.text;
    if (auto dot = sentence.find(". "); dot != npos) sentence = sentence.substr(0, dot);
    if (auto nl = sentence.find('\n'); nl != npos && nl > 20) sentence = sentence.substr(0, nl);
    // The time read is the one the limit word opens, not a number of a
    // condition before it ("đi học tập có thời hạn từ đủ 12 tháng trở lên
    // thì trong thời hạn 03 ngày làm việc …").
    const std::string folded_sentence = fold(sentence);
    if (!st.by_applicant)
      if (const auto limit = cues("stated-limit-words").first_as_written(folded_sentence); limit.what != nullptr)
        st.stated = stated_time(std::string_view(folded_sentence).substr(limit.at), rules);
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace redtape::importer::portal
