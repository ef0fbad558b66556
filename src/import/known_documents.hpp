// Documents every reviewer knows by name, recognised in the portal's free
// text: the citizen ID, the household registration, the birth certificate,
// the enterprise registration certificate, the land-use certificate… They are
// a redtape registry, lexicon/registry.yaml (replaceable with --lexicon), read
// with redtape's own loader: each document has a registry id, a name in both
// languages, who issues it and the government database that holds it (the
// once-only rule's evidence), and its aliases are the beginnings of the
// normalised names that mean it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "redtape/lexicon.hpp"
#include "redtape/model.hpp"

namespace redtape::importer {

/// The registry of a lexicon, read, with the aliases made ready to match.
class known_registry {
 public:
  /// Read the registry of `lex` (null: the built-in lexicon) with redtape's
  /// loader. Throws load_error (file, line, column) when it does not load.
  explicit known_registry(const redtape::lexicon* lex);
  /// Read the registry text `text`, named `file` in errors.
  known_registry(std::string_view text, const std::string& file);
  known_registry(const known_registry&) = delete;  // aliases_ points into documents_
  known_registry& operator=(const known_registry&) = delete;

  /// The registry's documents and agencies, in the file's order.
  [[nodiscard]] const std::vector<redtape::document>& documents() const noexcept { return documents_; }
  [[nodiscard]] const std::vector<redtape::agency>& agencies() const noexcept { return agencies_; }

  /// The known document a demanded name means, by the beginning of its
  /// normalised name; nothing for other names. Alternatives written as one
  /// row ("Hộ chiếu/Thẻ căn cước công dân/… hoặc giấy tờ khác") are the
  /// identity paper, not the first one named (cue lists form-word-openings
  /// and identity-alternatives of lexicon/portal/build.yaml).
  [[nodiscard]] const redtape::document* recognise(std::string_view normalised_name) const;

 private:
  struct alias {
    std::string text;  ///< normalised
    const redtape::document* doc;
  };
  [[nodiscard]] const redtape::document* by_id(std::string_view id) const;

  std::vector<redtape::document> documents_;
  std::vector<redtape::agency> agencies_;
  std::vector<alias> aliases_;  ///< longest first
};

/// A result name (normalised) that is a refusal or an answer
/// (refusal-results), says too little (under three words), or is a kind of
/// paper rather than a paper (generic-result-names): it becomes no registry
/// document.
[[nodiscard]] bool refusal_or_generic(std::string_view normalised);

/// A shared document (normalised name) that the applicant writes: a form, a
/// declaration, a plan (applicant-made-heads).
[[nodiscard]] bool applicant_made(std::string_view normalised);

}  // namespace redtape::importer
