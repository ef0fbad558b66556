// Document names (SPEC §3): the comparison key of a name (normalisation),
// the form a name asks for, and whether the government issues the paper it
// names. The word lists are name_rules (lexicon/names.yaml by default); the
// fixed vocabulary of name structure is in names.hpp.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "analysis/lexicon.hpp"
#include "analysis/names.hpp"
#include "analysis/vietnamese.hpp"
#include "redtape/documents.hpp"

namespace redtape {

namespace names_detail {

std::vector<std::string> phrase_words(std::string_view phrase) {
  std::vector<std::string> out;
  for (auto& t : vn::tokenize(vn::fold(phrase)))
    if (t.kind == vn::token_kind::word) out.push_back(std::move(t.text));
  return out;
}

std::string join(const std::vector<std::string>& ws) {
  std::string out;
  for (const auto& w : ws) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

word_set make_set(std::initializer_list<std::string_view> list, bool with_stripped) {
  word_set out;
  for (auto w : list) {
    for (auto& p : phrase_words(w)) {
      if (with_stripped) out.insert(vn::strip_diacritics(p));
      out.insert(std::move(p));
    }
  }
  return out;
}

const vocabulary& vocab() {
  static const vocabulary v;
  return v;
}

namespace {

std::shared_ptr<const compiled_rules> compile(const name_rules& rules) {
  auto cr = std::make_shared<compiled_rules>();
  for (const auto& q : rules.qualifiers) cr->removal.add(q);
  // From these on, the rest of the name is legal reference, not identity:
  // "Phiếu đăng ký dự tuyển theo mẫu số 01 kèm theo Nghị định số 138/2020/NĐ-CP".
  for (const auto& tail : rules.reference_tails) cr->removal.add(tail, phrase_table::cut);
  // "Giấy phép đã được cấp": but "đã được cấp có thẩm quyền" is about a level.
  for (const auto& done : rules.issued_tails) cr->removal.add(done, phrase_table::trail);
  // Instructions to the applicant, not names: "Xuất trình bản chính giấy phép lái xe".
  for (const auto& instruction : rules.instruction_leads) cr->removal.add(instruction, phrase_table::lead);
  for (const auto& w : rules.certified_copy_words) cr->certified.add(w);
  for (const auto& w : rules.copy_words) cr->copy.add(w);
  for (const auto& w : rules.original_words) cr->original.add(w);
  for (const auto& w : rules.electronic_words) cr->electronic.add(w);
  for (const auto& p : rules.government_prefixes) {
    auto n = normalize_with(p, *cr);
    if (n.empty()) continue;
    for (auto& g : {n, vn::strip_diacritics(n)})
      if (std::find(cr->government.begin(), cr->government.end(), g) == cr->government.end())
        cr->government.push_back(g);
  }
  return cr;
}

bool same_rules(const name_rules& a, const name_rules& b) {
  return a.similarity_threshold == b.similarity_threshold && a.qualifiers == b.qualifiers &&
         a.certified_copy_words == b.certified_copy_words && a.copy_words == b.copy_words &&
         a.government_prefixes == b.government_prefixes && a.reference_tails == b.reference_tails &&
         a.issued_tails == b.issued_tails && a.instruction_leads == b.instruction_leads &&
         a.original_words == b.original_words && a.electronic_words == b.electronic_words;
}

}  // namespace

std::shared_ptr<const compiled_rules> compiled_for(const name_rules& rules) {
  static const std::shared_ptr<const compiled_rules> defaults = compile(name_rules::defaults());
  if (&rules == &name_rules::defaults() || same_rules(rules, name_rules::defaults()))
    return defaults;
  thread_local name_rules cached_rules;
  thread_local std::shared_ptr<const compiled_rules> cached;
  if (!cached || !same_rules(cached_rules, rules)) {
    cached = compile(rules);
    cached_rules = rules;
  }
  return cached;
}

// ---------------------------------------------------------------------------
// Normalisation

namespace {

bool is_enumerator(std::string_view w) {
  if (all_digits(w)) return w.size() <= 3;
  if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z') return true;
  if (w == "đ") return true;
  return vocab().roman.contains(w);
}

/// Index of the first token after list markers such as "- ", "+ ", "1. ",
/// "1.1. ", "a) ", "(2) ", "b.2) ", "III. ".
std::size_t after_list_marker(const std::vector<vn::token>& t, std::size_t from = 0) {
  using vn::token_kind;
  const std::size_t n = t.size();
  std::size_t i = from;
  while (i < n && t[i].kind == token_kind::punct) ++i;  // bullets
  std::size_t j = i;
  const bool paren = j < n && t[j].kind == token_kind::open;
  if (paren) ++j;
  if (j >= n || t[j].kind != token_kind::word || !is_enumerator(t[j].text)) return i;
  ++j;
  while (j + 1 < n && t[j].kind == token_kind::punct && t[j].text == "." && !t[j].spaced &&
         t[j + 1].kind == token_kind::word && all_digits(t[j + 1].text) && !t[j + 1].spaced)
    j += 2;
  if (j >= n || t[j].spaced) return i;
  const bool closes = t[j].kind == token_kind::close || (!paren && t[j].text == ".");
  if (!closes) return i;
  ++j;
  if (j >= n || !t[j].spaced) return i;  // "1.5m", "a.b": not a marker
  return j;
}

/// Index of the first token after a leading condition ending in a colon
/// ("Trường hợp điều trị ngoại trú: Giấy ra viện" → "Giấy ra viện"), or `start`.
std::size_t after_condition(const std::vector<vn::token>& t, std::size_t start) {
  using vn::token_kind;
  std::size_t w = start;
  while (w < t.size() && t[w].kind != token_kind::word) ++w;
  bool opens = false;
  for (const auto& c : vocab().conditions)
    opens = opens || (w + 1 < t.size() && t[w].text == c[0] && t[w + 1].text == c[1]);
  if (!opens) return start;
  for (std::size_t i = w + 2; i < t.size(); ++i) {
    if (t[i].kind != token_kind::punct || t[i].text != ":") continue;
    for (std::size_t k = i + 1; k < t.size(); ++k)
      if (t[k].kind == token_kind::word) return after_list_marker(t, i + 1);
    return start;
  }
  return start;
}

/// Length of a form code ("mẫu số 02/đk", "mẫu tk1-ts", "mẫu số 01 phụ lục
/// iii") starting at `at`, or 0.
std::size_t form_code_at(const words& ws, std::size_t at) {
  const auto& v = vocab();
  if (ws[at].text != v.mau && ws[at].text != "mau") return 0;
  std::size_t j = at + 1;
  if (j < ws.size() && (ws[j].text == v.so || ws[j].text == "so")) ++j;
  if (j >= ws.size()) return j - at == 2 ? 2 : 0;  // "… theo Mẫu số" cut short by the portal
  if (!has_digit(ws[j].text) && !v.roman.contains(ws[j].text)) return 0;
  ++j;
  while (j < ws.size() && ws[j].glued) ++j;
  if (j + 1 < ws.size() && (ws[j].text == v.phu || ws[j].text == "phu") &&
      (ws[j + 1].text == v.luc || ws[j + 1].text == "luc")) {
    j += 2;
    if (j < ws.size() && (has_digit(ws[j].text) || v.roman.contains(ws[j].text))) {
      ++j;
      while (j < ws.size() && ws[j].glued) ++j;
    }
  }
  return j - at;
}

/// True when the words say nothing but form: qualifiers, form codes, connectors.
bool only_qualifiers(const words& ws, const compiled_rules& cr) {
  const auto& v = vocab();
  std::size_t i = 0;
  while (i < ws.size()) {
    if (auto len = form_code_at(ws, i)) {
      i += len;
    } else if (const auto* e = cr.removal.match(ws, i, i == 0)) {
      i += e->words.size();
    } else if (v.leading_connectors.contains(ws[i].text) ||
               v.trailing_connectors.contains(ws[i].text) || all_digits(ws[i].text)) {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

/// "(cccd)" after "căn cước công dân", "(bhyt)" after "bảo hiểm y tế".
bool is_initials_of(std::string_view abbreviation, const words& before) {
  if (abbreviation.size() < 2 || abbreviation.size() > 8 || !vn::is_ascii(abbreviation) ||
      before.size() < abbreviation.size())
    return false;
  const std::size_t from = before.size() - abbreviation.size();
  for (std::size_t k = 0; k < abbreviation.size(); ++k) {
    auto stripped = vn::strip_diacritics(before[from + k].text);
    if (stripped.empty() || stripped[0] != abbreviation[k]) return false;
  }
  return true;
}

/// The words of a name with remarks in brackets dropped, other brackets
/// opened up, and every other punctuation mark turned into a word boundary.
words words_of(const std::vector<vn::token>& t, std::size_t start, const compiled_rules& cr) {
  using vn::token_kind;
  const auto& v = vocab();
  // Each opening bracket's partner, found in one pass (an unclosed one runs
  // to the end, as in names the portal cut at a fixed length): scanning
  // forward from every bracket made thousands of them quadratic.
  std::vector<std::size_t> partner(t.size(), t.size());
  {
    std::vector<std::size_t> open;
    for (std::size_t i = start; i < t.size(); ++i) {
      if (t[i].kind == token_kind::open) {
        open.push_back(i);
      } else if (t[i].kind == token_kind::close && !open.empty()) {
        partner[open.back()] = i;
        open.pop_back();
      }
    }
  }
  // The first word at or after each token, so that a bracket's words are
  // reached without walking the marks before them again.
  std::vector<std::size_t> next_word(t.size() + 1, t.size());
  for (std::size_t i = t.size(); i-- > start;)
    next_word[i] = t[i].kind == token_kind::word ? i : next_word[i + 1];
  // A bracket of more words than this is no remark made of qualifiers alone
  // ("(bản sao có chứng thực, còn hiệu lực, nếu có)" has ten).
  constexpr std::size_t qualifier_words_at_most = 48;
  // Past this many brackets in one name (real ones have a handful) the rest
  // are opened up unread: a hostile name of thousands stays linear.
  constexpr std::size_t brackets_read_at_most = 64;
  std::size_t brackets_read = 0;
  words out;
  bool space_since_word = true;
  bool mark_since_word = false;
  for (std::size_t i = start; i < t.size(); ++i) {
    const auto& tok = t[i];
    if (tok.spaced) space_since_word = true;
    if (tok.kind == token_kind::word) {
      out.push_back({tok.text, !space_since_word && !out.empty(), mark_since_word});
      space_since_word = false;
      mark_since_word = false;
      continue;
    }
    mark_since_word = true;
    if (tok.kind == token_kind::punct) continue;
    space_since_word = true;  // brackets separate words
    if (tok.kind == token_kind::close || ++brackets_read > brackets_read_at_most) continue;
    // An opening bracket and its partner.
    const std::size_t j = partner[i];
    words inside;
    bool longer = false;
    for (std::size_t k = next_word[i + 1]; k < j && k < t.size(); k = next_word[k + 1]) {
      if (inside.size() == qualifier_words_at_most) {
        longer = true;
        break;
      }
      inside.push_back({t[k].text, false, k > i + 1 && t[k - 1].kind != token_kind::word});
    }
    const bool remark = inside.empty() || v.remark_openers.contains(inside.front().text) ||
                        (inside.front().text[0] >= '0' && inside.front().text[0] <= '9') ||
                        (inside.size() == 1 && is_initials_of(inside.front().text, out)) ||
                        (!longer && only_qualifiers(inside, cr));
    if (remark) i = j;  // skip the remark and its closing bracket
  }
  return out;
}

}  // namespace

std::string normalize_with(std::string_view name, const compiled_rules& cr) {
  const auto& v = vocab();
  const auto tokens = vn::tokenize(vn::fold(name));
  words ws = words_of(tokens, after_condition(tokens, after_list_marker(tokens)), cr);
  // A leading count: "02 ảnh 3x4", "01 bản chính Giấy …".
  if (ws.size() > 1 && all_digits(ws[0].text) && ws[0].text.size() <= 3 && !ws[1].glued)
    ws.erase(ws.begin());

  std::vector<const word*> kept;
  for (std::size_t i = 0; i < ws.size();) {
    if (auto len = form_code_at(ws, i)) {
      if (!kept.empty()) break;  // a form code ends the name: what follows is its reference
      i += len;
      continue;
    }
    // A count before a qualifier or at the end: "… 01 bản chính", "… 01 bản".
    if (all_digits(ws[i].text) && i + 1 < ws.size() && v.counted.contains(ws[i + 1].text) &&
        (i + 2 == ws.size() || cr.removal.match(ws, i + 1) != nullptr)) {
      i += i + 2 == ws.size() ? 2 : 1;
      continue;
    }
    if (const auto* e = cr.removal.match(ws, i, kept.empty())) {
      if (e->act == phrase_table::cut && !kept.empty()) break;
      i += e->words.size();
      continue;
    }
    kept.push_back(&ws[i]);
    ++i;
  }
  auto first = kept.begin();
  auto last = kept.end();
  while (first != last && v.leading_connectors.contains((*first)->text)) ++first;
  // Trailing connectors, and what only ends a name ("… đã được cấp nếu").
  for (bool again = true; again;) {
    again = false;
    while (first != last && v.trailing_connectors.contains((*(last - 1))->text)) --last;
    const auto size = static_cast<std::size_t>(last - first);
    words tail;
    for (std::size_t k = size > 4 ? size - 4 : 0; k < size; ++k) tail.push_back(*first[k]);
    for (std::size_t k = 0; k < tail.size() && !again; ++k) {
      const auto* e = cr.removal.match(tail, k);
      if (e != nullptr && e->act == phrase_table::trail && k + e->words.size() == tail.size() &&
          tail.size() - k < size) {
        last -= static_cast<std::ptrdiff_t>(tail.size() - k);
        again = true;
      }
    }
  }

  std::string out;
  auto append = [&out](std::string_view w) {
    if (!out.empty()) out += ' ';
    // "06 tháng" and "6 tháng" are the same words
    if (all_digits(w)) w.remove_prefix(std::min(w.find_first_not_of('0'), w.size() - 1));
    out += w;
  };
  for (auto it = first; it != last; ++it) append((*it)->text);
  if (out.empty()) {
    // Nothing but qualifiers ("Bản chính"): keep the words rather than lose the name.
    for (const auto& w : ws) append(w.text);
    if (out.empty())
      for (const auto& tok : tokens)
        if (tok.kind == vn::token_kind::word) append(tok.text);
  }
  return out;
}

bool government_normalised(std::string_view normalised, const compiled_rules& cr) {
  return std::any_of(cr.government.begin(), cr.government.end(), [&](const std::string& g) {
    return normalised.starts_with(g) &&
           (normalised.size() == g.size() || normalised[g.size()] == ' ');
  });
}

}  // namespace names_detail

using namespace names_detail;

// ---------------------------------------------------------------------------
// Public functions

const name_rules& name_rules::defaults() {
  // The one copy of these word lists is lexicon/names.yaml, compiled in; a
  // test (tests/analysis/test_lexicon.cpp) reads it and runs its examples.
  static const name_rules rules =
      lexicon_detail::read_names(lexicon_detail::builtin_file("lexicon/names.yaml"), "lexicon/names.yaml").rules;
  return rules;
}

std::string fold_text(std::string_view text) { return vn::fold(text); }

namespace {

/// `phrases` folded, cached per thread: a rule checks the same few lists for
/// every demand of every procedure, and folding is the expensive part. The
/// cache is keyed by the list's address and checked against a copy of its
/// contents, so a list that changed (or a new list at an old address) is
/// folded anew.
const std::vector<std::string>& folded_list(const std::vector<std::string>& phrases) {
  struct entry {
    const std::vector<std::string>* address;
    std::vector<std::string> original, folded;
  };
  thread_local std::vector<entry> cache;
  for (auto& e : cache)
    if (e.address == &phrases && e.original == phrases) return e.folded;
  entry e{&phrases, phrases, {}};
  for (const auto& w : phrases)
    if (auto f = vn::fold(w); !f.empty()) e.folded.push_back(std::move(f));
  if (cache.size() >= 64) cache.erase(cache.begin());
  cache.push_back(std::move(e));
  return cache.back().folded;
}

}  // namespace

bool folded_says_any(std::string_view folded_text, const std::vector<std::string>& phrases) {
  if (phrases.empty() || folded_text.empty()) return false;
  const auto& folded = folded_list(phrases);
  return std::any_of(folded.begin(), folded.end(),
                     [&](const std::string& w) { return folded_text.find(w) != std::string_view::npos; });
}

bool text_says_any(std::string_view text, const std::vector<std::string>& phrases) {
  if (phrases.empty() || text.empty()) return false;
  return folded_says_any(vn::fold(text), phrases);
}

std::string normalize_document_name(std::string_view name, const name_rules& rules) {
  return normalize_with(name, *compiled_for(rules));
}

std::optional<document_form> form_in_name(std::string_view name, const name_rules& rules) {
  const auto cr = compiled_for(rules);
  words ws;
  for (auto& t : vn::tokenize(vn::fold(name)))
    if (t.kind == vn::token_kind::word) ws.push_back({std::move(t.text), false});
  const auto& negations = vocab().negations;
  auto occurs = [&ws, &negations](const phrase_table& table) {
    for (std::size_t i = 0; i < ws.size(); ++i)
      if (table.match(ws, i) != nullptr && !(i > 0 && negations.contains(ws[i - 1].text)))
        return true;  // "bản sao không có chứng thực" is no certified copy
    return false;
  };
  if (occurs(cr->certified)) {
    auto has = [&ws](std::string_view w) {
      return std::any_of(ws.begin(), ws.end(), [&](const auto& x) { return x.text == w; });
    };
    // The portal writes alternatives into names; the applicant may give the
    // least demanding one: "bản sao kèm bản chính để đối chiếu hoặc bản sao
    // có chứng thực" accepts a plain copy shown with its original, "bản
    // chính hoặc bản sao có chứng thực" the original.
    if (has("đối") && has("chiếu")) return document_form::copy;
    if (has("hoặc") && occurs(cr->original)) return document_form::original;
    // "Văn bản ủy quyền (được chứng thực)": a certified signature on an
    // original, not a certified copy.
    if (!has("sao")) return document_form::original;
    // What is certified is a signature or a translation, not the copy: "bản
    // sao … kèm bản dịch có công chứng chữ ký người dịch", "bản sao có chứng
    // thực bản dịch tiếng Việt". A translation's certification is no copy
    // that a plain copy shown with its original could replace.
    // A name that opens with the certification ("Bản sao có chứng thực hợp
    // đồng …; nếu bằng tiếng nước ngoài phải dịch công chứng") certifies the
    // paper itself.
    std::size_t first_certified = ws.size();
    for (std::size_t i = 0; i < ws.size() && first_certified == ws.size(); ++i)
      if (cr->certified.match(ws, i) != nullptr) first_certified = i;
    for (std::size_t i = 0; first_certified > 2 && i + 1 < ws.size(); ++i)
      if ((ws[i].text == "chữ" && ws[i + 1].text == "ký") || (ws[i].text == "bản" && ws[i + 1].text == "dịch") ||
          // "bản công chứng dịch sang tiếng Việt", "dịch công chứng": a
          // translation (not "dịch vụ", "dịch bệnh").
          (ws[i + 1].text == "dịch" && (i + 2 >= ws.size() || (ws[i + 2].text != "vụ" && ws[i + 2].text != "bệnh" &&
                                                                 ws[i + 2].text != "tễ"))))
        return document_form::copy;
    return document_form::certified_copy;
  }
  if (occurs(cr->copy)) return document_form::copy;
  if (occurs(cr->original)) return document_form::original;
  if (occurs(cr->electronic)) return document_form::electronic;
  return std::nullopt;
}

void read_named_forms(catalog& c, const name_rules& rules) {
  auto read = [&rules](std::vector<document_demand>& list) {
    for (auto& d : list) d.named_form = d.name.empty() ? std::nullopt : form_in_name(d.name, rules);
  };
  for (auto& p : c.procedures) {
    read(p.results);
    for (auto& st : p.steps) {
      read(st.requires_docs);
      read(st.produces_docs);
    }
  }
}

bool government_name(std::string_view name, const name_rules& rules) {
  const auto cr = compiled_for(rules);
  return government_normalised(normalize_with(name, *cr), *cr);
}

}  // namespace redtape
