#include "import/known_documents.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "redtape/documents.hpp"
#include "util/text.hpp"

namespace redtape::importer {

namespace {

using namespace std::string_view_literals;

// Who holds what, as of the laws in force in 2026: the national population
// database (Law on Identification 2023, Decree 104/2022 replacing the
// household book), the civil status e-database (Law on Civil Status 2014,
// Decree 87/2020), the criminal record database (Law on Criminal Records
// 2009), the national business registration database (Law on Enterprises
// 2020), the land database (Land Law 2024), the driving licence and vehicle
// registration databases (Law on Road Traffic Order and Safety 2024).
constexpr std::array identity_paper{"giấy tờ tùy thân"sv, "giấy tờ tuỳ thân"sv, "giấy tờ chứng minh nhân thân"sv,
                                    "giấy tờ nhân thân"sv, "giấy tờ có giá trị chứng minh nhân thân"sv};
constexpr std::array citizen_id{"căn cước công dân"sv,    "thẻ căn cước công dân"sv, "thẻ căn cước"sv,
                                "căn cước"sv,             "chứng minh nhân dân"sv,   "giấy chứng minh nhân dân"sv,
                                "cmnd"sv,                 "cccd"sv,                  "căn cước điện tử"sv,
                                "giấy chứng nhận căn cước"sv};
constexpr std::array passport{"hộ chiếu"sv};
constexpr std::array household{"sổ hộ khẩu"sv,
                               "sổ tạm trú"sv,
                               "giấy xác nhận thông tin về cư trú"sv,
                               "xác nhận thông tin về cư trú"sv,
                               "giấy tờ chứng minh nơi cư trú"sv,
                               "giấy tờ có giá trị chứng minh thông tin về cư trú"sv,
                               "giấy tờ chứng minh thông tin về cư trú"sv};
constexpr std::array birth{"giấy khai sinh"sv, "trích lục khai sinh"sv, "trích lục đăng ký khai sinh"sv};
constexpr std::array marriage{"giấy chứng nhận kết hôn"sv, "trích lục kết hôn"sv, "trích lục đăng ký kết hôn"sv,
                              "giấy đăng ký kết hôn"sv};
constexpr std::array marital{"giấy xác nhận tình trạng hôn nhân"sv};
constexpr std::array death{"giấy chứng tử"sv, "trích lục khai tử"sv, "trích lục đăng ký khai tử"sv};
constexpr std::array criminal{"phiếu lý lịch tư pháp"sv};
constexpr std::array enterprise{"giấy chứng nhận đăng ký doanh nghiệp"sv, "giấy chứng nhận đăng ký kinh doanh"sv,
                                "giấy đăng ký kinh doanh"sv, "giấy chứng nhận đăng ký hoạt động doanh nghiệp"sv};
constexpr std::array investment{"giấy chứng nhận đăng ký đầu tư"sv, "giấy chứng nhận đầu tư"sv};
constexpr std::array land{"giấy chứng nhận quyền sử dụng đất"sv, "giấy chứng nhận quyền sở hữu nhà ở"sv,
                          "giấy chứng nhận quyền sở hữu công trình"sv, "sổ đỏ"sv, "sổ hồng"sv};
constexpr std::array driving{"giấy phép lái xe"sv};
constexpr std::array vehicle{"giấy chứng nhận đăng ký xe"sv, "giấy đăng ký xe"sv, "chứng nhận đăng ký xe"sv};
constexpr std::array tax{"giấy chứng nhận đăng ký thuế"sv, "thông báo mã số thuế"sv};
constexpr std::array health{"giấy chứng nhận sức khỏe"sv, "giấy chứng nhận sức khoẻ"sv, "giấy khám sức khỏe"sv,
                            "giấy khám sức khoẻ"sv, "giấy chứng nhận đủ sức khỏe"sv};
constexpr std::array photo{"ảnh"sv, "ảnh chân dung"sv, "ảnh màu"sv};
constexpr std::array attorney{"giấy ủy quyền"sv, "giấy uỷ quyền"sv, "văn bản ủy quyền"sv, "văn bản uỷ quyền"sv,
                              "hợp đồng ủy quyền"sv, "hợp đồng uỷ quyền"sv};

constexpr std::array documents_table{
    known_document{"identity_paper", "Giấy tờ tùy thân", "Identity paper (ID card or passport)", "police",
                   "national_population_database", identity_paper},
    known_document{"citizen_id", "Căn cước công dân", "Citizen identity card", "police",
                   "national_population_database", citizen_id},
    known_document{"passport", "Hộ chiếu", "Passport", "police", "", passport},
    known_document{"household_registration", "Giấy tờ chứng minh nơi cư trú (sổ hộ khẩu, sổ tạm trú)",
                   "Proof of residence (household registration book)", "police", "national_population_database",
                   household},
    known_document{"birth_certificate", "Giấy khai sinh", "Birth certificate", "commune_committee",
                   "civil_status_database", birth},
    known_document{"marriage_certificate", "Giấy chứng nhận kết hôn", "Marriage certificate", "commune_committee",
                   "civil_status_database", marriage},
    known_document{"marital_status_certificate", "Giấy xác nhận tình trạng hôn nhân",
                   "Certificate of marital status", "commune_committee", "civil_status_database", marital},
    known_document{"death_certificate", "Giấy chứng tử", "Death certificate", "commune_committee",
                   "civil_status_database", death},
    known_document{"criminal_record_certificate", "Phiếu lý lịch tư pháp", "Criminal record certificate",
                   "justice_department", "criminal_record_database", criminal},
    known_document{"enterprise_registration_certificate", "Giấy chứng nhận đăng ký doanh nghiệp",
                   "Enterprise registration certificate", "business_registration_office",
                   "national_business_registration_database", enterprise},
    known_document{"investment_registration_certificate", "Giấy chứng nhận đăng ký đầu tư",
                   "Investment registration certificate", "investment_registration_authority",
                   "national_investment_information_system", investment},
    known_document{"land_use_certificate", "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
                   "Land-use rights certificate", "land_registration_office", "national_land_database", land},
    known_document{"driving_licence", "Giấy phép lái xe", "Driving licence", "police", "driving_licence_database",
                   driving},
    known_document{"vehicle_registration_certificate", "Giấy chứng nhận đăng ký xe", "Vehicle registration certificate",
                   "police", "vehicle_registration_database", vehicle},
    known_document{"tax_registration_certificate", "Giấy chứng nhận đăng ký thuế", "Tax registration certificate",
                   "tax_authority", "tax_database", tax},
    // Issued by any licensed clinic, private ones included, and held in no
    // government database: not something the government already has.
    known_document{"health_certificate", "Giấy chứng nhận sức khỏe", "Health certificate", "", "", health},
    known_document{"portrait_photo", "Ảnh chân dung", "Portrait photo", "applicant", "", photo},
    known_document{"power_of_attorney", "Văn bản ủy quyền", "Power of attorney", "applicant", "", attorney},
};

constexpr std::array agencies_table{
    known_agency{"police", "Cơ quan Công an", "Police", "central"},
    known_agency{"commune_committee", "Ủy ban nhân dân cấp xã", "Commune People's Committee", "commune"},
    known_agency{"justice_department", "Sở Tư pháp; Trung tâm Lý lịch tư pháp quốc gia",
                 "Department of Justice; National Criminal Records Centre", "province"},
    known_agency{"business_registration_office", "Phòng Đăng ký kinh doanh", "Business Registration Office",
                 "province"},
    known_agency{"investment_registration_authority", "Cơ quan đăng ký đầu tư", "Investment registration authority",
                 "province"},
    known_agency{"land_registration_office", "Văn phòng đăng ký đất đai", "Land Registration Office", "province"},
    known_agency{"tax_authority", "Cơ quan thuế", "Tax authority", "province"},
    known_agency{"state_agency", "Cơ quan nhà nước có thẩm quyền", "Competent state agency", ""},
};

struct compiled_prefix {
  std::string text;  // normalised
  const known_document* doc;
};

const std::vector<compiled_prefix>& compiled() {
  static const std::vector<compiled_prefix> table = [] {
    std::vector<compiled_prefix> out;
    for (const auto& d : documents_table)
      for (auto p : d.prefixes) {
        auto n = normalize_document_name(p);
        if (n.empty()) n = fold_text(p);
        out.push_back({std::move(n), &d});
      }
    // Longest first: "thẻ căn cước công dân" before "thẻ căn cước".
    std::stable_sort(out.begin(), out.end(),
                     [](const compiled_prefix& a, const compiled_prefix& b) { return a.text.size() > b.text.size(); });
    return out;
  }();
  return table;
}

bool starts_with_word(std::string_view s, std::string_view p) {
  return s.starts_with(p) && (s.size() == p.size() || s[p.size()] == ' ');
}

const known_document* by_id(std::string_view id) {
  for (const auto& d : documents_table)
    if (d.id == id) return &d;
  return nullptr;
}

}  // namespace

std::span<const known_document> known_documents() { return documents_table; }
std::span<const known_agency> known_agencies() { return agencies_table; }

const known_document* recognise_document(std::string_view n) {
  // Form words the name normaliser keeps: "bản chụp Chứng minh nhân dân…".
  for (bool again = true; again;) {
    again = false;
    for (auto w : {"bản chụp có chứng thực "sv, "bản chụp "sv, "bản sao chụp "sv, "bản photo "sv, "bản scan "sv,
                   "bản điện tử "sv, "bản in "sv, "xuất trình "sv, "01 "sv, "02 "sv, "1 "sv, "2 "sv})
      if (n.starts_with(w)) {
        n.remove_prefix(w.size());
        again = true;
      }
  }
  if (n.empty()) return nullptr;
  const known_document* found = nullptr;
  for (const auto& p : compiled())
    if (starts_with_word(n, p.text)) {
      found = p.doc;
      break;
    }
  if (!found) return nullptr;
  // "Hộ chiếu/Thẻ căn cước công dân/… hoặc các giấy tờ khác": any one of the
  // identity papers, not the first named.
  const bool identity = found->id == "passport" || found->id == "citizen_id";
  if (identity) {
    // Only the alternatives named up front count: "… đối với trường hợp có hộ
    // chiếu" further on is a condition, not an alternative.
    const std::string_view head = util::utf8_prefix(n, 90);
    const bool lists_other = found->id == "passport"
                                 ? (head.find("căn cước") != std::string_view::npos ||
                                    head.find("chứng minh") != std::string_view::npos)
                                 : (head.find("hộ chiếu") != std::string_view::npos ||
                                    head.find("giấy tờ khác") != std::string_view::npos ||
                                    head.find("giấy tờ tùy thân") != std::string_view::npos);
    if (lists_other) return by_id("identity_paper");
  }
  return found;
}

}  // namespace redtape::importer
