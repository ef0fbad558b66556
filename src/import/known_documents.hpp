// Documents every reviewer knows by name, recognised in the portal's free
// text: the citizen ID, the household registration, the birth certificate,
// the enterprise registration certificate, the land-use certificate… Each has
// a registry id, a name in both languages, who issues it and the government
// database that holds it (the once-only rule's evidence).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace redtape::importer {

struct known_document {
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
  std::string_view issued_by;  ///< an agency id of known_agencies(), or "applicant"
  std::string_view held_in;    ///< a government database, or empty
  /// Beginnings of the normalised name (redtape::normalize_document_name)
  /// that mean this document.
  std::span<const std::string_view> prefixes;
};

struct known_agency {
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
  std::string_view level;
};

[[nodiscard]] std::span<const known_document> known_documents();
[[nodiscard]] std::span<const known_agency> known_agencies();

/// The known document a demanded name means, by the beginning of its
/// normalised name; nothing for other names. Alternatives written as one row
/// ("Hộ chiếu/Thẻ căn cước công dân/… hoặc giấy tờ khác") are the identity
/// paper, not the first one named.
[[nodiscard]] const known_document* recognise_document(std::string_view normalised_name);

}  // namespace redtape::importer
