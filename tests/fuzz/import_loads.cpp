// The property "whatever the importer writes loads" (issue 10): a portal
// record is made from the input, imported with import_dichvucong into a
// scratch folder, and that folder (the record's file and registry.yaml, as
// `redtape check` would read it) must load with zero errors; nor may the
// importer have left anything out because its YAML would not load.
//
// The input is not JSON but the record's texts, so that every mutation
// reaches the importer's text handling instead of the JSON parser:
//   fields separated by the byte 0xFF (never part of UTF-8);
//   field 0: its first byte's bit 0 selects the split shape (else the
//     flattened one), bit 1 wraps the record in a JSON array;
//   flattened shape: fields 1… are the portal's keys in `flattened_keys`
//     order (a missing field is a missing key);
//   split shape: fields 1–4 are title, "Trình tự thực hiện", "Cơ quan thực
//     hiện" and _id.$oid; each further field is a row: its first byte 'c'
//     makes a channel row, 'd' a document row (cells separated by 0xFE),
//     'C' or 'D' the whole "Cách thức thực hiện" or "Thành phần hồ sơ" as
//     one text.
// Bytes that are not UTF-8 become U+FFFD: the portal's JSON is always
// UTF-8, so the importer never sees them (JSON escapes carry every code
// point, control characters and U+0000 included).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "targets.hpp"
#include "util/text.hpp"

namespace redtape::fuzz {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* flattened_keys[] = {
    "ma_thu_tuc",        "ten_thu_tuc",         "detail_url",           "so_quyet_dinh",
    "cap_thuc_hien",     "loai_thu_tuc",        "linh_vuc",             "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen", "co_quan_thuc_hien", "co_quan_phoi_hop",   "co_quan_duoc_uy_quyen",
    "dia_chi_tiep_nhan", "trinh_tu_thuc_hien",  "cach_thuc_thuc_hien",  "thanh_phan_ho_so",
    "can_cu_phap_ly",    "yeu_cau_dieu_kien",   "ket_qua_xu_ly"};
constexpr const char* channel_cells[] = {"Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", "Mô tả"};
constexpr const char* document_cells[] = {"Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng - bản chính"};

std::string as_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t n = redtape::util::utf8_sequence_length(s, i)) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

json row(std::string_view text, const char* const* cells, std::size_t count) {
  json r = json::object();
  const auto values = split(text, '\xFE');
  for (std::size_t k = 0; k < count && k < values.size(); ++k) r[cells[k]] = as_utf8(values[k]);
  return r;
}

/// The rows of `key` (an earlier 'C' or 'D' field made it a text: rows replace it).
json& rows(json& record, const char* key) {
  json& r = record[key];
  if (!r.is_array()) r = json::array();
  return r;
}

json record_of(std::string_view input) {
  const auto fields = split(input, '\xFF');
  const unsigned flags = fields[0].empty() ? 0u : static_cast<unsigned char>(fields[0][0]);
  json r = json::object();
  if ((flags & 1u) == 0) {
    for (std::size_t k = 0; k < std::size(flattened_keys) && k + 1 < fields.size(); ++k)
      r[flattened_keys[k]] = as_utf8(fields[k + 1]);
  } else {
    constexpr const char* heads[] = {"title", "Trình tự thực hiện", "Cơ quan thực hiện"};
    for (std::size_t k = 0; k < std::size(heads) && k + 1 < fields.size(); ++k) r[heads[k]] = as_utf8(fields[k + 1]);
    if (fields.size() > 4) r["_id"] = {{"$oid", as_utf8(fields[4])}};
    for (std::size_t k = 5; k < fields.size(); ++k) {
      const std::string_view f = fields[k];
      if (f.empty()) continue;
      const std::string_view rest = f.substr(1);
      switch (f.front()) {
        case 'c': rows(r, "Cách thức thực hiện").push_back(row(rest, channel_cells, std::size(channel_cells))); break;
        case 'd': rows(r, "Thành phần hồ sơ").push_back(row(rest, document_cells, std::size(document_cells))); break;
        case 'C': r["Cách thức thực hiện"] = as_utf8(rest); break;
        case 'D': r["Thành phần hồ sơ"] = as_utf8(rest); break;
        default: break;
      }
    }
  }
  if (flags & 2u) return json::array({r});
  return r;
}

void show_files(const std::vector<diagnostic>& diagnostics) {
  std::set<std::string> shown;
  for (const auto& d : diagnostics) {
    if (!shown.insert(d.file).second) continue;
    std::ifstream in(d.file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::fprintf(stderr, "---- %s (first 4 KiB)\n%.*s\n", d.file.c_str(), static_cast<int>(std::min<std::size_t>(text.size(), 4096)),
                 text.data());
  }
}

}  // namespace

void import_loads(const std::uint8_t* data, std::size_t size) {
  quiet();
  const std::string json_text =
      record_of(std::string_view(reinterpret_cast<const char*>(data), size)).dump(-1, ' ', false);
  const fs::path in = scratch() / "loads-in" / "fuzz" / "record.json";
  const fs::path out = scratch() / "loads-out";
  fs::remove_all(out);
  write_file(in, reinterpret_cast<const std::uint8_t*>(json_text.data()), json_text.size());

  import_options options;
  options.jobs = 1;
  options.write_warnings_csv = false;
  const import_summary summary = import_dichvucong({in}, out, options);
  if (summary.records_read != 1) violated("one record read from one record's file");
  for (const auto& [record, why] : summary.skipped_why)
    if (why.starts_with("internal error"))
      violated("no record is skipped for an internal error: " + record + ": " + why);
  // The importer checks each file before writing it and leaves out what would
  // not load (code yaml-not-loadable): a safety net, not a way to pass.
  for (const auto& w : summary.warnings)
    if (w.code == "yaml-not-loadable") {
      std::fprintf(stderr, "record: %s\n", json_text.substr(0, 4096).c_str());
      violated("the importer never leaves out a record or registry entry whose YAML would not load: " + w.record +
               ": " + w.message);
    }

  load_options load;
  load.jobs = 1;
  const load_result loaded = try_load({out}, load);
  if (loaded.error_count() > 0) {
    std::fprintf(stderr, "record: %s\n", json_text.substr(0, 4096).c_str());
    show_files(loaded.diagnostics);
    violated("what the importer writes loads with zero errors", loaded.diagnostics);
  }
}

}  // namespace redtape::fuzz
