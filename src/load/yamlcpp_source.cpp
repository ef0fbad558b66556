// yaml-cpp as an event source. This is the only file that includes yaml-cpp.
#include <algorithm>
#include <istream>
#include <streambuf>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "load/event.hpp"

namespace redtape::loader {

std::uint32_t column_at(std::string_view text, std::size_t offset) noexcept {
  if (offset > text.size()) offset = text.size();
  std::size_t start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

namespace {

// An istream over memory that does not copy the text.
struct memory_buf : std::streambuf {
  explicit memory_buf(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
};

class adapter final : public YAML::EventHandler {
 public:
  // yaml-cpp 0.7 can loop without consuming input: on a lone "," every
  // HandleNextDocument returns a document holding a null, forever
  // (jbeder/yaml-cpp#1040, fixed after 0.7). No YAML text makes more than a
  // few events per byte ("[:,:]" makes two), so far more is such a loop.
  adapter(std::string_view text, event_sink& sink)
      : text_(text), sink_(sink), events_left_(8 * static_cast<std::uint64_t>(text.size()) + 64) {}

  void OnDocumentStart(const YAML::Mark& m) override { emit(event_kind::document_start, m); }
  void OnDocumentEnd() override { emit_end(event_kind::document_end); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
    event e{event_kind::scalar, empty_value_mark(m), {}, true, anchor};
    send(e);
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
    event e{event_kind::alias, to_mark(m), {}, true, anchor};
    send(e);
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // yaml-cpp tags quoted scalars "!" and plain ones "?".
    event e{event_kind::scalar, to_mark(m), value, tag != "!", anchor};
    send(e);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    event e{event_kind::sequence_start, to_mark(m), {}, true, anchor};
    send(e);
  }
  void OnSequenceEnd() override { emit_end(event_kind::sequence_end); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    event e{event_kind::mapping_start, to_mark(m), {}, true, anchor};
    send(e);
  }
  void OnMapEnd() override { emit_end(event_kind::mapping_end); }

  // yaml-cpp marks an empty value at the token after it; libyaml marks it
  // just after the indicator (`key:` or `-`) that introduced it. Agree with
  // libyaml: step back over blanks to that indicator.
  [[nodiscard]] mark empty_value_mark(const YAML::Mark& m) const noexcept {
    if (m.is_null() || m.pos < 0) return {};
    auto pos = std::min(static_cast<std::size_t>(m.pos), text_.size());
    std::string_view here = text_.substr(pos);
    for (std::string_view word : {"~", "null", "Null", "NULL"})
      if (here.starts_with(word)) return to_mark(m);  // an explicit null is where it is written
    std::size_t i = pos;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t' || text_[i - 1] == '\n' ||
                     text_[i - 1] == '\r'))
      --i;
    if (i == 0 || i == pos) return to_mark(m);
    auto line = static_cast<std::uint32_t>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(i), '\n') + 1);
    return {line, column_at(text_, i)};
  }

  [[nodiscard]] mark to_mark(const YAML::Mark& m) const noexcept {
    if (m.is_null() || m.pos < 0) return {};
    return {static_cast<std::uint32_t>(m.line + 1),
            column_at(text_, static_cast<std::size_t>(m.pos))};
  }

 private:
  void send(const event& e) {
    if (e.at.line != 0) last_ = e.at;
    if (events_left_-- == 0) throw syntax_error(last_, "the YAML parser (yaml-cpp) stopped making progress");
    sink_.on_event(e);
  }
  void emit(event_kind kind, const YAML::Mark& m) {
    event e{kind, to_mark(m), {}, true, 0};
    send(e);
  }
  void emit_end(event_kind kind) {
    event e{kind, {}, {}, true, 0};
    send(e);
  }

  std::string_view text_;
  event_sink& sink_;
  std::uint64_t events_left_;
  mark last_;
};

}  // namespace

void parse_with_yaml_cpp(std::string_view text, event_sink& sink) {
  memory_buf buf(text);
  std::istream in(&buf);
  adapter handler(text, sink);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
    }
  } catch (const YAML::ParserException& e) {
    throw syntax_error(handler.to_mark(e.mark), e.msg);
  } catch (const YAML::Exception& e) {
    throw syntax_error(handler.to_mark(e.mark), e.msg);
  }
}

}  // namespace redtape::loader
