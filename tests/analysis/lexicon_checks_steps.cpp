#include "import/portal/steps.hpp"
#include "lexicon_checks.hpp"

namespace redtape::lexicon_checks {

std::optional<std::string> steps(std::string_view check, const std::string& text) {
  namespace portal = redtape::importer::portal;
  if (check == "applicant") return yes_no(portal::applicant_words(text));
  return std::nullopt;
}

}  // namespace redtape::lexicon_checks
