// redtape's errors: one hierarchy, rooted at redtape::error.
//
// A load_error carries every diagnostic found (all errors of all files, not
// only the first), each with its file, 1-based line and column, and a message
// in English and in Vietnamese.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace redtape {

enum class severity : std::uint8_t { note, warning, error };
[[nodiscard]] std::string_view to_string(severity s) noexcept;

/// One message about the input, in the `file:line:column: error: …`
/// convention that editors and CI parse.
struct diagnostic {
  redtape::severity severity = severity::error;
  std::string code;  ///< stable kebab-case id, e.g. "unknown-key"
  std::string file;
  std::uint32_t line = 0;    ///< 1-based; 0 = the whole file
  std::uint32_t column = 0;  ///< 1-based; 0 = the whole line
  std::string message;       ///< English
  std::string message_vi;    ///< Vietnamese

  /// `file:line:column: error: message` in "en" or "vi".
  [[nodiscard]] std::string format(std::string_view lang = "en") const;
};

/// A file (or a path given to load) that a batch load left out, with the
/// errors that left it out (load_options::keep_going).
struct skipped_file {
  std::string file;
  std::vector<diagnostic> errors;
};

/// The root of redtape's exceptions.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Input that could not be loaded. `diagnostics()` holds every error found;
/// `file()`, `line()` and `column()` are those of the first.
class load_error : public error {
 public:
  explicit load_error(std::vector<diagnostic> diagnostics);

  [[nodiscard]] const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  [[nodiscard]] const std::string& file() const noexcept;
  [[nodiscard]] std::uint32_t line() const noexcept;
  [[nodiscard]] std::uint32_t column() const noexcept;

 private:
  std::vector<diagnostic> diagnostics_;
};

/// A request that names something that does not exist (a procedure id, a rule).
class not_found_error : public error {
 public:
  using error::error;
};

/// An argument or option out of its domain.
class invalid_argument_error : public error {
 public:
  using error::error;
};

}  // namespace redtape
