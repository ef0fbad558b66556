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

/// Quote a user's text for a message: at most `max` characters, on one line.
[[nodiscard]] std::string quote(std::string_view text, std::size_t max = 60);

}  // namespace redtape::util
