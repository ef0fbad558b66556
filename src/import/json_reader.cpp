// Reading portal records from JSON. nlohmann/json is included here and
// nowhere else: its header is heavy, and no other file needs it.
#include <algorithm>
#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "import/record.hpp"
#include "util/text.hpp"

namespace redtape::importer {

namespace {

using json = nlohmann::json;

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

std::size_t count_of(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t i = 0; (i = text.find(what, i)) != std::string_view::npos; i += what.size()) ++n;
  return n;
}

/// The value of the four hex digits at `s[at]`, or -1.
int hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    const char c = s[k];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/// JSON text whose strings all decode to valid UTF-8: bytes that are not
/// UTF-8 become U+FFFD, and so does an escaped half of a surrogate pair
/// without its other half (JavaScript writes one for a string cut in the
/// middle of an emoji). nlohmann/json refuses both, and one bad byte would
/// otherwise lose every record of the file. `replaced` counts the repairs.
std::string repaired_json(std::string text, std::size_t& replaced) {
  replaced = 0;
  if (util::invalid_utf8_offset(text) != std::string_view::npos) {
    std::string valid = util::valid_utf8(text);
    replaced = count_of(valid, replacement) - count_of(text, replacement);
    text = std::move(valid);
  }
  if (text.find("\\u") == std::string::npos) return text;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      in_string = !in_string;
      continue;
    }
    if (!in_string || text[i] != '\\' || i + 1 >= text.size()) continue;
    if (text[i + 1] != 'u') {
      ++i;  // any other escape: the escaped character is not a quote
      continue;
    }
    const int v = hex4(text, i + 2);
    const bool high = v >= 0xD800 && v <= 0xDBFF, low = v >= 0xDC00 && v <= 0xDFFF;
    const int next = high && text.compare(i + 6, 2, "\\u") == 0 ? hex4(text, i + 8) : -1;
    if (next >= 0xDC00 && next <= 0xDFFF) {
      i += 11;  // a whole pair
      continue;
    }
    if (high || low) {
      text.replace(i + 2, 4, "FFFD");
      ++replaced;
    }
    i += 5;
  }
  return text;
}

/// Reads the fields of one record as text the importer can trust (valid
/// UTF-8, NFC, no control characters: util::clean_text), and notes the fields
/// where bytes that were not UTF-8 were replaced.
struct field_reader {
  bool file_repaired = false;
  std::vector<std::string> damaged;

  // Every field of the portal's records is a string; anything else (a number,
  // a null) is taken as its JSON text so that nothing is lost.
  std::string operator()(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    std::string text = util::clean_text(it->is_string() ? it->get_ref<const std::string&>() : it->dump());
    if (file_repaired && text.find(replacement) != std::string::npos &&
        std::find(damaged.begin(), damaged.end(), key) == damaged.end())
      damaged.emplace_back(key);
    return text;
  }
};

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

raw_record flattened(const json& j, field_reader text_of) {
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
  r.damaged_fields = std::move(text_of.damaged);
  return r;
}

raw_record split(const json& j, field_reader text_of) {
  raw_record r;
  r.flattened = false;
  r.fields = &split_fields;
  r.title = text_of(j, "title");
  r.steps = text_of(j, "Trình tự thực hiện");
  r.performing = text_of(j, "Cơ quan thực hiện");
  if (auto id = j.find("_id"); id != j.end()) {
    if (id->is_object()) r.oid = text_of(*id, "$oid");
    else if (id->is_string()) r.oid = text_of(j, "_id");
  }
  if (auto rows = j.find("Cách thức thực hiện"); rows != j.end()) {
    if (rows->is_array()) {
      for (const auto& row : *rows)
        if (row.is_object())
          r.channel_rows.push_back({text_of(row, "Hình thức nộp"), text_of(row, "Thời hạn giải quyết"),
                                    text_of(row, "Phí, lệ phí"), text_of(row, "Mô tả")});
    } else if (rows->is_string()) {
      r.channels_text = text_of(j, "Cách thức thực hiện");  // a flattened table in the split shape
    }
  }
  if (auto rows = j.find("Thành phần hồ sơ"); rows != j.end()) {
    if (rows->is_array()) {
      for (const auto& row : *rows)
        if (row.is_object())
          r.document_rows.push_back({text_of(row, "Tên giấy tờ"), text_of(row, "Mẫu đơn, tờ khai"),
                                     text_of(row, "Số lượng - bản chính")});
    } else if (rows->is_string()) {
      r.documents_text = text_of(j, "Thành phần hồ sơ");
    }
  }
  r.damaged_fields = std::move(text_of.damaged);
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
  std::size_t replaced = 0;
  const std::string text = repaired_json(buffer.str(), replaced);
  field_reader reader;
  reader.file_repaired = replaced > 0;

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
    out.records.push_back(stamp(flattened(j, reader), 0, false));
  } else if (is_split_record(j)) {
    out.records.push_back(stamp(split(j, reader), 0, false));
  } else if (j.is_array()) {
    std::size_t index = 0;
    for (const auto& item : j) {
      if (is_flattened_record(item)) {
        out.records.push_back(stamp(flattened(item, reader), index, true));
      } else if (is_split_record(item)) {
        out.records.push_back(stamp(split(item, reader), index, true));
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
