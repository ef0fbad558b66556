#include "import/portal/cues.hpp"

namespace redtape::importer::portal {

namespace {
thread_local const lexicon_detail::tables* current = nullptr;
}

const cue_list& cues(std::string_view name) {
  const lexicon_detail::tables* t = current;
  if (t == nullptr) {
    static const lexicon_detail::tables& builtin = redtape::lexicon::builtin()->detail();
    t = &builtin;
  }
  return t->list(name);
}

lexicon_scope::lexicon_scope(const redtape::lexicon* lex) noexcept : previous_(current) {
  current = lex != nullptr ? &lex->detail() : nullptr;
}

lexicon_scope::~lexicon_scope() { current = previous_; }

}  // namespace redtape::importer::portal
