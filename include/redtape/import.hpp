// Importing the national public service portal's catalog (dichvucong.gov.vn)
// into redtape YAML (docs/import.md).
//
// The portal publishes each administrative procedure as a record of text
// fields: its channels with their time and fee, the documents of the dossier
// with their counts, the steps as free text, the result, the agencies and the
// legal basis. import_dichvucong() reads such records (one JSON object per
// file, or a JSON array of records with split rows), parses their text, and
// writes one redtape YAML file per record plus a registry (agencies, the
// documents recognised across records, a cost model), all loadable by
// try_load(). Nothing that cannot be parsed is dropped silently: each such
// field is a warning naming the record and the field.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redtape/error.hpp"
#include "redtape/lexicon.hpp"

namespace redtape {

struct import_options {
  unsigned jobs = 0;  ///< worker threads; 0 = all cores
  /// Calendar days ("Ngày") to working days: days × 5/7, rounded up to the
  /// next half day. Set to 1 to take calendar days as working days.
  double working_days_per_calendar_day = 5.0 / 7.0;
  /// "Tháng" (and "Năm", × 12): a calendar month, 365.25 / 12 calendar days,
  /// converted as calendar days are (× 5/7): 21.74, so 1 month is 22
  /// working days and 12 months 261 (rounded up to the next half day), the
  /// year the "Ngày" rule gives, not 12 × 22 = 264.
  double working_days_per_month = 365.25 / 12 * 5 / 7;
  double working_hours_per_day = 8;    ///< "Giờ"
  /// A document name demanded by at least this many records becomes a
  /// registry document (with the names seen as aliases).
  std::size_t shared_document_min_records = 5;
  /// Write `import-warnings.csv` (one row per warning) next to registry.yaml.
  bool write_warnings_csv = true;
  /// The phrase tables the record texts are read with (null: the built-in
  /// ones; lexicon::from_directory for a folder of replacements).
  std::shared_ptr<const redtape::lexicon> lexicon;
};

/// Something in a record that could not be parsed, or was read by a
/// documented assumption. `severity::warning` = not understood (the value is
/// unknown in the YAML); `severity::note` = understood by a documented rule
/// (e.g. a number without a unit); `severity::error` = the record (or a
/// registry entry) was not written, because its YAML would not load or its
/// file could not be written (it is also in `skipped_why`).
struct import_warning {
  std::string record;  ///< the record: source file (and index in an array) and procedure code
  std::string field;   ///< the portal's field, e.g. "cach_thuc_thuc_hien"
  std::string code;    ///< stable kebab-case id, e.g. "time-missing"
  std::string message;     ///< English
  std::string message_vi;  ///< Vietnamese
  redtape::severity severity = severity::warning;
};

struct import_summary {
  std::size_t records_read = 0;   ///< records found in the sources
  std::size_t imported = 0;       ///< records written as YAML
  std::size_t with_warnings = 0;  ///< imported records with at least one warning (notes do not count)
  std::size_t skipped = 0;        ///< records or files not imported (see skipped_why)
  std::size_t procedures = 0;     ///< procedures written (a record with several cases gives several)
  std::size_t registry_documents = 0;
  std::size_t registry_agencies = 0;
  /// Records with a warning on their time (`time`) or their documents
  /// (`documents`): the portal's fields for these two.
  std::size_t time_or_document_warnings = 0;
  std::vector<std::pair<std::string, std::string>> skipped_why;  ///< (record or file, reason)
  std::vector<import_warning> warnings;                          ///< warnings and notes, by record
  std::vector<std::string> files_written;                        ///< sorted, registry.yaml first
};

/// Import portal records from `sources` (files or folders, read recursively
/// for *.json) into `out_dir` (created if needed): one YAML file per record
/// at `out_dir/<folder of the record>/<code or slug>.yaml`, and
/// `out_dir/registry.yaml`. Each file is written whole (a temporary file
/// renamed into place) or not at all.
///
/// Throws invalid_argument_error when a source does not exist or when
/// `out_dir` holds a source or lies inside a source folder (the import never
/// writes over or among its sources). Bad records never throw: they are
/// skipped and counted with their reason. Every file written loads: each is
/// checked with try_load_text before it is renamed into place, and one that
/// would not load is not written but reported as an error.
[[nodiscard]] import_summary import_dichvucong(const std::vector<std::filesystem::path>& sources,
                                               const std::filesystem::path& out_dir,
                                               const import_options& options = {});

/// The summary as text for a terminal: counts, the skipped records and why,
/// and the warnings (at most `max_warnings`, then a count), in "en" or "vi".
[[nodiscard]] std::string format_import_summary(const import_summary& s, std::string_view lang = "en",
                                                std::size_t max_warnings = 50);

}  // namespace redtape
