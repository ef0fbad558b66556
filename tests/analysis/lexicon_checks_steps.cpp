#include "import/portal/steps.hpp"
#include "lexicon_checks.hpp"

namespace redtape::lexicon_checks {

std::optional<std::string> steps(std::string_view check, const std::string& text) {
  namespace portal = redtape::importer::portal;
  if (check == "applicant") return yes_no(portal::applicant_words(text));
  if (check == "applicant_action") return portal::action_of(text, true);
  if (check == "agency_action") return portal::action_of(text, false);
  if (check == "desk_routine") return yes_no(portal::desk_routine(text));
  return std::nullopt;
}

}  // namespace redtape::lexicon_checks
