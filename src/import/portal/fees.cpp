#include "import/portal/fees.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/cues.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

std::optional<double> parse_amount(std::string_view s) {
  s = trim(s);
  if (s.empty() || !is_digit(s.front())) return std::nullopt;
  std::vector<std::size_t> seps;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.' || s[i] == ',') seps.push_back(i);
    else if (!is_digit(s[i])) return std::nullopt;
  }
  if (s.back() == '.' || s.back() == ',') return std::nullopt;
  std::string digits;
  bool thousands = !seps.empty();
  for (std::size_t k = 0; k < seps.size(); ++k) {
    const std::size_t next = k + 1 < seps.size() ? seps[k + 1] : s.size();
    if (next - seps[k] - 1 != 3 || s[seps[k]] != s[seps.front()]) thousands = false;
  }
  if (seps.empty() || thousands) {
    for (char c : s)
      if (is_digit(c)) digits += c;
  } else if (seps.size() == 1) {
    digits = std::string(s);
    digits[seps.front()] = '.';
  } else {
    // "1.200,50": the last separator is the decimal point.
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (is_digit(s[i])) digits += s[i];
      else if (i == seps.back()) digits += '.';
    }
  }
  try {
    // Beyond 10^15 (a thousand trillion đồng, three million years) a number
    // is not an amount or a time; sums of a few stay finite.
    const double v = std::stod(digits);
    if (!(v <= max_amount)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<money> detail::money_at(std::string_view f) {
  std::size_t j = 0;
  while (j < f.size() && (is_digit(f[j]) || ((f[j] == '.' || f[j] == ',') && j + 1 < f.size() && is_digit(f[j + 1]))))
    ++j;
  if (j == 0) return std::nullopt;
  auto v = parse_amount(f.substr(0, j));
  if (!v) return std::nullopt;
  std::size_t k = j;
  while (k < f.size() && f[k] == ' ') ++k;
  const auto rest = f.substr(k);
  // "200000 ĐồngXem chi tiết": the glued currency words take what follows;
  // the others end at a word boundary ("40.000đ/giấy", not "đến").
  const cue* currency = cues("currency-glued").at_start_as_written(rest);
  if (currency == nullptr) currency = cues("currency-words").at_start(rest);
  if (currency == nullptr) return std::nullopt;
  return money{*v, currency->value, k + currency->phrase.size()};
}

std::vector<money> detail::amounts_in(std::string_view f) {
  std::vector<money> out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!is_digit(f[i]) || (i > 0 && (is_digit(f[i - 1]) || f[i - 1] == '.' || f[i - 1] == ',' || f[i - 1] == '/')))
      continue;
    if (auto m = money_at(f.substr(i))) {
      m->end += i;
      out.push_back(*m);
      i = m->end - 1;
    }
  }
  return out;
}

namespace {

// The split shape's layout, the portal's page rather than phrase knowledge
// (its labels are lexicon/portal/fees.yaml's fee-split-labels): an item is
// "Phí:" or "Lệ phí:" (lệ phí is a charge), and the link "Xem chi tiết"
// follows each amount's "Đồng".
constexpr std::string_view fee_word = "phí";
constexpr std::string_view charge_word = "lệ ";
constexpr std::string_view details_link = "xem chi tiết";
constexpr std::string_view dong = "đồng";
constexpr std::string_view details_link_written = "Xem chi tiết";
constexpr std::string_view dong_glued_written = "ĐồngXem";
constexpr std::string_view labels_written[] = {"Lệ phí:", "Phí:"};

/// "Miễn phí(…)" is free only when its explanation says nothing is charged;
/// an explanation that sets, delegates or cites a fee makes the fee unknown.
bool explanation_keeps_free(std::string_view explanation) {
  std::string f = fold(clean_space(explanation));
  std::string_view s = f;
  while (!s.empty() && (s.front() == '(' || s.front() == ' ' || s.front() == '-')) s.remove_prefix(1);
  if (s.empty()) return true;
  return cues("fee-free-explanations").starts(s);
}

/// One "Phí:" or "Lệ phí:" item of the split shape.
struct labelled {
  bool charge;  // lệ phí (a charge) rather than phí (a fee)
  std::optional<money> amount;
  std::string words;
};

/// The labelled items of the split shape, in its folded cell `fv`:
/// "Lệ phí: 200000 ĐồngXem chi tiết", "Phí: 250.000 Đồng… Lệ phí: 150.000 Đồng…".
std::vector<labelled> labelled_items(std::string_view fv) {
  std::vector<labelled> items;
  std::size_t pos = 0;
  while (true) {
    std::size_t at = fv.find(fee_word, pos);
    if (at == npos) break;
    std::size_t colon = at + fee_word.size();
    while (colon < fv.size() && fv[colon] == ' ') ++colon;
    if (colon >= fv.size() || fv[colon] != ':') {
      pos = at + 1;
      continue;
    }
    const bool charge = at >= charge_word.size() && fv.substr(at - charge_word.size(), charge_word.size()) == charge_word;
    std::size_t next = fv.find(fee_word, colon);
    while (next != npos) {
      std::size_t k = next + fee_word.size();
      while (k < fv.size() && fv[k] == ' ') ++k;
      if (k < fv.size() && fv[k] == ':') break;
      next = fv.find(fee_word, next + 1);
    }
    std::size_t stop = next == npos ? fv.size() : next;
    if (next != npos && next >= charge_word.size() && fv.substr(next - charge_word.size(), charge_word.size()) == charge_word)
      stop = next - charge_word.size();
    std::string_view body = trim(fv.substr(colon + 1, stop - colon - 1));
    labelled item{charge, std::nullopt, {}};
    auto found = amounts_in(body);
    if (!found.empty()) item.amount = found.front();
    std::string words(body);
    for (auto w : {details_link, dong}) {
      for (std::size_t p; (p = words.find(w)) != std::string::npos;) words.erase(p, w.size());
    }
    item.words = std::string(trim(words));
    items.push_back(item);
    pos = stop;
    if (next == npos) break;
  }
  return items;
}

/// The split shape's cell `c` (folded `fv`): one amount, a fee and a charge
/// added up, several amounts (the first kept), free, or the words.
fee_value split_shape_fee(std::string_view fv, const std::string& c) {
  fee_value out;
  const std::vector<labelled> items = labelled_items(fv);
  std::vector<const labelled*> with_amount;
  for (const auto& it : items)
    if (it.amount) with_amount.push_back(&it);
  if (with_amount.empty()) {
    const cue_list& free_words = cues("fee-item-free-words");
    bool free = !items.empty() && std::all_of(items.begin(), items.end(), [&](const labelled& it) {
      return free_words.is(it.words);
    });
    if (free) {
      out.what = fee_value::kind::free;
      return out;
    }
    out.what = fee_value::kind::text;
    std::string t = c;
    for (auto w : {details_link_written, dong_glued_written}) {
      for (std::size_t p; (p = t.find(w)) != std::string::npos;)
        t.erase(p, w == dong_glued_written ? "Đồng"sv.size() : w.size());
    }
    out.text = std::string(trim(t));
    if (out.text.empty() || std::find(std::begin(labels_written), std::end(labels_written), out.text) !=
                                std::end(labels_written))
      out.text = c;
    return out;
  }
  out.what = fee_value::kind::amount;
  out.currency = with_amount.front()->amount->currency;
  const bool one_each = with_amount.size() == 2 && with_amount[0]->charge != with_amount[1]->charge &&
                        with_amount[0]->amount->currency == with_amount[1]->amount->currency;
  if (with_amount.size() == 1) {
    out.amount = with_amount.front()->amount->amount;
  } else if (one_each) {
    out.amount = with_amount[0]->amount->amount + with_amount[1]->amount->amount;  // phí + lệ phí
  } else {
    out.amount = with_amount.front()->amount->amount;
    out.alternatives = true;
  }
  out.text = c;
  return out;
}

}  // namespace

fee_value parse_fee(std::string_view cell, std::string_view explanation) {
  fee_value out;
  const std::string c = clean_space(cell);
  const std::string e = clean_space(explanation);
  const std::string f = fold(c);
  std::string_view fv = trim(f);
  if (fv.empty()) {
    out.what = fee_value::kind::none;
    out.text = e;
    return out;
  }
  // The split shape: "Lệ phí: 200000 ĐồngXem chi tiết", several labels possible.
  if (fv.find(details_link) != npos || cues("fee-split-labels").at_start_as_written(fv))
    return split_shape_fee(fv, c);

  if (cues("fee-free-openings").at_start_as_written(fv) || cues("fee-free-alone").is(fv)) {
    if (explanation_keeps_free(e)) {
      out.what = fee_value::kind::free;
      out.text = e;
    } else {
      out.what = fee_value::kind::text;
      std::string_view t = trim(e);
      while (!t.empty() && t.front() == '(' && t.back() == ')') t = trim(t.substr(1, t.size() - 2));
      out.text = std::string(t);
    }
    return out;
  }
  if (no_information(fv)) {
    out.what = fee_value::kind::text;
    out.text = e.empty() ? c : c + " (" + e + ")";
    return out;
  }
  if (auto m = money_at(fv)) {
    out.what = fee_value::kind::amount;
    out.amount = m->amount;
    out.currency = m->currency;
    out.text = e;
    // The portal's form takes thousands of đồng in places: "40 Việt Nam Đồng
    // (40.000đ/giấy thông hành)". Trust the explanation when it says so.
    if (out.currency == "VND" && out.amount > 0 && out.amount < 1000) {
      for (const auto& a : amounts_in(fold(e)))
        if (a.currency == "VND" && std::abs(a.amount - out.amount * 1000) < 0.5) {
          out.amount *= 1000;
          out.thousands_fixed = true;
          break;
        }
    }
    return out;
  }
  out.what = fee_value::kind::text;
  out.text = e.empty() ? c : c + " (" + e + ")";
  return out;
}

}  // namespace redtape::importer::portal
