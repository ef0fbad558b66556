// Checks made on a file's bytes before any YAML parser sees them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "load/event.hpp"

namespace redtape::loader {

struct prescan_problem {
  std::string code;
  mark at;
  std::string en;
  std::string vi;
};

/// Strip a UTF-8 byte order mark; reject other encodings, invalid UTF-8 and
/// control characters YAML does not allow, naming the line and column.
[[nodiscard]] std::optional<prescan_problem> prescan(std::string_view& text);

}  // namespace redtape::loader
