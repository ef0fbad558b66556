// Reading YAML trees into typed values, with a located, bilingual error for
// every problem. Shared by the catalog loader and the rule loader.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "load/diagnostics.hpp"
#include "load/tree.hpp"
#include "redtape/model.hpp"
#include "util/text.hpp"

namespace redtape::loader {

inline phrase kind_name(node_kind k) {
  switch (k) {
    case node_kind::null: return {"nothing", "giá trị rỗng"};
    case node_kind::scalar: return {"a text", "một chuỗi"};
    case node_kind::sequence: return {"a list", "một danh sách"};
    case node_kind::mapping: return {"a mapping", "một ánh xạ (khóa: giá trị)"};
  }
  return {"?", "?"};
}

inline bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

const phrase in_name{"name", "tên"};
inline constexpr std::string_view name_keys[] = {"vi", "en"};

class tree_reader {
 public:
  tree_reader(const tree& t, std::uint32_t file, diagnostics_list& diags)
      : t_(t), file_(file), diags_(diags) {}

  [[nodiscard]] const tree& nodes() const noexcept { return t_; }
  [[nodiscard]] diagnostics_list& diagnostics() noexcept { return diags_; }

  source_location loc(std::uint32_t n) const { return loc(t_[n].at); }
  const tree& source() const { return t_; }
  source_location loc(mark m) const { return {file_, m.line, m.column}; }

  // ---- shapes -----------------------------------------------------------

  std::string found(std::uint32_t n, bool vi) const {
    const node& x = t_[n];
    if (x.kind == node_kind::scalar) return util::quote(t_.text(n));
    return vi ? kind_name(x.kind).vi : kind_name(x.kind).en;
  }

  void wrong_type(std::uint32_t n, std::string_view key, phrase expected) {
    diags_.error("wrong-type", loc(n),
                 fmt::format("expected {} for `{}`, found {}", expected.en, key, found(n, false)),
                 fmt::format("`{}` cần {}, nhưng gặp {}", key, expected.vi, found(n, true)));
  }

  bool expect(std::uint32_t n, node_kind kind, std::string_view key) {
    if (t_[n].kind == kind) return true;
    wrong_type(n, key, kind_name(kind));
    return false;
  }

  // Visit a mapping's pairs, rejecting duplicate and unknown keys.
  void fields(std::uint32_t n, phrase what, std::span<const std::string_view> allowed,
              const std::function<void(std::string_view, std::uint32_t, std::uint32_t)>& visit) {
    std::vector<std::string_view> seen;
    for (std::uint32_t k = t_[n].first; k != no_node;) {
      std::uint32_t v = t_[k].next;
      if (v == no_node) break;
      std::uint32_t following = t_[v].next;
      if (t_[k].kind != node_kind::scalar) {
        diags_.error("bad-key", loc(k),
                     fmt::format("a key in a {} must be a plain word, found {}", what.en, found(k, false)),
                     fmt::format("khóa trong {} phải là một từ, nhưng gặp {}", what.vi, found(k, true)));
        k = following;
        continue;
      }
      std::string_view key = t_.text(k);
      bool duplicate = false;
      for (auto s : seen) duplicate |= (s == key);
      if (duplicate) {
        diags_.error("duplicate-key", loc(k),
                     fmt::format("key `{}` appears twice in this {}", key, what.en),
                     fmt::format("khóa `{}` xuất hiện hai lần trong {} này", key, what.vi));
      } else if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
        seen.push_back(key);
        visit(key, k, v);
      } else if (!key.starts_with("x-") && !key.starts_with("x_")) {
        unknown_key(k, key, what, allowed);
      }
      k = following;
    }
  }

  void unknown_key(std::uint32_t k, std::string_view key, phrase what,
                   std::span<const std::string_view> allowed) {
    unknown_key_at(loc(k), key, what, allowed);
  }

  void unknown_key_at(const source_location& at, std::string_view key, phrase what,
                      std::span<const std::string_view> allowed) {
    if (auto guess = util::closest(key, allowed)) {
      diags_.error("unknown-key", at,
                   fmt::format("unknown key `{}` in a {}; did you mean `{}`?", key, what.en, *guess),
                   fmt::format("khóa `{}` không có trong {}; có phải là `{}`?", key, what.vi, *guess));
    } else {
      diags_.error("unknown-key", at,
                   fmt::format("unknown key `{}` in a {} (expected one of: {})", key, what.en,
                               fmt::join(allowed, ", ")),
                   fmt::format("khóa `{}` không có trong {} (các khóa hợp lệ: {})", key, what.vi,
                               fmt::join(allowed, ", ")));
    }
  }

  void missing(std::uint32_t n, std::string_view key, phrase what) {
    diags_.error("missing-key", loc(n),
                 fmt::format("this {} has no `{}`", what.en, key),
                 fmt::format("{} này thiếu `{}`", what.vi, key));
  }

  // ---- scalars ----------------------------------------------------------

  std::string text(std::uint32_t n, std::string_view key) {
    if (t_[n].kind == node_kind::null) return {};
    if (!expect(n, node_kind::scalar, key)) return {};
    return std::string(t_.text(n));
  }

  std::optional<std::string> identifier(std::uint32_t n, std::string_view key) {
    if (t_[n].kind != node_kind::scalar) {
      wrong_type(n, key, {"an id", "một mã định danh"});
      return std::nullopt;
    }
    return std::string(t_.text(n));
  }

  std::vector<std::string> text_list(std::uint32_t n, std::string_view key) {
    std::vector<std::string> out;
    if (t_[n].kind == node_kind::null) return out;
    if (t_[n].kind == node_kind::scalar) {  // one item written without a list
      out.emplace_back(t_.text(n));
      return out;
    }
    if (!expect(n, node_kind::sequence, key)) return out;
    for (std::uint32_t c = t_[n].first; c != no_node; c = t_[c].next)
      if (t_[c].kind == node_kind::scalar)
        out.emplace_back(t_.text(c));
      else
        wrong_type(c, key, {"a text", "một chuỗi"});
    return out;
  }

  std::optional<double> number(std::uint32_t n, std::string_view key, bool allow_negative = false) {
    const node& x = t_[n];
    if (x.kind != node_kind::scalar) {
      wrong_type(n, key, {"a number", "một số"});
      return std::nullopt;
    }
    std::string_view s = t_.text(n);
    double value = 0;
    bool special = false;
    if (x.plain) {
      static constexpr std::string_view inf[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"};
      static constexpr std::string_view ninf[] = {"-.inf", "-.Inf", "-.INF"};
      static constexpr std::string_view nan[] = {".nan", ".NaN", ".NAN"};
      for (auto w : inf) special |= (s == w) && (value = HUGE_VAL, true);
      for (auto w : ninf) special |= (s == w) && (value = -HUGE_VAL, true);
      for (auto w : nan) special |= (s == w) && (value = std::nan(""), true);
    }
    if (!special) {
      std::string_view digits = s;
      if (digits.starts_with('+')) digits.remove_prefix(1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (digits.empty() || end != digits.data() + digits.size() ||
          (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        wrong_type(n, key, {"a number", "một số"});
        return std::nullopt;
      }
      if (ec == std::errc::result_out_of_range) value = HUGE_VAL;
    }
    if (!std::isfinite(value)) {
      diags_.error("not-finite", loc(n),
                   fmt::format("`{}` must be a finite number, found {}", key, util::quote(s)),
                   fmt::format("`{}` phải là một số hữu hạn, nhưng gặp {}", key, util::quote(s)));
      return std::nullopt;
    }
    if (value < 0 && !allow_negative) {
      diags_.error("negative-number", loc(n),
                   fmt::format("`{}` must not be negative, found {}", key, util::quote(s)),
                   fmt::format("`{}` không được là số âm, nhưng gặp {}", key, util::quote(s)));
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::uint32_t> count(std::uint32_t n, std::string_view key, std::uint32_t from = 1) {
    auto v = number(n, key);
    if (!v) return std::nullopt;
    if (*v < from || *v != std::floor(*v) || *v > 1e6) {
      diags_.error("bad-count", loc(n),
                   fmt::format("`{}` must be a whole number from {}, found {}", key, from,
                               util::quote(t_.text(n))),
                   fmt::format("`{}` phải là số nguyên từ {} trở lên, nhưng gặp {}", key, from,
                               util::quote(t_.text(n))));
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(*v);
  }

  template <class Enum, std::size_t N>
  std::optional<Enum> choice(std::uint32_t n, std::string_view key,
                             const std::array<std::string_view, N>& names,
                             std::optional<Enum> (*parse)(std::string_view) noexcept) {
    if (t_[n].kind != node_kind::scalar) {
      wrong_type(n, key, {"a word", "một từ"});
      return std::nullopt;
    }
    std::string_view s = t_.text(n);
    if (auto e = parse(s)) return e;
    std::vector<std::string_view> options;
    for (auto name : names)
      if (name != "unspecified") options.push_back(name);
    bad_choice(n, key, s, options);
    return std::nullopt;
  }

  /// `key`'s value `s` is not one of `options`.
  void bad_choice(std::uint32_t n, std::string_view key, std::string_view s,
                  const std::vector<std::string_view>& options) {
    auto guess = util::closest(s, std::span<const std::string_view>(options));
    std::string hint_en = guess ? fmt::format("; did you mean `{}`?", *guess) : std::string();
    std::string hint_vi = guess ? fmt::format("; có phải là `{}`?", *guess) : std::string();
    diags_.error("bad-value", loc(n),
                 fmt::format("`{}` must be one of {}, found {}{}", key, fmt::join(options, ", "),
                             util::quote(s), hint_en),
                 fmt::format("`{}` phải là một trong {}, nhưng gặp {}{}", key,
                             fmt::join(options, ", "), util::quote(s), hint_vi));
  }

  localized_text name(std::uint32_t n, std::string_view key) {
    localized_text out;
    if (t_[n].kind == node_kind::scalar) {
      out.vi = t_.text(n);
      return out;
    }
    if (t_[n].kind != node_kind::mapping) {
      wrong_type(n, key, {"a text or {vi: …, en: …}", "một chuỗi hoặc {vi: …, en: …}"});
      return out;
    }
    fields(n, in_name, name_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      (k == "vi" ? out.vi : out.en) = text(v, k);
    });
    return out;
  }

 protected:
  const tree& t_;
  std::uint32_t file_;
  diagnostics_list& diags_;
};

}  // namespace redtape::loader
