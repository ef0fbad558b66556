#include "import/known_documents.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "analysis/lexicon.hpp"
#include "import/portal/cues.hpp"
#include "redtape/documents.hpp"
#include "util/text.hpp"
#include "util/words.hpp"

namespace redtape::importer {

namespace {

/// The registry document a row listing identity papers as alternatives means
/// (identity-alternatives in lexicon/portal/build.yaml).
constexpr std::string_view identity_paper_id = "identity_paper";

}  // namespace

known_registry::known_registry(const redtape::lexicon* lex)
    : known_registry((lex != nullptr ? *lex : *redtape::lexicon::builtin()).detail().registry_text,
                     (lex != nullptr ? *lex : *redtape::lexicon::builtin()).detail().registry_file) {}

known_registry::known_registry(std::string_view text, const std::string& file) {
  catalog loaded = lexicon_detail::read_registry(text, file);
  documents_ = std::move(loaded.documents);
  agencies_ = std::move(loaded.agencies);
  for (const auto& d : documents_)
    for (const auto& a : d.aliases) {
      auto n = normalize_document_name(a);
      if (n.empty()) n = fold_text(a);
      aliases_.push_back({std::move(n), &d});
    }
  // Longest first: "thẻ căn cước công dân" before "thẻ căn cước".
  std::stable_sort(aliases_.begin(), aliases_.end(),
                   [](const alias& a, const alias& b) { return a.text.size() > b.text.size(); });
}

const redtape::document* known_registry::by_id(std::string_view id) const {
  for (const auto& d : documents_)
    if (d.id == id) return &d;
  return nullptr;
}

const redtape::document* known_registry::recognise(std::string_view n) const {
  // Form words the name normaliser keeps: "bản chụp Chứng minh nhân dân…".
  const portal::cue_list& form_words = portal::cues("form-word-openings");
  while (const portal::cue* w = form_words.at_start(n)) n = util::trim_blank(n.substr(w->phrase.size()));
  if (n.empty()) return nullptr;
  const redtape::document* found = nullptr;
  for (const auto& a : aliases_)
    if (n.starts_with(a.text) && (n.size() == a.text.size() || n[a.text.size()] == ' ')) {
      found = a.doc;
      break;
    }
  if (!found) return nullptr;
  // "Hộ chiếu/Thẻ căn cước công dân/… hoặc các giấy tờ khác": any one of the
  // identity papers, not the first named. Only the alternatives named up
  // front count: "… đối với trường hợp có hộ chiếu" further on is a
  // condition, not an alternative.
  const portal::cue_list& alternatives = portal::cues("identity-alternatives");
  const std::string_view head = util::utf8_prefix(n, 90);
  for (const auto& c : alternatives.cues)
    if (c.value == found->id && alternatives.find(c, head) != std::string_view::npos) return by_id(identity_paper_id);
  return found;
}

}  // namespace redtape::importer
