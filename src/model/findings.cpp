#include "redtape/findings.hpp"

namespace redtape {

std::string_view to_string(suggestion_kind k) noexcept {
  return suggestion_kind_names[static_cast<std::size_t>(k)];
}

std::optional<suggestion_kind> parse_suggestion_kind(std::string_view s) noexcept {
  for (std::size_t i = 0; i < suggestion_kind_names.size(); ++i)
    if (suggestion_kind_names[i] == s) return static_cast<suggestion_kind>(i);
  return std::nullopt;
}

}  // namespace redtape
