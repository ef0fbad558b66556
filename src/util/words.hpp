// Words in UTF-8 text as the portal's Vietnamese is read: a word is a run of
// ASCII letters and digits and of bytes of multi-byte sequences (the letters
// outside ASCII are Vietnamese letters); a phrase matches at word
// boundaries. The importer's parsers and the lexicon's cue lists share them.
#pragma once

#include <cstddef>
#include <string_view>

namespace redtape::util {

inline bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

/// `s` without leading and trailing spaces and line feeds.
inline std::string_view trim_blank(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

/// `needle` in `hay` at a word boundary on both sides, from `from`.
inline std::size_t find_word(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  constexpr auto npos = std::string_view::npos;
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

/// Whether `s` starts with the phrase `p`, ending at a word boundary.
inline bool starts_with_word(std::string_view s, std::string_view p) {
  return s.starts_with(p) && (s.size() == p.size() || !is_word_byte(s[p.size()]) || !is_word_byte(p.back()));
}

}  // namespace redtape::util
