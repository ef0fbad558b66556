// The narrow interface between a YAML parser and redtape's model builder.
//
// A parser ("event source") turns YAML text into a stream of events with
// their 1-based marks and pushes them into an event_sink. The model builder
// is a sink; it never sees the parser. yaml-cpp is one source; a faster C
// parser (libyaml) can be another, without touching the builder.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace redtape::loader {

struct mark {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in characters (code points)
};

enum class event_kind : std::uint8_t {
  document_start,
  document_end,
  sequence_start,
  sequence_end,
  mapping_start,
  mapping_end,
  scalar,  // also null: an empty plain scalar
  alias,
};

struct event {
  event_kind kind;
  mark at;                 // not meaningful for *_end events
  std::string_view value;  // scalar text (valid during the call only)
  bool plain = true;       // scalar written without quotes (so `~`, `null` mean null)
  std::uint64_t anchor = 0;  // node start: its anchor id (0 = none); alias: the target
};

class event_sink {
 public:
  virtual ~event_sink() = default;
  virtual void on_event(const event& e) = 0;
};

/// Why a file's YAML could not be read to its end.
enum class syntax_problem : std::uint8_t {
  syntax,         // the parser's own message is in what()
  too_deep,       // nesting over load_limits::max_depth
  alias_budget,   // aliases expanded to more than load_limits::max_alias_nodes
  unknown_alias,  // *name with no &name before it
};

/// A YAML syntax error, or a limit reached, at a place.
class syntax_error : public std::runtime_error {
 public:
  syntax_error(mark at, const std::string& what, syntax_problem problem = syntax_problem::syntax)
      : std::runtime_error(what), at_(at), problem_(problem) {}
  [[nodiscard]] mark at() const noexcept { return at_; }
  [[nodiscard]] syntax_problem problem() const noexcept { return problem_; }

 private:
  mark at_;
  syntax_problem problem_;
};

/// Parse every YAML document of `text` (UTF-8, no BOM) with yaml-cpp's event
/// API. Throws syntax_error; exceptions thrown by the sink pass through.
void parse_with_yaml_cpp(std::string_view text, event_sink& sink);

/// The same with libyaml's C event parser (about ten times faster).
void parse_with_libyaml(std::string_view text, event_sink& sink);

/// The 1-based column, in code points, of byte `offset` of `text`.
[[nodiscard]] std::uint32_t column_at(std::string_view text, std::size_t offset) noexcept;

}  // namespace redtape::loader
