#include "analysis/vietnamese.hpp"

#include <array>
#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace redtape::vietnamese {
namespace {

struct free_deleter {
  void operator()(utf8proc_uint8_t* p) const noexcept { std::free(p); }
};

// utf8proc_map with `options`; nothing when the input is not valid UTF-8.
bool map_utf8(std::string_view text, int options, std::string& out) {
  utf8proc_uint8_t* raw = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &raw,
                   static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, free_deleter> owned(raw);
  if (n < 0) return false;
  out.assign(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The five tones (huyền, sắc, hỏi, ngã, nặng) on the vowels that move.
constexpr std::array<char32_t, 5> toned_a{0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1};
constexpr std::array<char32_t, 5> toned_e{0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9};
constexpr std::array<char32_t, 5> toned_y{0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5};
constexpr std::array<char32_t, 5> toned_o{0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD};
constexpr std::array<char32_t, 5> toned_u{0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5};

int tone_of(char32_t cp, const std::array<char32_t, 5>& table) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i] == cp) return static_cast<int>(i);
  return -1;
}

// The last code point of `s` and where it starts; {0, npos} when not UTF-8.
std::pair<char32_t, std::size_t> last_code_point(std::string_view s) {
  if (s.empty()) return {0, std::string_view::npos};
  std::size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  utf8proc_int32_t cp = 0;
  const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + start),
                                    static_cast<utf8proc_ssize_t>(s.size() - start), &cp);
  if (len <= 0 || static_cast<std::size_t>(len) != s.size() - start)
    return {0, std::string_view::npos};
  return {static_cast<char32_t>(cp), start};
}

bool is_word_category(utf8proc_category_t c) noexcept {
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

bool is_space_category(utf8proc_category_t c) noexcept {
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
         c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF;
}

}  // namespace

bool is_ascii(std::string_view text) noexcept {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string fold(std::string_view text) {
  if (is_ascii(text)) return ascii_lower(text);
  std::string out;
  if (map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, out)) return out;
  return ascii_lower(text);
}

std::string strip_diacritics(std::string_view folded) {
  if (is_ascii(folded)) return std::string(folded);
  std::string stripped;
  if (!map_utf8(folded, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK, stripped))
    return std::string(folded);
  // đ (U+0111) and Đ (U+0110) have no decomposition: a letter, not a mark.
  std::string out;
  out.reserve(stripped.size());
  for (std::size_t i = 0; i < stripped.size(); ++i) {
    if (stripped[i] == '\xC4' && i + 1 < stripped.size() &&
        (stripped[i + 1] == '\x91' || stripped[i + 1] == '\x90')) {
      out += stripped[i + 1] == '\x91' ? 'd' : 'D';
      ++i;
    } else {
      out += stripped[i];
    }
  }
  return out;
}

void place_tone_mark(std::string& syllable) {
  auto [last, last_at] = last_code_point(syllable);
  if (last_at == std::string_view::npos || last_at == 0) return;
  const char before = syllable[last_at - 1];  // the first vowel of the pair is ASCII o or u
  int tone = -1;
  const std::array<char32_t, 5>* first_toned = nullptr;
  char32_t second = 0;
  if (before == 'o') {
    if ((tone = tone_of(last, toned_a)) >= 0) second = U'a';
    else if ((tone = tone_of(last, toned_e)) >= 0) second = U'e';
    first_toned = &toned_o;
  } else if (before == 'u') {
    if (last_at >= 2 && syllable[last_at - 2] == 'q') return;  // quý: u is part of qu
    if ((tone = tone_of(last, toned_y)) >= 0) second = U'y';
    first_toned = &toned_u;
  }
  if (tone < 0 || first_toned == nullptr) return;
  std::string tail;
  append_utf8(tail, (*first_toned)[static_cast<std::size_t>(tone)]);
  append_utf8(tail, second);
  syllable.replace(last_at - 1, std::string::npos, tail);
}

std::vector<token> tokenize(std::string_view s) {
  std::vector<token> out;
  std::string word;
  bool in_word = false;
  bool word_spaced = false;
  bool spaced = false;
  auto flush = [&] {
    if (!in_word) return;
    place_tone_mark(word);
    out.push_back({std::move(word), token_kind::word, word_spaced});
    word.clear();
    in_word = false;
    spaced = false;
  };
  auto symbol = [&](token_kind kind, std::string_view text) {
    flush();
    out.push_back({std::string(text), kind, spaced});
    spaced = false;
  };
  auto word_char = [&](std::string_view bytes) {
    if (!in_word) {
      in_word = true;
      word_spaced = spaced;
    }
    word.append(bytes);
  };

  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        word_char(s.substr(i, 1));
      } else if (c <= ' ' || c == 0x7F) {
        flush();
        spaced = true;
      } else if (c == '(' || c == '[' || c == '{') {
        symbol(token_kind::open, s.substr(i, 1));
      } else if (c == ')' || c == ']' || c == '}') {
        symbol(token_kind::close, s.substr(i, 1));
      } else {
        symbol(token_kind::punct, s.substr(i, 1));
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const auto len = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {  // not UTF-8: a separator, one byte at a time
      flush();
      spaced = true;
      ++i;
      continue;
    }
    const auto piece = s.substr(i, static_cast<std::size_t>(len));
    const auto category = utf8proc_category(cp);
    if (is_word_category(category)) {
      word_char(piece);
    } else if (is_space_category(category)) {
      flush();
      spaced = true;
    } else if (category == UTF8PROC_CATEGORY_PS) {
      symbol(token_kind::open, piece);
    } else if (category == UTF8PROC_CATEGORY_PE) {
      symbol(token_kind::close, piece);
    } else {
      symbol(token_kind::punct, piece);
    }
    i += static_cast<std::size_t>(len);
  }
  flush();
  return out;
}

}  // namespace redtape::vietnamese
