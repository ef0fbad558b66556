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

/// The word lists and thresholds of document identity. The defaults are the
/// ones of the built-in rules (rules/*.yaml); rule parameters override them.
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
  /// Names at or above this similarity (0..1) are the same document.
  double similarity_threshold = 0.85;

  [[nodiscard]] static const name_rules& defaults();
};

/// The comparison key of a document name: NFC, case folded, tone marks
/// placed one way, qualifiers and form codes removed, punctuation turned into
/// spaces, spaces collapsed. "Bản sao có chứng thực Căn cước công dân (Mẫu
/// số 01)" → "căn cước công dân".
[[nodiscard]] std::string normalize_document_name(std::string_view name,
                                                  const name_rules& rules = name_rules::defaults());

/// Unicode NFC and case folding only (no words removed).
[[nodiscard]] std::string fold_text(std::string_view text);

/// Similarity of two normalised names, 0 (nothing shared) to 1 (the same).
[[nodiscard]] double name_similarity(std::string_view a, std::string_view b);

/// The form a name implies ("bản sao có chứng thực …" → certified_copy), if any.
[[nodiscard]] std::optional<document_form> form_in_name(std::string_view name,
                                                        const name_rules& rules = name_rules::defaults());

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
class document_index {
 public:
  explicit document_index(const catalog& c, const name_rules& rules = name_rules::defaults());
  ~document_index();
  document_index(document_index&&) noexcept;
  document_index& operator=(document_index&&) noexcept;

  [[nodiscard]] document_identity resolve(const document_demand& d) const;
  [[nodiscard]] const name_rules& rules() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace redtape
