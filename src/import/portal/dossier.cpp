#include "import/portal/documents.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"
#include "redtape/documents.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

namespace {

/// Names that open like a paper ("Đơn…", "Giấy…", "Bản sao…", "Phiếu…").
bool looks_like_document(std::string_view f) {
  // "02 ảnh màu cỡ 3x4", "01 bản chính Báo cáo…": a count before the paper.
  std::size_t d = 0;
  while (d < f.size() && is_digit(f[d])) ++d;
  if (d > 0 && d < 3 && d < f.size() && f[d] == ' ') f.remove_prefix(d + 1);
  return starts_with_any(
      f, {"đơn", "tờ khai", "giấy", "bản", "văn bản", "phiếu", "hợp đồng", "báo cáo", "danh sách", "quyết định",
          "sổ", "thẻ", "ảnh", "chứng chỉ", "chứng nhận", "biên bản", "công văn", "tờ trình", "đề án", "phương án",
          "dự án", "kế hoạch", "bằng", "văn bằng", "trích lục", "lý lịch", "sơ yếu", "hóa đơn", "hoá đơn",
          "chứng từ", "bản đồ", "bản vẽ", "sơ đồ", "thông báo", "điều lệ", "dự thảo", "mẫu", "hộ chiếu",
          "căn cước", "chứng minh", "giấy tờ", "tài liệu", "các giấy tờ", "các văn bản", "hồ sơ", "bộ hồ sơ",
          "01 bộ", "1 bộ", "bản sao", "bản chính", "bản chụp", "thuyết minh", "kết quả", "chương trình",
          "quy chế", "quy trình", "catalogue", "catalog", "nhãn", "mẫu vật", "chứng thư", "lệnh", "vận đơn",
          "tiêu chuẩn", "bảng", "thư", "giấy phép", "bảo lãnh", "cam kết", "tờ", "phụ lục", "hồ sơ thiết kế",
          "hồ sơ năng lực", "hồ sơ kỹ thuật"});
}

}  // namespace

row_kind classify_row(const document_row& row) {
  const std::string folded = fold(row.name.empty() ? row.raw : row.name);
  std::string_view f = folded;
  if (f.empty()) return row_kind::note;
  const std::string raw_folded = fold(clean_space(row.raw));
  std::string_view rf = strip_end_punctuation(raw_folded);
  if (rf.empty()) return row_kind::note;
  const bool ends_colon = !trim(raw_folded).empty() && trim(raw_folded).back() == ':';
  if (starts_with_any(f, {"lưu ý", "ghi chú", "chú ý", "ghi chu", "luu y"})) return row_kind::note;
  // The tail of a row cut at a template file: ") (khoản 2 Điều 39 Nghị định
  // số 99/2022/NĐ-CP)"; or only a legal reference.
  {
    std::string_view t = trim(rf);
    std::string_view n = trim(f);
    if (t.starts_with(")") || n.starts_with(")") || n.starts_with("(khoản") || n.starts_with("(điều") ||
        ((n.starts_with("khoản ") || n.starts_with("điều ")) && n.size() < 120))
      return row_kind::note;
  }
  const bool nothing = row.counted && row.originals == 0 && row.copies == 0;
  const bool case_words = starts_with_any(f, {"trường hợp", "đối với", "hồ sơ đối với", "các trường hợp"});
  const bool conditional_sentence = f.find(" thì ") != npos || f.find(", thì") != npos;
  if (case_words && !conditional_sentence && (ends_colon || nothing) && f.size() < 400)
    return row_kind::case_heading;
  if (ends_colon && (nothing || f.find("gồm") != npos || f.find("sau") != npos || f.find("một trong") != npos))
    return row_kind::heading;
  // Sentences about the dossier rather than papers in it.
  if (starts_with_any(f, {"thực hiện theo", "theo quy định", "số lượng hồ sơ", "số lượng", "không quy định",
                          "không yêu cầu", "không có", "không phải", "người tiếp nhận", "cán bộ tiếp nhận",
                          "cơ quan đăng ký", "cơ quan tiếp nhận", "cơ quan có thẩm quyền", "cơ quan giải quyết",
                          "có thể sử dụng", "được sử dụng", "hồ sơ được lập", "hồ sơ nộp", "cá nhân có quyền",
                          "người yêu cầu đăng ký hộ tịch có thể"}) ||
      f == "01 bộ hồ sơ" || f == "1 bộ hồ sơ" || f == "một bộ hồ sơ")
    return row_kind::note;
  // "0 bản chính" with no copy: a note, unless the row names a paper (the
  // portal leaves some counts at zero).
  if (nothing && !(looks_like_document(f) && f.size() < 1000)) return row_kind::note;
  return row_kind::document;
}

group_kind classify_group(std::string_view title) {
  const std::string folded = fold(clean_space(title));
  std::string_view f = strip_end_punctuation(strip_list_marker(folded));
  if (f.empty() || f == "--" || f == "-") return group_kind::part;
  if (starts_with_any(f, {"lưu ý", "ghi chú", "chú ý"})) return group_kind::notes;
  if (starts_with_any(f, {"giấy tờ phải nộp", "giấy tờ phải xuất trình", "giấy tờ xuất trình",
                          "giấy tờ nộp", "nhóm", "bao gồm", "hồ sơ năng lực", "mẫu đơn, tờ khai",
                          "hồ sơ gồm", "hồ sơ bao gồm", "thành phần hồ sơ gồm", "thành phần hồ sơ bao gồm"}))
    return group_kind::part;
  if (f == "thành phần hồ sơ" || f == "hồ sơ" || f == "thành phần hồ sơ, gồm") return group_kind::part;
  if (f.find("trường hợp") != npos || f.find("đối với") != npos) return group_kind::alternative;
  const bool enumerated = list_marker_length(trim(folded)) > 0 &&
                          !(trim(folded).starts_with("-") || trim(folded).starts_with("+") ||
                            trim(folded).starts_with("*"));
  if (starts_with_any(f, {"hồ sơ", "thành phần hồ sơ", "cấp", "gia hạn", "đăng ký", "tách hộ", "phục hồi",
                          "điều chỉnh", "thay đổi", "về", "cấp lại", "cấp đổi", "cấp mới", "công nhận",
                          "chuyển", "hình thức"}))
    return group_kind::alternative;
  if (enumerated) return group_kind::alternative;
  return group_kind::part;
}

namespace {

std::string case_title(std::string_view title) {
  std::string t = clean_space(title);
  std::string_view s = strip_end_punctuation(strip_list_marker(t));
  return std::string(s);
}

}  // namespace

std::vector<document_row> split_row(const document_row& row) {
  std::vector<document_row> out;
  const std::string raw = clean_space(row.raw.empty() ? row.name : row.raw, true);
  std::vector<std::string_view> pieces;
  std::string_view s = raw;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != ';' && s[i] != '\n' && s[i] != '.') continue;
    std::size_t k = i + 1;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\n')) ++k;
    if (k < s.size() && (s[k] == '-' || s[k] == '+' || s.substr(k).starts_with("•"))) {
      pieces.push_back(s.substr(start, i - start));
      start = k;
    }
  }
  pieces.push_back(s.substr(start));
  if (pieces.size() < 2) return {row};
  std::size_t papers = 0;
  for (auto p : pieces) {
    document_row r = row;
    r.raw = clean_space(p);
    r.name = clean_document_name(p, &r.form_file);
    if (r.name.empty()) continue;
    papers += looks_like_document(fold(r.name));
    out.push_back(std::move(r));
  }
  // A list of papers, not sentences with dashes in them.
  if (papers < 2 || papers * 2 < out.size()) return {row};
  return out;
}

namespace {

/// A case, merged into the one of the same title when the portal lists it
/// twice.
void add_case(dossier& out, std::string title, std::vector<document_row> rows) {
  const std::string key = fold(title);
  for (auto& c : out.cases)
    if (fold(c.title) == key) {  // the portal lists some cases twice
      for (auto& r : rows) c.rows.push_back(std::move(r));
      return;
    }
  out.cases.push_back({std::move(title), std::move(rows)});
}

/// Rows of a group split at its case headings.
struct segment {
  std::string heading;
  std::vector<document_row> rows;
};

/// A group's rows, one per paper, with those only shown marked, split at
/// its case headings; its notes and headings go to `out.notes`.
std::vector<segment> segments_of(const document_group& group, dossier& out) {
  std::vector<segment> segments(1);
  std::vector<document_row> expanded;
  const bool shown_group = starts_with_any(strip_list_marker(fold(case_title(group.title))),
                                           {"giấy tờ phải xuất trình", "giấy tờ xuất trình", "xuất trình"});
  for (const auto& r : group.rows)
    for (auto& piece : split_row(r)) {
      piece.shown = shown_group || starts_with_any(strip_list_marker(fold(clean_space(piece.raw))), {"xuất trình"});
      expanded.push_back(std::move(piece));
    }
  for (const auto& r : expanded) {
    switch (classify_row(r)) {
      case row_kind::document: segments.back().rows.push_back(r); break;
      case row_kind::case_heading: segments.push_back({case_title(r.raw), {}}); break;
      case row_kind::heading:
      case row_kind::note:
        if (!r.name.empty()) out.notes.push_back(r.name);
        break;
    }
  }
  return segments;
}

/// The same row twice in one list is the portal's repetition, whatever
/// template file or count each copy of it carries.
void dedupe(dossier& out, std::vector<document_row>& rows) {
  std::vector<document_row> kept;
  for (auto& r : rows) {
    const bool seen = std::any_of(kept.begin(), kept.end(), [&](const document_row& k) {
      return k.raw == r.raw || (!k.name.empty() && fold(k.name) == fold(r.name));
    });
    if (seen) ++out.duplicates_dropped;
    else kept.push_back(std::move(r));
  }
  rows = std::move(kept);
}

}  // namespace

dossier organise(const document_table& table) {
  dossier out;
  for (const auto& group : table.groups) {
    const group_kind kind = classify_group(group.title);
    if (kind == group_kind::notes) {
      const std::string t = case_title(group.title);
      if (!t.empty()) out.notes.push_back(t);
      for (const auto& r : group.rows)
        if (!r.name.empty()) out.notes.push_back(r.name);
      continue;
    }
    const std::vector<segment> segments = segments_of(group, out);
    if (kind == group_kind::part) {
      const std::string t = case_title(group.title);
      if (!t.empty() && t != "--" && classify_group(group.title) == group_kind::part &&
          !starts_with_any(fold(t), {"giấy tờ phải nộp", "giấy tờ phải xuất trình", "bao gồm", "thành phần hồ sơ"}))
        out.notes.push_back(t);
      for (auto& r : segments.front().rows) out.common.push_back(r);
      for (std::size_t s = 1; s < segments.size(); ++s) add_case(out, segments[s].heading, segments[s].rows);
    } else {
      const std::string t = case_title(group.title);
      if (segments.size() == 1) {
        add_case(out, t, segments.front().rows);
      } else {
        for (std::size_t s = 1; s < segments.size(); ++s) {
          auto rows = segments.front().rows;
          rows.insert(rows.end(), segments[s].rows.begin(), segments[s].rows.end());
          add_case(out, t + ": " + segments[s].heading, std::move(rows));
        }
      }
    }
  }
  // Cases with no document of their own add nothing.
  std::erase_if(out.cases, [](const dossier_case& c) { return c.rows.empty(); });
  dedupe(out, out.common);
  for (auto& c : out.cases) dedupe(out, c.rows);
  return out;
}

demanded_form form_of(const document_row& row) {
  demanded_form out;
  const auto named = form_in_name(row.raw.empty() ? row.name : row.raw);
  if (row.originals > 0) {
    out.form = redtape::document_form::original;
    out.copies = row.originals;
    if (row.copies > 0) out.note = std::to_string(row.originals) + " bản chính, " + std::to_string(row.copies) + " bản sao";
  } else if (row.copies > 0) {
    out.form = redtape::document_form::copy;
    out.copies = row.copies;
  }
  if (named == redtape::document_form::certified_copy) {
    out.form = redtape::document_form::certified_copy;
    if (row.originals == 0 && row.copies > 0) out.copies = row.copies;
  } else if (named == redtape::document_form::copy && row.originals > 0) {
    // "Bản sao … 1 bản chính" or "… 1 bản chính, 1 bản sao": the name says
    // what is handed in.
    out.form = redtape::document_form::copy;
  } else if (named == redtape::document_form::electronic && row.originals + row.copies <= 1) {
    out.form = redtape::document_form::electronic;
  }
  if (out.copies == 0) out.copies = 1;
  if (row.shown) {
    // Shown at the counter and handed back: nothing is handed in.
    out.form = redtape::document_form::original;
    out.copies = 0;
    out.note = "xuất trình (shown, not handed in)";
  }
  return out;
}

}  // namespace redtape::importer::portal
