#include "util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include <utf8proc.h>

namespace redtape::util {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0];
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t above = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

namespace {
template <class Range>
std::optional<std::string> closest_in(std::string_view word, const Range& candidates) {
  // Too short to guess from ("c" is one edit from every one-letter id).
  if (word.size() < 3) return std::nullopt;
  // Allow about one typo in four characters, at least one.
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 4 + (word.size() > 6 ? 1 : 0));
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    std::string_view c(candidate);
    std::size_t d = edit_distance(word, c, limit);
    // A prefix ("dur" for "duration_days") also counts as close.
    if (d > limit && word.size() >= 3 && c.starts_with(word)) d = limit;
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}
}  // namespace

std::optional<std::string> closest(std::string_view word,
                                   std::span<const std::string_view> candidates) {
  return closest_in(word, candidates);
}

std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates) {
  return closest_in(word, candidates);
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  if (i >= text.size()) return 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto continuation = [&](std::size_t k) { return i + k < text.size() && (byte(k) & 0xC0) == 0x80; };
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return continuation(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (c == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && byte(1) >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (c == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && byte(1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;  // a continuation byte, C0, C1, F5–FF
}

char32_t code_point_at(std::string_view text, std::size_t i) noexcept {
  const std::size_t n = utf8_sequence_length(text, i);
  if (n == 0) return 0xFFFD;
  const auto c = static_cast<unsigned char>(text[i]);
  if (n == 1) return c;
  char32_t cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  return cp;
}

std::size_t invalid_utf8_offset(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

/// Code points that NFC leaves alone whatever surrounds them: below the
/// combining marks (ASCII, Latin-1, Latin Extended-A/B: ă, đ, ơ, ư), the
/// precomposed Vietnamese letters (U+1E00–U+1EFF) and general punctuation
/// from U+2010 ("–", "“", "…"). None is a combining mark or the second half
/// of a canonical composition, and none decomposes.
bool nfc_stable(char32_t cp) noexcept {
  return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x206F);
}

bool is_noncharacter(char32_t cp) noexcept {
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

struct free_deleter {
  void operator()(utf8proc_uint8_t* p) const noexcept { std::free(p); }
};

/// NFC of valid UTF-8 by utf8proc (the text itself if utf8proc fails).
std::string compose(std::string text) {
  utf8proc_uint8_t* raw = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &raw,
                                          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, free_deleter> owned(raw);
  if (n < 0) return text;
  return std::string(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::size_t bad = invalid_utf8_offset(text);
  if (bad == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, bad));
  out.reserve(text.size() + 8);
  for (std::size_t i = bad; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string nfc(std::string_view text) {
  std::string valid = valid_utf8(text);
  for (std::size_t i = 0; i < valid.size();) {
    if (!nfc_stable(code_point_at(valid, i))) return compose(std::move(valid));
    i += utf8_sequence_length(valid, i);
  }
  return valid;
}

std::string clean_text(std::string_view text) {
  bool plain = true;  // printable ASCII, tabs and line breaks only
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x7F || (b < 0x20 && b != '\t' && b != '\n' && b != '\r')) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool stable = true;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
      continue;
    }
    const char32_t cp = code_point_at(text, i);
    if (cp == 0x85) out += '\n';  // NEXT LINE
    else if (is_noncharacter(cp)) out += replacement;
    else if (!((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)))
      out.append(text.substr(i, n));
    stable = stable && nfc_stable(cp);
    i += n;
  }
  return stable ? out : compose(std::move(out));
}

std::size_t cut_point(std::string_view text, std::size_t max_chars, bool prefer_word) {
  std::size_t chars = 0;
  std::size_t last_break = 0;                     // a grapheme boundary
  std::size_t last_space = std::string_view::npos;  // a space that starts a grapheme
  utf8proc_int32_t state = 0;
  utf8proc_int32_t previous = -1;
  std::size_t i = 0;
  std::size_t cut = text.size();
  while (i < text.size()) {
    const std::size_t n = std::max<std::size_t>(1, utf8_sequence_length(text, i));
    const auto cp = static_cast<utf8proc_int32_t>(code_point_at(text, i));
    const bool boundary = previous < 0 || utf8proc_grapheme_break_stateful(previous, cp, &state);
    if (boundary) last_break = i;
    if (chars == max_chars) {
      cut = last_break;
      break;
    }
    if (cp == ' ' && boundary) last_space = i;
    previous = cp;
    i += n;
    ++chars;
  }
  if (cut == text.size()) return cut;
  if (prefer_word && last_space != std::string_view::npos && last_space > cut / 2) cut = last_space;
  return cut;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  const std::size_t cut = cut_point(text, max_chars);
  if (cut >= text.size()) return std::string(text);
  std::string_view kept = text.substr(0, cut);
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\n' || kept.back() == '\t' || kept.back() == ',' ||
                           kept.back() == ';' || kept.back() == ':' || kept.back() == '-' || kept.back() == '.'))
    kept.remove_suffix(1);
  return std::string(kept) + "…";
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

std::size_t next_boundary(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) return text.size();
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return at;
}

std::string quote(std::string_view text, std::size_t max) {
  const std::string valid = valid_utf8(text);
  const std::size_t cut = cut_point(valid, max, /*prefer_word=*/false);
  std::string out = "\"";
  for (std::size_t i = 0; i < cut; ++i) {
    const char c = valid[i];
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (cut < valid.size()) out += "…";
  return out + "\"";
}

}  // namespace redtape::util
