// Fees and amounts as the portal writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redtape::importer::portal {

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

}  // namespace redtape::importer::portal
