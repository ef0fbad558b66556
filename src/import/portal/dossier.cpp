#include "import/portal/documents.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/cues.hpp"
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
  return cues("document-openings").starts(f);
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
  if (cues("row-note-openings").starts(f)) return row_kind::note;
  // The tail of a row cut at a template file: ") (khoản 2 Điều 39 Nghị định
  // số 99/2022/NĐ-CP)"; or only a legal reference.
  {
    std::string_view t = trim(rf);
    std::string_view n = trim(f);
    if (t.starts_with(")") || n.starts_with(")") || cues("row-reference-openings").at_start_as_written(n) ||
        (cues("row-short-reference-openings").at_start_as_written(n) && n.size() < 120))
      return row_kind::note;
  }
  const bool nothing = row.counted && row.originals == 0 && row.copies == 0;
  const bool case_words = cues("case-openings").starts(f);
  const bool conditional_sentence = static_cast<bool>(cues("conditional-words").listed_in_as_written(f));
  if (case_words && !conditional_sentence && (ends_colon || nothing) && f.size() < 400)
    return row_kind::case_heading;
  if (ends_colon && (nothing || cues("heading-words").listed_in_as_written(f)))
    return row_kind::heading;
  // Sentences about the dossier rather than papers in it.
  if (cues("dossier-sentence-openings").starts(f) || cues("dossier-count-rows").is(f))
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
  if (cues("group-note-openings").starts(f)) return group_kind::notes;
  if (cues("part-openings").starts(f) || cues("part-titles").is(f)) return group_kind::part;
  if (cues("alternative-words").listed_in_as_written(f)) return group_kind::alternative;
  const bool enumerated = list_marker_length(trim(folded)) > 0 &&
                          !(trim(folded).starts_with("-") || trim(folded).starts_with("+") ||
                            trim(folded).starts_with("*"));
  if (cues("alternative-openings").starts(f))
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
  const bool shown_group = cues("shown-group-openings").starts(strip_list_marker(fold(case_title(group.title))));
  const cue_list& shown_rows = cues("shown-row-openings");
  for (const auto& r : group.rows)
    for (auto& piece : split_row(r)) {
      piece.shown = shown_group || shown_rows.starts(strip_list_marker(fold(clean_space(piece.raw))));
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
          !cues("part-heading-openings").starts(fold(t)))
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
