// Time limits as the portal writes them, and in working days (docs/import.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redtape::importer::portal {

enum class time_unit : std::uint8_t { working_days, calendar_days, hours, weeks, months, years, none };
[[nodiscard]] std::string_view to_string(time_unit u) noexcept;

struct time_rules {
  double working_days_per_calendar_day = 5.0 / 7.0;
  double working_days_per_month = 365.25 / 12 * 5 / 7;  ///< see import_options
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

}  // namespace redtape::importer::portal
