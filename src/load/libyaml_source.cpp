// libyaml as an event source: a C event parser, about ten times faster than
// yaml-cpp's on large catalogs (docs/format.md, README "Speed"). This is the
// only file that includes libyaml.
#include <memory>
#include <string>
#include <unordered_map>

#include <yaml.h>

#include "load/event.hpp"

namespace redtape::loader {

namespace {

struct parser_guard {
  yaml_parser_t parser;
  parser_guard() { yaml_parser_initialize(&parser); }
  ~parser_guard() { yaml_parser_delete(&parser); }
  parser_guard(const parser_guard&) = delete;
  parser_guard& operator=(const parser_guard&) = delete;
};

struct event_guard {
  yaml_event_t event;
  ~event_guard() { yaml_event_delete(&event); }
};

mark to_mark(const yaml_mark_t& m) {
  return {static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
}

}  // namespace

void parse_with_libyaml(std::string_view text, event_sink& sink) {
  parser_guard guard;
  yaml_parser_t& parser = guard.parser;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  // libyaml names anchors; the sink wants ids, fresh for each document.
  std::unordered_map<std::string, std::uint64_t> anchors;
  auto anchor_id = [&](const yaml_char_t* name, bool define) -> std::uint64_t {
    if (!name) return 0;
    std::string key(reinterpret_cast<const char*>(name));
    if (define) return anchors[key] = anchors.size() + 1 + (1ull << 32);
    auto it = anchors.find(key);
    return it == anchors.end() ? ~0ull : it->second;
  };
  for (;;) {
    event_guard e;
    if (!yaml_parser_parse(&parser, &e.event)) {
      std::string what = parser.problem ? parser.problem : "invalid YAML";
      if (parser.context) what = std::string(parser.context) + ", " + what;
      throw syntax_error(to_mark(parser.problem_mark), what);
    }
    const yaml_event_t& y = e.event;
    event out{event_kind::scalar, to_mark(y.start_mark), {}, true, 0};
    switch (y.type) {
      case YAML_STREAM_START_EVENT:
        continue;
      case YAML_STREAM_END_EVENT:
        return;
      case YAML_NO_EVENT:
        return;
      case YAML_DOCUMENT_START_EVENT:
        anchors.clear();
        out.kind = event_kind::document_start;
        break;
      case YAML_DOCUMENT_END_EVENT:
        out.kind = event_kind::document_end;
        break;
      case YAML_SEQUENCE_START_EVENT:
        out.kind = event_kind::sequence_start;
        out.anchor = anchor_id(y.data.sequence_start.anchor, true);
        break;
      case YAML_SEQUENCE_END_EVENT:
        out.kind = event_kind::sequence_end;
        break;
      case YAML_MAPPING_START_EVENT:
        out.kind = event_kind::mapping_start;
        out.anchor = anchor_id(y.data.mapping_start.anchor, true);
        break;
      case YAML_MAPPING_END_EVENT:
        out.kind = event_kind::mapping_end;
        break;
      case YAML_ALIAS_EVENT:
        out.kind = event_kind::alias;
        out.anchor = anchor_id(y.data.alias.anchor, false);
        break;
      case YAML_SCALAR_EVENT:
        out.kind = event_kind::scalar;
        out.value = std::string_view(reinterpret_cast<const char*>(y.data.scalar.value),
                                     y.data.scalar.length);
        out.plain = y.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        out.anchor = anchor_id(y.data.scalar.anchor, true);
        break;
    }
    sink.on_event(out);
  }
}

}  // namespace redtape::loader
