// Small text helpers shared by the loader, the rules and the CLI.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace redtape::util {

/// Levenshtein distance over bytes, stopping early past `limit`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b,
                                        std::size_t limit = 64);

/// The candidate closest to `word` if it is close enough to be a likely typo
/// (e.g. "duraton_days" → "duration_days"), else nothing.
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 std::span<const std::string_view> candidates);
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 std::span<const std::string> candidates);

/// Offset of the first byte that is not part of valid UTF-8, or npos.
[[nodiscard]] std::size_t invalid_utf8_offset(std::string_view text) noexcept;

/// Length (1–4) of the valid UTF-8 sequence at `text[i]`, or 0 when the bytes
/// there are none: a stray continuation byte, a truncated sequence, an
/// overlong form, a surrogate, a value past U+10FFFF.
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept;

/// The code point of the valid sequence at `text[i]` (see
/// utf8_sequence_length), else U+FFFD.
[[nodiscard]] char32_t code_point_at(std::string_view text, std::size_t i) noexcept;

/// Valid UTF-8 whatever the input: every byte that is not part of a valid
/// sequence becomes U+FFFD. Valid text comes back unchanged.
[[nodiscard]] std::string valid_utf8(std::string_view text);

/// Text as the importer and the writers keep it: valid UTF-8 (bad bytes →
/// U+FFFD), composed (NFC: a decomposed "ê" + U+0301 is "ế"), without
/// control characters (C0 other than tab and line breaks, DEL, C1: dropped;
/// U+0085 is a line break) and without noncharacters (U+FFFE, U+FFFF, …:
/// U+FFFD). Text that needs none of this comes back unchanged.
[[nodiscard]] std::string clean_text(std::string_view text);

/// NFC of valid UTF-8 (invalid bytes become U+FFFD first).
[[nodiscard]] std::string nfc(std::string_view text);

/// Where text of at most `max_chars` characters (code points) may end: a
/// byte offset at a code-point boundary that also keeps a character with its
/// combining marks, its variation selector and its emoji joiners (a grapheme
/// boundary), never past `max_chars` code points. The whole size when the
/// text is short enough. With `prefer_word`, the last space in the second
/// half of the allowed text is taken when there is one.
[[nodiscard]] std::size_t cut_point(std::string_view text, std::size_t max_chars, bool prefer_word = true);

/// At most `max_chars` characters, then "…": cut at a word boundary when one
/// lies in the second half (cut_point), trailing spaces and ",;:-." removed.
/// A short text comes back as it is.
[[nodiscard]] std::string shorten(std::string_view text, std::size_t max_chars);

/// At most `max_bytes` bytes, ending at a code-point boundary (and not
/// between a character and its combining marks).
[[nodiscard]] std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

/// The first code-point boundary at or after `at` (at most text.size()): an
/// offset found in other text (a folded copy) made safe to cut at.
[[nodiscard]] std::size_t next_boundary(std::string_view text, std::size_t at) noexcept;

/// Quote a user's text for a message: at most `max` characters, on one line,
/// valid UTF-8 whatever the input.
[[nodiscard]] std::string quote(std::string_view text, std::size_t max = 60);

}  // namespace redtape::util
