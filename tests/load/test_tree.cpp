// The loader's internal pieces: typo suggestions, UTF-8 checks, columns in
// characters, the byte prescan, the two YAML event sources, and the tree
// builder that streams one top-level unit at a time.
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "load/event.hpp"
#include "load/prescan.hpp"
#include "load/tree.hpp"
#include "util/text.hpp"

using redtape::loader::column_at;
using redtape::util::closest;
using redtape::util::edit_distance;
using redtape::util::invalid_utf8_offset;
constexpr auto npos = std::string_view::npos;

TEST_CASE("edit_distance", "[util][text]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("sitting", "kitten") == 3);
  CHECK(edit_distance("duraton_days", "duration_days") == 1);
  CHECK(edit_distance("submit", "sumbit") == 2);  // a swap is two edits
  // Past the limit the answer is limit + 1, whatever the true distance.
  CHECK(edit_distance("a", "abcdefgh", 2) == 3);
  CHECK(edit_distance("abcdefgh", "zyxwvuts", 3) == 4);
  CHECK(edit_distance("abcdefgh", "zyxwvuts") == 8);
}

TEST_CASE("closest suggests likely typos only", "[util][text]") {
  const std::vector<std::string_view> keys{"id", "actor", "after", "duration_days", "applicant_hours",
                                           "channel", "requires", "produces"};
  CHECK(closest("duraton_days", keys) == std::optional<std::string>("duration_days"));
  CHECK(closest("requries", keys) == std::optional<std::string>("requires"));
  CHECK(closest("actr", keys) == std::optional<std::string>("actor"));
  CHECK(closest("chanel", keys) == std::optional<std::string>("channel"));
  // A prefix counts as close.
  CHECK(closest("dur", keys) == std::optional<std::string>("duration_days"));
  CHECK(closest("applicant", keys) == std::optional<std::string>("applicant_hours"));
  // Too short to guess, or too far from everything.
  CHECK_FALSE(closest("ix", keys).has_value());
  CHECK_FALSE(closest("legal_basis", keys).has_value());
  CHECK_FALSE(closest("zzzzzz", keys).has_value());
  CHECK_FALSE(closest("anything", std::vector<std::string_view>{}).has_value());

  const std::vector<std::string> ids{"submit", "check", "issue"};
  CHECK(closest("submt", ids) == std::optional<std::string>("submit"));
  CHECK(closest("chek", ids) == std::optional<std::string>("check"));
  CHECK_FALSE(closest("approve", ids).has_value());
}

TEST_CASE("invalid_utf8_offset", "[util][text]") {
  CHECK(invalid_utf8_offset("") == npos);
  CHECK(invalid_utf8_offset("redtape: 1\n") == npos);
  CHECK(invalid_utf8_offset("Đăng ký thành lập doanh nghiệp") == npos);
  CHECK(invalid_utf8_offset("Nghị định 01/2021/NĐ-CP ≤ 😀") == npos);
  // The edges of the valid ranges.
  CHECK(invalid_utf8_offset("\xC2\x80") == npos);          // U+0080
  CHECK(invalid_utf8_offset("\xDF\xBF") == npos);          // U+07FF
  CHECK(invalid_utf8_offset("\xE0\xA0\x80") == npos);      // U+0800
  CHECK(invalid_utf8_offset("\xED\x9F\xBF") == npos);      // U+D7FF
  CHECK(invalid_utf8_offset("\xEE\x80\x80") == npos);      // U+E000
  CHECK(invalid_utf8_offset("\xEF\xBF\xBF") == npos);      // U+FFFF
  CHECK(invalid_utf8_offset("\xF0\x90\x80\x80") == npos);  // U+10000
  CHECK(invalid_utf8_offset("\xF4\x8F\xBF\xBF") == npos);  // U+10FFFF

  SECTION("overlong encodings") {
    CHECK(invalid_utf8_offset("\xC0\x80") == 0);                // NUL in two bytes
    CHECK(invalid_utf8_offset("ab\xC1\xBF") == 2);              // '\x7F' in two bytes
    CHECK(invalid_utf8_offset("abc\xE0\x80\xAF") == 3);         // '/' in three bytes
    CHECK(invalid_utf8_offset("\xE0\x9F\xBF") == 0);            // U+07FF in three bytes
    CHECK(invalid_utf8_offset("x\xF0\x8F\xBF\xBF") == 1);       // U+FFFF in four bytes
  }
  SECTION("surrogates and values past U+10FFFF") {
    CHECK(invalid_utf8_offset("\xED\xA0\x80") == 0);            // U+D800
    CHECK(invalid_utf8_offset("Đă\xED\xBF\xBF") == 4);          // U+DFFF, after 4 bytes
    CHECK(invalid_utf8_offset("\xF4\x90\x80\x80") == 0);        // U+110000
    CHECK(invalid_utf8_offset("\xF5\x80\x80\x80") == 0);
  }
  SECTION("truncated sequences and stray bytes") {
    CHECK(invalid_utf8_offset("ab\xE1\x80") == 2);              // cut at the end
    CHECK(invalid_utf8_offset("ab\xE1\x80z") == 2);             // cut by an ASCII byte
    CHECK(invalid_utf8_offset("\xF0\x9F\x98") == 0);            // three bytes of 😀
    CHECK(invalid_utf8_offset("ký\xC3") == 3);
    CHECK(invalid_utf8_offset("\x80") == 0);                    // a lone continuation byte
    CHECK(invalid_utf8_offset("ok \xBF") == 3);
    CHECK(invalid_utf8_offset("\xFF\xFE") == 0);                // a UTF-16 BOM
    CHECK(invalid_utf8_offset("\xF8\x88\x80\x80\x80") == 0);    // old five-byte form
  }
}

TEST_CASE("column_at counts characters, not bytes", "[load][event]") {
  CHECK(column_at("", 0) == 1);
  CHECK(column_at("abc", 0) == 1);
  CHECK(column_at("abc", 2) == 3);
  CHECK(column_at("abc", 3) == 4);  // just past the end
  // "Đăng ký: x": Đ, ă and ý are two bytes each; x is byte 12, character 10.
  std::string_view vi = "Đăng ký: x";
  REQUIRE(vi.find('x') == 12);
  CHECK(column_at(vi, 12) == 10);
  // Three-byte characters (ẩ, ị, ồ) and a four-byte one.
  std::string_view tones = "Thẩm định hồ sơ 😀 x";
  CHECK(column_at(tones, tones.find('x')) == 19);
  // Only the current line counts.
  std::string_view lines = "tên: Đăng ký\n  tên: Nộp hồ sơ\nx";
  CHECK(column_at(lines, lines.find("Nộp")) == 8);
  CHECK(column_at(lines, lines.rfind('x')) == 1);
  CHECK(column_at(lines, lines.find('\n')) == 13);       // the line break itself
  CHECK(column_at(lines, lines.find('\n') + 1) == 1);    // the start of the next line
  // Windows line ends: the '\r' belongs to the line before.
  std::string_view crlf = "a: 1\r\nbé: x";
  CHECK(column_at(crlf, crlf.find('x')) == 5);
  // An offset past the end is clamped to the end.
  CHECK(column_at("ab", 99) == 3);
  CHECK(column_at("Đă", 99) == 3);
}

TEST_CASE("prescan rejects what no YAML parser should see", "[load][prescan]") {
  using redtape::loader::prescan;
  SECTION("clean UTF-8 passes; a UTF-8 BOM is stripped") {
    std::string_view text = "\xEF\xBB\xBFredtape: 1\n";
    CHECK_FALSE(prescan(text).has_value());
    CHECK(text == "redtape: 1\n");
    std::string_view tabs = "a:\tb\r\nc: \"Đăng ký\"\n";
    CHECK_FALSE(prescan(tabs).has_value());
  }
  SECTION("UTF-16 and UTF-32") {
    std::string_view le = std::string_view("\xFF\xFEr\0e\0", 6);
    auto p = prescan(le);
    REQUIRE(p.has_value());
    CHECK(p->code == "bad-encoding");
    CHECK(p->at.line == 1);
    CHECK(p->at.column == 1);
    std::string_view be = std::string_view("\xFE\xFF\0r", 4);
    CHECK(prescan(be)->code == "bad-encoding");
    std::string_view no_bom = std::string_view("r\0e\0d\0", 6);  // UTF-16LE without a BOM
    CHECK(prescan(no_bom)->code == "bad-encoding");
  }
  SECTION("invalid UTF-8, at its line and character column") {
    std::string_view text = "redtape: 1\nname: \"Đăng ký\xC3\"\n";
    auto p = prescan(text);
    REQUIRE(p.has_value());
    CHECK(p->code == "invalid-utf8");
    CHECK(p->at.line == 2);
    CHECK(p->at.column == 15);
    CHECK_THAT(p->en, Catch::Matchers::Contains("0xC3"));
  }
  SECTION("control characters, but not tab, CR or LF") {
    std::string_view text = "redtape: 1\r\nnote: \"Sở\x1B[0m\"\n";
    auto p = prescan(text);
    REQUIRE(p.has_value());
    CHECK(p->code == "control-character");
    CHECK(p->at.line == 2);
    CHECK(p->at.column == 10);
    CHECK_THAT(p->en, Catch::Matchers::Contains("U+001B"));
    std::string_view del = "a: b\x7F";
    CHECK(prescan(del)->code == "control-character");
    std::string_view nul = std::string_view("ab: \0", 5);
    CHECK(prescan(nul)->code == "control-character");
  }
}

namespace {

using redtape::loader::event;
using redtape::loader::event_kind;

struct recorded {
  event_kind kind;
  std::uint32_t line, column;
  std::string value;
  bool plain;
  bool anchored;
  friend bool operator==(const recorded&, const recorded&) = default;
};

std::ostream& operator<<(std::ostream& os, const recorded& r) {
  return os << static_cast<int>(r.kind) << "@" << r.line << ":" << r.column << " '" << r.value << "'"
            << (r.plain ? " plain" : " quoted") << (r.anchored ? " &" : "");
}

struct recording_sink final : redtape::loader::event_sink {
  std::vector<recorded> events;
  void on_event(const event& e) override {
    bool end = e.kind == event_kind::sequence_end || e.kind == event_kind::mapping_end ||
               e.kind == event_kind::document_end;
    // yaml-cpp reports `~` as a null with no text; libyaml as the text "~".
    bool null = e.kind == event_kind::scalar && e.plain && (e.value.empty() || e.value == "~");
    events.push_back({e.kind, end ? 0 : e.at.line, end ? 0 : e.at.column,
                      null ? std::string() : std::string(e.value),
                      e.kind == event_kind::scalar ? e.plain : true, e.anchor != 0});
  }
};

const recorded* find_scalar(const std::vector<recorded>& events, std::string_view value) {
  for (const auto& e : events)
    if (e.kind == event_kind::scalar && e.value == value) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("libyaml and yaml-cpp report the same events at the same places", "[load][event]") {
  const std::string text =
      "redtape: 1\n"
      "x-common:\n"
      "  docs: &docs [{ref: citizen_id, form: copy}, household_book]\n"
      "procedure:\n"
      "  id: \"1.001612\"\n"
      "  name: {vi: \"Đăng ký thành lập doanh nghiệp\", en: Registering}\n"
      "  steps:\n"
      "    - {name: \"Thẩm định hồ sơ\", id: review, duration_days: ba ngày}\n"
      "    - id: issue\n"
      "      note: 'Sở Tài chính 😀'\n"
      "      requires: *docs\n"
      "      after: ~\n";
  recording_sink a, b;
  redtape::loader::parse_with_libyaml(text, a);
  redtape::loader::parse_with_yaml_cpp(text, b);
  REQUIRE(a.events.size() == b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    INFO("event " << i);
    CHECK(a.events[i] == b.events[i]);
  }
  // Columns in characters: "ba" follows 15 Vietnamese characters (23 bytes).
  const auto* ba = find_scalar(a.events, "ba ngày");
  REQUIRE(ba != nullptr);
  CHECK(ba->line == 8);
  CHECK(ba->column == 60);
  CHECK(ba->plain);
  const auto* quoted = find_scalar(a.events, "1.001612");
  REQUIRE(quoted != nullptr);
  CHECK_FALSE(quoted->plain);
  CHECK(quoted->column == 7);
  const auto* en = find_scalar(a.events, "Registering");
  REQUIRE(en != nullptr);
  CHECK(en->line == 6);
  CHECK(en->column == 52);
}

TEST_CASE("syntax errors carry a place", "[load][event]") {
  recording_sink sink;
  const std::string text = "redtape: 1\nprocedure:\n  name: [\"Đăng ký\", \n  steps: x\n";
  for (auto parse : {&redtape::loader::parse_with_libyaml, &redtape::loader::parse_with_yaml_cpp}) {
    try {
      parse(text, sink);
      FAIL("no syntax error");
    } catch (const redtape::loader::syntax_error& e) {
      CHECK(e.problem() == redtape::loader::syntax_problem::syntax);
      CHECK(e.at().line >= 3);
      CHECK(e.at().column >= 1);
      CHECK(std::string(e.what()).size() > 0);
    }
  }
}

namespace {

struct recording_units final : redtape::loader::unit_handler {
  std::vector<std::string> log;
  void on_document_start(redtape::loader::mark at) override {
    log.push_back("doc@" + std::to_string(at.line));
  }
  void on_document_end() override { log.push_back("end"); }
  void on_bad_root(const redtape::loader::tree&, std::uint32_t) override { log.push_back("bad-root"); }
  void on_value(std::string_view key, redtape::loader::mark key_at, const redtape::loader::tree& t,
                std::uint32_t value) override {
    log.push_back("value " + std::string(key) + "@" + std::to_string(key_at.line) + ":" +
                  std::to_string(key_at.column) + " " + shape(t, value));
  }
  void on_item(std::string_view key, redtape::loader::mark, std::size_t index,
               const redtape::loader::tree& t, std::uint32_t item) override {
    log.push_back("item " + std::string(key) + "[" + std::to_string(index) + "] " + shape(t, item));
    max_unit_nodes = std::max(max_unit_nodes, t.nodes.size());
  }
  void on_bad_key(redtape::loader::mark at) override {
    log.push_back("bad-key@" + std::to_string(at.line) + ":" + std::to_string(at.column));
  }
  std::size_t max_unit_nodes = 0;

  // A compact picture of a subtree: scalars, (lists) and {mappings}.
  static std::string shape(const redtape::loader::tree& t, std::uint32_t n) {
    using redtape::loader::node_kind;
    const auto& x = t[n];
    switch (x.kind) {
      case node_kind::null: return "~";
      case node_kind::scalar: return std::string(t.text(n));
      case node_kind::sequence:
      case node_kind::mapping: {
        std::string s = x.kind == node_kind::sequence ? "(" : "{";
        for (std::uint32_t c = x.first; c != redtape::loader::no_node; c = t[c].next)
          s += shape(t, c) + (t[c].next == redtape::loader::no_node ? "" : " ");
        return s + (x.kind == node_kind::sequence ? ")" : "}");
      }
    }
    return "?";
  }
};

std::vector<std::string> units_of(std::string_view text, redtape::loader::tree_limits limits = {}) {
  recording_units units;
  redtape::loader::tree_builder builder(units, limits);
  redtape::loader::parse_with_libyaml(text, builder);
  return units.log;
}

}  // namespace

TEST_CASE("the tree builder streams one top-level unit at a time", "[load][tree]") {
  auto log = units_of(
      "redtape: 1\n"
      "procedures:\n"
      "  - {id: a, steps: [s1, s2]}\n"
      "  - {id: b}\n"
      "cost_model: {hourly_value: 40000}\n"
      "empty:\n");
  CHECK(log == std::vector<std::string>{
                   "doc@1", "value redtape@1:1 1", "item procedures[0] {id a steps (s1 s2)}",
                   "item procedures[1] {id b}", "value cost_model@5:1 {hourly_value 40000}",
                   "value empty@6:1 ~", "end"});

  SECTION("anchors outlive their unit; aliases are copies") {
    auto shared = units_of("x-c: &c {a: [1, 2]}\nprocedures:\n  - *c\n  - {k: *c}\n");
    CHECK(shared == std::vector<std::string>{"doc@1", "value x-c@1:1 {a (1 2)}", "item procedures[0] {a (1 2)}",
                                             "item procedures[1] {k {a (1 2)}}", "end"});
  }
  SECTION("a root that is not a mapping, and a key that is not a word") {
    CHECK(units_of("- 1\n- 2\n") == std::vector<std::string>{"doc@1", "bad-root", "end"});
    auto bad = units_of("? [a, b]\n: 1\nok: 2\n");
    REQUIRE(bad.size() >= 3);
    CHECK(bad[1] == "bad-key@1:3");
    CHECK(bad[bad.size() - 2] == "value ok@3:1 2");
  }
  SECTION("limits") {
    using redtape::loader::syntax_problem;
    auto problem = [](std::string_view text, redtape::loader::tree_limits limits) {
      recording_units units;
      redtape::loader::tree_builder builder(units, limits);
      try {
        redtape::loader::parse_with_libyaml(text, builder);
      } catch (const redtape::loader::syntax_error& e) {
        return std::optional<syntax_problem>(e.problem());
      }
      return std::optional<syntax_problem>();
    };
    CHECK(problem("a: [[[1]]]\n", {4, 100}) == std::nullopt);
    CHECK(problem("a: [[[[1]]]]\n", {4, 100}) == syntax_problem::too_deep);
    // Copying the anchored list costs 4 nodes, each alias 4 more.
    CHECK(problem("x:\n  a: &a [1, 2, 3]\n  b: [*a, *a]\n", {64, 12}) == std::nullopt);
    CHECK(problem("x:\n  a: &a [1, 2, 3]\n  b: [*a, *a]\n", {64, 11}) == syntax_problem::alias_budget);
    CHECK(problem("a: *nowhere\n", {}) == syntax_problem::unknown_alias);
  }
}
