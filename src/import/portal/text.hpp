// The portal's text as redtape reads it: spaces, case folding that keeps
// byte offsets, HTML, identifiers, shortening, "no information".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redtape::importer::portal {

/// No-break spaces, tabs, zero-width marks and runs of spaces become one
/// space; newlines are kept (`keep_newlines`) or become spaces; trimmed.
[[nodiscard]] std::string clean_space(std::string_view text, bool keep_newlines = false);
/// Unicode NFC and case folding ("Đ" → "đ"), byte for byte: every character
/// folds to one of the same length, or stays as written ("ẞ", the Kelvin
/// sign), so an offset found in the folded text cuts the text itself between
/// two characters.
[[nodiscard]] std::string fold(std::string_view text);
/// At most `max_bytes` of `text`, never cutting a character in two.
[[nodiscard]] std::string_view prefix(std::string_view text, std::size_t max_bytes);
/// HTML tags removed ("</p>"), entities &nbsp; &amp; &lt; &gt; decoded.
[[nodiscard]] std::string strip_html(std::string_view text);
/// ASCII identifier: diacritics removed, lower case, words joined by `sep`,
/// cut at a word boundary to at most `max` characters. "Sở Tư pháp" → "so_tu_phap".
[[nodiscard]] std::string slug(std::string_view text, std::size_t max = 60, char sep = '_');
/// At most `max` characters (not bytes), cut at a word boundary when there is
/// one in the second half, never inside a character or between a character
/// and its combining marks (util::cut_point), "…" added.
[[nodiscard]] std::string shorten(std::string_view text, std::size_t max);
/// The portal's "no information" placeholders: "Không có thông tin", "Không
/// quy định", "--", empty.
[[nodiscard]] bool no_information(std::string_view text);

}  // namespace redtape::importer::portal
