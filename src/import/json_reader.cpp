// Reading portal records from JSON. nlohmann/json is included here and
// nowhere else: its header is heavy, and no other file needs it.
#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "import/record.hpp"

namespace redtape::importer {

namespace {

using json = nlohmann::json;

// Every field of the portal's records is a string; anything else (a number, a
// null) is taken as its JSON text so that nothing is lost.
std::string text_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

/// Portal records nest three levels deep; far deeper input is hostile, and
/// nlohmann's dump() and copies recurse once per level (10^6 levels overflow
/// the stack).
constexpr std::size_t max_json_depth = 256;

/// Where `text` first nests deeper than max_json_depth, as "line L, column C"
/// (1-based; columns count UTF-8 characters), or nothing.
std::optional<std::string> too_deep_at(std::string_view text) {
  std::size_t depth = 0, line = 1, column = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
    if (c == '\n') {
      ++line;
      column = 0;
    }
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_json_depth) return "line " + std::to_string(line) + ", column " + std::to_string(column);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

bool is_flattened_record(const json& j) {
  return j.is_object() && (j.contains("ma_thu_tuc") || j.contains("ten_thu_tuc"));
}

bool is_split_record(const json& j) {
  return j.is_object() && j.contains("title") &&
         (j.contains("Trình tự thực hiện") || j.contains("Cách thức thực hiện") ||
          j.contains("Thành phần hồ sơ"));
}

raw_record flattened(const json& j) {
  raw_record r;
  r.flattened = true;
  r.fields = &flattened_fields;
  r.code = text_of(j, "ma_thu_tuc");
  r.title = text_of(j, "ten_thu_tuc");
  r.url = text_of(j, "detail_url");
  r.decision = text_of(j, "so_quyet_dinh");
  r.level = text_of(j, "cap_thuc_hien");
  r.kind = text_of(j, "loai_thu_tuc");
  r.sector = text_of(j, "linh_vuc");
  r.applicant = text_of(j, "doi_tuong_thuc_hien");
  r.authority = text_of(j, "co_quan_co_tham_quyen");
  r.performing = text_of(j, "co_quan_thuc_hien");
  r.coordinating = text_of(j, "co_quan_phoi_hop");
  r.delegated = text_of(j, "co_quan_duoc_uy_quyen");
  r.address = text_of(j, "dia_chi_tiep_nhan");
  r.steps = text_of(j, "trinh_tu_thuc_hien");
  r.channels_text = text_of(j, "cach_thuc_thuc_hien");
  r.documents_text = text_of(j, "thanh_phan_ho_so");
  r.legal_basis = text_of(j, "can_cu_phap_ly");
  r.conditions = text_of(j, "yeu_cau_dieu_kien");
  r.result = text_of(j, "ket_qua_xu_ly");
  return r;
}

raw_record split(const json& j) {
  raw_record r;
  r.flattened = false;
  r.fields = &split_fields;
  r.title = text_of(j, "title");
  r.steps = text_of(j, "Trình tự thực hiện");
  r.performing = text_of(j, "Cơ quan thực hiện");
  if (auto id = j.find("_id"); id != j.end()) {
    if (id->is_object()) r.oid = text_of(*id, "$oid");
    else if (id->is_string()) r.oid = id->get<std::string>();
  }
  if (auto rows = j.find("Cách thức thực hiện"); rows != j.end()) {
    if (rows->is_array()) {
      for (const auto& row : *rows)
        if (row.is_object())
          r.channel_rows.push_back({text_of(row, "Hình thức nộp"), text_of(row, "Thời hạn giải quyết"),
                                    text_of(row, "Phí, lệ phí"), text_of(row, "Mô tả")});
    } else if (rows->is_string()) {
      r.channels_text = rows->get<std::string>();  // a flattened table in the split shape
    }
  }
  if (auto rows = j.find("Thành phần hồ sơ"); rows != j.end()) {
    if (rows->is_array()) {
      for (const auto& row : *rows)
        if (row.is_object())
          r.document_rows.push_back({text_of(row, "Tên giấy tờ"), text_of(row, "Mẫu đơn, tờ khai"),
                                     text_of(row, "Số lượng - bản chính")});
    } else if (rows->is_string()) {
      r.documents_text = rows->get<std::string>();
    }
  }
  return r;
}

}  // namespace

read_result read_portal_file(const std::filesystem::path& file, const std::string& shown,
                             const std::string& group) {
  read_result out;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    out.failures.push_back({shown, "cannot be opened"});
    return out;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  if (auto at = too_deep_at(text)) {
    out.failures.push_back({shown, "JSON nested deeper than " + std::to_string(max_json_depth) + " levels at " + *at});
    return out;
  }
  // No exceptions: a file that is not JSON is a skipped record, not an error.
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    out.failures.push_back({shown, "not valid JSON"});
    return out;
  }
  auto stamp = [&](raw_record r, std::size_t index, bool in_array) {
    r.source = shown;
    r.group = group;
    r.index = index;
    r.in_array = in_array;
    return r;
  };
  if (is_flattened_record(j)) {
    out.records.push_back(stamp(flattened(j), 0, false));
  } else if (is_split_record(j)) {
    out.records.push_back(stamp(split(j), 0, false));
  } else if (j.is_array()) {
    std::size_t index = 0;
    for (const auto& item : j) {
      if (is_flattened_record(item)) {
        out.records.push_back(stamp(flattened(item), index, true));
      } else if (is_split_record(item)) {
        out.records.push_back(stamp(split(item), index, true));
      } else {
        out.failures.push_back({shown + "[" + std::to_string(index) + "]",
                                "not a portal record (no ma_thu_tuc/ten_thu_tuc, nor title with "
                                "\"Trình tự thực hiện\")"});
      }
      ++index;
    }
    if (j.empty()) out.failures.push_back({shown, "an empty JSON array"});
  } else {
    out.failures.push_back({shown, "not a portal record (an object with ma_thu_tuc/ten_thu_tuc, or an "
                                   "array of records with title and \"Trình tự thực hiện\")"});
  }
  return out;
}

}  // namespace redtape::importer
