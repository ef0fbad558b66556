// The phrase tables of lexicon/ (docs/rules.md, "The lexicon"): redtape's
// knowledge of Vietnamese administrative text kept as data, each table with
// the examples that taught it. The built-in tables are compiled into the
// library (cmake/embed_data.cmake) and installed to share/redtape/lexicon.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redtape/documents.hpp"
#include "redtape/lexicon.hpp"
#include "redtape/model.hpp"

namespace redtape::lexicon_detail {

/// (name, YAML text) of every file in lexicon/, sorted by name
/// ("lexicon/names.yaml", …). Generated at build time.
[[nodiscard]] std::span<const std::pair<std::string_view, std::string_view>> builtin_lexicon_files();

/// The text of one built-in table file ("lexicon/names.yaml"); empty when
/// there is none.
[[nodiscard]] std::string_view builtin_file(std::string_view name) noexcept;

/// One `examples:` entry: the function it checks (the key other than
/// `expect` and `in`: "normalize", "form", "same", "government" in the names
/// table; the owner's checks in a cue table), its input text or texts, the
/// cue list it names (`in:`, cue tables), and the expected answer, as written.
struct example {
  std::string check;
  std::vector<std::string> texts;
  std::string list;
  std::string expect;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// lexicon/names.yaml read: the word lists of document identity, and its examples.
struct names_table {
  name_rules rules;
  std::vector<example> examples;
};

/// Read a names table (`table: names`). Throws load_error, naming `file`,
/// line and column, for an unknown key, a wrong type or a missing list.
[[nodiscard]] names_table read_names(std::string_view text, const std::string& file);

/// A phrase of a cue list, folded (lower case, NFC), with what it names
/// (`value`, e.g. the action "receive") and its exceptions: the cue does not
/// count where the text before it (blanks trimmed) ends with a `not_after`
/// phrase, or where the text after it starts with a `not_before` word.
struct cue {
  std::string phrase;
  /// The phrase as the table writes it, case kept (the *_in_case functions).
  std::string written;
  std::string value;
  std::vector<std::string> not_after;
  std::vector<std::string> not_before;
};

/// A named list of cues, matched at word boundaries in folded text. The
/// list's own `not_after`/`not_before` hold for every cue of it. This is the
/// one reader of the importer's phrase knowledge: every cue list of
/// lexicon/portal/*.yaml is matched by these functions.
class cue_list {
 public:
  std::vector<cue> cues;
  std::vector<std::string> not_after;
  std::vector<std::string> not_before;

  struct match {
    const cue* what = nullptr;
    std::size_t at = std::string_view::npos;
    explicit operator bool() const noexcept { return what != nullptr; }
  };

  /// Whether the occurrence of `c` at `at` of `text` is an exception.
  [[nodiscard]] bool excluded(const cue& c, std::string_view text, std::size_t at) const;
  /// The first occurrence of `c` at or after `from` that is no exception.
  [[nodiscard]] std::size_t find(const cue& c, std::string_view text, std::size_t from = 0) const;
  /// The earliest cue of the list in `text` from `from` (on a tie, the one
  /// listed first).
  [[nodiscard]] match first(std::string_view text, std::size_t from = 0) const;
  [[nodiscard]] std::size_t earliest(std::string_view text, std::size_t from = 0) const {
    return first(text, from).at;
  }
  [[nodiscard]] bool in(std::string_view text) const { return first(text).what != nullptr; }
  /// The first cue, in list order, that `text` starts with (word-bounded).
  [[nodiscard]] const cue* at_start(std::string_view text) const;
  [[nodiscard]] bool starts(std::string_view text) const { return at_start(text) != nullptr; }
  /// Whether `text` ends with one of the cues (blanks trimmed; as written,
  /// not word-bounded on the left).
  [[nodiscard]] bool ends(std::string_view text) const;
  /// Whether `text` is exactly one of the cues.
  [[nodiscard]] bool is(std::string_view text) const;
  /// As first() and at_start(), but matched as written: a substring, not
  /// word-bounded, so that a phrase's own spaces are its edges (" là ")
  /// and "hẹn" is found in "hẹn," and "giấy hẹn".
  [[nodiscard]] match first_as_written(std::string_view text, std::size_t from = 0) const;
  [[nodiscard]] const cue* at_start_as_written(std::string_view text) const;
  /// The first cue, in list order, found anywhere in `text` as written, and
  /// where (first_as_written gives the earliest one instead).
  [[nodiscard]] match listed_in_as_written(std::string_view text) const;
  /// Matched in unfolded `text` in the case the table writes the cue
  /// (`written`), not word-bounded, exceptions aside: for the portal's glued
  /// cells, where a capital starts the next cell ("Trực tuyến5 Ngày", "…tín
  /// dụngLuật số"). The first cue, in list order, that `text` starts (ends)
  /// with; the earliest from `from` (on a tie, the one listed first).
  [[nodiscard]] const cue* at_start_in_case(std::string_view text) const;
  [[nodiscard]] const cue* at_end_in_case(std::string_view text) const;
  [[nodiscard]] match first_in_case(std::string_view text, std::size_t from = 0) const;
};

/// A cue table (`table: cues`): named lists and their examples.
struct cue_table {
  std::map<std::string, cue_list, std::less<>> lists;
  std::vector<example> examples;
};

/// Read a cue table. Throws load_error (located) for a wrong shape.
[[nodiscard]] cue_table read_cues(std::string_view text, const std::string& file);

/// How strongly an act lets an agency read a database instead of asking:
/// unconditionally (`none`), where the data is there or connected
/// (`when_data`), or by the general rule alone (`principle`, Decree 45/2020
/// Art. 4). Ordered from the weakest.
enum class act_condition : std::uint8_t { principle, when_data, none };

/// An act of state-data.yaml.
struct state_act {
  std::string id;
  localized_text title;
  localized_text says;
  std::string in_force;  ///< as the act gives it ("2023-01-01", "2025-12", "2020")
  act_condition condition = act_condition::principle;
  std::vector<std::string> only;  ///< registry document ids it applies to; empty: all of its databases'
};

/// A database of state-data.yaml: what a registry document's `held_in` names.
struct state_database {
  std::string id;
  localized_text name;
  localized_text keeper;  ///< may be empty
  localized_text holds;
  std::vector<std::string> acts;  ///< ids of state_data::acts, in the table's order
};

/// lexicon/state-data.yaml read: the databases that hold papers and the acts
/// that let an agency read them (once-only names both).
struct state_data {
  std::vector<state_act> acts;
  std::vector<state_database> databases;
  std::vector<example> examples;

  [[nodiscard]] const state_database* database(std::string_view id) const noexcept;
  [[nodiscard]] const state_act* act(std::string_view id) const noexcept;
  /// The database's strongest act (by condition, then table order) that
  /// applies to `document` (a registry id; empty: acts for all its papers
  /// only), or null.
  [[nodiscard]] const state_act* strongest_act(const state_database& db, std::string_view document = {}) const noexcept;
};

/// Read a state-data table. Throws load_error (located) for a wrong shape, an
/// unknown condition, or a database naming an act the table does not have.
[[nodiscard]] state_data read_state_data(std::string_view text, const std::string& file);

/// registry.yaml (a redtape registry: documents and agencies) read with
/// redtape's loader. Throws load_error (file, line, column) when it does not load.
[[nodiscard]] catalog read_registry(std::string_view text, const std::string& file);

/// Every table of a lexicon, read.
struct tables {
  names_table names;
  state_data state;  ///< state-data.yaml
  /// The cue lists of every cue table, by list name (unique across tables).
  std::map<std::string, cue_list, std::less<>> cues;
  /// (table name, built in) in name order.
  std::vector<std::pair<std::string, bool>> files;
  /// registry.yaml: the documents the importer recognises by name, a redtape
  /// registry kept as text (src/import/known_documents.hpp reads it with the
  /// loader), and the file it came from.
  std::string registry_text;
  std::string registry_file;

  /// A cue list by name; throws std::logic_error when there is none (a
  /// missing list is a bug: replaced tables are checked to keep every list).
  [[nodiscard]] const cue_list& list(std::string_view name) const;
};

}  // namespace redtape::lexicon_detail
