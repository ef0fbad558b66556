// The record's other fields: result, agencies, legal basis, level, applicant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "redtape/model.hpp"

namespace redtape::importer::portal {

struct result_document {
  std::string name;
  std::string code;  ///< national result code "KQ.G15.000031"; empty when none or not one
  std::string code_text;  ///< what followed "Mã:" when it is not a national code
};

/// "Giấy khai sinhMã: KQ.G15.000031Từ khóa…" → [{Giấy khai sinh, KQ.G15.000031}].
[[nodiscard]] std::vector<result_document> parse_results(std::string_view text);

/// "Ngân hàng Nhà nước Việt Nam, Ngân hàng Nhà nước Khu vực" → two agencies;
/// "Ủy ban Nhân dân xã, phường, thị trấn." stays one.
[[nodiscard]] std::vector<std::string> split_agencies(std::string_view text);

/// The first agency a text names among the common ones ("Nộp hồ sơ cho Ủy
/// ban nhân dân cấp xã" → "Ủy ban nhân dân cấp xã"), for records whose
/// agency fields are empty; "" when none.
[[nodiscard]] std::string agency_in_text(std::string_view text);

/// The level an agency's name implies: central, province, district, commune, or "".
[[nodiscard]] std::string agency_level(std::string_view name);
/// public_service for schools, hospitals, service centres; else government.
[[nodiscard]] redtape::agency_kind agency_kind_of(std::string_view name);

/// "Tên văn bản pháp lýMã văn bản<title><code><title><code>…" → "<title> (<code>)" items.
[[nodiscard]] std::vector<std::string> parse_legal_basis(std::string_view text);

/// "Cấp bộ, Cấp tỉnh" → {"central", "province"}; "Cơ quan khác" → "other".
[[nodiscard]] std::vector<std::string> parse_levels(std::string_view text);

/// "Công dân Việt Nam" → citizen; "Doanh nghiệp, Hợp tác xã" → business; else any.
[[nodiscard]] redtape::applicant_kind parse_applicant(std::string_view text);

}  // namespace redtape::importer::portal
