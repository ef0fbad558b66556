// One portal record as read from JSON, before its text is parsed: the two
// shapes of ../shared/data (flattened tables, or split rows) in one struct, so
// that the procedure builder does not care which file shape it came from.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace redtape::importer {

/// A row of "Cách thức thực hiện" in the split shape.
struct channel_cell {
  std::string channel;      ///< "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"
  std::string time;         ///< "07 Ngày làm việc", "30", "Ngay trong ngày…"
  std::string fee;          ///< "Lệ phí: 200000 ĐồngXem chi tiết", ""
  std::string description;  ///< "Mô tả"
};

/// A row of "Thành phần hồ sơ" in the split shape.
struct document_cell {
  std::string name;    ///< "Tên giấy tờ"
  std::string form;    ///< "Mẫu đơn, tờ khai" (a download link)
  std::string counts;  ///< "Bản chính: 1 - Bản sao: 0"
};

/// The portal's field names, for warnings ("cach_thuc_thuc_hien" in the
/// flattened shape, "Cách thức thực hiện" in the split one).
struct field_names {
  const char* channels;
  const char* documents;
  const char* steps;
  const char* agencies;
  const char* result;
  const char* legal_basis;
  const char* code;
  const char* title;
};

inline constexpr field_names flattened_fields{"cach_thuc_thuc_hien", "thanh_phan_ho_so",
                                              "trinh_tu_thuc_hien", "co_quan_thuc_hien",
                                              "ket_qua_xu_ly",      "can_cu_phap_ly",
                                              "ma_thu_tuc",         "ten_thu_tuc"};
inline constexpr field_names split_fields{"Cách thức thực hiện", "Thành phần hồ sơ",
                                          "Trình tự thực hiện",  "Cơ quan thực hiện",
                                          "ket_qua_xu_ly",       "can_cu_phap_ly",
                                          "ma_thu_tuc",          "title"};

/// Every text of a raw_record is valid UTF-8 in NFC without control
/// characters (util::clean_text): the reader makes it so.
struct raw_record {
  std::string source;  ///< the source file as shown: "<folder>/<…>/<file>.json"
  std::size_t index = 0;     ///< position in a JSON array (split shape)
  bool in_array = false;
  std::string group;   ///< output folder: the record's folder name (a ministry, or the data set)
  bool flattened = true;
  const field_names* fields = &flattened_fields;

  std::string code;           ///< ma_thu_tuc
  std::string title;          ///< ten_thu_tuc / title
  std::string url;            ///< detail_url
  std::string decision;       ///< so_quyet_dinh
  std::string level;          ///< cap_thuc_hien
  std::string kind;           ///< loai_thu_tuc
  std::string sector;         ///< linh_vuc
  std::string applicant;      ///< doi_tuong_thuc_hien
  std::string authority;      ///< co_quan_co_tham_quyen
  std::string performing;     ///< co_quan_thuc_hien
  std::string coordinating;   ///< co_quan_phoi_hop
  std::string delegated;      ///< co_quan_duoc_uy_quyen
  std::string address;        ///< dia_chi_tiep_nhan
  std::string steps;          ///< trinh_tu_thuc_hien
  std::string channels_text;  ///< cach_thuc_thuc_hien (flattened)
  std::string documents_text; ///< thanh_phan_ho_so (flattened)
  std::string legal_basis;    ///< can_cu_phap_ly
  std::string conditions;     ///< yeu_cau_dieu_kien
  std::string result;         ///< ket_qua_xu_ly
  std::string oid;            ///< _id.$oid (split shape)

  std::vector<channel_cell> channel_rows;    ///< split shape
  std::vector<document_cell> document_rows;  ///< split shape
  /// Fields (the portal's keys) where bytes that were not UTF-8 were
  /// replaced by U+FFFD when the file was read.
  std::vector<std::string> damaged_fields;

  /// "dichvucong/bo-tu-phap/1.000080.json", "dichvucong-7sins/data.json[3]".
  [[nodiscard]] std::string label() const {
    return in_array ? source + "[" + std::to_string(index) + "]" : source;
  }
};

/// A file that could not be read as records, and why.
struct read_failure {
  std::string source;
  std::string reason;
};

struct read_result {
  std::vector<raw_record> records;
  std::vector<read_failure> failures;
};

/// Read one JSON file: a record object (flattened shape), or an array of
/// records (split shape). Detected by content, not by name. `shown` is the
/// path used in messages and provenance; `group` the output folder.
[[nodiscard]] read_result read_portal_file(const std::filesystem::path& file, const std::string& shown,
                                           const std::string& group);

}  // namespace redtape::importer
