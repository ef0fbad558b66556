// The built-in rule files (rules/*.yaml), compiled into the library so that
// it works without finding its data files at run time.
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace redtape::rules {

/// (name, YAML text) of every file in rules/, sorted by name.
[[nodiscard]] std::span<const std::pair<std::string_view, std::string_view>> builtin_rule_files();

}  // namespace redtape::rules
