// The lexicon: redtape's knowledge of Vietnamese administrative text, kept as
// phrase tables in YAML (lexicon/ in the source tree, share/redtape/lexicon
// when installed; docs/rules.md, "The lexicon"). The built-in tables are
// compiled into the library; a run can replace any of them with its own copy
// (`redtape audit --lexicon DIR`, `audit_options::lexicon`,
// `import_options::lexicon`, Python `lexicon=`).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "redtape/documents.hpp"

namespace redtape {

namespace lexicon_detail {
struct tables;
}

/// A set of phrase tables: the words of document names (names.yaml) and the
/// portal importer's cues (portal/*.yaml). Immutable once made; share it
/// between threads freely.
class lexicon {
 public:
  /// The built-in tables, read once.
  [[nodiscard]] static std::shared_ptr<const lexicon> builtin();

  /// The built-in tables, with every table found in `dir` (recursively,
  /// `*.yaml`, by its path under `dir`: `names.yaml`, `portal/steps.yaml`)
  /// in place of the built-in table of that name. A table replaced must keep
  /// every list the built-in one has. Throws invalid_argument_error when
  /// `dir` is not a folder or holds a file that is no built-in table's name,
  /// and load_error (file, line, column) when a table does not read.
  [[nodiscard]] static std::shared_ptr<const lexicon> from_directory(const std::filesystem::path& dir);

  /// The words of document identity (names.yaml).
  [[nodiscard]] const name_rules& names() const noexcept;

  /// The tables' names ("names.yaml", "portal/steps.yaml", …), and whether
  /// each came from the built-in set.
  [[nodiscard]] std::vector<std::pair<std::string, bool>> table_names() const;

  /// The tables read (internal: the importer's and the analyses' access).
  [[nodiscard]] const lexicon_detail::tables& detail() const noexcept { return *tables_; }

  explicit lexicon(std::shared_ptr<const lexicon_detail::tables> t) : tables_(std::move(t)) {}

 private:
  std::shared_ptr<const lexicon_detail::tables> tables_;
};

}  // namespace redtape
