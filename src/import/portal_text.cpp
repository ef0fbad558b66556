#include "import/portal_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

#include "analysis/vietnamese.hpp"
#include "redtape/documents.hpp"
#include "util/text.hpp"

namespace redtape::importer::portal {

namespace vn = redtape::vietnamese;
using namespace std::string_view_literals;

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// Any byte of a multi-byte UTF-8 sequence counts as part of a word: the
// portal's letters outside ASCII are Vietnamese letters.
bool is_word_byte(char c) { return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

/// `needle` in `hay` at a word boundary on both sides, from `from`.
std::size_t find_word(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  while (true) {
    const std::size_t at = hay.find(needle, from);
    if (at == npos) return npos;
    const bool left = at == 0 || !is_word_byte(hay[at - 1]);
    const std::size_t end = at + needle.size();
    const bool right = end >= hay.size() || !is_word_byte(hay[end]) || !is_word_byte(needle.back());
    if (left && right) return at;
    from = at + 1;
  }
}

bool has_word(std::string_view hay, std::string_view needle) { return find_word(hay, needle) != npos; }

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes)
    if (s.starts_with(p) && (s.size() == p.size() || !is_word_byte(s[p.size()]) || !is_word_byte(p.back())))
      return true;
  return false;
}

/// The earliest word-bounded occurrence of any of `needles`.
std::size_t earliest(std::string_view hay, std::initializer_list<std::string_view> needles) {
  std::size_t best = npos;
  for (auto n : needles) best = std::min(best, find_word(hay, n));
  return best;
}

/// Length of the UTF-8 sequence starting with byte `c`.
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

/// The characters at the start of a line that only mark a list item: "-",
/// "+", "*", "•", "a)", "1.", "(i)", "I.", "a.1)", "2.3.1.", "8.3.1.1.".
std::size_t list_marker_length(std::string_view s) {
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  bool any = true;
  while (any && i < s.size()) {
    any = false;
    skip_space();
    if (i >= s.size()) break;
    const char c = s[i];
    if (c == '-' || c == '+' || c == '*' || c == '>' || c == '.' || c == ',' || c == ';' || c == ':') {
      ++i;
      any = true;
      continue;
    }
    if (s.substr(i).starts_with("•") || s.substr(i).starts_with("–") || s.substr(i).starts_with("—")) {
      i += 3;
      any = true;
      continue;
    }
    // "(1)", "(i)", "(a)"
    if (c == '(') {
      std::size_t j = i + 1;
      while (j < s.size() && j - i <= 6 && (is_digit(s[j]) || (s[j] >= 'a' && s[j] <= 'z') ||
                                              (s[j] >= 'A' && s[j] <= 'Z')))
        ++j;
      if (j > i + 1 && j < s.size() && s[j] == ')') {
        const auto token = s.substr(i + 1, j - i - 1);
        const bool numeric = std::all_of(token.begin(), token.end(), is_digit);
        const bool roman = std::all_of(token.begin(), token.end(), [](char x) {
          return x == 'i' || x == 'v' || x == 'x' || x == 'I' || x == 'V' || x == 'X';
        });
        if (numeric || roman || token.size() == 1) {
          i = j + 1;
          any = true;
          continue;
        }
      }
      break;
    }
    // "a)", "a.", "1.", "1)", "a.1)", "2.3.1.", "IV.", "đ)"
    std::size_t j = i;
    std::size_t letters = 0;
    bool saw_digit = false;
    while (j < s.size()) {
      if (is_digit(s[j])) {
        saw_digit = true;
        ++j;
      } else if ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')) {
        ++letters;
        ++j;
      } else if (s.substr(j).starts_with("đ")) {
        ++letters;
        j += 2;
      } else if (s[j] == '.' && j + 1 < s.size() && is_digit(s[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (j == i || j >= s.size()) break;
    const auto token = s.substr(i, j - i);
    const bool roman = std::all_of(token.begin(), token.end(), [](char x) {
      return x == 'I' || x == 'V' || x == 'X' || x == 'i' || x == 'v' || x == 'x';
    });
    const bool ok_token = letters == 0 || letters == 1 || roman;
    if (!ok_token || token.size() > 12) break;
    if (s[j] == ')') {
      i = j + 1;
      any = true;
      continue;
    }
    if (s[j] == '.') {
      const bool spaced = j + 1 >= s.size() || s[j + 1] == ' ';
      // "a.Giấy" is too likely a word; "1.Đơn" and "I.Đối với" are markers.
      if (letters == 1 && !saw_digit && !roman && !spaced) break;
      i = j + 1;
      any = true;
      continue;
    }
    break;
  }
  return i;
}

std::string_view strip_list_marker(std::string_view s) {
  s = trim(s);
  s.remove_prefix(std::min(s.size(), list_marker_length(s)));
  return trim(s);
}

std::string_view strip_end_punctuation(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.back() == ';' || s.back() == ',' || s.back() == '.' || s.back() == ':' ||
                        s.back() == ' ' || s.back() == '-'))
    s.remove_suffix(1);
  return s;
}

double round_up_half(double x) { return std::ceil(x * 2 - 1e-9) / 2; }

/// A count read digit by digit, stopping at a million (the most copies the
/// loader accepts) instead of wrapping around.
unsigned add_digit(unsigned value, char digit) {
  return std::min(value * 10 + static_cast<unsigned>(digit - '0'), 1'000'000u);
}

/// The code point at `s[i]` (0 when the bytes are not UTF-8).
char32_t code_point_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = utf8_length(c);
  if (n == 1 || i + n > s.size()) return c < 0x80 ? c : 0;
  char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

/// Letter case of the Latin letters Vietnamese uses: ASCII, Latin-1, Latin
/// Extended-A/B (Đ, Ơ, Ư) and the Vietnamese block U+1EA0–U+1EF9.
int letter_case(char32_t cp) {  // 1 upper, -1 lower, 0 not a letter
  if (cp >= 'A' && cp <= 'Z') return 1;
  if (cp >= 'a' && cp <= 'z') return -1;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return 1;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return -1;
  if (cp == 0x1AF) return 1;  // Ư
  if (cp == 0x1B0) return -1;  // ư
  if ((cp >= 0x100 && cp <= 0x17F) || cp == 0x1A0 || cp == 0x1A1 || (cp >= 0x1EA0 && cp <= 0x1EF9))
    return cp % 2 == 0 ? 1 : -1;
  return 0;
}

/// Whether the code point at `s[i]` is an upper-case letter (ASCII or not).
bool upper_at(std::string_view s, std::size_t i) { return i < s.size() && letter_case(code_point_at(s, i)) == 1; }
bool lower_at(std::string_view s, std::size_t i) { return i < s.size() && letter_case(code_point_at(s, i)) == -1; }
/// Start of the code point that ends just before `i`.
std::size_t previous_char(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return j;
}

}  // namespace

// ---------------------------------------------------------------------------
// Text helpers

std::string clean_space(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  bool pending_newline = false;
  auto emit = [&](char c) {
    if (pending_newline && !out.empty()) out += '\n';
    else if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = pending_newline = false;
    out += c;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                      (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                       static_cast<unsigned char>(text[i + 2]) == 0xA9))) {
      if (keep_newlines) pending_newline = true;
      else pending_space = true;
      if (c == 0xE2) i += 2;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c < 0x20) {
      pending_space = true;
      continue;
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      pending_space = true;  // no-break space
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x8B && d <= 0x8F) {  // zero-width space, joiners, direction marks
        i += 2;
        continue;
      }
      if (d == 0xAF || (d >= 0x80 && d <= 0x8A)) {  // narrow no-break space, en/em spaces
        pending_space = true;
        i += 2;
        continue;
      }
    }
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
        static_cast<unsigned char>(text[i + 2]) == 0xBF) {
      i += 2;  // byte order mark
      continue;
    }
    emit(static_cast<char>(c));
  }
  return out;
}

namespace {

/// Whether every code point of `folded` has the byte length of the one at
/// the same place in `text`, so that an offset in one is an offset in the
/// other (a bad byte counts as one).
bool offsets_kept(std::string_view text, std::string_view folded) {
  if (text.size() != folded.size()) return false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::max<std::size_t>(1, util::utf8_sequence_length(text, i));
    if (n != std::max<std::size_t>(1, util::utf8_sequence_length(folded, i))) return false;
    i += n;
  }
  return true;
}

}  // namespace

std::string fold(std::string_view text) {
  std::string folded = vn::fold(text);
  if (offsets_kept(text, folded)) return folded;
  // A character whose folded form is longer or shorter ("ẞ" → "ss", the
  // Kelvin sign → "k") or a decomposed one: fold character by character and
  // keep those as written, so that every offset found in the folded text
  // cuts the text between two characters.
  folded.clear();
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::max<std::size_t>(1, util::utf8_sequence_length(text, i));
    const std::string one = vn::fold(text.substr(i, n));
    folded += one.size() == n ? std::string_view(one) : text.substr(i, n);
    i += n;
  }
  return folded;
}

std::string_view prefix(std::string_view text, std::size_t max_bytes) { return util::utf8_prefix(text, max_bytes); }

std::string strip_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<' && i + 1 < text.size() &&
        (text[i + 1] == '/' || text[i + 1] == '!' || (text[i + 1] >= 'a' && text[i + 1] <= 'z') ||
         (text[i + 1] >= 'A' && text[i + 1] <= 'Z'))) {
      const std::size_t close = text.find('>', i);
      if (close != npos) {
        const auto tag = fold(text.substr(i, close - i + 1));
        if (tag.starts_with("<br") || tag.starts_with("<p") || tag.starts_with("</p") ||
            tag.starts_with("<li") || tag.starts_with("<div") || tag.starts_with("</div"))
          out += '\n';
        i = close;
        continue;
      }
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> entities[] = {
          {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
      bool done = false;
      for (const auto& [e, r] : entities)
        if (text.substr(i).starts_with(e)) {
          out += r;
          i += e.size() - 1;
          done = true;
          break;
        }
      if (done) continue;
    }
    out += c;
  }
  return out;
}

std::string slug(std::string_view text, std::size_t max, char sep) {
  const std::string ascii = vn::strip_diacritics(vn::fold(text));
  std::string out;
  bool pending = false;
  for (char c : ascii) {
    if (is_ascii_alnum(c)) {
      if (pending && !out.empty()) out += sep;
      pending = false;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else {
      pending = true;
    }
  }
  if (out.size() > max) {
    std::size_t cut = out.rfind(sep, max);
    out.resize(cut == std::string::npos || cut < max / 2 ? max : cut);
  }
  while (!out.empty() && out.back() == sep) out.pop_back();
  return out;
}

std::string shorten(std::string_view text, std::size_t max) {
  const std::size_t cut = util::cut_point(text, max);
  if (cut >= text.size()) return std::string(text);
  return std::string(strip_end_punctuation(text.substr(0, cut))) + "…";
}

bool no_information(std::string_view text) {
  std::string f = fold(clean_space(text));
  std::string_view s = strip_end_punctuation(f);
  while (!s.empty() && (s.front() == '(' || s.front() == '-')) s.remove_prefix(1);
  while (!s.empty() && s.back() == ')') s.remove_suffix(1);
  s = trim(s);
  return s.empty() || s == "không có thông tin" || s == "không quy định" || s == "chưa quy định" ||
         s == "chưa quy định cụ thể" || s == "không" || s == "không có" || s == "không xác định" ||
         s == "khác" || s == "--" || s == "không có thông tin." || s == "đang cập nhật" || s == "0";
}

// ---------------------------------------------------------------------------
// Time

std::string_view to_string(time_unit u) noexcept {
  switch (u) {
    case time_unit::working_days: return "working_days";
    case time_unit::calendar_days: return "calendar_days";
    case time_unit::hours: return "hours";
    case time_unit::weeks: return "weeks";
    case time_unit::months: return "months";
    case time_unit::years: return "years";
    case time_unit::none: return "none";
  }
  return "none";
}

double to_working_days(double value, time_unit unit, const time_rules& rules) {
  switch (unit) {
    case time_unit::working_days:
    case time_unit::none: return value;
    case time_unit::calendar_days: return round_up_half(value * rules.working_days_per_calendar_day);
    case time_unit::hours:
      // Under a day, hours of work; from 24 up, clock hours ("trong 24 giờ" is a day).
      if (value < 24) return round_up_half(value / rules.working_hours_per_day);
      return to_working_days(value / 24, time_unit::calendar_days, rules);
    case time_unit::weeks: return value * 5;
    case time_unit::months: return value * rules.working_days_per_month;
    case time_unit::years: return value * rules.working_days_per_month * 12;
  }
  return value;
}

namespace {

struct found_time {
  double value = 0;
  time_unit unit = time_unit::none;
  std::size_t at = 0;
  std::size_t end = 0;
};

/// Number + unit pairs in folded text. A number that is part of a date
/// ("ngày 14/11/2016", "tháng 11 năm 2016") or a clock time ("sau 15 giờ") is
/// not a duration.
std::vector<found_time> find_times(std::string_view f, bool need_unit_words = true) {
  std::vector<found_time> out;
  std::size_t i = 0;
  while (i < f.size()) {
    if (!is_digit(f[i]) || (i > 0 && (is_word_byte(f[i - 1]) || f[i - 1] == '/' || f[i - 1] == '.' ||
                                      f[i - 1] == ','))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < f.size() && (is_digit(f[j]) || ((f[j] == '.' || f[j] == ',') && j + 1 < f.size() && is_digit(f[j + 1]))))
      ++j;
    const auto digits = f.substr(i, j - i);
    if (j < f.size() && (f[j] == '/' || f[j] == '%')) {
      i = j;
      continue;
    }
    // The word before: dates and clock times.
    std::string_view before = trim(f.substr(0, i));
    std::size_t word_start = before.size();
    while (word_start > 0 && is_word_byte(before[word_start - 1])) --word_start;
    const auto previous = before.substr(word_start);
    const bool date_context = previous == "ngày" || previous == "tháng" || previous == "năm" ||
                              previous == "số" || previous == "điều" || previous == "khoản" ||
                              previous == "mẫu" || previous == "lúc" || previous == "điểm" ||
                              previous == "nghị" || previous == "định";
    std::size_t k = j;
    if (k < f.size() && f[k] == ')' && i > 0 && f[i - 1] == '(') ++k;  // "một (01) ngày"
    while (k < f.size() && f[k] == ' ') ++k;
    if (k < f.size() && f[k] == '(') {  // "05 (năm) ngày"
      const std::size_t close = f.find(')', k);
      if (close != npos && close - k < 40) {
        k = close + 1;
        while (k < f.size() && f[k] == ' ') ++k;
      }
    }
    const auto rest = f.substr(k);
    found_time t;
    std::size_t unit_length = 0;
    auto after_is_boundary = [&](std::size_t n) { return n >= rest.size() || !is_word_byte(rest[n]); };
    if (rest.starts_with("ngày làm việc")) {
      t.unit = time_unit::working_days;
      unit_length = "ngày làm việc"sv.size();
    } else if (rest.starts_with("ngày") && after_is_boundary("ngày"sv.size())) {
      // "ngày làm việc" written with extra spaces
      std::string_view tail = trim(rest.substr("ngày"sv.size()));
      if (tail.starts_with("làm việc")) {
        t.unit = time_unit::working_days;
        unit_length = static_cast<std::size_t>(tail.data() - rest.data()) + "làm việc"sv.size();
      } else {
        t.unit = time_unit::calendar_days;
        unit_length = "ngày"sv.size();
      }
    } else if (rest.starts_with("giờ") && after_is_boundary("giờ"sv.size())) {
      t.unit = time_unit::hours;
      unit_length = "giờ"sv.size();
    } else if (rest.starts_with("tháng") && after_is_boundary("tháng"sv.size())) {
      t.unit = time_unit::months;
      unit_length = "tháng"sv.size();
    } else if (rest.starts_with("tuần") && after_is_boundary("tuần"sv.size())) {
      t.unit = time_unit::weeks;
      unit_length = "tuần"sv.size();
    } else if (rest.starts_with("năm") && after_is_boundary("năm"sv.size())) {
      t.unit = time_unit::years;
      unit_length = "năm"sv.size();
    }
    const bool clock = t.unit == time_unit::hours &&
                       (previous == "sau" || previous == "trước" || previous == "lúc" || previous == "từ" ||
                        previous == "đến");
    if ((t.unit != time_unit::none || !need_unit_words) && !date_context && !clock) {
      if (auto v = parse_amount(digits)) {
        t.value = *v;
        t.at = i;
        t.end = k + unit_length;
        out.push_back(t);
      }
    }
    i = j;
  }
  return out;
}

}  // namespace

time_limit parse_time(std::string_view text, const time_rules& rules) {
  time_limit out;
  out.text = clean_space(text);
  const std::string folded = fold(out.text);
  std::string_view f = strip_end_punctuation(folded);
  if (no_information(f)) return out;

  // A bare number: the portal's unit column was empty.
  if (!f.empty() && std::all_of(f.begin(), f.end(), [](char c) { return is_digit(c) || c == '.' || c == ','; })) {
    if (auto v = parse_amount(f)) {
      // "0" with no unit is the portal's unfilled field, not an instant
      // procedure: no time given.
      if (*v == 0) return out;
      out.known = true;
      out.value = *v;
      out.unit = time_unit::none;
      out.unit_assumed = true;
      out.working_days = out.min_days = out.max_days = *v;
    }
    return out;
  }
  auto times = find_times(f);
  if (!times.empty()) {
    out.known = true;
    out.value = times.front().value;
    out.unit = times.front().unit;
    out.working_days = to_working_days(out.value, out.unit, rules);
    out.min_days = out.max_days = out.working_days;
    for (const auto& t : times) {
      const double d = to_working_days(t.value, t.unit, rules);
      out.min_days = std::min(out.min_days, d);
      out.max_days = std::max(out.max_days, d);
    }
    return out;
  }
  if (starts_with_any(f, {"do", "theo hướng dẫn", "theo quy định", "theo kế hoạch", "theo thông báo", "tùy theo",
                          "tuỳ theo", "tùy thuộc", "tuỳ thuộc", "căn cứ"})) {
    out.set_elsewhere = true;  // understood: the procedure fixes no time
    return out;
  }
  if (f.find("trong ngày") != npos || f.starts_with("ngay") || f.find("ngay khi") != npos ||
      f.find("ngay sau khi") != npos) {
    out.known = true;
    out.same_day = true;
    out.unit = time_unit::working_days;
    out.value = 0.5;
    out.working_days = out.min_days = out.max_days = 0.5;
  }
  return out;
}

std::optional<time_limit> stated_time(std::string_view text, const time_rules& rules) {
  const std::string f = fold(clean_space(text));
  auto times = find_times(f);
  if (times.empty()) return std::nullopt;
  time_limit out;
  out.known = true;
  out.text = std::string(f.substr(times.front().at, times.front().end - times.front().at));
  out.value = times.front().value;
  out.unit = times.front().unit;
  out.working_days = out.min_days = out.max_days = to_working_days(out.value, out.unit, rules);
  return out;
}

// ---------------------------------------------------------------------------
// Fees

std::optional<double> parse_amount(std::string_view s) {
  s = trim(s);
  if (s.empty() || !is_digit(s.front())) return std::nullopt;
  std::vector<std::size_t> seps;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.' || s[i] == ',') seps.push_back(i);
    else if (!is_digit(s[i])) return std::nullopt;
  }
  if (s.back() == '.' || s.back() == ',') return std::nullopt;
  std::string digits;
  bool thousands = !seps.empty();
  for (std::size_t k = 0; k < seps.size(); ++k) {
    const std::size_t next = k + 1 < seps.size() ? seps[k + 1] : s.size();
    if (next - seps[k] - 1 != 3 || s[seps[k]] != s[seps.front()]) thousands = false;
  }
  if (seps.empty() || thousands) {
    for (char c : s)
      if (is_digit(c)) digits += c;
  } else if (seps.size() == 1) {
    digits = std::string(s);
    digits[seps.front()] = '.';
  } else {
    // "1.200,50": the last separator is the decimal point.
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (is_digit(s[i])) digits += s[i];
      else if (i == seps.back()) digits += '.';
    }
  }
  try {
    // Beyond 10^15 (a thousand trillion đồng, three million years) a number
    // is not an amount or a time; sums of a few stay finite.
    const double v = std::stod(digits);
    if (!(v <= max_amount)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

namespace {

struct money {
  double amount = 0;
  std::string currency;
  std::size_t end = 0;
};

/// "2,000,000 Việt Nam Đồng", "135 VNĐ", "100 USD", "50.000 đồng", "40.000đ"
/// at the start of folded text.
std::optional<money> money_at(std::string_view f) {
  std::size_t j = 0;
  while (j < f.size() && (is_digit(f[j]) || ((f[j] == '.' || f[j] == ',') && j + 1 < f.size() && is_digit(f[j + 1]))))
    ++j;
  if (j == 0) return std::nullopt;
  auto v = parse_amount(f.substr(0, j));
  if (!v) return std::nullopt;
  std::size_t k = j;
  while (k < f.size() && f[k] == ' ') ++k;
  const auto rest = f.substr(k);
  static constexpr std::pair<std::string_view, std::string_view> currencies[] = {
      {"việt nam đồng", "VND"}, {"vnđ", "VND"}, {"vnd", "VND"}, {"đồng", "VND"}, {"usd", "USD"},
      {"đô la mỹ", "USD"},      {"eur", "EUR"}, {"euro", "EUR"}, {"đ", "VND"}};
  for (const auto& [word, code] : currencies) {
    if (rest.starts_with(word) && (rest.size() == word.size() || !is_ascii_alnum(rest[word.size()]) ||
                                   code == "VND")) {
      // "đ" alone only when no letter follows ("40.000đ/giấy", not "đến").
      if (word == "đ" && rest.size() > word.size() && is_word_byte(rest[word.size()])) continue;
      return money{*v, std::string(code), k + word.size()};
    }
  }
  return std::nullopt;
}

/// Every amount with a currency in folded text.
std::vector<money> amounts_in(std::string_view f) {
  std::vector<money> out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!is_digit(f[i]) || (i > 0 && (is_digit(f[i - 1]) || f[i - 1] == '.' || f[i - 1] == ',' || f[i - 1] == '/')))
      continue;
    if (auto m = money_at(f.substr(i))) {
      m->end += i;
      out.push_back(*m);
      i = m->end - 1;
    }
  }
  return out;
}

/// "Miễn phí(…)" is free only when its explanation says nothing is charged;
/// an explanation that sets, delegates or cites a fee makes the fee unknown.
bool explanation_keeps_free(std::string_view explanation) {
  std::string f = fold(clean_space(explanation));
  std::string_view s = f;
  while (!s.empty() && (s.front() == '(' || s.front() == ' ' || s.front() == '-')) s.remove_prefix(1);
  if (s.empty()) return true;
  return starts_with_any(s, {"không thu", "không quy định", "chưa quy định", "miễn phí", "không phải nộp",
                             "không mất phí", "không có", "không", "miễn thu"});
}

}  // namespace

fee_value parse_fee(std::string_view cell, std::string_view explanation) {
  fee_value out;
  const std::string c = clean_space(cell);
  const std::string e = clean_space(explanation);
  const std::string f = fold(c);
  std::string_view fv = trim(f);
  if (fv.empty()) {
    out.what = fee_value::kind::none;
    out.text = e;
    return out;
  }
  // The split shape: "Lệ phí: 200000 ĐồngXem chi tiết", several labels possible.
  if (fv.find("xem chi tiết") != npos || fv.starts_with("phí:") || fv.starts_with("lệ phí:") ||
      fv.starts_with("phí :") || fv.starts_with("lệ phí :")) {
    struct labelled {
      bool charge;  // lệ phí (a charge) rather than phí (a fee)
      std::optional<money> amount;
      std::string words;
    };
    std::vector<labelled> items;
    std::size_t pos = 0;
    while (true) {
      std::size_t at = fv.find("phí", pos);
      if (at == npos) break;
      std::size_t colon = at + "phí"sv.size();
      while (colon < fv.size() && fv[colon] == ' ') ++colon;
      if (colon >= fv.size() || fv[colon] != ':') {
        pos = at + 1;
        continue;
      }
      const bool charge = at >= "lệ "sv.size() && fv.substr(at - "lệ "sv.size(), "lệ "sv.size()) == "lệ ";
      std::size_t next = fv.find("phí", colon);
      while (next != npos) {
        std::size_t k = next + "phí"sv.size();
        while (k < fv.size() && fv[k] == ' ') ++k;
        if (k < fv.size() && fv[k] == ':') break;
        next = fv.find("phí", next + 1);
      }
      std::size_t stop = next == npos ? fv.size() : next;
      if (next != npos && next >= "lệ "sv.size() && fv.substr(next - "lệ "sv.size(), "lệ "sv.size()) == "lệ ")
        stop = next - "lệ "sv.size();
      std::string_view body = trim(fv.substr(colon + 1, stop - colon - 1));
      labelled item{charge, std::nullopt, {}};
      auto found = amounts_in(body);
      if (!found.empty()) item.amount = found.front();
      std::string words(body);
      for (auto w : {"xem chi tiết"sv, "đồng"sv}) {
        for (std::size_t p; (p = words.find(w)) != std::string::npos;) words.erase(p, w.size());
      }
      item.words = std::string(trim(words));
      items.push_back(item);
      pos = stop;
      if (next == npos) break;
    }
    std::vector<const labelled*> with_amount;
    for (const auto& it : items)
      if (it.amount) with_amount.push_back(&it);
    if (with_amount.empty()) {
      bool free = !items.empty() && std::all_of(items.begin(), items.end(), [](const labelled& it) {
        return it.words == "không" || it.words == "0" || it.words == "miễn phí";
      });
      if (free) {
        out.what = fee_value::kind::free;
        return out;
      }
      out.what = fee_value::kind::text;
      std::string t = c;
      for (auto w : {"Xem chi tiết"sv, "ĐồngXem"sv}) {
        for (std::size_t p; (p = t.find(w)) != std::string::npos;) t.erase(p, w == "ĐồngXem"sv ? "Đồng"sv.size() : w.size());
      }
      out.text = std::string(trim(t));
      if (out.text.empty() || out.text == "Lệ phí:" || out.text == "Phí:") out.text = c;
      return out;
    }
    out.what = fee_value::kind::amount;
    out.currency = with_amount.front()->amount->currency;
    const bool one_each = with_amount.size() == 2 && with_amount[0]->charge != with_amount[1]->charge &&
                          with_amount[0]->amount->currency == with_amount[1]->amount->currency;
    if (with_amount.size() == 1) {
      out.amount = with_amount.front()->amount->amount;
    } else if (one_each) {
      out.amount = with_amount[0]->amount->amount + with_amount[1]->amount->amount;  // phí + lệ phí
    } else {
      out.amount = with_amount.front()->amount->amount;
      out.alternatives = true;
    }
    out.text = c;
    return out;
  }

  if (fv.starts_with("miễn phí") || fv == "miễn" || fv.starts_with("miễn lệ phí")) {
    if (explanation_keeps_free(e)) {
      out.what = fee_value::kind::free;
      out.text = e;
    } else {
      out.what = fee_value::kind::text;
      std::string_view t = trim(e);
      while (!t.empty() && t.front() == '(' && t.back() == ')') t = trim(t.substr(1, t.size() - 2));
      out.text = std::string(t);
    }
    return out;
  }
  if (no_information(fv)) {
    out.what = fee_value::kind::text;
    out.text = e.empty() ? c : c + " (" + e + ")";
    return out;
  }
  if (auto m = money_at(fv)) {
    out.what = fee_value::kind::amount;
    out.amount = m->amount;
    out.currency = m->currency;
    out.text = e;
    // The portal's form takes thousands of đồng in places: "40 Việt Nam Đồng
    // (40.000đ/giấy thông hành)". Trust the explanation when it says so.
    if (out.currency == "VND" && out.amount > 0 && out.amount < 1000) {
      for (const auto& a : amounts_in(fold(e)))
        if (a.currency == "VND" && std::abs(a.amount - out.amount * 1000) < 0.5) {
          out.amount *= 1000;
          out.thousands_fixed = true;
          break;
        }
    }
    return out;
  }
  out.what = fee_value::kind::text;
  out.text = e.empty() ? c : c + " (" + e + ")";
  return out;
}

// ---------------------------------------------------------------------------
// Channels

std::optional<redtape::channel> channel_of(std::string_view name) {
  const std::string f = fold(clean_space(name));
  if (f.starts_with("trực tiếp")) return redtape::channel::in_person;
  if (f.starts_with("trực tuyến") || f.starts_with("qua mạng") || f.starts_with("dịch vụ công trực tuyến"))
    return redtape::channel::online;
  if (f.starts_with("dịch vụ bưu chính") || f.starts_with("bưu chính") || f.starts_with("qua bưu điện"))
    return redtape::channel::post;
  return std::nullopt;
}

namespace {

constexpr std::array<std::pair<std::string_view, redtape::channel>, 3> channel_words{{
    {"Trực tiếp", redtape::channel::in_person},
    {"Trực tuyến", redtape::channel::online},
    {"Dịch vụ bưu chính", redtape::channel::post},
}};

constexpr std::string_view no_info = "Không có thông tin";

/// Where a row starts: a channel name followed at once by its time cell (a
/// digit, "Không có thông tin" or, with no time, "Miễn phí").
bool row_start_at(std::string_view text, std::size_t at, std::size_t& name_length, redtape::channel& ch) {
  for (const auto& [word, c] : channel_words) {
    if (!text.substr(at).starts_with(word)) continue;
    std::size_t k = at + word.size();
    if (k < text.size() && text[k] == ' ' && k + 1 < text.size() && is_digit(text[k + 1])) ++k;
    const auto rest = text.substr(k);
    if ((!rest.empty() && is_digit(rest.front())) || rest.starts_with(no_info) || rest.starts_with("Miễn phí")) {
      name_length = word.size();
      ch = c;
      return true;
    }
  }
  return false;
}

/// The length of the balanced "(…)" at the start of `s`, or npos when it
/// never closes.
std::size_t balanced_length(std::string_view s) {
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    else if (s[i] == ')' && --depth == 0) return i + 1;
  }
  return npos;
}

/// Where a cell glued to the next column ends: just after the first ")"
/// that a time follows at once ("…40/2026/TT-BTC)15 ngày, kể từ ngày nhận
/// được hồ sơ hợp lệ": the fee's explanation, then the description that
/// opens with the time). npos when there is none.
std::size_t glued_time_at(std::string_view s) {
  for (std::size_t p = s.find(')'); p != npos; p = s.find(')', p + 1)) {
    const std::size_t k = p + 1;
    if (k >= s.size() || !is_digit(s[k])) continue;
    const auto times = find_times(fold(prefix(s.substr(k), 48)));
    if (!times.empty() && times.front().at == 0) return k;
  }
  return npos;
}

}  // namespace

std::vector<channel_row> parse_channel_table(std::string_view raw, const time_rules& rules) {
  std::vector<channel_row> rows;
  const std::string cleaned = clean_space(raw);
  std::string_view text = cleaned;
  if (auto h = text.find("Mô tả"); h != npos && h < 60) text.remove_prefix(h + "Mô tả"sv.size());

  struct start {
    std::size_t at, name_length;
    redtape::channel ch;
  };
  std::vector<start> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t n = 0;
    redtape::channel ch{};
    if (row_start_at(text, i, n, ch)) {
      starts.push_back({i, n, ch});
      i += n - 1;
    }
  }
  for (std::size_t r = 0; r < starts.size(); ++r) {
    const std::size_t end = r + 1 < starts.size() ? starts[r + 1].at : text.size();
    std::string_view cell = text.substr(starts[r].at + starts[r].name_length, end - starts[r].at - starts[r].name_length);
    channel_row row;
    row.channel = starts[r].ch;
    row.channel_text = std::string(text.substr(starts[r].at, starts[r].name_length));
    cell = trim(cell);

    // Time: "5 Ngày làm việc", "21 Ngày", "7", "Không có thông tin".
    if (cell.starts_with(no_info)) {
      row.time.text = std::string(no_info);
      cell.remove_prefix(no_info.size());
    } else if (!cell.empty() && is_digit(cell.front())) {
      std::size_t j = 0;
      while (j < cell.size() &&
             (is_digit(cell[j]) || ((cell[j] == '.' || cell[j] == ',') && j + 1 < cell.size() && is_digit(cell[j + 1]))))
        ++j;
      std::size_t k = j;
      while (k < cell.size() && cell[k] == ' ') ++k;
      static constexpr std::string_view units[] = {"Ngày làm việc", "ngày làm việc", "Ngày", "ngày",
                                                   "Giờ",           "giờ",           "Tháng", "tháng",
                                                   "Tuần",          "tuần",          "Năm",  "năm"};
      std::size_t unit_end = j;
      for (auto u : units)
        if (cell.substr(k).starts_with(u)) {
          unit_end = k + u.size();
          break;
        }
      if (unit_end == j) {
        // No unit: a bare number, unless a currency follows, in which case
        // the time and the amount were glued together ("1200 VNĐ").
        const std::string f = fold(prefix(cell, 64));
        if (money_at(f)) {
          row.time_glued_to_fee = true;
          row.time.text = std::string(cell.substr(0, j));
          const auto m = money_at(f);
          std::string glued(cell.substr(0, std::min(cell.size(), m->end)));
          row.fee.what = fee_value::kind::text;
          row.fee.text = glued + " (thời hạn và mức phí dính liền, không tách được)";
          cell.remove_prefix(std::min(cell.size(), m->end));
          unit_end = 0;
        }
      }
      if (!row.time_glued_to_fee) {
        row.time = parse_time(cell.substr(0, unit_end), rules);
        cell.remove_prefix(unit_end);
      }
    }
    cell = trim(cell);

    // Fee: "Miễn phí", "Không có thông tin", "2,000,000 Việt Nam Đồng", then "(…)".
    std::string fee_cell;
    if (cell.starts_with("Miễn phí")) {
      fee_cell = "Miễn phí";
      cell.remove_prefix("Miễn phí"sv.size());
    } else if (cell.starts_with(no_info)) {
      fee_cell = std::string(no_info);
      cell.remove_prefix(no_info.size());
    } else if (!cell.empty() && is_digit(cell.front())) {
      const std::string f = fold(prefix(cell, 64));
      if (auto m = money_at(f)) {
        // Folding keeps byte lengths for the portal's currency words.
        fee_cell = std::string(cell.substr(0, m->end));
        cell.remove_prefix(std::min(cell.size(), m->end));
      }
    } else if (!cell.empty() && cell.front() != '(' && !row.time_glued_to_fee) {
      // A fee in words, glued to the description that opens with a time:
      // "Lệ phí … (Thông tư 40/2026/TT-BTC)15 ngày, kể từ …".
      if (const std::size_t glued = glued_time_at(cell); glued != npos) {
        const std::string f = fold(cell.substr(0, glued));
        if (f.find("phí") != npos || !amounts_in(f).empty()) {
          fee_cell = std::string(cell.substr(0, glued));
          cell.remove_prefix(glued);
        }
      }
    }
    std::string explanation;
    if (!cell.empty() && cell.front() == '(') {
      // The explanation ends where its "(" closes, or earlier where the
      // description's time is glued to one of its ")": an explanation that
      // never closes ("(… (Thông tư 40/2026/TT-BTC)15 ngày, kể từ …")
      // would otherwise swallow the description.
      const std::size_t balanced = balanced_length(cell);
      const std::size_t n = std::min({balanced, glued_time_at(cell), cell.size()});
      explanation = std::string(cell.substr(0, n));
      cell.remove_prefix(n);
      std::string_view inner = explanation;
      if (n == balanced && inner.size() >= 2 && inner.back() == ')') inner = inner.substr(1, inner.size() - 2);
      else inner.remove_prefix(1);  // the "(" that does not close here
      inner = trim(inner);
      if (inner.starts_with("Đồng") && inner.size() > 6) inner = trim(inner.substr("Đồng"sv.size()));
      // "((…))": the pair around the whole, as long as there is one. An
      // unclosed "(" is no pair: dropping a last byte taken for its ")" cut
      // the text's last character in two ("hợp l" and the byte 0xE1).
      while (inner.size() >= 2 && inner.front() == '(' && balanced_length(inner) == inner.size())
        inner = trim(inner.substr(1, inner.size() - 2));
      explanation = std::string(inner);
    }
    if (!row.time_glued_to_fee) {
      row.fee = parse_fee(fee_cell, explanation);
      if (fee_cell.empty()) row.fee.what = fee_value::kind::none;
    }
    row.description = std::string(trim(cell));
    if (!row.time.known && !row.time_glued_to_fee && !row.description.empty()) {
      // "…Không có thông tinMiễn phí15 ngày làm việc kể từ ngày nhận…": the
      // limit moved to the description column.
      const std::string f = fold(prefix(row.description, 160));
      std::string_view head = f;
      for (auto lead : {"trong thời hạn"sv, "thời hạn giải quyết"sv, "thời hạn"sv, "không quá"sv, "tối đa"sv})
        if (head.starts_with(lead)) {
          head.remove_prefix(lead.size());
          break;
        }
      head = trim(head);
      while (!head.empty() && (head.front() == ':' || head.front() == ' ')) head.remove_prefix(1);
      if (!head.empty() && is_digit(head.front())) {
        // "28 ngày làm việc (đối với trường hợp cấp mới), 02 ngày làm việc
        // (đối với trường hợp cấp lại) kể từ…": the first, and the range.
        std::string_view sentence = head;
        if (auto dot = sentence.find(". "); dot != npos) sentence = sentence.substr(0, dot);
        time_limit t = parse_time(sentence, rules);
        if (t.known && !t.unit_assumed && !t.same_day) {
          const std::string written = row.time.text;
          row.time = t;
          row.time.text = written.empty() ? std::string(sentence) : written + " → " + std::string(sentence);
          row.time_from_description = true;
        }
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Documents

std::string_view to_string(row_kind k) noexcept {
  switch (k) {
    case row_kind::document: return "document";
    case row_kind::note: return "note";
    case row_kind::heading: return "heading";
    case row_kind::case_heading: return "case_heading";
  }
  return "document";
}

namespace {

constexpr std::string_view document_header = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";

bool ends_with_extension(std::string_view s, std::size_t& ext_at) {
  static constexpr std::string_view extensions[] = {".docx", ".doc", ".pdf", ".xlsx", ".xls",
                                                    ".rar",  ".zip", ".odt", ".rtf",  ".DOCX",
                                                    ".DOC",  ".PDF", ".XLSX", ".XLS"};
  s = trim(s);
  for (auto e : extensions)
    if (s.size() > e.size() && s.ends_with(e)) {
      ext_at = s.size() - e.size();
      return true;
    }
  return false;
}

/// Where the template file glued to the end of a document name starts.
std::size_t file_start(std::string_view s, std::size_t ext_at) {
  static constexpr std::string_view keywords[] = {"Mẫu", "MẪU", "Mau", "MAU", "Mus", "Phụ lục", "PHỤ LỤC",
                                                  "Phu luc", "Phlc", "PL", "TK", "BM", "Mu", "mau", "mẫu"};
  std::size_t keyword_glue = npos, case_glue = npos, punct_glue = npos;
  for (std::size_t p = 1; p < ext_at; ++p) {
    if ((static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) continue;  // inside a character
    const std::size_t q = previous_char(s, p);
    const char before = s[q];
    for (auto k : keywords)
      if (s.substr(p).starts_with(k) && before != ' ' && before != '(' && before != '-' && before != '_') {
        keyword_glue = p;
        break;
      }
    if ((lower_at(s, q) || is_digit(before)) && upper_at(s, p) && before != ' ') case_glue = p;
    if ((before == '.' || before == ';' || before == ')') && s[p] != ' ' && !is_digit(s[p])) punct_glue = p;
  }
  if (keyword_glue != npos) return keyword_glue;
  if (case_glue != npos) return case_glue;
  if (punct_glue != npos) return punct_glue;
  return 0;
}

}  // namespace

std::string clean_document_name(std::string_view raw, std::string* form_file) {
  std::string text = clean_space(raw);
  std::string_view s = trim(text);
  std::vector<std::string> files;
  std::size_t ext_at = 0;
  while (ends_with_extension(s, ext_at)) {
    const std::size_t start = file_start(s, ext_at);
    files.insert(files.begin(), std::string(trim(s.substr(start))));
    if (start == 0) {
      // Only a file name: the name is the file's stem.
      s = trim(s.substr(0, ext_at));
      break;
    }
    s = trim(s.substr(0, start));
  }
  if (form_file) {
    form_file->clear();
    for (const auto& f : files) *form_file += (form_file->empty() ? "" : "; ") + f;
  }
  s = strip_list_marker(s);
  s = strip_end_punctuation(s);
  // "Theo quy định tại Điều 26 Luật …, cụ thể: Văn bản đề nghị…": the papers
  // follow the colon.
  {
    const std::string f = fold(prefix(s, 400));
    const bool same_length = f.size() == prefix(s, 400).size();
    if (same_length && starts_with_any(f, {"theo quy định", "thực hiện theo", "căn cứ"}))
      for (auto lead : {"cụ thể:"sv, "bao gồm:"sv, "gồm:"sv, "như sau:"sv}) {
        const std::size_t at = f.find(lead);
        if (at != npos && at + lead.size() < s.size()) {
          // Folding keeps the byte length of the portal's text.
          s = strip_list_marker(s.substr(at + lead.size()));
          break;
        }
      }
  }
  return std::string(s);
}

document_row parse_document_cell(std::string_view name, std::string_view form, std::string_view counts) {
  document_row row;
  row.raw = clean_space(name);
  row.name = clean_document_name(name, nullptr);
  const std::string link = clean_space(form);
  // "…download_file.jsp?ma=" with nothing after: no template.
  if (!link.empty() && !link.ends_with("ma=")) row.form_file = link;
  const std::string f = fold(clean_space(counts));
  auto number_after = [&](std::string_view label) -> std::optional<unsigned> {
    const std::size_t at = f.find(label);
    if (at == npos) return std::nullopt;
    std::size_t k = at + label.size();
    while (k < f.size() && (f[k] == ' ' || f[k] == ':')) ++k;
    unsigned v = 0;
    bool any = false;
    while (k < f.size() && is_digit(f[k])) {
      v = add_digit(v, f[k]);
      any = true;
      ++k;
    }
    if (!any) return std::nullopt;
    return v;
  };
  auto o = number_after("bản chính");
  auto c = number_after("bản sao");
  row.counted = o.has_value() || c.has_value();
  row.originals = o.value_or(0);
  row.copies = c.value_or(0);
  return row;
}

document_table parse_document_table(std::string_view raw) {
  document_table out;
  const std::string text = clean_space(raw);
  std::vector<std::string_view> parts;
  {
    std::string_view s = text;
    std::size_t at;
    while ((at = s.find(document_header)) != npos) {
      parts.push_back(s.substr(0, at));
      s.remove_prefix(at + document_header.size());
    }
    parts.push_back(s);
  }
  if (parts.size() < 2) {
    out.table_found = false;
    out.leftover = std::string(trim(text));
    return out;
  }
  out.table_found = true;
  std::string title(trim(parts.front()));
  for (std::size_t p = 1; p < parts.size(); ++p) {
    document_group group;
    group.title = title;
    std::string_view body = parts[p];
    // Rows end with a count glued to what follows: "…hợp lệ.1 bản chính<next>".
    std::size_t row_start = 0;
    std::size_t i = 0;
    while (i < body.size()) {
      if (!is_digit(body[i]) || (i > 0 && is_digit(body[i - 1]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < body.size() && is_digit(body[j])) ++j;
      // The count cell is glued to the name: "theo Mẫu số 18" + "1 bản
      // chính" reads "181", "năm 2026" + "1" reads "20261". The portal's
      // counts are small; a run that is too long to be one, or that follows
      // "số", "mẫu", "năm" or a "/", ends the name but for its last digit.
      if (j - i >= 2 && (j < body.size() && body[j] == ' ')) {
        std::string_view before = body.substr(0, i);
        while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
        const std::size_t space = before.rfind(' ');
        const std::string last_word = fold(space == npos ? before : before.substr(space + 1));
        const bool numbered = last_word == "số" || last_word == "mẫu" || last_word == "năm" ||
                              (!before.empty() && (before.back() == '/' || before.back() == '-'));
        unsigned value = 0;
        for (std::size_t k = i; k < j; ++k) value = add_digit(value, body[k]);
        if (numbered || value > 20) i = j - 1;
      }
      unsigned first = 0;
      for (std::size_t k = i; k < j; ++k) first = add_digit(first, body[k]);
      auto rest = body.substr(j);
      unsigned originals = 0, copies = 0;
      std::size_t len = 0;
      if (rest.starts_with(" bản chính")) {
        originals = first;
        len = " bản chính"sv.size();
        auto more = rest.substr(len);
        if (more.starts_with(",") || more.starts_with(", ")) {
          std::size_t k = more.starts_with(", ") ? 2 : 1;
          unsigned second = 0;
          std::size_t d = k;
          while (d < more.size() && is_digit(more[d])) second = add_digit(second, more[d++]);
          if (d > k && more.substr(d).starts_with(" bản sao")) {
            copies = second;
            len += d + " bản sao"sv.size();
          }
        }
      } else if (rest.starts_with(" bản sao")) {
        copies = first;
        len = " bản sao"sv.size();
      } else {
        i = j;
        continue;
      }
      const std::size_t end = j + len;
      // A count inside a name ("- 01 bản chính Báo cáo…") has a space after it.
      if (end < body.size() && body[end] == ' ') {
        i = end;
        continue;
      }
      document_row row;
      row.raw = std::string(trim(body.substr(row_start, i - row_start)));
      row.name = clean_document_name(row.raw, &row.form_file);
      row.originals = originals;
      row.copies = copies;
      row.counted = true;
      if (!row.raw.empty()) group.rows.push_back(std::move(row));
      row_start = end;
      i = end;
    }
    std::string tail(trim(body.substr(row_start)));
    if (p + 1 < parts.size()) {
      title = tail;  // the next group's title
    } else if (!tail.empty()) {
      out.leftover = tail;
    }
    out.groups.push_back(std::move(group));
  }
  return out;
}

namespace {

/// Names that open like a paper ("Đơn…", "Giấy…", "Bản sao…", "Phiếu…").
bool looks_like_document(std::string_view f) {
  // "02 ảnh màu cỡ 3x4", "01 bản chính Báo cáo…": a count before the paper.
  std::size_t d = 0;
  while (d < f.size() && is_digit(f[d])) ++d;
  if (d > 0 && d < 3 && d < f.size() && f[d] == ' ') f.remove_prefix(d + 1);
  return starts_with_any(
      f, {"đơn", "tờ khai", "giấy", "bản", "văn bản", "phiếu", "hợp đồng", "báo cáo", "danh sách", "quyết định",
          "sổ", "thẻ", "ảnh", "chứng chỉ", "chứng nhận", "biên bản", "công văn", "tờ trình", "đề án", "phương án",
          "dự án", "kế hoạch", "bằng", "văn bằng", "trích lục", "lý lịch", "sơ yếu", "hóa đơn", "hoá đơn",
          "chứng từ", "bản đồ", "bản vẽ", "sơ đồ", "thông báo", "điều lệ", "dự thảo", "mẫu", "hộ chiếu",
          "căn cước", "chứng minh", "giấy tờ", "tài liệu", "các giấy tờ", "các văn bản", "hồ sơ", "bộ hồ sơ",
          "01 bộ", "1 bộ", "bản sao", "bản chính", "bản chụp", "thuyết minh", "kết quả", "chương trình",
          "quy chế", "quy trình", "catalogue", "catalog", "nhãn", "mẫu vật", "chứng thư", "lệnh", "vận đơn",
          "tiêu chuẩn", "bảng", "thư", "giấy phép", "bảo lãnh", "cam kết", "tờ", "phụ lục", "hồ sơ thiết kế",
          "hồ sơ năng lực", "hồ sơ kỹ thuật"});
}

}  // namespace

row_kind classify_row(const document_row& row) {
  const std::string folded = fold(row.name.empty() ? row.raw : row.name);
  std::string_view f = folded;
  if (f.empty()) return row_kind::note;
  const std::string raw_folded = fold(clean_space(row.raw));
  std::string_view rf = strip_end_punctuation(raw_folded);
  if (rf.empty()) return row_kind::note;
  const bool ends_colon = !trim(raw_folded).empty() && trim(raw_folded).back() == ':';
  if (starts_with_any(f, {"lưu ý", "ghi chú", "chú ý", "ghi chu", "luu y"})) return row_kind::note;
  // The tail of a row cut at a template file: ") (khoản 2 Điều 39 Nghị định
  // số 99/2022/NĐ-CP)"; or only a legal reference.
  {
    std::string_view t = trim(rf);
    std::string_view n = trim(f);
    if (t.starts_with(")") || n.starts_with(")") || n.starts_with("(khoản") || n.starts_with("(điều") ||
        ((n.starts_with("khoản ") || n.starts_with("điều ")) && n.size() < 120))
      return row_kind::note;
  }
  const bool nothing = row.counted && row.originals == 0 && row.copies == 0;
  const bool case_words = starts_with_any(f, {"trường hợp", "đối với", "hồ sơ đối với", "các trường hợp"});
  const bool conditional_sentence = f.find(" thì ") != npos || f.find(", thì") != npos;
  if (case_words && !conditional_sentence && (ends_colon || nothing) && f.size() < 400)
    return row_kind::case_heading;
  if (ends_colon && (nothing || f.find("gồm") != npos || f.find("sau") != npos || f.find("một trong") != npos))
    return row_kind::heading;
  // Sentences about the dossier rather than papers in it.
  if (starts_with_any(f, {"thực hiện theo", "theo quy định", "số lượng hồ sơ", "số lượng", "không quy định",
                          "không yêu cầu", "không có", "không phải", "người tiếp nhận", "cán bộ tiếp nhận",
                          "cơ quan đăng ký", "cơ quan tiếp nhận", "cơ quan có thẩm quyền", "cơ quan giải quyết",
                          "có thể sử dụng", "được sử dụng", "hồ sơ được lập", "hồ sơ nộp", "cá nhân có quyền",
                          "người yêu cầu đăng ký hộ tịch có thể"}) ||
      f == "01 bộ hồ sơ" || f == "1 bộ hồ sơ" || f == "một bộ hồ sơ")
    return row_kind::note;
  // "0 bản chính" with no copy: a note, unless the row names a paper (the
  // portal leaves some counts at zero).
  if (nothing && !(looks_like_document(f) && f.size() < 1000)) return row_kind::note;
  return row_kind::document;
}

group_kind classify_group(std::string_view title) {
  const std::string folded = fold(clean_space(title));
  std::string_view f = strip_end_punctuation(strip_list_marker(folded));
  if (f.empty() || f == "--" || f == "-") return group_kind::part;
  if (starts_with_any(f, {"lưu ý", "ghi chú", "chú ý"})) return group_kind::notes;
  if (starts_with_any(f, {"giấy tờ phải nộp", "giấy tờ phải xuất trình", "giấy tờ xuất trình",
                          "giấy tờ nộp", "nhóm", "bao gồm", "hồ sơ năng lực", "mẫu đơn, tờ khai",
                          "hồ sơ gồm", "hồ sơ bao gồm", "thành phần hồ sơ gồm", "thành phần hồ sơ bao gồm"}))
    return group_kind::part;
  if (f == "thành phần hồ sơ" || f == "hồ sơ" || f == "thành phần hồ sơ, gồm") return group_kind::part;
  if (f.find("trường hợp") != npos || f.find("đối với") != npos) return group_kind::alternative;
  const bool enumerated = list_marker_length(trim(folded)) > 0 &&
                          !(trim(folded).starts_with("-") || trim(folded).starts_with("+") ||
                            trim(folded).starts_with("*"));
  if (starts_with_any(f, {"hồ sơ", "thành phần hồ sơ", "cấp", "gia hạn", "đăng ký", "tách hộ", "phục hồi",
                          "điều chỉnh", "thay đổi", "về", "cấp lại", "cấp đổi", "cấp mới", "công nhận",
                          "chuyển", "hình thức"}))
    return group_kind::alternative;
  if (enumerated) return group_kind::alternative;
  return group_kind::part;
}

namespace {

std::string case_title(std::string_view title) {
  std::string t = clean_space(title);
  std::string_view s = strip_end_punctuation(strip_list_marker(t));
  return std::string(s);
}

}  // namespace

std::vector<document_row> split_row(const document_row& row) {
  std::vector<document_row> out;
  const std::string raw = clean_space(row.raw.empty() ? row.name : row.raw, true);
  std::vector<std::string_view> pieces;
  std::string_view s = raw;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != ';' && s[i] != '\n' && s[i] != '.') continue;
    std::size_t k = i + 1;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\n')) ++k;
    if (k < s.size() && (s[k] == '-' || s[k] == '+' || s.substr(k).starts_with("•"))) {
      pieces.push_back(s.substr(start, i - start));
      start = k;
    }
  }
  pieces.push_back(s.substr(start));
  if (pieces.size() < 2) return {row};
  std::size_t papers = 0;
  for (auto p : pieces) {
    document_row r = row;
    r.raw = clean_space(p);
    r.name = clean_document_name(p, &r.form_file);
    if (r.name.empty()) continue;
    papers += looks_like_document(fold(r.name));
    out.push_back(std::move(r));
  }
  // A list of papers, not sentences with dashes in them.
  if (papers < 2 || papers * 2 < out.size()) return {row};
  return out;
}

dossier organise(const document_table& table) {
  dossier out;
  // Rows of a group split at its case headings.
  struct segment {
    std::string heading;
    std::vector<document_row> rows;
  };
  auto add_case = [&](std::string title, std::vector<document_row> rows) {
    const std::string key = fold(title);
    for (auto& c : out.cases)
      if (fold(c.title) == key) {  // the portal lists some cases twice
        for (auto& r : rows) c.rows.push_back(std::move(r));
        return;
      }
    out.cases.push_back({std::move(title), std::move(rows)});
  };
  for (const auto& group : table.groups) {
    const group_kind kind = classify_group(group.title);
    if (kind == group_kind::notes) {
      const std::string t = case_title(group.title);
      if (!t.empty()) out.notes.push_back(t);
      for (const auto& r : group.rows)
        if (!r.name.empty()) out.notes.push_back(r.name);
      continue;
    }
    std::vector<segment> segments(1);
    std::vector<document_row> expanded;
    const bool shown_group = starts_with_any(strip_list_marker(fold(case_title(group.title))),
                                             {"giấy tờ phải xuất trình", "giấy tờ xuất trình", "xuất trình"});
    for (const auto& r : group.rows)
      for (auto& piece : split_row(r)) {
        piece.shown = shown_group || starts_with_any(strip_list_marker(fold(clean_space(piece.raw))), {"xuất trình"});
        expanded.push_back(std::move(piece));
      }
    for (const auto& r : expanded) {
      switch (classify_row(r)) {
        case row_kind::document: segments.back().rows.push_back(r); break;
        case row_kind::case_heading: segments.push_back({case_title(r.raw), {}}); break;
        case row_kind::heading:
        case row_kind::note:
          if (!r.name.empty()) out.notes.push_back(r.name);
          break;
      }
    }
    if (kind == group_kind::part) {
      const std::string t = case_title(group.title);
      if (!t.empty() && t != "--" && classify_group(group.title) == group_kind::part &&
          !starts_with_any(fold(t), {"giấy tờ phải nộp", "giấy tờ phải xuất trình", "bao gồm", "thành phần hồ sơ"}))
        out.notes.push_back(t);
      for (auto& r : segments.front().rows) out.common.push_back(r);
      for (std::size_t s = 1; s < segments.size(); ++s) add_case(segments[s].heading, segments[s].rows);
    } else {
      const std::string t = case_title(group.title);
      if (segments.size() == 1) {
        add_case(t, segments.front().rows);
      } else {
        for (std::size_t s = 1; s < segments.size(); ++s) {
          auto rows = segments.front().rows;
          rows.insert(rows.end(), segments[s].rows.begin(), segments[s].rows.end());
          add_case(t + ": " + segments[s].heading, std::move(rows));
        }
      }
    }
  }
  // Cases with no document of their own add nothing.
  std::erase_if(out.cases, [](const dossier_case& c) { return c.rows.empty(); });
  // The same row twice in one list is the portal's repetition, whatever
  // template file or count each copy of it carries.
  auto dedupe = [&out](std::vector<document_row>& rows) {
    std::vector<document_row> kept;
    for (auto& r : rows) {
      const bool seen = std::any_of(kept.begin(), kept.end(), [&](const document_row& k) {
        return k.raw == r.raw || (!k.name.empty() && fold(k.name) == fold(r.name));
      });
      if (seen) ++out.duplicates_dropped;
      else kept.push_back(std::move(r));
    }
    rows = std::move(kept);
  };
  dedupe(out.common);
  for (auto& c : out.cases) dedupe(c.rows);
  return out;
}

demanded_form form_of(const document_row& row) {
  demanded_form out;
  const auto named = form_in_name(row.raw.empty() ? row.name : row.raw);
  if (row.originals > 0) {
    out.form = redtape::document_form::original;
    out.copies = row.originals;
    if (row.copies > 0) out.note = std::to_string(row.originals) + " bản chính, " + std::to_string(row.copies) + " bản sao";
  } else if (row.copies > 0) {
    out.form = redtape::document_form::copy;
    out.copies = row.copies;
  }
  if (named == redtape::document_form::certified_copy) {
    out.form = redtape::document_form::certified_copy;
    if (row.originals == 0 && row.copies > 0) out.copies = row.copies;
  } else if (named == redtape::document_form::copy && row.originals > 0) {
    // "Bản sao … 1 bản chính" or "… 1 bản chính, 1 bản sao": the name says
    // what is handed in.
    out.form = redtape::document_form::copy;
  } else if (named == redtape::document_form::electronic && row.originals + row.copies <= 1) {
    out.form = redtape::document_form::electronic;
  }
  if (out.copies == 0) out.copies = 1;
  if (row.shown) {
    // Shown at the counter and handed back: nothing is handed in.
    out.form = redtape::document_form::original;
    out.copies = 0;
    out.note = "xuất trình (shown, not handed in)";
  }
  return out;
}

// ---------------------------------------------------------------------------
// Steps

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
  if (starts_with_any(f, {"trong thời hạn", "trong vòng", "chậm nhất", "sau khi", "kể từ", "khi", "sau"})) {
    time_clause = starts_with_any(f, {"trong thời hạn", "trong vòng", "chậm nhất"});
    std::size_t comma = f.find(", ");
    // "…kể từ ngày nhận được hồ sơ, Cơ quan…": the last comma of the clause
    // before a capitalised subject is not known after folding; take the
    // comma after which a subject or a verb starts.
    while (comma != npos) {
      const auto rest = f.substr(comma + 2);
      if (!starts_with_any(rest, {"kể từ", "tính từ", "trừ"})) break;
      comma = f.find(", ", comma + 2);
    }
    if (comma != npos) f = f.substr(comma + 2);
  }
  const std::size_t strong = earliest(
      f, {"thực hiện thủ tục", "lựa chọn thủ tục", "chuẩn bị", "nộp hồ sơ", "nộp đơn", "nộp tờ khai", "nộp lệ phí", "nộp phí", "nộp trực tiếp", "nộp trực tuyến",
          "nộp qua", "nộp bổ sung", "nộp", "nhận kết quả", "căn cứ theo ngày hẹn", "căn cứ ngày hẹn", "theo ngày hẹn",
          "theo giấy hẹn", "theo phiếu hẹn", "đến nhận", "để nhận", "nhận giấy", "nhận quyết định", "nhận thông báo",
          "nhận văn bản", "nhận thẻ", "nhận hộ chiếu", "nhận lại", "khai báo", "kê khai", "truy cập", "điền",
          "đăng nhập", "thanh toán"});
  const std::size_t weak = earliest(f, {"gửi hồ sơ", "lập hồ sơ", "lập 01 bộ hồ sơ", "lập bộ hồ sơ", "gửi 01 bộ",
                                        "gửi văn bản đề nghị", "gửi đơn", "gửi bộ hồ sơ", "hoàn thiện hồ sơ",
                                        "bổ sung hồ sơ", "đề nghị", "lập văn bản đề nghị", "có văn bản đề nghị"});
  // "có nhu cầu cấp đổi Giấy phép", "đề nghị cấp…", "xin cấp…": the agency's
  // verb is what the applicant asks for, not what happens in this step.
  auto agency_verb = [&](std::initializer_list<std::string_view> verbs) {
    std::size_t best = npos;
    for (auto v : verbs) {
      for (std::size_t at = find_word(f, v); at != npos && at < best; at = find_word(f, v, at + 1)) {
        const auto before = trim(f.substr(0, at));
        if (before.ends_with("nhu cầu") || before.ends_with("đề nghị") || before.ends_with("xin") ||
            before.ends_with("yêu cầu") || before.ends_with("việc") || before.ends_with("để được") ||
            before.ends_with("để") || before.ends_with("thủ tục") || before.ends_with("hẹn") ||
            before.ends_with("phiếu") || (v == "ký" && before.ends_with("đăng")))
          continue;
        best = at;
        break;
      }
    }
    return best;
  };
  const std::size_t agency = agency_verb(
      {"tiếp nhận", "thẩm định", "thẩm tra", "kiểm tra", "xem xét", "xác minh", "trả kết quả", "trả lời",
          "giải quyết", "phê duyệt", "chấp thuận", "ban hành", "thông báo", "xử lý", "chuyển", "cấp giấy",
          "cấp phép", "cấp lại", "cấp đổi", "cấp chứng", "cấp thẻ", "cấp quyết định", "cấp văn bản", "cấp bản",
          "ký", "trình", "lấy ý kiến", "xin ý kiến", "họp", "quyết định", "kiểm dịch",
          "đánh giá", "công bố", "đăng tải", "cập nhật", "lưu", "hướng dẫn", "từ chối", "tổ chức thẩm định",
          "thành lập hội đồng", "tiến hành", "ra quyết định", "gửi kết quả", "thu nhận"});
  const bool agency_subject = starts_with_any(
      f, {"trong thời hạn", "sở", "cục", "ủy ban", "uỷ ban", "ubnd", "bộ", "phòng", "cơ quan có thẩm quyền", "cơ quan tiếp nhận",
          "cơ quan giải quyết", "cơ quan đăng ký", "cơ quan quản lý", "cơ quan chuyên môn", "cán bộ", "công chức",
          "chủ tịch", "ngân hàng nhà nước", "văn phòng", "bộ phận", "trung tâm", "hội đồng", "kho bạc",
          "chi cục", "tổng cục", "công an", "tòa án", "toà án", "viện", "đoàn", "tổ thẩm định", "người có thẩm quyền"});
  const bool applicant_subject = starts_with_any(
      f, {"tổ chức, cá nhân", "cá nhân, tổ chức", "tổ chức", "cá nhân", "công dân", "người yêu cầu",
          "người đề nghị", "người nộp", "người dân", "người có yêu cầu", "người đăng ký", "doanh nghiệp",
          "chủ đầu tư", "chủ hàng", "chủ tàu", "chủ cơ sở", "chủ dự án", "ngân hàng thương mại", "tổ chức tín dụng",
          "thương nhân", "nhà đầu tư", "đơn vị đề nghị", "cơ sở", "hộ gia đình", "người lao động", "người sử dụng",
          "người đại diện", "người được", "người xin", "người có nhu cầu", "ban trù bị", "chủ sở hữu"});
  if (strong != npos && strong < agency) return true;
  if (weak != npos && weak < agency && !agency_subject) return true;
  // "Tổ chức tín dụng … lập hồ sơ … gửi Ngân hàng Nhà nước".
  if (applicant_subject && !agency_subject && (strong != npos || weak != npos)) return true;
  if (agency != npos) return false;
  if (time_clause && !applicant_subject) return false;
  return applicant_subject && !agency_subject;
}

std::string action_of(std::string_view head, bool by_applicant) {
  const std::string folded = fold(clean_space(head));
  std::string_view f = prefix(folded, 400);
  if (by_applicant) {
    const std::size_t submit = earliest(f, {"nộp hồ sơ", "gửi hồ sơ", "nộp đơn", "nộp tờ khai", "nộp trực tiếp",
                                            "nộp trực tuyến", "nộp qua", "gửi 01 bộ", "lập 01 bộ hồ sơ",
                                            "gửi bộ hồ sơ", "gửi đơn", "khai báo", "kê khai", "truy cập",
                                            "đăng ký", "gửi văn bản", "nộp bổ sung"});
    const std::size_t pay = earliest(f, {"nộp lệ phí", "nộp phí", "thanh toán", "đóng phí", "nộp tiền"});
    const std::size_t collect = earliest(f, {"nhận kết quả", "căn cứ theo ngày hẹn", "căn cứ ngày hẹn",
                                             "theo ngày hẹn", "theo giấy hẹn", "theo phiếu hẹn", "đến nhận",
                                             "để nhận", "nhận giấy", "nhận quyết định", "nhận thông báo",
                                             "nhận văn bản", "nhận thẻ", "nhận hộ chiếu", "nhận lại"});
    const std::size_t prepare = earliest(f, {"chuẩn bị", "lập hồ sơ", "hoàn thiện hồ sơ"});
    const std::size_t generic_submit = earliest(f, {"nộp", "gửi"});
    const std::size_t best = std::min({submit, pay, collect, prepare});
    if (best == npos) return generic_submit != npos ? "submit" : "submit";
    if (best == prepare) {
      // "Chuẩn bị hồ sơ và nộp …": the step that hands the dossier in.
      if (submit != npos || generic_submit != npos) return submit != npos || pay == npos ? "submit" : "pay";
      return "prepare";
    }
    if (best == submit) return "submit";
    if (best == pay) return submit != npos ? "submit" : "pay";
    return "collect";
  }
  struct cue {
    std::string_view word;
    std::string_view action;
  };
  static constexpr cue cues[] = {
      {"tiếp nhận", "receive"},    {"thu nhận", "receive"},     {"kiểm tra thực tế", "inspect"},
      {"kiểm tra tại", "inspect"}, {"kiểm dịch", "inspect"},    {"khảo sát", "inspect"},
      {"kiểm tra", "check"},       {"thẩm định", "appraise"},   {"thẩm tra", "appraise"},
      {"đánh giá", "appraise"},    {"xem xét", "appraise"},     {"xác minh", "verify"},
      {"lấy ý kiến", "consult"},   {"xin ý kiến", "consult"},   {"họp dân", "consult"},   {"phê duyệt", "approve"},
      {"chấp thuận", "approve"},   {"quyết định", "approve"},   {"ký", "sign"},
      {"công bố", "publish"},      {"đăng tải", "publish"},     {"công khai", "publish"},
      {"thông báo", "notify"},     {"chuyển", "transfer"},      {"trả kết quả", "issue"},
      {"cấp", "issue"},            {"ban hành", "issue"},       {"gửi kết quả", "issue"},
      {"giải quyết", "process"},   {"xử lý", "process"}};
  std::size_t best = npos;
  std::string_view action = "process";
  for (const auto& c : cues) {
    std::size_t at = find_word(f, c.word);
    auto noun_use = [&](std::size_t pos) {
      const auto before = trim(f.substr(0, pos));
      if (c.word == "ký") return before.ends_with("đăng");
      // "cấp giấy hẹn trả kết quả": the slip, not the result.
      if (c.word == "trả kết quả") return before.ends_with("hẹn") || before.ends_with("phiếu");
      // "cơ quan được … giao giải quyết thủ tục hành chính tổ chức thẩm định":
      // who, not what.
      if (c.word == "giải quyết" && starts_with_any(trim(f.substr(pos + c.word.size())), {"thủ tục"})) return true;
      if (c.word == "cấp") {
        // "Ủy ban nhân dân cấp tỉnh", "cấp có thẩm quyền": a level, not issuing.
        const auto after = trim(f.substr(pos + c.word.size()));
        return before.ends_with("đã") || before.ends_with("được") ||
               starts_with_any(after, {"giấy hẹn", "phiếu hẹn", "giấy biên nhận", "biên nhận", "phiếu tiếp nhận",
                                       "xã", "huyện", "tỉnh", "bộ", "trung ương", "cơ sở", "có thẩm quyền", "trên",
                                       "dưới", "phường", "thành phố", "quận", "thị xã", "vùng", "khu vực", "cục",
                                       "sở", "phòng", "tổng cục", "chi cục"});
      }
      if (c.word == "tiếp nhận")  // "Cơ quan tiếp nhận đánh giá hồ sơ": who, not what
        return before.ends_with("cơ quan") || before.ends_with("bộ phận") || before.ends_with("phiếu") ||
               before.ends_with("nơi") || before.ends_with("cán bộ") || before.ends_with("đơn vị");
      return false;
    };
    while (at != npos && noun_use(at)) at = find_word(f, c.word, at + 1);
    if (at < best) {
      best = at;
      action = c.action;
    }
  }
  // Checking that the dossier is complete is part of receiving it (Decree
  // 61/2018/NĐ-CP, Art. 19), not a review that could run beside another.
  if (best != npos &&
      earliest(f, {"tính đầy đủ", "tính hợp lệ", "đầy đủ, hợp lệ", "đầy đủ và hợp lệ", "hồ sơ hợp lệ",
                   "kiểm tra thành phần", "thành phần, nội dung, số lượng"}) < best + 160 &&
      (action == "check" || action == "verify" || action == "appraise" || action == "notify") &&
      earliest(f, {"thẩm định", "đánh giá", "thẩm tra"}) > best + 160)
    action = "receive";
  // "… và thông báo cho chủ hàng về thời gian, địa điểm để tiến hành kiểm
  // dịch": the step ends by telling the applicant when to come; what
  // follows waits on them.
  if (action != "notify" && best != npos) {
    const std::string_view whole = prefix(folded, 1200);
    const std::size_t tell = find_word(whole, "thông báo");
    if (tell != npos) {
      const std::string_view after = prefix(whole.substr(tell), 120);
      // When and where to be for an inspection or an evaluation; not when
      // the result comes back ("thông báo … thời gian trả kết quả").
      const bool result_time = after.find("trả kết quả") != npos || after.find("hẹn") != npos;
      if (!result_time && (after.find("thời gian") != npos || after.find("kế hoạch") != npos ||
                           after.find("lịch") != npos || after.find("địa điểm") != npos))
        action = "notify";
    }
    // "… có văn bản yêu cầu quỹ tín dụng nhân dân …": the applicant must act next.
    if (find_word(prefix(whole, 400), "văn bản yêu cầu") != npos) action = "notify";
  }
  // "Xem xét, quyết định": the step ends in the decision.
  if (action == "appraise" && best != npos) {
    const std::size_t decide = earliest(f, {"quyết định", "phê duyệt", "ban hành", "chấp thuận"});
    if (decide != npos && decide < best + 40 && !trim(f.substr(0, decide)).ends_with("trình") &&
        !trim(f.substr(0, decide)).ends_with("dự thảo"))
      action = "approve";
  }
  return std::string(action);
}

namespace {

/// Folded openings of a body's name, the subject of an agency's step.
constexpr std::string_view body_heads[] = {
    "cổng dịch vụ công", "hệ thống thông tin giải quyết thủ tục hành chính", "hệ thống dịch vụ công",
    "ứng dụng định danh", "bộ phận một cửa", "bộ phận tiếp nhận", "trung tâm phục vụ hành chính công", "trung tâm hành chính công",
    "trung tâm phục vụ hành chính", "sở", "cục", "tổng cục", "chi cục", "ủy ban", "uỷ ban", "ubnd", "bộ",
    "phòng", "cơ quan", "chủ tịch", "văn phòng", "chi nhánh", "bộ phận", "trung tâm", "hội đồng", "công an",
    "tòa án", "toà án", "ngân hàng nhà nước", "đại sứ quán", "lãnh sự quán", "tổng lãnh sự quán", "thanh tra",
    "kho bạc", "bảo hiểm xã hội", "cán bộ", "công chức", "viện", "ban quản lý", "tổ thẩm định", "đoàn kiểm tra",
    "đoàn thẩm định", "người có thẩm quyền", "người đứng đầu", "giám đốc", "thủ trưởng", "cảng vụ", "trạm",
    "bộ trưởng", "thống đốc", "vụ", "đơn vị", "ban", "tổ xác minh", "tổ công tác", "tổ chuyên gia"};

/// Verbs (folded) that end the subject of an agency's step.
constexpr std::string_view body_verbs[] = {
    "tiếp nhận", "thẩm định", "thẩm tra", "kiểm tra", "xem xét", "xác minh", "trả kết quả", "trả lời", "trả",
    "giải quyết", "phê duyệt", "chấp thuận", "ban hành", "thông báo", "xử lý", "chuyển", "cấp", "ký", "trình",
    "lấy ý kiến", "xin ý kiến", "họp", "quyết định", "kiểm dịch", "đánh giá", "công bố", "đăng tải", "cập nhật",
    "lưu", "hướng dẫn", "từ chối", "tổ chức", "thành lập", "tiến hành", "ra", "gửi", "có trách nhiệm",
    "thực hiện", "có văn bản", "mở khóa", "mở khoá", "khóa", "khoá", "hủy", "huỷ", "thu hồi", "xác nhận",
    "phối hợp", "lập", "in", "nhập", "ghi", "đăng ký", "niêm yết", "rà soát", "báo cáo", "đề nghị", "yêu cầu",
    "sẽ", "căn cứ", "nhận", "kiểm soát", "giám sát", "chịu trách nhiệm", "phân công", "cử", "có ý kiến",
    "tham mưu", "chủ trì", "đối chiếu", "số hóa", "số hoá", "thu", "bàn giao", "phản hồi", "phải", "đã",
    "là", "lựa chọn", "hoàn thiện", "tổng hợp", "sẽ"};

/// Words that open a time or condition clause before the subject.
constexpr std::string_view clause_openings[] = {"trong thời hạn", "trong vòng", "trong ngày", "ngay sau khi",
                                                "ngay trong ngày", "sau khi", "kể từ", "chậm nhất", "sau",
                                                "trường hợp", "nếu", "khi", "căn cứ", "đối với", "tối đa",
                                                "không quá", "ngay khi", "trên cơ sở", "trước", "để", "hằng năm",
                                                "định kỳ", "hàng năm"};

/// Folded openings of the applicant as a step's subject.
constexpr std::string_view applicant_heads[] = {
    "tổ chức, cá nhân", "cá nhân, tổ chức", "cá nhân", "công dân", "người yêu cầu", "người đề nghị", "người nộp",
    "người dân", "người có yêu cầu", "người đăng ký", "doanh nghiệp", "chủ đầu tư", "chủ hàng", "chủ tàu",
    "chủ cơ sở", "chủ dự án", "thương nhân", "nhà đầu tư", "đơn vị đề nghị", "hộ gia đình", "người lao động",
    "người đại diện", "người xin", "người có nhu cầu", "chủ sở hữu", "bên cho vay", "bên đi vay", "bên vay",
    "tổ chức đề nghị", "tổ chức, cá nhân có nhu cầu", "tổ chức tín dụng", "ngân hàng thương mại",
    "chi nhánh ngân hàng nước ngoài", "người sử dụng đất", "người thừa kế", "người khai", "học sinh",
    "sinh viên", "thí sinh", "người học", "bảo hiểm tiền gửi", "chủ xe", "chủ phương tiện", "chủ rừng",
    "chủ tàu cá", "tổ chức, cá nhân có yêu cầu", "cơ sở giáo dục nghề nghiệp", "cơ sở sản xuất", "cơ sở kinh doanh",
    "cộng đồng dân cư", "cộng đồng", "nhóm hộ", "hợp tác xã", "sĩ quan", "hạ sĩ quan", "thân nhân", "gia đình",
    "bên bảo lãnh", "bên nhận bảo lãnh", "bên được bảo lãnh", "bên mua", "bên bán", "bên thuê", "bên nhận",
    "bên chuyển", "ban trù bị", "chủ tài khoản", "chủ vật thể", "chủ phương tiện", "người khai hải quan"};

bool one_stop_words(std::string_view f) {
  return starts_with_any(f, {"công chức vpmc", "công chức bpmc", "công chức tthcc", "công chức bộ phận một cửa",
                             "công chức trung tâm phục vụ hành chính công", "văn phòng một cửa", "vpmc", "bpmc",
                             "cổng dịch vụ công", "hệ thống thông tin giải quyết thủ tục hành chính",
                             "hệ thống dịch vụ công", "ứng dụng định danh","bộ phận một cửa", "bộ phận tiếp nhận và trả kết quả", "bộ phận tiếp nhận",
                             "trung tâm phục vụ hành chính công", "trung tâm hành chính công",
                             "trung tâm phục vụ hành chính", "bộ phận một cửa liên thông"});
}

}  // namespace

namespace {

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
  // The places a subject may start: the opening, and after each comma or
  // colon when the opening is a time or condition clause.
  std::vector<std::size_t> starts;
  bool clause = false;
  for (auto w : clause_openings)
    if (starts_with_any(f, {w})) clause = true;
  if (!clause) starts.push_back(0);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f[i] == ',' || f[i] == ':' || f[i] == ';') {
      std::size_t k = i + 1;
      while (k < f.size() && f[k] == ' ') ++k;
      starts.push_back(k);
    }
  for (std::size_t p : starts) {
    std::string_view rest = f.substr(p);
    if (std::any_of(std::begin(applicant_heads), std::end(applicant_heads),
                    [&](std::string_view h) { return starts_with_any(rest, {h}); })) {
      // The applicant acts ("…, cá nhân có nhu cầu gia hạn … nộp hồ sơ").
      std::size_t clause_end = rest.find_first_of(",;:");
      if (starts_with_any(rest, {"tổ chức, cá nhân", "cá nhân, tổ chức"})) clause_end = rest.find_first_of(",;:", 18);
      const std::size_t acts = earliest(rest.substr(0, std::min(rest.size(), std::size_t{200})),
                                        {"nộp", "gửi", "chuẩn bị", "lập", "cung cấp", "theo dõi", "thanh toán", "xây dựng", "đại diện", "bổ sung", "nhận", "khai",
                                         "đề nghị", "thực hiện", "truy cập", "đăng ký", "hoàn thiện", "đến"});
      if ((acts != npos && (clause_end == npos || acts < clause_end)) ||
          rest.substr(0, std::min(rest.size(), std::size_t{160})).find("có nhu cầu") != npos) {
        out.applicant = true;
        return out;
      }
      continue;
    }
    if (!std::any_of(std::begin(body_heads), std::end(body_heads),
                     [&](std::string_view h) { return starts_with_any(rest, {h}); }) ||
        rest.starts_with("bộ hồ sơ") || rest.starts_with("tổ chức, cá nhân") || rest.starts_with("tổ chức,") ||
        rest.starts_with("cơ sở"))
      continue;
    // The subject runs to its verb, within the same clause, or across a
    // list of bodies: "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương
    // và Ngân hàng Nhà nước chi nhánh có ý kiến".
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
    // A name may hold a comma only when the clause goes on with the verb:
    // "Văn phòng đăng ký đất đai, Chi nhánh …" is tried from the next start.
    std::size_t verb = npos;
    for (auto v : body_verbs) {
      // Past the head itself: "Cục" never ends at its own first word.
      std::size_t at = find_word(rest, v, 1);
      // "cơ quan tiếp nhận", "bộ phận tiếp nhận": who, not what.
      // "cấp xã", "cấp tỉnh": a level, not "issue"; "tiếp nhận" holds "nhận".
      auto not_verb = [&](std::size_t pos) {
        const auto before = trim(rest.substr(0, pos));
        const auto after = rest.substr(pos + v.size());
        if (v == "tiếp nhận") return before.ends_with("cơ quan") || before.ends_with("bộ phận");
        if (v == "nhận") return before.ends_with("tiếp");
        if (v == "tiến hành") return starts_with_any(trim(after), {"tố tụng"});
        if (v == "cấp")
          return starts_with_any(trim(after), {"xã", "huyện", "tỉnh", "bộ", "trung ương", "cơ sở", "cục", "tổng cục",
                                               "sở", "phòng"});
        // Capitalised, the word is part of a name: "Cục Tổ chức cán bộ",
        // "Vụ Kiểm tra".
        const std::size_t at_original = base + p + pos;
        if (same_offsets && at_original < first.size() && first.compare(at_original, v.size(), v) != 0) return true;
        return false;
      };
      while (at != npos && not_verb(at)) at = find_word(rest, v, at + 1);
      if (at < verb) verb = at;
    }
    // A first line that only names the body: "Bước 2: Công an cấp huyện".
    if (verb == npos && p == 0 && rest.size() < 100 && first.size() < 100) verb = rest.size();
    if (verb == npos || verb > clause_end || verb > 160) continue;
    // A body that files or registers is the applicant here: "cơ quan tổ
    // chức huấn luyện … phải nộp hồ sơ tại Phòng Cảnh sát …".
    if (starts_with_any(rest.substr(verb), {"nộp hồ sơ", "phải nộp", "gửi hồ sơ", "gửi 01 bộ hồ sơ", "lập hồ sơ",
                                            "chuẩn bị hồ sơ", "đăng ký", "nộp", "gửi đơn", "có nhu cầu",
                                            "gửi văn bản đề nghị", "gửi đề nghị", "có văn bản đề nghị",
                                            "gửi yêu cầu", "có yêu cầu"}) &&
        !starts_with_any(rest, {"bộ phận", "trung tâm phục vụ", "cơ quan tiếp nhận", "cơ quan có thẩm quyền"})) {
      out.applicant = true;
      return out;
    }
    std::string_view name = trim(strip_end_punctuation(rest.substr(0, verb)));
    // "Cơ quan được … giao" + its task ("tiếp nhận", "giải quyết", "đánh
    // giá"): the task names the body.
    std::string assigned_name;
    if (starts_with_any(name, {"cơ quan được", "đơn vị được"}) && name.ends_with("giao")) {
      std::size_t end = verb;
      for (int words = 0; words < 2 && end < rest.size(); ++words) {
        const std::size_t sp = rest.find(' ', end + 1);
        end = sp == npos ? rest.size() : sp;
      }
      assigned_name = std::string(trim(rest.substr(0, end)));
      name = assigned_name;
    }
    // The body's own verb is receiving: "Cơ quan được … giao tiếp nhận hồ sơ … trả lời ngay tính đầy đủ".
    if (starts_with_any(rest.substr(verb), {"tiếp nhận", "nhận hồ sơ"})) out.receiving = true;
    // Of a list, the first body named; but a body after the comma is the
    // subject itself ("… của cơ quan khác có thẩm quyền, Phòng Cảnh sát …
    // kiểm tra"): the next start takes it.
    bool later_body = false;
    for (std::size_t c = name.find(','); c != npos && !later_body; c = name.find(',', c + 1)) {
      std::string_view after = trim(name.substr(c + 1));
      later_body = std::any_of(std::begin(body_heads), std::end(body_heads),
                               [&](std::string_view h) { return starts_with_any(after, {h}); });
    }
    if (later_body) continue;
    if (const std::size_t comma = name.find(','); comma != npos) {
      // "Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai": the first.
      name = trim(name.substr(0, comma));
    }
    // Qualifiers and copulas end the name: "… nơi đặt trụ sở", "… là cơ
    // quan", "… phải", "… hoặc Cơ quan có thẩm quyền" (the first one named).
    // "Cơ quan được giao đánh giá", "cơ quan được Chủ tịch … giao giải quyết":
    // the assignment is what tells the body apart; keep it.
    const bool assigned = starts_with_any(name, {"cơ quan được", "đơn vị được"});
    for (auto cut : {" nơi ", " trên địa bàn", " là ", " phải", " đã", " có ", " về việc", " và các", " hoặc ",
                     " sẽ", " được ", " lựa chọn", " hoàn thiện", " tổng hợp", " theo "}) {
      if (assigned && std::string_view(cut) == " được ") continue;
      std::string_view padded = name;
      const std::size_t at = (std::string(padded) + " ").find(cut);
      if (at != npos && at > 0) name = trim(name.substr(0, at));
    }
    if (name.empty()) continue;
    // A bank or a foreign office as the subject is the applicant, not a body
    // of the state: leave the step to the procedure's agency.
    if (starts_with_any(name, {"chi nhánh ngân hàng nước ngoài", "văn phòng đại diện nước ngoài", "phòng giao dịch",
                               "tổ chức tín dụng", "ngân hàng thương mại", "ngân hàng hợp tác xã"})) {
      out.generic = true;
      return out;
    }
    out.one_stop = one_stop_words(name);
    // "Cơ quan tiếp nhận hồ sơ": the desk; "Cơ quan có thẩm quyền", "Cán
    // bộ", "Thủ trưởng cơ quan": the procedure's own body. An advisory or
    // specialised body ("Cơ quan tham mưu", "Hội đồng thẩm định") is one of
    // its own.
    if (!out.one_stop && starts_with_any(name, {"bộ phận tiếp nhận", "nơi tiếp nhận"})) out.one_stop = true;
    out.receiving = out.receiving || starts_with_any(name, {"cơ quan tiếp nhận"});
    out.generic = !out.one_stop &&
                  starts_with_any(name, {"cơ quan có thẩm quyền", "cơ quan giải quyết", "cơ quan cấp",
                                         "cơ quan đăng ký", "cơ quan quản lý", "cơ quan nhà nước có thẩm quyền",
                                         "cán bộ", "công chức", "người có thẩm quyền", "thủ trưởng",
                                         "người đứng đầu", "người giải quyết", "cơ quan thực hiện", "cơ quan tiếp nhận",
                                         "đơn vị chủ trì", "cơ quan chủ trì"}) &&
                  name.find(" của ") == npos && name.size() < 80 &&
                  !starts_with_any(name, {"cơ quan đăng ký đầu tư"});
    // A head word alone ("Cục", "Ủy ban nhân dân", "Công an") is the
    // procedure's own body, not another one.
    const std::size_t words = static_cast<std::size_t>(std::count(name.begin(), name.end(), ' ')) + 1;
    if (words <= 2 || name == "ủy ban nhân dân" || name == "uỷ ban nhân dân" || name == "chủ tịch ủy ban nhân dân" ||
        name == "chủ tịch uỷ ban nhân dân" || name == "ngân hàng nhà nước chi nhánh")
      out.generic = true;
    // The name as written when folding kept the byte offsets, else folded.
    const std::size_t from = base + p;
    if (fold(first).size() == first.size() && from + name.size() <= first.size())
      out.name = std::string(first.substr(from, name.size()));
    else
      out.name = std::string(name);
    return out;
  }
  // No subject at a clause start; the applicant may still act inside the
  // clause: "Trước khi nhập khẩu động vật, sản phẩm động vật chủ hàng gửi
  // 01 bộ hồ sơ".
  for (auto h : applicant_heads) {
    const std::size_t at = find_word(f, h);
    if (at == npos || at > 200) continue;
    const std::string_view after = prefix(f.substr(at + h.size()), 40);
    if (earliest(after, {"gửi", "nộp", "lập hồ sơ", "chuẩn bị", "đăng ký", "đề nghị"}) != npos) {
      out.applicant = true;
      return out;
    }
  }
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

bool desk_routine(std::string_view head) {
  const std::string folded = fold(clean_space(head));
  std::string_view f = strip_list_marker(folded);
  return starts_with_any(f, {"tiếp nhận hồ sơ", "tiếp nhận", "trả kết quả", "nhận hồ sơ và trả kết quả",
                             "thông báo và trả kết quả", "thông báo, trả kết quả", "trả kết quả và thông báo",
                             "tiếp nhận và trả kết quả", "tiếp nhận, kiểm tra hồ sơ", "tiếp nhận và kiểm tra hồ sơ"}) &&
         !(f.find("thẩm định") != npos || f.find("giải quyết") != npos || f.find("xử lý") != npos);
}


namespace {

/// "Bước 3" at `at` in `s` (any case): its number and where the text after
/// the marker starts.
bool step_marker_at(std::string_view s, std::size_t at, unsigned& number, std::size_t& text_start) {
  static constexpr std::string_view words[] = {"Bước", "bước", "BƯỚC", "BướC"};
  std::size_t k = npos;
  for (auto w : words)
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
    if (!st.by_applicant) {
      const std::string fs = fold(sentence);
      if (fs.find("thời hạn") != npos || fs.find("không quá") != npos || fs.find("tối đa") != npos ||
          fs.find("trong vòng") != npos)
        st.stated = stated_time(sentence, rules);
    }
    out.push_back(std::move(st));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Result, agencies, legal basis, level, applicant

std::vector<result_document> parse_results(std::string_view raw) {
  std::vector<result_document> out;
  const std::string text = clean_space(raw);
  std::string_view s = text;
  for (auto stop : {"Từ khóa"sv, "Từ khoá"sv, "Chọn cơ quan thực hiện"sv})
    if (auto at = s.find(stop); at != npos) s = s.substr(0, at);
  s = trim(s);
  if (no_information(s)) return out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t mark = s.find("Mã:", pos);
    if (mark == npos) {
      std::string name(strip_end_punctuation(s.substr(pos)));
      std::string_view n = trim(name);
      while (!n.empty() && (n.front() == '.' || n.front() == ',' || n.front() == ';')) n.remove_prefix(1);
      if (!trim(n).empty() && !no_information(n)) out.push_back({std::string(trim(n)), {}, {}});
      break;
    }
    std::string name(strip_end_punctuation(s.substr(pos, mark - pos)));
    std::string_view n = trim(name);
    while (!n.empty() && (n.front() == '.' || n.front() == ',' || n.front() == ';')) n.remove_prefix(1);
    std::size_t k = mark + "Mã:"sv.size();
    while (k < s.size() && s[k] == ' ') ++k;
    // A national code: "KQ.G15.000031"; anything else is a placeholder.
    std::size_t e = k;
    std::string code;
    std::string code_text;
    if (s.substr(k).starts_with("KQ.")) {
      e = k + 3;
      while (e < s.size() && (is_ascii_alnum(s[e]) || s[e] == '.') &&
             !(s[e - 1] >= '0' && s[e - 1] <= '9' && s[e] >= 'A' && s[e] <= 'Z' && e > k + 8))
        ++e;
      while (e > k && s[e - 1] == '.') --e;
      code = std::string(s.substr(k, e - k));
      // The next name is glued: "KQ.G15.000338Thông báo…" stops at the letter.
    } else {
      while (e < s.size() && (is_ascii_alnum(s[e]) || s[e] == '.' || s[e] == '-' || s[e] == '_')) ++e;
      // "adjfsbjTừ khóa": the capital that starts the next words is not the code's.
      if (e > k + 1 && s[e - 1] >= 'A' && s[e - 1] <= 'Z' && e < s.size() && static_cast<unsigned char>(s[e]) >= 0x80)
        --e;
      code_text = std::string(s.substr(k, e - k));
    }
    if (!n.empty() && !no_information(n)) out.push_back({std::string(trim(n)), code, code_text});
    pos = e;
  }
  return out;
}

std::vector<std::string> split_agencies(std::string_view raw) {
  std::vector<std::string> out;
  const std::string text = clean_space(raw);
  if (no_information(text)) return out;
  // Split on ";" and on ", " when the next words start a new agency.
  static constexpr std::string_view heads[] = {
      "Ngân hàng", "Sở ", "Cục ", "Bộ ", "Công an", "Ủy ban", "Uỷ ban", "UBND", "Phòng ", "Chi cục", "Văn phòng",
      "Tổng cục", "Chủ tịch", "Cơ quan", "Trung tâm", "Chi nhánh", "Ban ", "Tòa án", "Toà án", "Viện ",
      "Bảo hiểm", "Kho bạc", "Hội đồng", "Thủ tướng", "Chính phủ", "Vụ ", "Đại sứ", "Lãnh sự", "Cơ sở",
      "Trường ", "Bộ phận", "Đơn vị", "Tổ chức", "Thanh tra", "Cảng vụ", "Đài ", "Học viện", "Người đứng đầu"};
  std::vector<std::string_view> pieces;
  std::string_view s = text;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool cut = false;
    std::size_t skip = 0;
    if (s[i] == ';') {
      cut = true;
      skip = 1;
    } else if (s[i] == ',' || (s[i] == ' ' && i + 1 < s.size() && s.substr(i + 1).starts_with("và "))) {
      std::size_t k = i + 1;
      if (s[i] == ' ') k += "và "sv.size() - 0;
      while (k < s.size() && s[k] == ' ') ++k;
      for (auto h : heads)
        if (s.substr(k).starts_with(h)) {
          cut = true;
          skip = k - i;
          break;
        }
    } else if (s[i] == '\n') {
      cut = true;
      skip = 1;
    }
    if (cut) {
      pieces.push_back(s.substr(start, i - start));
      start = i + skip;
      i = start == 0 ? 0 : start - 1;
    }
  }
  pieces.push_back(s.substr(start));
  for (auto p : pieces) {
    std::string_view t = strip_end_punctuation(strip_list_marker(p));
    if (t.empty() || no_information(t)) continue;
    std::string name(t);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

std::string agency_in_text(std::string_view text) {
  struct named {
    std::string_view folded;
    std::string_view name;
  };
  static constexpr named agencies[] = {
      {"chủ tịch ủy ban nhân dân cấp tỉnh", "Chủ tịch Ủy ban nhân dân cấp tỉnh"},
      {"chủ tịch uỷ ban nhân dân cấp tỉnh", "Chủ tịch Ủy ban nhân dân cấp tỉnh"},
      {"ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã"},
      {"uỷ ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã"},
      {"ubnd cấp xã", "Ủy ban nhân dân cấp xã"},
      {"ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp huyện"},
      {"uỷ ban nhân dân cấp huyện", "Ủy ban nhân dân cấp huyện"},
      {"ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân cấp tỉnh"},
      {"uỷ ban nhân dân cấp tỉnh", "Ủy ban nhân dân cấp tỉnh"},
      {"ubnd cấp tỉnh", "Ủy ban nhân dân cấp tỉnh"},
      {"công an cấp xã", "Công an cấp xã"},
      {"công an xã", "Công an cấp xã"},
      {"công an cấp huyện", "Công an cấp huyện"},
      {"công an cấp tỉnh", "Công an cấp tỉnh"},
      {"công an tỉnh", "Công an cấp tỉnh"},
      {"cục quản lý xuất nhập cảnh", "Cục Quản lý xuất nhập cảnh"},
      {"sở tư pháp", "Sở Tư pháp"},
      {"phòng tư pháp", "Phòng Tư pháp"},
      {"sở nông nghiệp và môi trường", "Sở Nông nghiệp và Môi trường"},
      {"sở tài chính", "Sở Tài chính"},
      {"văn phòng đăng ký đất đai", "Văn phòng đăng ký đất đai"},
      {"cơ quan đăng ký hộ tịch", "Cơ quan đăng ký hộ tịch"},
      {"bộ tư pháp", "Bộ Tư pháp"},
      {"bộ công an", "Bộ Công an"},
      {"bộ nông nghiệp và môi trường", "Bộ Nông nghiệp và Môi trường"},
      {"ngân hàng nhà nước", "Ngân hàng Nhà nước Việt Nam"},
      {"tòa án nhân dân", "Tòa án nhân dân"},
      {"toà án nhân dân", "Tòa án nhân dân"},
      {"bảo hiểm xã hội", "Bảo hiểm xã hội"},
      {"kho bạc nhà nước", "Kho bạc Nhà nước"},
      {"cơ quan thuế", "Cơ quan thuế"},
  };
  const std::string f = fold(clean_space(text));
  std::size_t best = npos;
  std::string_view found;
  for (const auto& a : agencies) {
    const std::size_t at = find_word(f, a.folded);
    if (at < best) {
      best = at;
      found = a.name;
    }
  }
  return std::string(found);
}

std::string agency_level(std::string_view name) {
  const std::string f = fold(name);
  if (has_word(f, "xã") || has_word(f, "phường") || has_word(f, "cấp xã")) return "commune";
  if (has_word(f, "huyện") || has_word(f, "quận") || has_word(f, "cấp huyện")) return "district";
  if (has_word(f, "tỉnh") || f.starts_with("sở ") || has_word(f, "cấp tỉnh") || has_word(f, "khu vực") ||
      has_word(f, "thành phố"))
    return "province";
  if (f.starts_with("bộ ") || f.starts_with("cục ") || f.starts_with("tổng cục") || f.find(" - bộ ") != npos ||
      f.find("việt nam") != npos || f.starts_with("thủ tướng") || f.starts_with("chính phủ") ||
      has_word(f, "bộ công an") || f.starts_with("vụ "))
    return "central";
  return "";
}

redtape::agency_kind agency_kind_of(std::string_view name) {
  const std::string f = fold(name);
  if (starts_with_any(f, {"cơ sở giáo dục", "cơ sở đào tạo", "cơ sở khám", "các cơ sở khám", "trường",
                          "bệnh viện", "trung tâm dịch vụ", "trung tâm giáo dục", "trung tâm sát hạch",
                          "học viện", "đại học", "bảo hiểm xã hội"}))
    return redtape::agency_kind::public_service;
  return redtape::agency_kind::government;
}

std::vector<std::string> parse_legal_basis(std::string_view raw) {
  std::vector<std::string> out;
  std::string text = clean_space(raw);
  std::string_view s = text;
  if (auto h = s.find("Mã văn bản"); h != npos && h < 40) s.remove_prefix(h + "Mã văn bản"sv.size());
  s = trim(s);
  if (no_information(s)) return out;
  // A document code: "85/2019/TT-BTC", "104/2022/NĐ-CP", "32/2024/QH15",
  // "20/2013/TTLT-BYT-BCT-BNNPTNT". The code that ends a pair is followed by
  // the next title (a capital, glued or after a space) or by the end.
  struct code_at {
    std::size_t at, end;
  };
  std::vector<code_at> codes;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    std::size_t j = i;
    while (j < s.size() && (is_digit(s[j]) || s[j] == '.')) ++j;
    if (j >= s.size() || s[j] != '/') continue;
    std::size_t y = j + 1;
    std::size_t year_digits = 0;
    while (y < s.size() && is_digit(s[y])) {
      ++y;
      ++year_digits;
    }
    if (year_digits != 4 || y >= s.size() || s[y] != '/') continue;
    std::size_t e = y + 1;
    const std::size_t kind_start = e;
    // The kind is upper case, digits and dashes ("NĐ-CP", "TTLT-BYT-BCT",
    // "QH15"), with "TTg" (the Prime Minister) the one lower-case letter.
    while (e < s.size()) {
      const char ch = s[e];
      // Digits belong to the kind only in "QH15", "QH14" (the National Assembly).
      const bool qh_digit = is_digit(ch) && e >= kind_start + 2 &&
                            (s.substr(e - 2, 2) == "QH" || (e >= kind_start + 3 && s.substr(e - 3, 2) == "QH"));
      if ((ch >= 'A' && ch <= 'Z') || qh_digit || ch == '-') {
        ++e;
      } else if (s.substr(e).starts_with("Đ")) {
        e += 2;
      } else if (ch == 'g' && e >= kind_start + 2 && s.substr(e - 2, 2) == "TT") {
        ++e;
      } else {
        break;
      }
      // "QH1550/2025/…": the next code's number is glued to "QH15".
      if (e - kind_start >= 4 && s.substr(kind_start, 2) == "QH" && e < s.size() && is_digit(s[e]) &&
          is_digit(s[e - 1]) && is_digit(s[e - 2]))
        break;
    }
    // "TT-BTCNghị định…": the capital before a lower-case letter starts the next title.
    if (e < s.size() && e > kind_start && lower_at(s, e) && upper_at(s, previous_char(s, e)))
      e = previous_char(s, e);
    if (e == kind_start) continue;
    codes.push_back({i, e});
    i = e - 1;
  }
  std::size_t start = 0;
  for (const auto& c : codes) {
    const bool ends_pair = c.end >= s.size() || upper_at(s, c.end) ||
                           (s[c.end] == ' ' && c.end + 1 < s.size() && upper_at(s, c.end + 1)) ||
                           is_digit(s[c.end]) || s.substr(c.end).starts_with("số");
    if (!ends_pair) continue;
    std::string_view title = trim(s.substr(start, c.at - start));
    std::string_view code = s.substr(c.at, c.end - c.at);
    // "Luật số 32/2024/QH15": the code's prefix belongs to it.
    while (title.ends_with("số") || title.ends_with("Số")) title = trim(title.substr(0, title.size() - "số"sv.size()));
    // "Luật Các tổ chức tín dụngLuật số 32/2024/QH15": the kind of the
    // document glued before its code repeats the title's.
    for (auto kind : {"Thông tư liên tịch"sv, "Thông tư"sv, "Nghị định"sv, "Quyết định"sv, "Nghị quyết"sv, "Luật"sv,
                      "Pháp lệnh"sv, "Chỉ thị"sv, "Văn bản hợp nhất"sv})
      if (title.size() > kind.size() && title.ends_with(kind) && title[title.size() - kind.size() - 1] != ' ') {
        title = trim(title.substr(0, title.size() - kind.size()));
        break;
      }
    std::string item;
    const bool bare_kind = title == "Luật" || title == "Thông tư" || title == "Nghị định" || title == "Quyết định" ||
                           title == "Nghị quyết" || title == "Thông tư liên tịch";
    if (title.empty()) {
      // "…43/2015/TT-NHNN43/2015/TT-NHNN": a code repeated with no title.
      if (std::any_of(out.begin(), out.end(), [&](const std::string& o) { return o.find(code) != npos; })) {
        start = c.end;
        continue;
      }
      item = std::string(code);
    } else if (title.find(code) != npos) {
      item = std::string(title);
    } else if (bare_kind) {
      item = std::string(title) + " " + std::string(code);
    } else {
      item = std::string(title) + " (" + std::string(code) + ")";
    }
    item = shorten(item, 300);
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
    start = c.end;
  }
  std::string_view rest = trim(s.substr(std::min(start, s.size())));
  if (!rest.empty() && rest.size() > 3 && out.empty()) out.push_back(shorten(rest, 300));
  return out;
}

std::vector<std::string> parse_levels(std::string_view raw) {
  std::vector<std::string> out;
  const std::string f = fold(clean_space(raw));
  std::string_view s = f;
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    std::string_view piece = trim(s.substr(0, comma));
    std::string level;
    if (piece.find("bộ") != npos || piece.find("trung ương") != npos) level = "central";
    else if (piece.find("tỉnh") != npos) level = "province";
    else if (piece.find("huyện") != npos) level = "district";
    else if (piece.find("xã") != npos) level = "commune";
    else if (!piece.empty()) level = "other";
    if (!level.empty() && std::find(out.begin(), out.end(), level) == out.end()) out.push_back(level);
    if (comma == npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

redtape::applicant_kind parse_applicant(std::string_view raw) {
  const std::string f = fold(clean_space(raw));
  if (f.empty()) return redtape::applicant_kind::any;
  bool citizen = false, business = false, other = false;
  std::string_view s = f;
  // "Tổ chức (không bao gồm doanh nghiệp, HTX)" holds a comma inside brackets.
  std::vector<std::string_view> pieces;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    else if (s[i] == ')') --depth;
    else if (s[i] == ',' && depth == 0) {
      pieces.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  pieces.push_back(trim(s.substr(start)));
  for (auto p : pieces) {
    if (p.starts_with("công dân") || p.starts_with("người") || p.starts_with("cá nhân") ||
        p.starts_with("cán bộ") || p.starts_with("hộ gia đình"))
      citizen = true;
    else if (p.starts_with("doanh nghiệp") || p.starts_with("hợp tác xã") || p.starts_with("nhà đầu tư") ||
             p.starts_with("tổ chức tín dụng") || p.starts_with("thương nhân"))
      business = true;
    else if (!p.empty())
      other = true;
  }
  if (citizen && !business && !other) return redtape::applicant_kind::citizen;
  if (business && !citizen && !other) return redtape::applicant_kind::business;
  return redtape::applicant_kind::any;
}

}  // namespace redtape::importer::portal
