// Reading the lexicon's phrase tables with the loader's own YAML reader, so
// that a table gets the same located, bilingual errors as a catalog.
#include "analysis/lexicon.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "load/parse.hpp"
#include "load/reader.hpp"
#include "redtape/load.hpp"

namespace redtape::lexicon {

namespace {

using loader::node_kind;
using loader::no_node;

constexpr std::array<std::string_view, 5> top_keys{"redtape", "table", "entries", "examples", "x-note"};
constexpr std::array<std::string_view, 5> name_keys{"qualifiers", "certified_copy_words", "copy_words",
                                                    "government_prefixes", "similarity_threshold"};
constexpr std::array<std::string_view, 5> example_keys{"normalize", "form", "same", "government", "expect"};
const loader::phrase in_table{"lexicon table", "bảng từ vựng"};
const loader::phrase in_entries{"names table's entries", "mục của bảng tên giấy tờ"};
const loader::phrase in_example{"example", "ví dụ"};

class names_handler final : public loader::unit_handler {
 public:
  names_handler(names_table& out, loader::diagnostics_list& diags) : out_(out), diags_(diags) {}

  void on_document_start(loader::mark) override {}
  void on_document_end() override {}
  void on_bad_root(const loader::tree& t, std::uint32_t root) override {
    if (t[root].kind == node_kind::null) return;
    diags_.error("bad-root", {0, t[root].at.line, t[root].at.column},
                 "the top of a lexicon table must be a mapping (`redtape: 1`, `table: …`)",
                 "phần đầu bảng từ vựng phải là một ánh xạ (`redtape: 1`, `table: …`)");
  }
  void on_bad_key(loader::mark at) override {
    diags_.error("bad-key", {0, at.line, at.column}, "a top-level key must be a plain word",
                 "khóa ở cấp cao nhất phải là một từ");
  }
  void on_value(std::string_view key, loader::mark key_at, const loader::tree& t, std::uint32_t v) override {
    loader::tree_reader r(t, 0, diags_);
    if (key == "redtape") {
      if (t[v].kind != node_kind::scalar || t.text(v) != "1")
        diags_.error("bad-version", r.loc(v), "unsupported format version; lexicon tables use `redtape: 1`",
                     "phiên bản định dạng không được hỗ trợ; bảng từ vựng dùng `redtape: 1`");
    } else if (key == "table") {
      if (r.text(v, key) != "names")
        diags_.error("bad-value", r.loc(v), "this reader takes `table: names`",
                     "bộ đọc này nhận `table: names`");
    } else if (key == "entries") {
      entries(r, v);
    } else if (key == "examples") {
      if (t[v].kind != node_kind::null) r.wrong_type(v, key, {"a list", "một danh sách"});
    } else if (key != "x-note") {
      r.unknown_key_at(r.loc(key_at), key, in_table, top_keys);
    }
  }
  void on_item(std::string_view key, loader::mark key_at, std::size_t index, const loader::tree& t,
               std::uint32_t item) override {
    if (key != "examples") {
      if (index == 0) on_value(key, key_at, t, item);
      return;
    }
    loader::tree_reader r(t, 0, diags_);
    if (!r.expect(item, node_kind::mapping, key)) return;
    example e;
    e.line = t[item].at.line;
    e.column = t[item].at.column;
    r.fields(item, in_example, example_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "expect") {
        e.expect = r.text(v, k);
      } else {
        e.check = std::string(k);
        e.texts = t[v].kind == node_kind::sequence ? r.text_list(v, k) : std::vector<std::string>{r.text(v, k)};
      }
    });
    if (e.check.empty() || e.expect.empty())
      diags_.error("missing-key", {0, e.line, e.column}, "an example needs a text to check and `expect`",
                   "ví dụ cần một văn bản để kiểm tra và `expect`");
    else
      out_.examples.push_back(std::move(e));
  }

  bool entries_seen = false;

 private:
  void entries(loader::tree_reader& r, std::uint32_t v) {
    if (!r.expect(v, node_kind::mapping, "entries")) return;
    entries_seen = true;
    std::vector<std::string_view> seen;
    r.fields(v, in_entries, name_keys, [&](std::string_view k, std::uint32_t, std::uint32_t x) {
      seen.push_back(k);
      name_rules& n = out_.rules;
      if (k == "similarity_threshold") {
        if (auto d = r.number(x, k)) n.similarity_threshold = *d;
      } else {
        auto list = r.text_list(x, k);
        (k == "qualifiers"             ? n.qualifiers
         : k == "certified_copy_words" ? n.certified_copy_words
         : k == "copy_words"           ? n.copy_words
                                       : n.government_prefixes) = std::move(list);
      }
    });
    for (auto k : name_keys)
      if (std::find(seen.begin(), seen.end(), k) == seen.end()) r.missing(v, k, in_entries);
  }

  names_table& out_;
  loader::diagnostics_list& diags_;
};

}  // namespace

std::string_view builtin_file(std::string_view name) noexcept {
  for (const auto& [file, text] : builtin_lexicon_files())
    if (file == name) return text;
  return {};
}

names_table read_names(std::string_view text, const std::string& file) {
  std::vector<std::string> files{file};
  loader::diagnostics_list diags(files, 100);
  names_table out;
  names_handler handler(out, diags);
  const bool complete = loader::parse_units(text, 0, load_options{}, handler, diags);
  if (complete && !handler.entries_seen)
    diags.error("missing-key", {0, 1, 1}, "a names table needs `entries:`", "bảng tên giấy tờ cần có `entries:`");
  if (!complete || diags.errors() > 0) throw load_error(diags.take());
  return out;
}

}  // namespace redtape::lexicon
