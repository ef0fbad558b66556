#include "import/portal/text.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/vietnamese.hpp"
#include "import/portal/cues.hpp"
#include "import/portal/text_internal.hpp"
#include "util/text.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

namespace vn = redtape::vietnamese;

namespace {

/// The length of the bracketed list marker at the start of `s`: "(1)",
/// "(i)", "(a)"; 0 when there is none.
std::size_t bracketed_marker_length(std::string_view s) {
  std::size_t j = 1;
  while (j < s.size() && j <= 6 && (is_digit(s[j]) || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
    ++j;
  if (j > 1 && j < s.size() && s[j] == ')') {
    const auto token = s.substr(1, j - 1);
    const bool numeric = std::all_of(token.begin(), token.end(), is_digit);
    const bool roman = std::all_of(token.begin(), token.end(), [](char x) {
      return x == 'i' || x == 'v' || x == 'x' || x == 'I' || x == 'V' || x == 'X';
    });
    if (numeric || roman || token.size() == 1) return j + 1;
  }
  return 0;
}

}  // namespace

/// The characters at the start of a line that only mark a list item: "-",
/// "+", "*", "•", "a)", "1.", "(i)", "I.", "a.1)", "2.3.1.", "8.3.1.1.".
std::size_t detail::list_marker_length(std::string_view s) {
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
    if (c == '(') {
      const std::size_t n = bracketed_marker_length(s.substr(i));
      if (n == 0) break;
      i += n;
      any = true;
      continue;
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
  return s.empty() || cues("no-information").is(s);
}

}  // namespace redtape::importer::portal
