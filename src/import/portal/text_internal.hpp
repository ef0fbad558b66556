// Helpers the portal's parsers share (src/import/portal/*.cpp only, never
// the importer's callers): bytes, words and letters of UTF-8 text, list
// markers, and the time and money readers that the channel table reuses.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/time.hpp"
#include "util/words.hpp"

namespace redtape::importer::portal::detail {

inline constexpr std::size_t npos = std::string_view::npos;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
using util::find_word;
using util::is_word_byte;
inline std::string_view trim(std::string_view s) { return util::trim_blank(s); }

/// Length of the UTF-8 sequence starting with byte `c`.
inline std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

/// The characters at the start of a line that only mark a list item: "-",
/// "+", "*", "•", "a)", "1.", "(i)", "I.", "a.1)", "2.3.1.", "8.3.1.1.".
std::size_t list_marker_length(std::string_view s);

inline std::string_view strip_list_marker(std::string_view s) {
  s = trim(s);
  s.remove_prefix(std::min(s.size(), list_marker_length(s)));
  return trim(s);
}

inline std::string_view strip_end_punctuation(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.back() == ';' || s.back() == ',' || s.back() == '.' || s.back() == ':' ||
                        s.back() == ' ' || s.back() == '-'))
    s.remove_suffix(1);
  return s;
}

inline double round_up_half(double x) { return std::ceil(x * 2 - 1e-9) / 2; }

/// A count read digit by digit, stopping at a million (the most copies the
/// loader accepts) instead of wrapping around.
inline unsigned add_digit(unsigned value, char digit) {
  return std::min(value * 10 + static_cast<unsigned>(digit - '0'), 1'000'000u);
}

/// The code point at `s[i]` (0 when the bytes are not UTF-8).
inline char32_t code_point_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = utf8_length(c);
  if (n == 1 || i + n > s.size()) return c < 0x80 ? c : 0;
  char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

/// Letter case of the Latin letters Vietnamese uses: ASCII, Latin-1, Latin
/// Extended-A/B (Đ, Ơ, Ư) and the Vietnamese block U+1EA0–U+1EF9.
inline int letter_case(char32_t cp) {  // 1 upper, -1 lower, 0 not a letter
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
inline bool upper_at(std::string_view s, std::size_t i) { return i < s.size() && letter_case(code_point_at(s, i)) == 1; }
inline bool lower_at(std::string_view s, std::size_t i) { return i < s.size() && letter_case(code_point_at(s, i)) == -1; }
/// Start of the code point that ends just before `i`.
inline std::size_t previous_char(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return j;
}

/// A number and its unit in folded text (time.cpp).
struct found_time {
  double value = 0;
  time_unit unit = time_unit::none;
  std::size_t at = 0;
  std::size_t end = 0;
};

/// Number + unit pairs in folded text. A number that is part of a date
/// ("ngày 14/11/2016", "tháng 11 năm 2016") or a clock time ("sau 15 giờ") is
/// not a duration.
std::vector<found_time> find_times(std::string_view f, bool need_unit_words = true);

/// An amount with its currency in folded text (fees.cpp).
struct money {
  double amount = 0;
  std::string currency;
  std::size_t end = 0;
};

/// "2,000,000 Việt Nam Đồng", "135 VNĐ", "100 USD", "50.000 đồng", "40.000đ"
/// at the start of folded text.
std::optional<money> money_at(std::string_view f);

/// Every amount with a currency in folded text.
std::vector<money> amounts_in(std::string_view f);

}  // namespace redtape::importer::portal::detail
