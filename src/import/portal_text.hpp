// Parsing the national portal's text (dichvucong.gov.vn): the channels with
// their time and fee, time units, fees, the document list with its cases and
// notes, the steps, the result and its national code, the agencies, the legal
// basis, the level and the applicant. Pure functions of text, no I/O: each is
// tested on real snippets (tests/import/test_portal_text.cpp). The rules they
// apply are documented in docs/import.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/model.hpp"

namespace redtape::importer::portal {

// ---------------------------------------------------------------------------
// Text helpers

/// No-break spaces, tabs, zero-width marks and runs of spaces become one
/// space; newlines are kept (`keep_newlines`) or become spaces; trimmed.
[[nodiscard]] std::string clean_space(std::string_view text, bool keep_newlines = false);
/// Unicode NFC and case folding ("Đ" → "đ"), byte for byte: every character
/// folds to one of the same length, or stays as written ("ẞ", the Kelvin
/// sign), so an offset found in the folded text cuts the text itself between
/// two characters.
[[nodiscard]] std::string fold(std::string_view text);
/// At most `max_bytes` of `text`, never cutting a character in two.
[[nodiscard]] std::string_view prefix(std::string_view text, std::size_t max_bytes);
/// HTML tags removed ("</p>"), entities &nbsp; &amp; &lt; &gt; decoded.
[[nodiscard]] std::string strip_html(std::string_view text);
/// ASCII identifier: diacritics removed, lower case, words joined by `sep`,
/// cut at a word boundary to at most `max` characters. "Sở Tư pháp" → "so_tu_phap".
[[nodiscard]] std::string slug(std::string_view text, std::size_t max = 60, char sep = '_');
/// At most `max` characters (not bytes), cut at a word boundary when there is
/// one in the second half, never inside a character or between a character
/// and its combining marks (util::cut_point), "…" added.
[[nodiscard]] std::string shorten(std::string_view text, std::size_t max);
/// The portal's "no information" placeholders: "Không có thông tin", "Không
/// quy định", "--", empty.
[[nodiscard]] bool no_information(std::string_view text);

// ---------------------------------------------------------------------------
// Time

enum class time_unit : std::uint8_t { working_days, calendar_days, hours, weeks, months, years, none };
[[nodiscard]] std::string_view to_string(time_unit u) noexcept;

struct time_rules {
  double working_days_per_calendar_day = 5.0 / 7.0;
  double working_days_per_month = 22;
  double working_hours_per_day = 8;
};

/// A time limit as the portal writes it, and in working days.
struct time_limit {
  bool known = false;        ///< a duration was found
  double value = 0;          ///< the number as written (the first one)
  time_unit unit = time_unit::none;
  double working_days = 0;   ///< `value` converted (docs/import.md)
  double min_days = 0;       ///< when the text gives several limits ("03 …, không quá 08 …")
  double max_days = 0;
  bool same_day = false;     ///< "Ngay trong ngày…": half a working day
  bool unit_assumed = false; ///< a bare number, taken as working days
  bool set_elsewhere = false; ///< "Do sở … quy định", "Theo hướng dẫn … hằng năm", "Tùy theo đợt": no fixed time
  std::string text;          ///< as written, cleaned
};

/// Working days for `value` in `unit`, rounded up to the next half day:
/// calendar days × 5/7; hours under 24 ÷ 8 (working hours), 24 hours and more
/// as clock time (÷ 24, then calendar days); weeks × 5; months × 22; years × 250.
[[nodiscard]] double to_working_days(double value, time_unit unit, const time_rules& rules = {});

/// "5 Ngày làm việc", "21 Ngày", "7", "0" (unknown: an unfilled field), "Không có thông tin", "Ngay trong ngày
/// …", "Tối đa 6 ngày làm việc kể từ …", "03 ngày làm việc, trường hợp phải xác
/// minh thì không quá 08 ngày làm việc".
[[nodiscard]] time_limit parse_time(std::string_view text, const time_rules& rules = {});

/// The first limit stated in a sentence of free text ("Trong thời hạn 03 ngày
/// làm việc, kể từ …"), only with a unit; nothing when there is none.
[[nodiscard]] std::optional<time_limit> stated_time(std::string_view text, const time_rules& rules = {});

// ---------------------------------------------------------------------------
// Fees

struct fee_value {
  enum class kind : std::uint8_t { free, amount, text, none } what = kind::none;
  double amount = 0;
  std::string currency;         ///< "VND", "USD", …
  std::string text;             ///< the fee in words (kind::text), or its explanation
  bool thousands_fixed = false; ///< "40 Việt Nam Đồng(40.000đ/…)" read as 40,000
  bool alternatives = false;    ///< several amounts given; the first is kept
};

/// A fee cell and its parenthesised explanation (flattened shape):
/// "Miễn phí" → 0 unless the explanation sets or delegates a fee (then text,
/// unknown); "2,000,000 Việt Nam Đồng" → 2000000 VND; "100 USD" → 100 USD;
/// "Không có thông tin" → text, unknown. Also the split shape's cells
/// ("Lệ phí: 200000 ĐồngXem chi tiết", "Phí: 250.000 Đồng… Lệ phí: 150.000 Đồng…").
[[nodiscard]] fee_value parse_fee(std::string_view cell, std::string_view explanation = {});

/// The largest number read as an amount or a time (10^15): beyond it a
/// number is a typing accident, and the sums and unit conversions of what is
/// read stay finite.
inline constexpr double max_amount = 1e15;

/// "2,000,000" → 2000000, "50.000" → 50000, "1.5" → 1.5; nothing above
/// max_amount.
[[nodiscard]] std::optional<double> parse_amount(std::string_view digits);

// ---------------------------------------------------------------------------
// Channels ("Cách thức thực hiện")

[[nodiscard]] std::optional<redtape::channel> channel_of(std::string_view name);

struct channel_row {
  redtape::channel channel = redtape::channel::unspecified;
  std::string channel_text;  ///< as written
  time_limit time;
  fee_value fee;
  std::string description;  ///< "Mô tả"
  /// A number with no unit glued to the fee's amount ("Trực tuyến1200 VNĐ":
  /// 1 + 200? 12 + 00?): neither the time nor the fee can be told.
  bool time_glued_to_fee = false;
  /// The time column said nothing, but the description opens with a limit
  /// ("Không có thông tinMiễn phí15 ngày làm việc kể từ…").
  bool time_from_description = false;
};

/// The flattened table "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày
/// làm việcMiễn phí…Trực tiếp…" as rows.
[[nodiscard]] std::vector<channel_row> parse_channel_table(std::string_view text,
                                                           const time_rules& rules = {});

// ---------------------------------------------------------------------------
// Documents ("Thành phần hồ sơ")

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

// ---------------------------------------------------------------------------
// Steps ("Trình tự thực hiện")

struct step_text {
  unsigned number = 0;  ///< N of "Bước N"
  std::string title;    ///< first line, shortened
  std::string text;     ///< the whole step
  bool by_applicant = false;
  std::string action;   ///< SPEC §2 vocabulary, or "prepare"/"process"
  std::optional<time_limit> stated;  ///< "Trong thời hạn 03 ngày làm việc…" in its first sentence
};

/// Steps from "Bước 1", "Bước 2", … markers at the start of a line (the first
/// numbered run; a second "Bước 1" starts another case and ends the run).
/// Empty when the text has fewer than two markers.
[[nodiscard]] std::vector<step_text> parse_steps(std::string_view text, const time_rules& rules = {});

/// Whether a step's opening words are the applicant's ("chuẩn bị", "nộp",
/// "nhận kết quả", "Tổ chức, cá nhân…") rather than the agency's ("tiếp
/// nhận", "thẩm định", "Cơ quan…", "Trong thời hạn…").
[[nodiscard]] bool applicant_words(std::string_view head);
/// The action of a step from its opening words.
[[nodiscard]] std::string action_of(std::string_view head, bool by_applicant);

/// Who does an agency step, as its text says: the subject of its first
/// clause, skipping a leading time or condition clause ("Trong thời hạn 05
/// ngày làm việc kể từ …, Sở Tư pháp thẩm định …" → "Sở Tư pháp"). `one_stop`
/// when the subject is the one-stop desk ("Bộ phận Một cửa", "Trung tâm Phục
/// vụ hành chính công", "Bộ phận tiếp nhận và trả kết quả"). Empty when the
/// step names no body before its verb ("Thẩm định hồ sơ").
struct step_subject {
  std::string name;  ///< as written, list marker and trailing words removed
  bool one_stop = false;
  bool generic = false;  ///< "Cơ quan có thẩm quyền", "Cơ quan tiếp nhận": no particular body
  bool applicant = false;  ///< the applicant is the subject ("…, cá nhân có nhu cầu … nộp hồ sơ")
  bool receiving = false;  ///< "Cơ quan tiếp nhận hồ sơ": the desk when it receives, else the agency
};
[[nodiscard]] step_subject subject_of_step(std::string_view text);
/// Whether a step is the one-stop desk's routine: receiving the dossier or
/// handing the result back ("Tiếp nhận hồ sơ", "Trả kết quả").
[[nodiscard]] bool desk_routine(std::string_view head);

// ---------------------------------------------------------------------------
// Result, agencies, legal basis, level, applicant

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
