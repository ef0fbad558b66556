#include "report/format.hpp"

#include <array>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace redtape::report {

std::string machine_number(double x) {
  if (!std::isfinite(x)) return "null";
  // Below 2^53 every integer is exact, so the integer form loses nothing;
  // beyond it the shortest form ("1e+16") is as exact and still valid JSON.
  constexpr double exact_limit = 9007199254740992.0;
  if (x == std::trunc(x) && std::fabs(x) < exact_limit)
    return fmt::format("{}", static_cast<std::int64_t>(x));  // also turns -0 into 0
  return fmt::format("{}", x);
}

bool vietnamese(std::string_view lang) noexcept { return lang == "vi"; }

std::string grouped_number(double x, int decimals, bool trim, std::string_view lang) {
  if (!std::isfinite(x)) return "—";
  std::string s = fmt::format("{:.{}f}", x, decimals);
  std::string sign;
  if (!s.empty() && s.front() == '-') {
    s.erase(0, 1);
    sign = "-";
  }
  std::string integer = s;
  std::string fraction;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    integer = s.substr(0, dot);
    fraction = s.substr(dot + 1);
    if (trim) {
      while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
  }
  // "-0" after rounding a tiny negative amount is just 0.
  if (integer.find_first_not_of('0') == std::string::npos && fraction.empty()) sign.clear();

  const bool vi = vietnamese(lang);
  const char group = vi ? '.' : ',';
  std::string out = sign;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i != 0 && (integer.size() - i) % 3 == 0) out += group;
    out += integer[i];
  }
  if (!fraction.empty()) {
    out += vi ? ',' : '.';
    out += fraction;
  }
  return out;
}

namespace {
bool whole_units_only(std::string_view currency) noexcept {
  // ISO 4217 currencies without a minor unit that a Vietnamese catalog is
  // likely to name; an unnamed currency is the catalog's, VND by default.
  constexpr std::array<std::string_view, 4> names{"", "VND", "JPY", "KRW"};
  for (std::string_view name : names)
    if (currency == name) return true;
  return false;
}
}  // namespace

std::string money(double amount, std::string_view currency, std::string_view lang) {
  std::string number;
  if (whole_units_only(currency)) {
    number = grouped_number(amount, 0, false, lang);
  } else {
    const double cents = std::round(amount * 100.0);
    const bool whole = std::fmod(cents, 100.0) == 0.0;
    number = grouped_number(amount, whole ? 0 : 2, false, lang);
  }
  if (currency.empty()) return number;
  return fmt::format("{} {}", number, currency);
}

std::string days(double x, std::string_view lang) { return grouped_number(x, 1, true, lang); }

}  // namespace redtape::report
