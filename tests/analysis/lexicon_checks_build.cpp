#include "import/known_documents.hpp"
#include "import/portal/cues.hpp"
#include "lexicon_checks.hpp"
#include "redtape/documents.hpp"

namespace redtape::lexicon_checks {

// lexicon/portal/build.yaml's own checks, on a name as the portal writes it
// (normalised as the importer does): the document of the built-in registry
// (lexicon/registry.yaml) it means, whether a result name makes no registry
// document, whether a shared document is the applicant's own.
std::optional<std::string> build(std::string_view check, const std::string& text) {
  namespace importer = redtape::importer;
  if (check == "hands-on") {
    const auto m = importer::portal::cues("handing-on").first_as_written(" " + redtape::fold_text(text) + " ");
    return m ? m.what->phrase : std::string("none");
  }
  const std::string n = redtape::normalize_document_name(text);
  if (check == "recognise") {
    static const importer::known_registry known(nullptr);
    const auto* doc = known.recognise(n);
    return doc != nullptr ? doc->id : std::string("none");
  }
  if (check == "generic") return yes_no(importer::refusal_or_generic(n));
  if (check == "applicant-made") return yes_no(importer::applicant_made(n));
  return std::nullopt;
}

}  // namespace redtape::lexicon_checks
