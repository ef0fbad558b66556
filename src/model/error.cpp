#include "redtape/error.hpp"

#include <fmt/format.h>

namespace redtape {

std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::note: return "note";
    case severity::warning: return "warning";
    case severity::error: return "error";
  }
  return "error";
}

std::string diagnostic::format(std::string_view lang) const {
  const std::string& text = (lang == "vi" && !message_vi.empty()) ? message_vi : message;
  std::string_view sev = to_string(severity);
  if (lang == "vi") {
    switch (severity) {
      case severity::note: sev = "ghi chú"; break;
      case severity::warning: sev = "cảnh báo"; break;
      case severity::error: sev = "lỗi"; break;
    }
  }
  if (line == 0) return fmt::format("{}: {}: {}", file, sev, text);
  if (column == 0) return fmt::format("{}:{}: {}: {}", file, line, sev, text);
  return fmt::format("{}:{}:{}: {}: {}", file, line, column, sev, text);
}

namespace {
std::string summary(const std::vector<diagnostic>& diagnostics) {
  std::size_t errors = 0;
  const diagnostic* first = nullptr;
  for (const auto& d : diagnostics) {
    if (d.severity != severity::error) continue;
    if (!first) first = &d;
    ++errors;
  }
  if (!first) return "load failed";
  if (errors == 1) return first->format();
  return fmt::format("{} (and {} more error{})", first->format(), errors - 1, errors == 2 ? "" : "s");
}

const diagnostic* first_error(const std::vector<diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == severity::error) return &d;
  return diagnostics.empty() ? nullptr : &diagnostics.front();
}
}  // namespace

load_error::load_error(std::vector<diagnostic> diagnostics)
    : error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

const std::string& load_error::file() const noexcept {
  static const std::string none;
  const diagnostic* d = first_error(diagnostics_);
  return d ? d->file : none;
}
std::uint32_t load_error::line() const noexcept {
  const diagnostic* d = first_error(diagnostics_);
  return d ? d->line : 0;
}
std::uint32_t load_error::column() const noexcept {
  const diagnostic* d = first_error(diagnostics_);
  return d ? d->column : 0;
}

}  // namespace redtape
