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
  // (jbeder/yaml-cpp#1040, fixed after 0.7). A document starting where the
  // one before did is such a loop (parse_with_yaml_cpp stops it); so is,
  // anywhere, far more events than the text can hold (no YAML makes more
  // than a few per byte: "[:,:]" makes two).
  adapter(std::string_view text, event_sink& sink)
      : text_(text), sink_(sink), events_left_(8 * static_cast<std::uint64_t>(text.size()) + 64) {}

  void OnDocumentStart(const YAML::Mark& m) override {
    ++documents_;
    document_advanced_ = m.pos > last_document_pos_;
    last_document_pos_ = std::max(last_document_pos_, m.pos);
    emit(event_kind::document_start, m);
  }
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
  [[nodiscard]] mark empty_value_mark(const YAML::Mark& m) noexcept {
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
    return position(i);
  }

  [[nodiscard]] mark to_mark(const YAML::Mark& m) noexcept {
    if (m.is_null() || m.pos < 0) return {};
    return {static_cast<std::uint32_t>(m.line + 1), position(static_cast<std::size_t>(m.pos)).column};
  }

  [[nodiscard]] mark last_mark() const noexcept { return last_; }

  /// The first document start at or before the stream position it had
  /// before: yaml-cpp emits the same document again without reading on.
  [[nodiscard]] bool document_repeated() const noexcept { return documents_ > 1 && !document_advanced_; }

 private:
  /// Line (1-based, counting '\n') and column (in characters) of `offset`,
  /// moved from the last position asked for: events come in text order, so
  /// a long line or file costs its length once, not once per event.
  mark position(std::size_t offset) noexcept {
    offset = std::min(offset, text_.size());
    if (offset < at_offset_) {
      const std::string_view back = text_.substr(offset, at_offset_ - offset);
      const auto newlines = static_cast<std::uint32_t>(std::count(back.begin(), back.end(), '\n'));
      at_.line -= newlines;
      if (newlines == 0) {
        for (char c : back)
          if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) --at_.column;
      } else {
        at_.column = column_at(text_, offset);
      }
    } else {
      for (std::size_t k = at_offset_; k < offset; ++k) {
        if (text_[k] == '\n') {
          ++at_.line;
          at_.column = 1;
        } else if ((static_cast<unsigned char>(text_[k]) & 0xC0) != 0x80) {
          ++at_.column;
        }
      }
    }
    at_offset_ = offset;
    return at_;
  }

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
  std::size_t at_offset_ = 0;
  mark at_{1, 1};
  std::size_t documents_ = 0;
  int last_document_pos_ = -1;
  bool document_advanced_ = true;
};

}  // namespace

void parse_with_yaml_cpp(std::string_view text, event_sink& sink) {
  memory_buf buf(text);
  std::istream in(&buf);
  adapter handler(text, sink);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
      if (handler.document_repeated())
        throw syntax_error(handler.last_mark(), "the YAML parser (yaml-cpp) stopped making progress");
    }
  } catch (const YAML::ParserException& e) {
    throw syntax_error(handler.to_mark(e.mark), e.msg);
  } catch (const YAML::Exception& e) {
    throw syntax_error(handler.to_mark(e.mark), e.msg);
  }
}

}  // namespace redtape::loader
