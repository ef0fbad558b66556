#include "load/diagnostics.hpp"

#include <fmt/format.h>

namespace redtape::loader {

void diagnostics_list::add(severity s, std::string code, const source_location& at,
                           std::string en, std::string vi) {
  if (s == severity::error) ++errors_;
  if (s == severity::error && errors_ > max_errors_) {
    ++suppressed_;
    last_ = at;
    return;
  }
  diagnostic d;
  d.severity = s;
  d.code = std::move(code);
  d.file = at.file < files_.size() ? files_[at.file] : std::string("<input>");
  d.line = at.line;
  d.column = at.column;
  d.message = std::move(en);
  d.message_vi = std::move(vi);
  list_.push_back(std::move(d));
}

std::vector<diagnostic> diagnostics_list::take() {
  if (suppressed_ > 0) {
    diagnostic d;
    d.severity = severity::note;
    d.code = "too-many-errors";
    d.file = last_.file < files_.size() ? files_[last_.file] : std::string("<input>");
    d.message = fmt::format("{} more errors not shown (limit {} per file)", suppressed_, max_errors_);
    d.message_vi = fmt::format("còn {} lỗi nữa không hiển thị (tối đa {} lỗi mỗi tệp)", suppressed_,
                               max_errors_);
    list_.push_back(std::move(d));
    suppressed_ = 0;
  }
  return std::move(list_);
}

}  // namespace redtape::loader
