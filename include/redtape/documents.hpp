// Document identity: which demands name the same document.
//
// A demand names a registry entry by `ref`, or by an inline name that may
// match a registry name or alias. Inline names are normalised (Unicode NFC,
// case folding, Vietnamese tone placement, form qualifiers such as "bản sao
// có chứng thực" and form codes such as "Mẫu số 01" removed, punctuation) and
// near-duplicates grouped by a similarity threshold, while distinct documents
// stay distinct ("Giấy chứng nhận đăng ký doanh nghiệp" is not "Giấy chứng
// nhận đăng ký đầu tư").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/model.hpp"

namespace redtape {

/// The word lists and thresholds of document identity: a lexicon's names
/// table (lexicon/names.yaml compiled in, or a run's own, redtape::lexicon).
struct name_rules {
  /// Phrases that describe a document's form, not its identity; removed
  /// before comparing ("bản sao", "bản chính", "có chứng thực", "hợp lệ", …).
  std::vector<std::string> qualifiers;
  /// Phrases that mark a certified copy ("bản sao có chứng thực", "sao y", …).
  std::vector<std::string> certified_copy_words;
  /// Phrases that mark a plain copy ("bản sao", "bản photo", …).
  std::vector<std::string> copy_words;
  /// Name beginnings of documents that the government issues or holds, for
  /// inline names without a registry entry ("giấy chứng nhận", "giấy phép",
  /// "quyết định", "căn cước", …).
  std::vector<std::string> government_prefixes;
  /// Phrases from which the rest of a name is a legal reference, not the
  /// paper's identity ("theo mẫu", "kèm theo nghị định", "bao gồm", …).
  std::vector<std::string> reference_tails;
  /// Phrases dropped where a name or a clause ends ("giấy phép đã được
  /// cấp"): the paper was issued, which says nothing of which paper.
  std::vector<std::string> issued_tails;
  /// Instructions dropped where a name starts ("xuất trình bản chính …").
  std::vector<std::string> instruction_leads;
  /// Phrases that mark an original ("bản chính", "bản gốc").
  std::vector<std::string> original_words;
  /// Phrases that mark an electronic paper ("bản điện tử", "bản số hóa", …).
  std::vector<std::string> electronic_words;
  /// Names at or above this similarity (0..1) are the same document.
  double similarity_threshold = 0.85;

  [[nodiscard]] static const name_rules& defaults();
};

/// The comparison key of a document name: NFC, case folded, tone marks
/// placed one way, qualifiers and form codes removed, punctuation turned into
/// spaces, spaces collapsed. "Bản sao có chứng thực Căn cước công dân (Mẫu
/// số 01)" → "căn cước công dân".
///
/// Tone marks go on the first vowel of a final oa/oe/uy ("hoà" → "hòa",
/// "thuỷ" → "thủy"), the spelling the national portal mostly uses. Also
/// dropped: list markers ("a)", "1.1.", "- "), a leading count ("02 ảnh"),
/// a leading condition ending in a colon ("Trường hợp …: X" → "x"),
/// remarks in brackets that open with a form, condition or legal word
/// ("(nếu có)", "(theo mẫu)", "(khoản 1 Điều 42 …)") or spell the initials
/// of the words before them ("(BHYT)"), and everything from a legal
/// reference on ("… theo Mẫu số 01 ban hành kèm theo Thông tư …"). Never
/// empty for a name with words: a name of qualifiers only keeps them.
[[nodiscard]] std::string normalize_document_name(std::string_view name,
                                                  const name_rules& rules = name_rules::defaults());

/// Unicode NFC and case folding only (no words removed).
[[nodiscard]] std::string fold_text(std::string_view text);

/// Whether `text`, folded, contains one of `phrases` (folded): "Giấy chứng
/// nhận kiểm dịch của nước xuất khẩu" says "nước xuất khẩu".
[[nodiscard]] bool text_says_any(std::string_view text, const std::vector<std::string>& phrases);
/// The same for a text already folded with fold_text (fold a name once when
/// it is checked against several lists). The phrases are folded once per
/// thread and list, not on every call.
[[nodiscard]] bool folded_says_any(std::string_view folded_text, const std::vector<std::string>& phrases);

/// Similarity of two normalised names, 0 (nothing shared) to 1 (the same).
///
/// A weighted Jaccard of the syllables in which a content word found in one
/// name only counts four times, an opening classifier noun ("giấy", "thẻ",
/// "sổ", "đơn", "văn bản", …) and grammatical words ("của", "và", …) little,
/// plus a fifth for shared adjacent content-word pairs. At the default
/// threshold, names that differ only by classifier, grammatical words or
/// word order are the same document; names that differ by a content word
/// ("cấp" / "cấp lại", "doanh nghiệp" / "đầu tư", "sổ hộ khẩu" / "sổ hộ khẩu
/// gia đình") are not, unless they are very long descriptions.
[[nodiscard]] double name_similarity(std::string_view a, std::string_view b);

/// The form a name implies ("bản sao có chứng thực …" → certified_copy), if any.
[[nodiscard]] std::optional<document_form> form_in_name(std::string_view name,
                                                        const name_rules& rules = name_rules::defaults());

/// Fill `named_form` of every demand with an inline name in `c` from its
/// name with `rules`. The loader does so with the built-in lexicon; an audit
/// with a lexicon that reads forms otherwise does so again on its own copy.
void read_named_forms(catalog& c, const name_rules& rules);

/// Whether an inline name looks like a document the government issues or
/// holds (by its beginning, after normalisation).
[[nodiscard]] bool government_name(std::string_view name,
                                   const name_rules& rules = name_rules::defaults());

/// The identity of a document demand within one catalog.
struct document_identity {
  std::string key;  ///< equal keys = the same document ("ref:<id>" or "name:<normalised>")
  const document* entry = nullptr;  ///< the registry entry, when there is one
  std::string label;                ///< what to show: the registry id or the first name seen
  bool government_has = false;      ///< issued or held by the government
};

/// Resolves demands of one catalog to identities. Build once per catalog
/// (it indexes registry names and aliases and groups near-duplicate inline
/// names); then resolve() is cheap and thread-safe.
///
/// Inline names are taken in catalog order (procedures, steps, `requires`
/// then `produces`). A name equal after normalisation to a registry id, name
/// or alias, or written without diacritics where only one entry reads so,
/// or near a registry name, is that entry; else it joins the cluster of the
/// first earlier name it is near (key "name:" + that name normalised), or
/// starts one. Candidates come from hashed content words, never all pairs,
/// so 50,000 distinct names index in well under a second (optimised build).
/// The catalog must outlive the index: identities point into its registry.
class lexicon;

class document_index {
 public:
  explicit document_index(const catalog& c, const name_rules& rules = name_rules::defaults());
  /// With the names of `lex`, which rules then read through lexicon_used()
  /// (once-only: the databases of state-data.yaml). Null: the built-in one.
  document_index(const catalog& c, std::shared_ptr<const lexicon> lex);
  ~document_index();
  document_index(document_index&&) noexcept;
  document_index& operator=(document_index&&) noexcept;

  [[nodiscard]] document_identity resolve(const document_demand& d) const;
  [[nodiscard]] const name_rules& rules() const noexcept;
  /// The lexicon the index was made with (the built-in one unless given).
  [[nodiscard]] const lexicon& lexicon_used() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace redtape
