// The channels ("Cách thức thực hiện"): each with its time, fee and description.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/fees.hpp"
#include "import/portal/time.hpp"
#include "redtape/model.hpp"

namespace redtape::importer::portal {

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

}  // namespace redtape::importer::portal
