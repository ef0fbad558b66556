// Vietnamese text primitives for document identity: Unicode folding, tone
// mark placement, diacritic stripping and a word tokenizer. utf8proc stays
// behind this header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redtape::vietnamese {

/// NFC and Unicode case folding ("Đ" → "đ", decomposed tone marks composed).
/// Invalid UTF-8 is not an error here: the text comes back lowercased byte
/// by byte (ASCII letters only), so a bad name still gets a stable key.
[[nodiscard]] std::string fold(std::string_view text);

[[nodiscard]] bool is_ascii(std::string_view text) noexcept;

/// Diacritics removed from folded text: "căn cước" → "can cuoc", "đ" → "d".
/// Invalid UTF-8 comes back unchanged.
[[nodiscard]] std::string strip_diacritics(std::string_view folded);

/// One tone-placement convention for a folded syllable, in place. Both
/// "hoà, thuỷ, khoẻ" (mark on the second vowel) and "hòa, thủy, khỏe" (mark
/// on the first) are correct Vietnamese; the portal's texts write "hòa" about
/// ten times as often as "hoà", so the mark goes on the first vowel. Only the
/// syllable-final pairs oa, oe, uy move ("hoàn" has one place only; "quý" is
/// left alone: its u belongs to qu).
void place_tone_mark(std::string& syllable);

enum class token_kind : std::uint8_t { word, open, close, punct };

struct token {
  std::string text;
  token_kind kind = token_kind::word;
  bool spaced = false;  ///< whitespace between the previous token and this one
};

/// Splits folded text into words (runs of letters, marks and digits of any
/// script, tone marks placed by place_tone_mark), brackets and other
/// punctuation. Whitespace is not a token: it sets `spaced` on the next one.
[[nodiscard]] std::vector<token> tokenize(std::string_view folded);

}  // namespace redtape::vietnamese
