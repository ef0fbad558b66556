// Collecting bilingual diagnostics while loading.
#pragma once

#include <string>
#include <vector>

#include "redtape/error.hpp"
#include "redtape/model.hpp"

namespace redtape::loader {

/// A phrase in both languages, for the parts of messages that name things.
struct phrase {
  const char* en;
  const char* vi;
};

class diagnostics_list {
 public:
  diagnostics_list(const std::vector<std::string>& files, std::size_t max_errors)
      : files_(files), max_errors_(max_errors) {}

  void error(std::string code, const source_location& at, std::string en, std::string vi) {
    add(severity::error, std::move(code), at, std::move(en), std::move(vi));
  }
  void warning(std::string code, const source_location& at, std::string en, std::string vi) {
    add(severity::warning, std::move(code), at, std::move(en), std::move(vi));
  }
  void add(severity s, std::string code, const source_location& at, std::string en,
           std::string vi);

  [[nodiscard]] std::size_t errors() const noexcept { return errors_; }
  /// Move the diagnostics out, with a note for those past the limit.
  [[nodiscard]] std::vector<diagnostic> take();

 private:
  const std::vector<std::string>& files_;
  std::size_t max_errors_;
  std::size_t errors_ = 0;
  std::size_t suppressed_ = 0;
  source_location last_{};
  std::vector<diagnostic> list_;
};

}  // namespace redtape::loader
