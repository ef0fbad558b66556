// Numbers and money as the report writers print them: exact and
// locale-independent for machines (JSON, CSV), grouped and rounded for people
// (Markdown).
#pragma once

#include <string>
#include <string_view>

namespace redtape::report {

/// A number for JSON and CSV: an integral value without a decimal point
/// ("12000000", never "1.2e+07" or "12000000.0"), any other value in the
/// shortest form that reads back to the same double ("2.5",
/// "0.30000000000000004"). "null" for NaN and infinities, which the model
/// never holds.
[[nodiscard]] std::string machine_number(double x);

/// True for "vi"; every other language is English.
[[nodiscard]] bool vietnamese(std::string_view lang) noexcept;

/// Digits grouped by thousands with the language's separators:
/// "1,234,567.5" in English, "1.234.567,5" in Vietnamese. `decimals` digits
/// are kept after the point; with `trim`, trailing zeros (and then the point)
/// are dropped.
[[nodiscard]] std::string grouped_number(double x, int decimals, bool trim, std::string_view lang);

/// An amount with its currency: "1,234,567 VND" (en), "1.234.567 VND" (vi).
/// Currencies without minor units (VND, JPY, KRW, or none named) are rounded
/// to whole units; others show two decimals unless the amount is whole.
[[nodiscard]] std::string money(double amount, std::string_view currency, std::string_view lang);

/// Working days with at most one decimal: "3", "2.5" (en), "2,5" (vi).
[[nodiscard]] std::string days(double x, std::string_view lang);

}  // namespace redtape::report
