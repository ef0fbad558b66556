// The importer's phrase knowledge: the cue lists of lexicon/portal/*.yaml
// (docs/rules.md, "The lexicon"). Every parser of src/import/portal/ and
// src/import/build/ asks for its lists here, by name, and matches them with
// cue_list's functions; no phrase list lives in their conditions.
#pragma once

#include <string_view>

#include "analysis/lexicon.hpp"

namespace redtape::importer::portal {

using lexicon_detail::cue;
using lexicon_detail::cue_list;

/// The cue list `name` of the lexicon this thread imports with (see
/// lexicon_scope), else of the built-in lexicon. Throws std::logic_error for
/// a name no table has (a bug: tests/analysis/test_lexicon.cpp reads every
/// list the importer names).
[[nodiscard]] const cue_list& cues(std::string_view name);

/// Within its lifetime, this thread's cues() come from `lex` (null: the
/// built-in lexicon). The importer sets one in each worker.
class lexicon_scope {
 public:
  explicit lexicon_scope(const redtape::lexicon* lex) noexcept;
  ~lexicon_scope();
  lexicon_scope(const lexicon_scope&) = delete;
  lexicon_scope& operator=(const lexicon_scope&) = delete;

 private:
  const lexicon_detail::tables* previous_;
};

}  // namespace redtape::importer::portal
