// Who issued a paper the dossier demands, read from its name
// (lexicon/portal/issuers.yaml): "Văn bản chấp thuận của Sở Xây dựng" → "Sở
// Xây dựng". The heads of state bodies' names are a closed set; the bodies
// are not listed, so one never seen reads the same way.
#include <algorithm>
#include <string>
#include <string_view>

#include "import/portal/cues.hpp"
#include "import/portal/documents.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;

namespace {

/// A body's name runs to the first clause mark, end cue or word limit.
constexpr std::size_t body_words_at_most = 12;

std::size_t body_end(std::string_view f, std::size_t from, std::size_t head_end) {
  std::size_t end = f.size();
  if (auto stop = f.find_first_of(",;:()[]\n", head_end); stop < end) end = stop;
  if (auto cue_at = cues("issuer-ends").earliest(f, head_end); cue_at < end) end = cue_at;
  std::size_t words = 0;
  for (std::size_t i = from; i < end; ++i)
    if (f[i] == ' ' && ++words == body_words_at_most) return i;
  return end;
}

}  // namespace

std::string issuer_in_name(std::string_view name) {
  const std::string text = clean_space(name);
  const std::string f = fold(text);
  // "01 tờ khai …", "02 bản …": a count before the paper.
  std::size_t opening = 0;
  while (opening < f.size() && is_digit(f[opening])) ++opening;
  if (opening == 0 || opening > 2 || opening >= f.size() || f[opening] != ' ') opening = 0;
  if (f.empty() || cues("applicant-paper-openings").starts(std::string_view(f).substr(opening))) return {};
  // A cited form or legal text ends what can name the paper's issuer.
  const std::size_t limit = std::min(f.size(), cues("issuer-reference-cuts").earliest(f));
  // The folded text keeps the written one's byte offsets when folding only
  // changed case (NFC input, as the importer's is): the body is cut from the
  // text as written. Otherwise from the folded text.
  const std::string_view source = f.size() == text.size() ? std::string_view(text) : std::string_view(f);
  const cue_list& leads = cues("issuer-leads");
  const cue_list& heads = cues("state-body-heads");
  const std::string_view within = std::string_view(f).substr(0, limit);
  for (auto lead = leads.first(within); lead.what != nullptr; lead = leads.first(within, lead.at + 1)) {
    std::size_t start = lead.at + lead.what->phrase.size();
    while (start < within.size() && within[start] == ' ') ++start;
    const cue* head = heads.at_start(within.substr(start));
    if (head == nullptr) continue;
    const std::size_t end = body_end(within, start, start + head->phrase.size());
    std::string body(strip_end_punctuation(source.substr(start, end - start)));
    if (!body.empty()) return body;
  }
  return {};
}

}  // namespace redtape::importer::portal
