#include "load/prescan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/text.hpp"

namespace redtape::loader {

namespace {
mark mark_at(std::string_view text, std::size_t offset) {
  auto line = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + offset, '\n') + 1);
  return {line, column_at(text, offset)};
}
}  // namespace

std::optional<prescan_problem> prescan(std::string_view& text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
      (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))) {
    return prescan_problem{"bad-encoding", {1, 1},
                           "the file is UTF-16 or UTF-32; save it as UTF-8",
                           "tệp được mã hóa UTF-16 hoặc UTF-32; hãy lưu lại dưới dạng UTF-8"};
  }
  if (std::size_t bad = util::invalid_utf8_offset(text); bad != std::string_view::npos) {
    return prescan_problem{
        "invalid-utf8", mark_at(text, bad),
        fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                    static_cast<unsigned char>(text[bad])),
        fmt::format("mã UTF-8 không hợp lệ (byte 0x{:02X}); hãy lưu tệp dưới dạng UTF-8",
                    static_cast<unsigned char>(text[bad]))};
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return prescan_problem{
          "control-character", mark_at(text, i),
          fmt::format("control character U+{:04X} is not allowed in YAML", c),
          fmt::format("ký tự điều khiển U+{:04X} không được phép trong YAML", c)};
    }
  }
  return std::nullopt;
}

}  // namespace redtape::loader
