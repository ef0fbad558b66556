// The phrase tables of lexicon/ (docs/rules.md, "The lexicon"): redtape's
// knowledge of Vietnamese administrative text kept as data, each table with
// the examples that taught it. The built-in tables are compiled into the
// library (cmake/embed_data.cmake) and installed to share/redtape/lexicon.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redtape/documents.hpp"
#include "redtape/model.hpp"

namespace redtape::lexicon {

/// (name, YAML text) of every file in lexicon/, sorted by name
/// ("lexicon/names.yaml", …). Generated at build time.
[[nodiscard]] std::span<const std::pair<std::string_view, std::string_view>> builtin_lexicon_files();

/// The text of one built-in table file ("lexicon/names.yaml"); empty when
/// there is none.
[[nodiscard]] std::string_view builtin_file(std::string_view name) noexcept;

/// One `examples:` entry: the function it checks (the key other than
/// `expect`: "normalize", "form", "same", "government"), its input text or
/// texts, and the expected answer, as written.
struct example {
  std::string check;
  std::vector<std::string> texts;
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

}  // namespace redtape::lexicon
