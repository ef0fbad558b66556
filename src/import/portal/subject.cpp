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

namespace {

/// The places a subject may start in the folded line `f`: the opening, and
/// after each comma or colon when the opening is a time or condition clause.
std::vector<std::size_t> subject_starts(std::string_view f) {
  std::vector<std::size_t> starts;
  if (!cues("subject-clause-openings").starts(f)) starts.push_back(0);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f[i] == ',' || f[i] == ':' || f[i] == ';') {
      std::size_t k = i + 1;
      while (k < f.size() && f[k] == ' ') ++k;
      starts.push_back(k);
    }
  return starts;
}

/// The applicant, named at the start of `rest`, acts ("…, cá nhân có nhu
/// cầu gia hạn … nộp hồ sơ").
bool applicant_acts(std::string_view rest) {
  // "Tổ chức, cá nhân …": the pair's own comma does not end the clause.
  const cue* pair = cues("applicant-pairs").at_start(rest);
  const std::size_t clause_end = rest.find_first_of(",;:", pair != nullptr ? pair->phrase.size() : 0);
  const std::size_t acts = cues("applicant-act-words").earliest(rest.substr(0, 200));
  return (acts != npos && (clause_end == npos || acts < clause_end)) ||
         cues("applicant-needs").first_as_written(rest.substr(0, 160));
}

/// Where the subject's clause ends: the subject runs to its verb, within the
/// same clause, or across a list of bodies: "Ủy ban nhân dân tỉnh, thành phố
/// trực thuộc Trung ương và Ngân hàng Nhà nước chi nhánh có ý kiến".
std::size_t subject_clause_end(std::string_view rest) {
  std::size_t clause_end = rest.find_first_of(";:");
  if (clause_end == npos) clause_end = rest.size();
  {
    std::size_t commas = 0, at = 0;
    while ((at = rest.find(',', at)) != npos && at < clause_end) {
      if (++commas > 2) {
        clause_end = at;
        break;
      }
      ++at;
    }
  }
  return clause_end;
}

/// The line a subject is read from: `first` as written (cleaned), and its
/// folded form `f` (list marker stripped, at most 300 bytes), which starts at
/// `base` of the folded line; `same_offsets` when folding kept the length.
struct subject_line {
  const std::string& first;
  std::string_view f;
  std::size_t base;
  bool same_offsets;
};

/// Whether the body verb `v` at `pos` of the text from `p` of the line is
/// capitalised as written, so part of a name: "Cục Tổ chức cán bộ", "Vụ
/// Kiểm tra".
bool in_name(const subject_line& line, std::size_t p, std::string_view v, std::size_t pos) {
  const std::size_t at_original = line.base + p + pos;
  return line.same_offsets && at_original < line.first.size() && line.first.compare(at_original, v.size(), v) != 0;
}

/// Where the verb that ends the subject at `p` of the line is, in `rest`.
/// A name may hold a comma only when the clause goes on with the verb:
/// "Văn phòng đăng ký đất đai, Chi nhánh …" is tried from the next start.
/// Past the head itself: "Cục" never ends at its own first word.
std::size_t verb_at(const subject_line& line, std::size_t p, std::string_view rest) {
  // A verb with exceptions of its own ("cơ quan tiếp nhận": who, not what;
  // "cấp xã": a level, not "issue") is the verb in any letter case.
  std::size_t verb = cues("body-verbs-any-case").earliest(rest, 1);
  const cue_list& verbs = cues("body-verbs");
  for (const cue& v : verbs.cues) {
    std::size_t at = verbs.find(v, rest, 1);
    while (at != npos && in_name(line, p, v.phrase, at)) at = verbs.find(v, rest, at + 1);
    verb = std::min(verb, at);
  }
  return verb;
}

/// A body that files or registers is the applicant here: "cơ quan tổ
/// chức huấn luyện … phải nộp hồ sơ tại Phòng Cảnh sát …".
bool body_files(std::string_view rest, std::size_t verb) {
  return cues("body-filing-acts").starts(rest.substr(verb)) && !cues("bodies-never-filing").starts(rest);
}

/// Of a list, the first body named; but a body after the comma is the
/// subject itself ("… của cơ quan khác có thẩm quyền, Phòng Cảnh sát …
/// kiểm tra"): the next start takes it.
bool later_body(std::string_view name) {
  const cue_list& heads = cues("body-heads");
  bool later = false;
  for (std::size_t c = name.find(','); c != npos && !later; c = name.find(',', c + 1))
    later = heads.starts(trim(name.substr(c + 1)));
  return later;
}

/// The name cut at its first comma and at the qualifiers and copulas that
/// end it.
std::string_view name_end(std::string_view name) {
  if (const std::size_t comma = name.find(','); comma != npos) {
    // "Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai": the first.
    name = trim(name.substr(0, comma));
  }
  // Qualifiers and copulas end the name: "… nơi đặt trụ sở", "… là cơ
  // quan", "… phải", "… hoặc Cơ quan có thẩm quyền" (the first one named).
  // "Cơ quan được giao đánh giá", "cơ quan được Chủ tịch … giao giải quyết":
  // the assignment is what tells the body apart; keep it.
  const std::string padded = std::string(name) + " ";
  std::size_t at = cues("name-ends").first_as_written(padded).at;
  if (!cues("assigned-bodies").starts(name)) at = std::min(at, cues("name-ends-unassigned").first_as_written(padded).at);
  if (at != npos && at > 0) name = trim(name.substr(0, at));
  return name;
}

/// What kind of body `name` (folded) is: the one-stop desk, the desk when it
/// receives, or the procedure's own body.
void classify_body(step_subject& out, std::string_view name) {
  out.one_stop = cues("one-stop-heads").starts(name);
  // "Cơ quan tiếp nhận hồ sơ": the desk; "Cơ quan có thẩm quyền", "Cán
  // bộ", "Thủ trưởng cơ quan": the procedure's own body, unless it is
  // someone's ("… của …"). An advisory or specialised body ("Cơ quan tham
  // mưu", "Hội đồng thẩm định") is one of its own.
  out.receiving = out.receiving || cues("receiving-bodies").starts(name);
  out.generic = !out.one_stop && cues("generic-bodies").starts(name) &&
                !cues("bodies-of-another").first_as_written(name) && name.size() < 80;
  // A head word alone ("Cục", "Ủy ban nhân dân", "Công an") is the
  // procedure's own body, not another one.
  const std::size_t words = static_cast<std::size_t>(std::count(name.begin(), name.end(), ' ')) + 1;
  if (words <= 2 || cues("lone-bodies").is(name)) out.generic = true;
}

/// No subject at a clause start; the applicant may still act inside the
/// clause: "Trước khi nhập khẩu động vật, sản phẩm động vật chủ hàng gửi
/// 01 bộ hồ sơ".
bool applicant_inside(std::string_view f) {
  const cue_list& heads = cues("applicant-heads");
  const cue_list& acts = cues("applicant-inside-acts");
  for (const cue& h : heads.cues) {
    const std::size_t at = heads.find(h, f);
    if (at == npos || at > 200) continue;
    if (acts.in(prefix(f.substr(at + h.phrase.size()), 40))) return true;
  }
  return false;
}

/// "Cơ quan được … giao" + its task ("tiếp nhận", "giải quyết", "đánh
/// giá"): the assignment's next two words, the task, name the body; else
/// `name` as it is.
std::string_view assigned_name(std::string_view name, std::string_view rest, std::size_t verb) {
  if (!cues("assigned-bodies").starts(name) || !cues("assignment-verbs").ends(name)) return name;
  std::size_t end = verb;
  for (int words = 0; words < 2 && end < rest.size(); ++words) {
    const std::size_t sp = rest.find(' ', end + 1);
    end = sp == npos ? rest.size() : sp;
  }
  return trim(rest.substr(0, end));
}

/// The subject of one line of a step's text (its first sentence).
step_subject subject_in_line(std::string first) {
  step_subject out;
  if (auto dot = first.find(". "); dot != npos) first.resize(dot);
  first = clean_space(first);
  const std::string folded = fold(first);
  std::string_view f = folded;
  f = strip_list_marker(f);
  const std::size_t base = static_cast<std::size_t>(f.data() - folded.data());
  const bool same_offsets = folded.size() == first.size();
  f = prefix(f, 300);
  const subject_line line{first, f, base, same_offsets};
  const cue_list& applicant_heads = cues("applicant-heads");
  const cue_list& body_heads = cues("body-heads");
  const cue_list& not_body_heads = cues("not-body-heads");
  for (std::size_t p : subject_starts(f)) {
    std::string_view rest = f.substr(p);
    if (applicant_heads.starts(rest)) {
      if (applicant_acts(rest)) {
        out.applicant = true;
        return out;
      }
      continue;
    }
    if (!body_heads.starts(rest) || not_body_heads.at_start_as_written(rest)) continue;
    const std::size_t clause_end = subject_clause_end(rest);
    std::size_t verb = verb_at(line, p, rest);
    // A first line that only names the body: "Bước 2: Công an cấp huyện".
    if (verb == npos && p == 0 && rest.size() < 100 && first.size() < 100) verb = rest.size();
    if (verb == npos || verb > clause_end || verb > 160) continue;
    if (body_files(rest, verb)) {
      out.applicant = true;
      return out;
    }
    std::string_view name = assigned_name(trim(strip_end_punctuation(rest.substr(0, verb))), rest, verb);
    // The body's own verb is receiving: "Cơ quan được … giao tiếp nhận hồ sơ … trả lời ngay tính đầy đủ".
    if (cues("receiving-verbs").starts(rest.substr(verb))) out.receiving = true;
    if (later_body(name)) continue;
    name = name_end(name);
    if (name.empty()) continue;
    // A bank or a foreign office as the subject is the applicant, not a body
    // of the state: leave the step to the procedure's agency.
    if (cues("non-state-bodies").starts(name)) {
      out.generic = true;
      return out;
    }
    classify_body(out, name);
    // The name as written when folding kept the byte offsets, else folded.
    const std::size_t from = base + p;
    if (fold(first).size() == first.size() && from + name.size() <= first.size())
      out.name = std::string(first.substr(from, name.size()));
    else
      out.name = std::string(name);
    return out;
  }
  if (applicant_inside(f)) out.applicant = true;
  return out;
}

}  // namespace

step_subject subject_of_step(std::string_view text) {
  // Lines, with a line the portal wrapped in mid-sentence ("Cộng đồng dân
  // cư xây\ndựng hồ sơ") joined to the next.
  std::vector<std::string> lines;
  {
    const std::string all = clean_space(text, true);
    std::string_view rest = all;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      std::string line(trim(rest.substr(0, nl)));
      rest = nl == npos ? std::string_view{} : rest.substr(nl + 1);
      if (line.empty()) continue;
      const bool continues =
          !lines.empty() && !lines.back().empty() && std::string_view(".:;!?").find(lines.back().back()) == npos &&
          strip_list_marker(line) == std::string_view(line) && fold(line.substr(0, 1)) == line.substr(0, 1) &&
          !is_digit(line.front()) && line.front() != '(';
      if (continues) lines.back() += " " + line;
      else lines.push_back(std::move(line));
    }
  }
  if (lines.empty()) return {};
  // "Bước 2: Hoàn chỉnh hồ sơ:" and "Bước 2: Đăng ký gửi mẫu" are headings:
  // the subject may be on the next lines.
  for (std::size_t i = 0; i < lines.size() && i < 3; ++i) {
    step_subject s = subject_in_line(i == 0 && lines[0].size() < 80 && lines[0].ends_with(":") && lines.size() > 1
                                         ? lines[0] + " " + lines[1]
                                         : lines[i]);
    if (s.applicant || s.one_stop || s.generic || s.receiving || !s.name.empty()) return s;
    // Only a short heading sends the search on to the next line.
    if (lines[i].size() > 120) break;
  }
  return {};
}

}  // namespace redtape::importer::portal
