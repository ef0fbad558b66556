// The document list ("Thành phần hồ sơ"): its rows (rows.cpp), and the rows
// organised into what every case needs and the cases (dossier.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/model.hpp"

namespace redtape::importer::portal {

struct document_row {
  std::string name;       ///< cleaned: list markers, form file and end punctuation removed
  std::string raw;        ///< as written
  std::string form_file;  ///< template file names ("Mẫu số 01.docx"), or a link
  unsigned originals = 0;
  unsigned copies = 0;
  bool counted = false;   ///< a count was given
  bool shown = false;     ///< under "Giấy tờ phải xuất trình", or "Xuất trình …": shown at the counter, not handed in
};

enum class row_kind : std::uint8_t { document, note, heading, case_heading };
[[nodiscard]] std::string_view to_string(row_kind k) noexcept;
/// A document, or a note ("Lưu ý…", "Trường hợp … thì …" with no count,
/// "Thực hiện theo quy định…"), a heading ("… gồm:"), or a case heading
/// ("Trường hợp …:", "Đối với …").
[[nodiscard]] row_kind classify_row(const document_row& row);

struct document_group {
  std::string title;  ///< the text before the group's header row ("--", "* Giấy tờ phải nộp:", "a) Đối với cấp mới")
  std::vector<document_row> rows;
};

struct document_table {
  std::vector<document_group> groups;
  bool table_found = false;  ///< the header "Tên giấy tờMẫu đơn, tờ khaiSố lượng" was there
  std::string leftover;      ///< text after the last count that no row took
};

/// The flattened "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng<name>
/// [form file]1 bản chính<name>0 bản chính,1 bản sao…" as groups of rows.
[[nodiscard]] document_table parse_document_table(std::string_view text);

/// A split-shape row: "Bản chính: 1 - Bản sao: 0".
[[nodiscard]] document_row parse_document_cell(std::string_view name, std::string_view form,
                                               std::string_view counts);

/// Strips list markers ("- ", "+ ", "a) ", "1. ", "(i) "), a trailing form
/// file ("…NĐ-CPMẫu số 01.docx" → "…NĐ-CP", file "Mẫu số 01.docx"), end
/// punctuation and extra spaces.
[[nodiscard]] std::string clean_document_name(std::string_view raw, std::string* form_file = nullptr);

/// The state body a paper's name says issued it, as written ("Văn bản chấp
/// thuận của Sở Xây dựng" → "Sở Xây dựng"; lexicon/portal/issuers.yaml), or
/// empty: none named, or a paper the applicant writes itself.
[[nodiscard]] std::string issuer_in_name(std::string_view name);

/// A row that lists several papers ("- Đơn …; - Bản sao văn bằng …") as one
/// row per paper, with the row's counts; other rows unchanged.
[[nodiscard]] std::vector<document_row> split_row(const document_row& row);

enum class group_kind : std::uint8_t { part, notes, alternative };
/// "--", "* Giấy tờ phải nộp:", "Nhóm 1 …", "Bao gồm" are parts of one
/// dossier; "Lưu ý" holds notes; "Trường hợp …", "Đối với …", "a) Hồ sơ cấp
/// lại …" are alternatives (cases).
[[nodiscard]] group_kind classify_group(std::string_view title);

struct dossier_case {
  std::string title;
  std::vector<document_row> rows;
};

/// The documents organised for procedures: what every case needs, the cases,
/// and the note rows (kept as text, not demanded).
struct dossier {
  std::vector<document_row> common;
  std::vector<dossier_case> cases;  ///< two or more: variants; one: merged into the list
  std::vector<std::string> notes;
  std::size_t duplicates_dropped = 0;
};

[[nodiscard]] dossier organise(const document_table& table);

struct demanded_form {
  redtape::document_form form = redtape::document_form::original;
  unsigned copies = 1;
  std::string note;  ///< e.g. "1 bản chính, 1 bản sao"
};

/// The form and copies a row demands: originals → original; only copies →
/// copy; "bản sao có chứng thực" (or "chứng thực", "sao y") in the name →
/// certified_copy whatever the counts say; a paper only shown → original,
/// 0 copies.
[[nodiscard]] demanded_form form_of(const document_row& row);

}  // namespace redtape::importer::portal
