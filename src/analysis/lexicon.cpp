// Reading the lexicon's phrase tables with the loader's own YAML reader, so
// that a table gets the same located, bilingual errors as a catalog; and the
// one matcher of the cue lists.
#include "analysis/lexicon.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "analysis/vietnamese.hpp"
#include "load/parse.hpp"
#include "load/reader.hpp"
#include "redtape/error.hpp"
#include "redtape/load.hpp"
#include "util/words.hpp"

namespace redtape::lexicon_detail {

namespace {

using loader::node_kind;
using loader::no_node;

constexpr std::array<std::string_view, 5> top_keys{"redtape", "table", "entries", "examples", "x-note"};
constexpr std::array<std::string_view, 10> name_keys{
    "qualifiers",      "certified_copy_words", "copy_words",      "government_prefixes", "reference_tails",
    "issued_tails",    "instruction_leads",    "original_words",  "electronic_words",    "similarity_threshold"};
constexpr std::array<std::string_view, 3> list_keys{"cues", "not_after", "not_before"};
constexpr std::array<std::string_view, 4> cue_keys{"phrase", "value", "not_after", "not_before"};
const loader::phrase in_table{"lexicon table", "bảng từ vựng"};
const loader::phrase in_entries{"names table's entries", "mục của bảng tên giấy tờ"};
const loader::phrase in_list{"cue list", "danh sách dấu hiệu"};
const loader::phrase in_cue{"cue", "dấu hiệu"};
const loader::phrase in_example{"example", "ví dụ"};

/// The parts every table shares (`redtape: 1`, `table:`, `examples:`); the
/// entries are read by the table's own kind.
class table_handler : public loader::unit_handler {
 public:
  table_handler(std::string_view kind, std::vector<example>& examples, loader::diagnostics_list& diags)
      : kind_(kind), examples_(examples), diags_(diags) {}

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
      if (r.text(v, key) != kind_)
        diags_.error("bad-value", r.loc(v), fmt::format("this reader takes `table: {}`", kind_),
                     fmt::format("bộ đọc này nhận `table: {}`", kind_));
    } else if (key == "entries") {
      entries_seen = true;
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
    for (std::uint32_t k = t[item].first; k != no_node;) {
      const std::uint32_t v = t[k].next;
      if (v == no_node) break;
      const std::string_view name = t[k].kind == node_kind::scalar ? t.text(k) : std::string_view{};
      if (name == "expect") {
        e.expect = r.text(v, name);
      } else if (name == "in") {
        e.list = r.text(v, name);
      } else if (!name.empty() && e.check.empty() && check_allowed(name)) {
        e.check = std::string(name);
        e.texts = t[v].kind == node_kind::sequence ? r.text_list(v, name) : std::vector<std::string>{r.text(v, name)};
      } else {
        r.unknown_key(k, name, in_example, allowed_checks());
      }
      k = t[v].next;
    }
    if (e.check.empty() || e.expect.empty())
      diags_.error("missing-key", {0, e.line, e.column}, "an example needs a text to check and `expect`",
                   "ví dụ cần một văn bản để kiểm tra và `expect`");
    else
      examples_.push_back(std::move(e));
  }

  bool entries_seen = false;

 protected:
  virtual void entries(loader::tree_reader& r, std::uint32_t v) = 0;
  /// The checks an example may name; empty: any (the owner says).
  virtual std::span<const std::string_view> allowed_checks() const { return {}; }
  loader::diagnostics_list& diags() { return diags_; }

 private:
  bool check_allowed(std::string_view name) const {
    const auto allowed = allowed_checks();
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), name) != allowed.end();
  }

  std::string_view kind_;
  std::vector<example>& examples_;
  loader::diagnostics_list& diags_;
};

class names_handler final : public table_handler {
 public:
  names_handler(names_table& out, loader::diagnostics_list& diags)
      : table_handler("names", out.examples, diags), out_(out) {}

 private:
  static constexpr std::array<std::string_view, 4> checks{"normalize", "form", "same", "government"};
  std::span<const std::string_view> allowed_checks() const override { return checks; }

  void entries(loader::tree_reader& r, std::uint32_t v) override {
    if (!r.expect(v, node_kind::mapping, "entries")) return;
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
         : k == "reference_tails"      ? n.reference_tails
         : k == "issued_tails"         ? n.issued_tails
         : k == "instruction_leads"    ? n.instruction_leads
         : k == "original_words"       ? n.original_words
         : k == "electronic_words"     ? n.electronic_words
                                       : n.government_prefixes) = std::move(list);
      }
    });
    for (auto k : name_keys)
      if (std::find(seen.begin(), seen.end(), k) == seen.end()) r.missing(v, k, in_entries);
  }

  names_table& out_;
};

constexpr std::array<std::string_view, 2> state_keys{"acts", "databases"};
constexpr std::array<std::string_view, 6> act_keys{"id", "title", "says", "in_force", "condition", "only"};
constexpr std::array<std::string_view, 5> database_keys{"id", "name", "keeper", "holds", "acts"};
constexpr std::array<std::string_view, 3> condition_names{"principle", "when_data", "none"};
const loader::phrase in_state{"state-data table's entries", "mục của bảng dữ liệu nhà nước"};
const loader::phrase in_act{"act", "văn bản pháp luật"};
const loader::phrase in_database{"database", "cơ sở dữ liệu"};

class state_handler final : public table_handler {
 public:
  state_handler(state_data& out, loader::diagnostics_list& diags)
      : table_handler("state-data", out.examples, diags), out_(out) {}

 private:
  static constexpr std::array<std::string_view, 1> checks{"database"};
  std::span<const std::string_view> allowed_checks() const override { return checks; }

  void entries(loader::tree_reader& r, std::uint32_t v) override {
    if (!r.expect(v, node_kind::mapping, "entries")) return;
    std::vector<std::pair<std::string, loader::mark>> cited;  // act ids the databases name
    r.fields(v, in_state, state_keys, [&](std::string_view k, std::uint32_t, std::uint32_t x) {
      if (!r.expect(x, node_kind::sequence, k)) return;
      const loader::tree& t = r.source();
      for (std::uint32_t item = t[x].first; item != no_node; item = t[item].next) {
        if (!r.expect(item, node_kind::mapping, k)) continue;
        if (k == "acts") out_.acts.push_back(act(r, item));
        else out_.databases.push_back(database(r, item, cited));
      }
    });
    for (const auto& [id, at] : cited)
      if (out_.act(id) == nullptr)
        diags().error("unknown-ref", {0, at.line, at.column}, fmt::format("act `{}` is not in this table's acts", id),
                      fmt::format("văn bản `{}` không có trong danh sách acts của bảng", id));
  }

  static state_act act(loader::tree_reader& r, std::uint32_t n) {
    state_act a;
    r.fields(n, in_act, act_keys, [&](std::string_view k, std::uint32_t, std::uint32_t x) {
      if (k == "id") a.id = r.text(x, k);
      else if (k == "title") a.title = r.name(x, k);
      else if (k == "says") a.says = r.name(x, k);
      else if (k == "in_force") a.in_force = r.text(x, k);
      else if (k == "only") a.only = r.text_list(x, k);
      else {
        const std::string c = r.text(x, k);
        auto at = std::find(condition_names.begin(), condition_names.end(), c);
        if (at != condition_names.end()) a.condition = static_cast<act_condition>(at - condition_names.begin());
        else r.bad_choice(x, k, c, std::vector<std::string_view>(condition_names.begin(), condition_names.end()));
      }
    });
    if (a.id.empty()) r.missing(n, "id", in_act);
    return a;
  }

  static state_database database(loader::tree_reader& r, std::uint32_t n,
                                 std::vector<std::pair<std::string, loader::mark>>& cited) {
    state_database d;
    r.fields(n, in_database, database_keys, [&](std::string_view k, std::uint32_t, std::uint32_t x) {
      if (k == "id") d.id = r.text(x, k);
      else if (k == "name") d.name = r.name(x, k);
      else if (k == "keeper") d.keeper = r.name(x, k);
      else if (k == "holds") d.holds = r.name(x, k);
      else {
        d.acts = r.text_list(x, k);
        for (const auto& id : d.acts) cited.emplace_back(id, r.source()[x].at);
      }
    });
    if (d.id.empty()) r.missing(n, "id", in_database);
    if (d.acts.empty()) r.missing(n, "acts", in_database);
    return d;
  }

  state_data& out_;
};

/// Phrases of a cue table are matched in folded text: fold them once here.
std::vector<std::string> folded(std::vector<std::string> list) {
  for (auto& p : list) p = vietnamese::fold(p);
  return list;
}

class cues_handler final : public table_handler {
 public:
  cues_handler(cue_table& out, loader::diagnostics_list& diags)
      : table_handler("cues", out.examples, diags), out_(out) {}

 private:
  void entries(loader::tree_reader& r, std::uint32_t v) override {
    if (!r.expect(v, node_kind::mapping, "entries")) return;
    const loader::tree& t = r.source();
    for (std::uint32_t k = t[v].first; k != no_node;) {
      const std::uint32_t x = t[k].next;
      if (x == no_node) break;
      if (t[k].kind != node_kind::scalar || t.text(k).empty()) {
        diags().error("bad-key", r.loc(k), "a cue list's name must be a plain word",
                      "tên danh sách dấu hiệu phải là một từ");
      } else if (out_.lists.contains(t.text(k))) {
        diags().error("duplicate-key", r.loc(k), fmt::format("cue list `{}` appears twice", t.text(k)),
                      fmt::format("danh sách dấu hiệu `{}` xuất hiện hai lần", t.text(k)));
      } else {
        out_.lists.emplace(std::string(t.text(k)), list(r, x, t.text(k)));
      }
      k = t[x].next;
    }
  }

  cue_list list(loader::tree_reader& r, std::uint32_t v, std::string_view name) {
    const loader::tree& t = r.source();
    cue_list out;
    if (t[v].kind == node_kind::sequence) {
      read_cues(r, v, name, out);
    } else if (r.expect(v, node_kind::mapping, name)) {
      bool has_cues = false;
      r.fields(v, in_list, list_keys, [&](std::string_view k, std::uint32_t, std::uint32_t x) {
        if (k == "cues") {
          has_cues = true;
          if (r.expect(x, node_kind::sequence, k)) read_cues(r, x, name, out);
        } else {
          (k == "not_after" ? out.not_after : out.not_before) = folded(r.text_list(x, k));
        }
      });
      if (!has_cues) r.missing(v, "cues", in_list);
    }
    return out;
  }

  void read_cues(loader::tree_reader& r, std::uint32_t seq, std::string_view name, cue_list& out) {
    const loader::tree& t = r.source();
    for (std::uint32_t c = t[seq].first; c != no_node; c = t[c].next) {
      cue one;
      if (t[c].kind == node_kind::scalar) {
        one.phrase = std::string(t.text(c));
      } else if (r.expect(c, node_kind::mapping, name)) {
        r.fields(c, in_cue, cue_keys, [&](std::string_view k, std::uint32_t, std::uint32_t x) {
          if (k == "phrase") one.phrase = r.text(x, k);
          else if (k == "value") one.value = r.text(x, k);
          else (k == "not_after" ? one.not_after : one.not_before) = folded(r.text_list(x, k));
        });
      } else {
        continue;
      }
      one.written = one.phrase;
      one.phrase = vietnamese::fold(one.phrase);
      if (one.phrase.empty())
        diags().error("empty-cue", r.loc(c), "a cue needs a phrase", "dấu hiệu cần có cụm từ");
      else
        out.cues.push_back(std::move(one));
    }
  }

  cue_table& out_;
};

/// Parse `text` with `handler`; throw the diagnostics when any is an error.
void read_table(std::string_view text, const std::string& file, table_handler& handler,
                loader::diagnostics_list& diags) {
  const bool complete = loader::parse_units(text, 0, load_options{}, handler, diags);
  if (complete && !handler.entries_seen)
    diags.error("missing-key", {0, 1, 1}, "a lexicon table needs `entries:`", "bảng từ vựng cần có `entries:`");
  if (!complete || diags.errors() > 0) throw load_error(diags.take());
  (void)file;
}

/// A table of kind `Handler` read from `text` into a `Table`.
template <class Table, class Handler>
Table read_as(std::string_view text, const std::string& file) {
  std::vector<std::string> files{file};
  loader::diagnostics_list diags(files, 100);
  Table out;
  Handler handler(out, diags);
  read_table(text, file, handler, diags);
  return out;
}

}  // namespace

std::string_view builtin_file(std::string_view name) noexcept {
  for (const auto& [file, text] : builtin_lexicon_files())
    if (file == name) return text;
  return {};
}

names_table read_names(std::string_view text, const std::string& file) {
  return read_as<names_table, names_handler>(text, file);
}

state_data read_state_data(std::string_view text, const std::string& file) {
  return read_as<state_data, state_handler>(text, file);
}

const state_database* state_data::database(std::string_view id) const noexcept {
  for (const auto& d : databases)
    if (d.id == id) return &d;
  return nullptr;
}

const state_act* state_data::act(std::string_view id) const noexcept {
  for (const auto& a : acts)
    if (a.id == id) return &a;
  return nullptr;
}

const state_act* state_data::strongest_act(const state_database& db, std::string_view document) const noexcept {
  const state_act* best = nullptr;
  for (const auto& id : db.acts) {
    const state_act* a = act(id);
    if (a == nullptr || (!a->only.empty() && std::find(a->only.begin(), a->only.end(), document) == a->only.end()))
      continue;
    if (best == nullptr || a->condition > best->condition) best = a;
  }
  return best;
}

cue_table read_cues(std::string_view text, const std::string& file) {
  return read_as<cue_table, cues_handler>(text, file);
}

catalog read_registry(std::string_view text, const std::string& file) {
  load_result loaded = try_load_text(text, file);
  if (!loaded.complete()) {
    std::vector<diagnostic> errors;
    for (auto& d : loaded.diagnostics)
      if (d.severity == redtape::severity::error) errors.push_back(std::move(d));
    throw load_error(std::move(errors));
  }
  return std::move(*loaded.catalog);
}

// ---------------------------------------------------------------------------
// Matching cues

bool cue_list::excluded(const cue& c, std::string_view text, std::size_t at) const {
  const auto before = util::trim_blank(text.substr(0, at));
  const auto after = util::trim_blank(text.substr(std::min(text.size(), at + c.phrase.size())));
  auto ends = [&](const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return before.ends_with(w); });
  };
  auto starts = [&](const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return util::starts_with_word(after, w); });
  };
  return ends(not_after) || ends(c.not_after) || starts(not_before) || starts(c.not_before);
}

std::size_t cue_list::find(const cue& c, std::string_view text, std::size_t from) const {
  std::size_t at = util::find_word(text, c.phrase, from);
  while (at != std::string_view::npos && excluded(c, text, at)) at = util::find_word(text, c.phrase, at + 1);
  return at;
}

cue_list::match cue_list::first(std::string_view text, std::size_t from) const {
  match best;
  for (const auto& c : cues) {
    const std::size_t at = find(c, text, from);
    if (at < best.at) best = {&c, at};
  }
  return best;
}

const cue* cue_list::at_start(std::string_view text) const {
  for (const auto& c : cues)
    if (util::starts_with_word(text, c.phrase) && !excluded(c, text, 0)) return &c;
  return nullptr;
}

bool cue_list::ends(std::string_view text) const {
  text = util::trim_blank(text);
  return std::any_of(cues.begin(), cues.end(), [&](const cue& c) { return text.ends_with(c.phrase); });
}

bool cue_list::is(std::string_view text) const {
  return std::any_of(cues.begin(), cues.end(), [&](const cue& c) { return text == c.phrase; });
}

cue_list::match cue_list::first_as_written(std::string_view text, std::size_t from) const {
  match best;
  for (const auto& c : cues) {
    std::size_t at = text.find(c.phrase, from);
    while (at != std::string_view::npos && excluded(c, text, at)) at = text.find(c.phrase, at + 1);
    if (at < best.at) best = {&c, at};
  }
  return best;
}

namespace {

/// `text` starts with `p` (the first byte compared first: these are tried at
/// every byte of a cell).
bool opens_with(std::string_view text, std::string_view p) {
  return !text.empty() && !p.empty() && text.front() == p.front() && text.starts_with(p);
}

}  // namespace

const cue* cue_list::at_start_as_written(std::string_view text) const {
  for (const auto& c : cues)
    if (opens_with(text, c.phrase) && !excluded(c, text, 0)) return &c;
  return nullptr;
}

cue_list::match cue_list::listed_in_as_written(std::string_view text) const {
  for (const auto& c : cues)
    for (std::size_t at = text.find(c.phrase); at != std::string_view::npos; at = text.find(c.phrase, at + 1))
      if (!excluded(c, text, at)) return {&c, at};
  return {};
}

const cue* cue_list::at_start_in_case(std::string_view text) const {
  for (const auto& c : cues)
    if (opens_with(text, c.written)) return &c;
  return nullptr;
}

const cue* cue_list::at_end_in_case(std::string_view text) const {
  for (const auto& c : cues)
    if (text.ends_with(c.written)) return &c;
  return nullptr;
}

cue_list::match cue_list::first_in_case(std::string_view text, std::size_t from) const {
  match best;
  for (const auto& c : cues)
    if (const std::size_t at = text.find(c.written, from); at < best.at) best = {&c, at};
  return best;
}

// ---------------------------------------------------------------------------
// A lexicon: the built-in tables, some replaced

const cue_list& tables::list(std::string_view name) const {
  if (auto it = cues.find(name); it != cues.end()) return it->second;
  throw std::logic_error(fmt::format("redtape: no cue list `{}` in the lexicon", name));
}

namespace {

constexpr std::string_view builtin_prefix = "lexicon/";

/// Read every table of `texts` ((name under lexicon/, text, file shown in
/// errors, built in)); `builtin` (when given) holds the lists each replaced
/// cue table must keep.
std::shared_ptr<tables> read_tables(
    const std::vector<std::tuple<std::string, std::string, std::string, bool>>& texts, const tables* builtin) {
  auto out = std::make_shared<tables>();
  std::vector<diagnostic> problems;
  for (const auto& [name, text, shown, is_builtin] : texts) {
    try {
      if (name == "names.yaml") {
        out->names = read_names(text, shown);
      } else if (name == "state-data.yaml") {
        out->state = read_state_data(text, shown);
      } else if (name == "registry.yaml") {
        out->registry_text = text;
        out->registry_file = shown;
        if (!is_builtin) (void)read_registry(text, shown);  // a replaced one must load
      } else {
        auto table = read_cues(text, shown);
        if (builtin != nullptr && !is_builtin) {
          auto kept = read_cues(builtin_file(std::string(builtin_prefix) + name), name);
          for (const auto& [list, _] : kept.lists)
            if (!table.lists.contains(list))
              problems.push_back({redtape::severity::error, "missing-key", shown, 1, 1,
                                  fmt::format("this table replaces the built-in {} but has no cue list `{}`", name, list),
                                  fmt::format("bảng này thay bảng có sẵn {} nhưng thiếu danh sách dấu hiệu `{}`", name, list)});
        }
        for (auto& [list, cues] : table.lists) {
          if (out->cues.contains(list))
            problems.push_back({redtape::severity::error, "duplicate-key", shown, 1, 1,
                                fmt::format("cue list `{}` is also in another table", list),
                                fmt::format("danh sách dấu hiệu `{}` cũng có trong bảng khác", list)});
          out->cues.insert_or_assign(list, std::move(cues));
        }
      }
      out->files.emplace_back(name, is_builtin);
    } catch (const load_error& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw load_error(std::move(problems));
  return out;
}

std::vector<std::tuple<std::string, std::string, std::string, bool>> builtin_texts() {
  std::vector<std::tuple<std::string, std::string, std::string, bool>> texts;
  for (const auto& [file, text] : builtin_lexicon_files())
    if (file.starts_with(builtin_prefix))
      texts.emplace_back(std::string(file.substr(builtin_prefix.size())), std::string(text), std::string(file), true);
  return texts;
}

}  // namespace

}  // namespace redtape::lexicon_detail

namespace redtape {

std::shared_ptr<const lexicon> lexicon::builtin() {
  static const auto set = std::make_shared<const lexicon>(lexicon_detail::read_tables(lexicon_detail::builtin_texts(), nullptr));
  return set;
}

std::shared_ptr<const lexicon> lexicon::from_directory(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw invalid_argument_error(fmt::format("lexicon folder {} not found (or not a folder)", dir.string()));
  auto texts = lexicon_detail::builtin_texts();
  std::vector<std::string> known;
  for (const auto& t : texts) known.push_back(std::get<0>(t));
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".yaml") continue;
    const std::string name = it->path().lexically_relative(dir).generic_string();
    auto slot = std::find_if(texts.begin(), texts.end(), [&](const auto& t) { return std::get<0>(t) == name; });
    if (slot == texts.end())
      throw invalid_argument_error(fmt::format("{} is not a lexicon table (the tables are: {})",
                                               it->path().string(), fmt::join(known, ", ")));
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw invalid_argument_error(fmt::format("cannot read {}", it->path().string()));
    *slot = {name, text.str(), it->path().string(), false};
  }
  if (ec) throw invalid_argument_error(fmt::format("cannot read lexicon folder {}: {}", dir.string(), ec.message()));
  const auto& base = builtin()->detail();
  return std::make_shared<const lexicon>(lexicon_detail::read_tables(texts, &base));
}

const name_rules& lexicon::names() const noexcept { return tables_->names.rules; }

std::vector<std::pair<std::string, bool>> lexicon::table_names() const { return tables_->files; }

}  // namespace redtape
