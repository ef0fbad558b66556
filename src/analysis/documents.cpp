// Document identity (SPEC §3, the shared_registry and reuse_data rules):
// normalised names, a similarity measure, and the index that groups every
// document demanded in a catalog.
#include "redtape/documents.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analysis/lexicon.hpp"
#include "analysis/vietnamese.hpp"

namespace redtape {
namespace vn = vietnamese;

namespace {

// ---------------------------------------------------------------------------
// Words and phrases

/// A word of a name. `glued`: joined to the previous word by punctuation
/// without whitespace, as the parts of a form code are ("02/đk", "tk1-ts").
/// `broken`: punctuation stands between it and the previous word; phrases do
/// not match across it ("văn bản, giấy tờ" holds no "bản giấy").
struct word {
  std::string text;
  bool glued = false;
  bool broken = false;
};
using words = std::vector<word>;

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

/// Word phrases matched at a position, longest first.
class phrase_table {
 public:
  /// remove: drop the phrase; cut: drop it and the rest of the name;
  /// lead: drop it only where the name starts ("xuất trình giấy X");
  /// trail: drop it only where the name or a clause ends ("giấy phép đã cấp").
  enum action : std::uint8_t { lead = 0, trail = 1, remove = 2, cut = 3 };

  struct entry {
    std::vector<std::string> words;
    action act = remove;
  };

  /// Adds the phrase as folded, and its diacritic-free spelling, which is how
  /// some portals and most keyboards without a Vietnamese layout write it.
  void add(std::string_view phrase, action act = remove) {
    auto ws = phrase_words(phrase);
    add_words(ws, act);
    auto stripped = phrase_words(vn::strip_diacritics(join(ws)));
    if (stripped != ws) add_words(std::move(stripped), act);
  }

  void add_words(std::vector<std::string> ws, action act) {
    if (ws.empty()) return;
    auto& list = by_first_[ws.front()];
    for (auto i : list)
      if (entries_[i].words == ws && entries_[i].act == act) return;
    list.push_back(static_cast<std::uint32_t>(entries_.size()));
    entries_.push_back({std::move(ws), act});
    std::stable_sort(list.begin(), list.end(), [this](std::uint32_t a, std::uint32_t b) {
      const auto& ea = entries_[a];
      const auto& eb = entries_[b];
      if (ea.words.size() != eb.words.size()) return ea.words.size() > eb.words.size();
      return ea.act > eb.act;  // at equal length, cutting the tail wins
    });
  }

  /// The longest phrase that starts at `at`, if any; `lead` phrases only
  /// where nothing of the name has been kept before `at`.
  [[nodiscard]] const entry* match(const words& ws, std::size_t at, bool at_start = false) const {
    auto it = by_first_.find(ws[at].text);
    if (it == by_first_.end()) return nullptr;
    for (auto i : it->second) {
      const auto& e = entries_[i];
      if (at + e.words.size() > ws.size() || (e.act == lead && !at_start)) continue;
      bool all = true;
      for (std::size_t k = 1; k < e.words.size() && all; ++k)
        all = ws[at + k].text == e.words[k] && !ws[at + k].broken;
      const std::size_t end = at + e.words.size();
      if (all && e.act == trail) all = end == ws.size() || ws[end].broken;
      if (all) return &e;
    }
    return nullptr;
  }

 private:
  std::vector<entry> entries_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_;
};

/// Hashes std::string and std::string_view alike, so look-ups by view
/// allocate nothing.
struct text_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
using word_set = std::unordered_set<std::string, text_hash, std::equal_to<>>;
template <class T>
using text_map = std::unordered_map<std::string, T, text_hash, std::equal_to<>>;

word_set make_set(std::initializer_list<std::string_view> list, bool with_stripped = false) {
  word_set out;
  for (auto w : list) {
    for (auto& p : phrase_words(w)) {
      if (with_stripped) out.insert(vn::strip_diacritics(p));
      out.insert(std::move(p));
    }
  }
  return out;
}

/// The fixed vocabulary of name structure, as opposed to the configurable
/// word lists of name_rules.
struct vocabulary {
  /// A parenthesis that opens with one of these is a remark about form,
  /// condition or legal basis, not part of the name: "(bản sao có chứng
  /// thực)", "(nếu có)", "(Mẫu số 01)", "(khoản 1 Điều 42 …)", "(02 bản)".
  word_set remark_openers = make_set(
      {"mẫu", "theo", "nếu", "đối", "trường", "trừ", "kèm", "ban", "khoản", "điều", "điểm",
       "phụ", "tại", "quy", "bản", "có", "được", "đã", "do", "trong", "áp", "gồm", "bao",
       "xuất", "nộp", "sao", "hoặc", "và", "là", "không", "đính", "chụp", "photo", "còn",
       "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "ghi", "mang"},
      true);
  /// Words left dangling at either end once qualifiers are gone ("bản chính
  /// hoặc bản sao X" → "hoặc X").
  word_set leading_connectors =
      make_set({"hoặc", "và", "hay", "các", "những", "của", "từ", "có", "kèm", "theo", "để",
                "là", "gồm", "với", "đối", "tại"});
  word_set trailing_connectors =
      make_set({"hoặc", "và", "hay", "của", "từ", "có", "kèm", "theo", "để", "là", "tại", "do",
                "cho", "với", "được", "đã", "gồm", "khi", "đối", "sau", "đây", "như", "nếu"});
  /// Grammatical words: they weigh little in the similarity.
  word_set function_words =
      make_set({"của", "và", "hoặc", "hay", "về", "cho", "các", "những", "do", "được", "đã",
                "tại", "theo", "với", "để", "trong", "là", "có", "từ", "đối", "này", "đó", "khi",
                "thì", "mà", "bị", "nếu", "kèm", "of", "and", "or", "the", "for", "a", "an",
                "to", "in", "on", "by", "with"});
  /// Classifier nouns that may open a name or not ("thẻ căn cước công dân" =
  /// "căn cước công dân", "giấy chứng minh nhân dân" = "chứng minh nhân dân").
  word_set classifiers = make_set({"giấy", "thẻ", "sổ", "bản", "tờ", "đơn", "phiếu", "quyển"});
  word_set roman = make_set({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
                             "xii", "xiii", "xiv", "xv"});
  word_set negations = make_set({"không", "chưa"}, true);
  word_set counted = make_set({"bản", "bộ"}, true);
  /// "Trường hợp …: X", "Đối với …: X": a condition, then the document.
  std::vector<std::vector<std::string>> conditions{
      phrase_words("trường hợp"), phrase_words("đối với"), {"truong", "hop"}, {"doi", "voi"}};
  /// What a syllable is to the similarity (content unless listed).
  enum class kind : std::uint8_t { content, grammatical, negation, classifier };
  text_map<kind> kinds = [this] {
    text_map<kind> m;
    for (const auto& w : function_words) m.emplace(w, kind::grammatical);
    for (const auto& w : negations) m.emplace(w, kind::negation);
    for (const auto& w : classifiers) m.emplace(w, kind::classifier);
    return m;
  }();
  std::string mau = phrase_words("mẫu").front();
  std::string so = phrase_words("số").front();
  std::string phu = phrase_words("phụ").front();
  std::string luc = phrase_words("lục").front();
  std::string van = phrase_words("văn").front();
  std::string ban = phrase_words("bản").front();
};

const vocabulary& vocab() {
  static const vocabulary v;
  return v;
}

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_digit(std::string_view s) noexcept {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---------------------------------------------------------------------------
// Compiled rules

struct compiled_rules {
  phrase_table removal;  // qualifiers (remove) and remark tails (cut)
  phrase_table certified, copy, original, electronic;
  std::vector<std::string> government;  // normalised name beginnings
};

std::string normalize_with(std::string_view name, const compiled_rules& cr);

std::shared_ptr<const compiled_rules> compile(const name_rules& rules) {
  auto cr = std::make_shared<compiled_rules>();
  for (const auto& q : rules.qualifiers) cr->removal.add(q);
  // From these on, the rest of the name is legal reference, not identity:
  // "Phiếu đăng ký dự tuyển theo mẫu số 01 kèm theo Nghị định số 138/2020/NĐ-CP".
  for (auto tail : {"theo mẫu", "ban hành kèm theo", "ban hành kèm", "ban hành theo",
                    "kèm theo thông tư", "kèm theo nghị định", "kèm theo quyết định",
                    "kèm thông tư", "kèm nghị định", "kèm quyết định", "theo quy định",
                    "quy định tại", "tại phụ lục", "theo phụ lục", "bao gồm", "gồm có"})
    cr->removal.add(tail, phrase_table::cut);
  // "Giấy phép đã được cấp": but "đã được cấp có thẩm quyền" is about a level.
  for (auto done : {"đã được cấp", "đã cấp", "được cấp"}) cr->removal.add(done, phrase_table::trail);
  // Instructions to the applicant, not names: "Xuất trình bản chính giấy phép lái xe".
  for (auto instruction : {"xuất trình", "nộp", "nộp kèm", "kèm theo", "đối với"})
    cr->removal.add(instruction, phrase_table::lead);
  for (const auto& w : rules.certified_copy_words) cr->certified.add(w);
  for (const auto& w : rules.copy_words) cr->copy.add(w);
  for (auto w : {"bản chính", "bản gốc"}) cr->original.add(w);
  for (auto w : {"bản điện tử", "dạng điện tử", "bản số hóa", "tệp điện tử", "file điện tử"})
    cr->electronic.add(w);
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
         a.government_prefixes == b.government_prefixes;
}

/// The compiled form of `rules`: built once for the defaults, and once per
/// thread for the last other rules seen (rule parameters rarely change).
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
    if (tok.kind == token_kind::close) continue;
    // An opening bracket: find its partner (an unclosed one runs to the end,
    // as in names the portal cut at a fixed length).
    std::size_t depth = 1;
    std::size_t j = i + 1;
    for (; j < t.size(); ++j) {
      if (t[j].kind == token_kind::open) ++depth;
      else if (t[j].kind == token_kind::close && --depth == 0) break;
    }
    words inside;
    for (std::size_t k = i + 1; k < j && k < t.size(); ++k) {
      if (t[k].kind != token_kind::word) continue;
      inside.push_back({t[k].text, false, k > i + 1 && t[k - 1].kind != token_kind::word});
    }
    const bool remark = inside.empty() || v.remark_openers.contains(inside.front().text) ||
                        (inside.front().text[0] >= '0' && inside.front().text[0] <= '9') ||
                        (inside.size() == 1 && is_initials_of(inside.front().text, out)) ||
                        only_qualifiers(inside, cr);
    if (remark) i = j;  // skip the remark and its closing bracket
  }
  return out;
}

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

// ---------------------------------------------------------------------------
// Similarity
//
// Names are compared as sets of syllables (Vietnamese writes one syllable per
// word). Each syllable has a weight:
//
//   0.05  a classifier noun opening the name ("giấy", "thẻ", "sổ", "bản",
//         "tờ", "đơn", "phiếu", "văn bản"): "thẻ căn cước công dân" and
//         "căn cước công dân" are one card;
//   0.2   a grammatical word ("của", "và", "hoặc", "các", "về", …);
//   1     a content word;
//   3     a negation ("không", "chưa"): one word that reverses a name.
//
// With S the shared weight (Σ min of the two weights), Dc the weight of
// content words found on one side only, and Do every other difference:
//
//   words      = S / (S + 4·Dc + Do)
//   order      = Jaccard of adjacent content-word pairs (order, compounds)
//   similarity = 0.8·words + 0.2·order   (words alone when neither name has
//                two content words); 1 for equal names.
//
// A content word present on one side only costs four times its weight:
// portal names are templates, and one word is often the whole difference
// between two documents ("đơn đề nghị cấp …" / "đơn đề nghị cấp lại …",
// "… khai sinh" / "… khai tử", "… dành cho tổ chức" / "… dành cho cá nhân"),
// so such pairs stay below 0.85 up to names of about thirty words. What the
// default 0.85 merges: differences of opening classifiers, grammatical
// words, word order and repeated words (and, in very long descriptive names,
// a single word). "sổ hộ khẩu" / "sổ hộ khẩu gia đình" (0.34) and "căn cước
// công dân" / "căn cước" stay apart: a trailing modifier narrows a document
// in Vietnamese; registry aliases merge such pairs where they are the same.

constexpr double classifier_weight = 0.05;
constexpr double function_word_weight = 0.2;
constexpr double negation_weight = 3.0;
constexpr double content_difference_cost = 4.0;
constexpr double words_share = 0.8;

/// A name's syllables as a multiset ("bổ nhiệm lại thừa phát lại" holds
/// "lại" twice): each occurrence is keyed (syllable id << 16 | n), the n-th
/// heaviest occurrence of that syllable.
struct profile {
  std::vector<std::pair<std::uint64_t, double>> unigrams;  // sorted by key
  std::vector<std::uint64_t> pairs;                        // content-word pairs, sorted
  double weight = 0;                                       // Σ unigram weights
  double content = 0;                                      // weight of content words
  /// The multiset of content words that are content wherever they stand
  /// (classifier nouns left out), sorted, and its hash: two names with
  /// different keys differ by at least one content word.
  std::vector<std::uint32_t> key_words;
  std::uint64_t content_key = 0;
};

std::uint64_t hash_words(const std::vector<std::uint32_t>& sorted, std::size_t skip) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == skip) continue;
    h ^= sorted[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// The keys of the name with one content word fewer, one per distinct word.
std::vector<std::uint64_t> deletion_keys(const profile& p) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < p.key_words.size(); ++i)
    if (i == 0 || p.key_words[i] != p.key_words[i - 1]) out.push_back(hash_words(p.key_words, i));
  return out;
}

constexpr std::uint32_t syllable_of(std::uint64_t key) noexcept {
  return static_cast<std::uint32_t>(key >> 16);
}

bool is_content(double weight) noexcept { return weight >= 1.0; }

std::vector<std::string_view> split_views(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

/// `id_of` gives each distinct syllable a distinct 32-bit id.
template <class IdOf>
profile make_profile(std::string_view normalised, IdOf&& id_of) {
  const auto& v = vocab();
  const auto toks = split_views(normalised);
  profile p;
  if (toks.empty()) return p;

  std::vector<vocabulary::kind> kinds(toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) {
    auto it = v.kinds.find(toks[i]);
    kinds[i] = it == v.kinds.end() ? vocabulary::kind::content : it->second;
  }
  using k = vocabulary::kind;
  std::size_t lead = 0;  // opening classifier nouns
  if (toks.size() > 1 && toks[0] == v.van && toks[1] == v.ban) {
    lead = 2;
  } else if (kinds[0] == k::classifier) {
    lead = toks.size() > 1 && kinds[1] == k::classifier ? 2 : 1;
  }
  lead = std::min(lead, toks.size() - 1);  // a name that is only classifiers keeps them

  std::vector<std::uint32_t> content_ids;
  std::vector<std::uint32_t> key_ids;
  std::vector<std::pair<std::uint32_t, double>> occurrences;
  occurrences.reserve(toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto id = id_of(toks[i]);
    const double w = i < lead                      ? classifier_weight
                     : kinds[i] == k::grammatical ? function_word_weight
                     : kinds[i] == k::negation    ? negation_weight
                                                  : 1.0;
    occurrences.emplace_back(id, w);
    if (is_content(w)) {
      content_ids.push_back(id);
      if (kinds[i] != k::classifier && toks[i] != v.van) key_ids.push_back(id);
    }
  }
  std::sort(key_ids.begin(), key_ids.end());
  p.content_key = hash_words(key_ids, key_ids.size());
  p.key_words = std::move(key_ids);
  // Heaviest occurrence first, so that "giấy" opening one name and inside
  // another is still one shared content word.
  std::sort(occurrences.begin(), occurrences.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    n = i > 0 && occurrences[i].first == occurrences[i - 1].first ? n + 1 : 0;
    p.unigrams.emplace_back((static_cast<std::uint64_t>(occurrences[i].first) << 16) | std::min<std::uint64_t>(n, 0xFFFF),
                            occurrences[i].second);
    p.weight += occurrences[i].second;
    if (is_content(occurrences[i].second)) p.content += occurrences[i].second;
  }
  for (std::size_t i = 0; i + 1 < content_ids.size(); ++i)
    p.pairs.push_back((static_cast<std::uint64_t>(content_ids[i]) << 32) | content_ids[i + 1]);
  std::sort(p.pairs.begin(), p.pairs.end());
  p.pairs.erase(std::unique(p.pairs.begin(), p.pairs.end()), p.pairs.end());
  return p;
}

double words_score(const profile& a, const profile& b) {
  double shared = 0;
  double content_only = 0;  // content words on one side only
  double other = 0;         // every other difference
  auto one_side = [&](double w) { (is_content(w) ? content_only : other) += w; };
  auto i = a.unigrams.begin();
  auto j = b.unigrams.begin();
  while (i != a.unigrams.end() || j != b.unigrams.end()) {
    if (j == b.unigrams.end() || (i != a.unigrams.end() && i->first < j->first)) {
      one_side(i++->second);
    } else if (i == a.unigrams.end() || j->first < i->first) {
      one_side(j++->second);
    } else {
      shared += std::min(i->second, j->second);
      other += std::abs(i->second - j->second);
      ++i;
      ++j;
    }
  }
  const double all = shared + content_difference_cost * content_only + other;
  return all > 0 ? shared / all : 0.0;
}

double pairs_score(const profile& a, const profile& b) {
  std::size_t shared = 0;
  auto i = a.pairs.begin();
  auto j = b.pairs.begin();
  while (i != a.pairs.end() && j != b.pairs.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  const auto all = a.pairs.size() + b.pairs.size() - shared;
  return all > 0 ? static_cast<double>(shared) / static_cast<double>(all) : 0.0;
}

double score(const profile& a, const profile& b) {
  if (a.unigrams.empty() || b.unigrams.empty()) return 0;
  const double w = words_score(a, b);
  if (a.pairs.empty() && b.pairs.empty()) return w;
  return words_share * w + (1 - words_share) * pairs_score(a, b);
}

/// The least words_score that can still reach `threshold`.
double words_needed(double threshold) { return (threshold - (1 - words_share)) / words_share; }

/// An upper bound of score(a, b) from the sizes alone: the shared weight is
/// at most the lighter name's, and the denominator at least the heavier's.
double score_bound(const profile& a, const profile& b) {
  const double heavier = std::max(a.weight, b.weight);
  const double w = heavier > 0 ? std::min(a.weight, b.weight) / heavier : 0.0;
  if (a.pairs.empty() && b.pairs.empty()) return w;
  return words_share * w + (1 - words_share);
}

}  // namespace

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

double name_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  std::vector<std::string_view> seen;
  auto id_of = [&seen](std::string_view t) {
    for (std::size_t i = 0; i < seen.size(); ++i)
      if (seen[i] == t) return static_cast<std::uint32_t>(i);
    seen.push_back(t);
    return static_cast<std::uint32_t>(seen.size() - 1);
  };
  const auto pa = make_profile(a, id_of);
  const auto pb = make_profile(b, id_of);
  return score(pa, pb);
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

bool government_name(std::string_view name, const name_rules& rules) {
  const auto cr = compiled_for(rules);
  return government_normalised(normalize_with(name, *cr), *cr);
}

// ---------------------------------------------------------------------------
// document_index

namespace {

struct group_info {
  std::string key;
  std::string label;
  const document* entry = nullptr;
  bool government = false;
};

/// What a new name is compared with: a registry name or alias, or the first
/// name of a cluster of inline names.
struct target {
  profile prof;
  std::uint32_t group = 0;
  bool registry = false;
};

constexpr std::int64_t ambiguous = -1;

}  // namespace

struct document_index::impl {
  name_rules rules;
  std::shared_ptr<const compiled_rules> compiled;
  double threshold = 0.85;

  std::vector<group_info> groups;
  std::unordered_map<std::string, std::uint32_t> by_id;          // registry id
  std::unordered_map<std::string, std::uint32_t> by_raw;         // inline name as written
  std::unordered_map<std::string, std::uint32_t> by_normalised;  // registry keys, then inline
  std::unordered_map<std::string, std::int64_t> by_stripped;     // registry, without diacritics

  text_map<std::uint32_t> token_ids;
  std::vector<std::uint32_t> token_frequency;  // by token id: distinct names holding it
  std::vector<target> targets;
  std::vector<std::vector<std::uint32_t>> postings;  // by token id: targets holding it
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_content;  // by content_key
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_deletion;  // one word fewer

  /// How many content words two names may differ by and still reach the
  /// threshold, seen from a name of weight `w` (see candidates()).
  [[nodiscard]] double allowed_difference(double w) const {
    const double need = words_needed(threshold);
    return need > 0 ? w * (1 - need) / (content_difference_cost * need)
                    : std::numeric_limits<double>::infinity();
  }

  impl(const catalog& c, const name_rules& r);

  std::uint32_t intern(std::string_view t) {
    if (auto it = token_ids.find(t); it != token_ids.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(token_ids.size());
    token_ids.emplace(std::string(t), id);
    return id;
  }

  profile interned_profile(std::string_view normalised) {
    return make_profile(normalised, [this](std::string_view t) { return intern(t); });
  }

  /// A profile without touching the index: syllables it has never seen get
  /// ids from the top of the range, which no indexed name holds.
  profile query_profile(std::string_view normalised) const {
    std::vector<std::pair<std::string_view, std::uint32_t>> unknown;
    return make_profile(normalised, [this, &unknown](std::string_view t) {
      if (auto it = token_ids.find(t); it != token_ids.end()) return it->second;
      for (const auto& [u, id] : unknown)
        if (u == t) return id;
      const auto id = std::numeric_limits<std::uint32_t>::max() - static_cast<std::uint32_t>(unknown.size());
      unknown.emplace_back(t, id);
      return id;
    });
  }

  void add_target(profile p, std::uint32_t group, bool registry) {
    const auto index = static_cast<std::uint32_t>(targets.size());
    for (const auto& [key, w] : p.unigrams) {
      if ((key & 0xFFFF) != 0) continue;  // one posting per syllable
      const auto tok = syllable_of(key);
      if (tok >= postings.size()) postings.resize(tok + 1);
      postings[tok].push_back(index);
    }
    by_content[p.content_key].push_back(index);
    if (allowed_difference(p.weight) >= 1)
      for (auto key : deletion_keys(p)) by_deletion[key].push_back(index);
    targets.push_back({std::move(p), group, registry});
  }

  [[nodiscard]] std::uint32_t frequency(std::uint32_t tok) const noexcept {
    return tok < token_frequency.size() ? token_frequency[tok] : 0;
  }

  std::vector<std::uint32_t> candidates(const profile& p) const;
  std::optional<std::uint32_t> match(const std::string& normalised, const profile& p) const;
  document_identity identity(std::uint32_t group) const {
    const auto& g = groups[group];
    return {g.key, g.entry, g.label, g.government};
  }
};

/// The targets that can reach the threshold with `p`.
///
/// words_score ≥ need requires the content words found on one side only to
/// weigh at most S·(1 − need) / (4·need), S (the shared weight) being at most
/// the weight of either name. Below one word, which holds for names up to
/// about 17 words at the default threshold, a candidate has exactly the
/// content words of `p`: one hash look-up finds them all. Below two words
/// (up to about 35 words), it has them with one word more or fewer: the keys
/// with one word deleted find those (only names long enough to allow a
/// difference are indexed by them, since both names must be).
///
/// Longer names use postings. Every content word of `p` that a target lacks costs at least 4 in the
/// denominator of words_score, so a target lacking j of them scores at most
/// (W − j) / (W + 3j), W being the weight of `p`. Hence at most
/// j_max = W·(1 − need) / (1 + 3·need) may be missing for the least words_score
/// `need` that can still reach the threshold, and among the j_max + 2 rarest
/// content words of `p` a candidate holds at least two (one when `p` has too
/// few). For most names j_max is 0: the candidates are the targets holding
/// both rarest words, found by merging two short postings.
std::vector<std::uint32_t> document_index::impl::candidates(const profile& p) const {
  const double need = words_needed(threshold);
  const double allowed = allowed_difference(p.weight);
  if (allowed < 2) {
    std::vector<std::uint32_t> out;
    auto add = [&out](const auto& map, std::uint64_t key) {
      if (auto it = map.find(key); it != map.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
    };
    add(by_content, p.content_key);
    if (allowed >= 1) {
      add(by_deletion, p.content_key);  // targets with one word more
      for (auto key : deletion_keys(p)) add(by_content, key);  // one word fewer
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  std::vector<std::uint32_t> chosen;
  std::size_t at_least = 1;
  if (need > 0) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> content;  // (frequency, syllable)
    for (const auto& [key, w] : p.unigrams)
      if (is_content(w) && (key & 0xFFFF) == 0)
        content.emplace_back(frequency(syllable_of(key)), syllable_of(key));
    std::sort(content.begin(), content.end());
    const auto missing = static_cast<std::size_t>(p.weight * (1 - need) / (1 + 3 * need));
    if (missing < content.size()) {
      const std::size_t take = std::min(content.size(), missing + 2);
      for (std::size_t i = 0; i < take; ++i) chosen.push_back(content[i].second);
      at_least = take - missing;
    }
  }
  if (chosen.empty()) {  // too few content words to be selective: any shared syllable
    for (const auto& [key, w] : p.unigrams)
      if ((key & 0xFFFF) == 0) chosen.push_back(syllable_of(key));
    at_least = 1;
  }
  std::vector<std::uint32_t> all;
  for (auto tok : chosen)
    if (tok < postings.size()) all.insert(all.end(), postings[tok].begin(), postings[tok].end());
  std::sort(all.begin(), all.end());
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j] == all[i]) ++j;
    if (j - i >= at_least) out.push_back(all[i]);
    i = j;
  }
  return out;
}

std::optional<std::uint32_t> document_index::impl::match(const std::string& normalised,
                                                          const profile& p) const {
  if (auto it = by_normalised.find(normalised); it != by_normalised.end()) return it->second;
  // "Can cuoc cong dan" for "Căn cước công dân", when only one entry reads so.
  if (vn::is_ascii(normalised)) {
    if (auto it = by_stripped.find(normalised); it != by_stripped.end() && it->second != ambiguous)
      return static_cast<std::uint32_t>(it->second);
  }
  if (threshold > 1) return std::nullopt;
  // Registry names first; the earliest target wins a tie.
  std::optional<std::uint32_t> best_registry;
  std::optional<std::uint32_t> best_cluster;
  double registry_score = -1;
  double cluster_score = -1;
  for (auto t : candidates(p)) {
    const auto& tg = targets[t];
    if (score_bound(p, tg.prof) < threshold) continue;
    const double s = score(p, tg.prof);
    if (s < threshold) continue;
    if (tg.registry && s > registry_score) {
      registry_score = s;
      best_registry = tg.group;
    } else if (!tg.registry && s > cluster_score) {
      cluster_score = s;
      best_cluster = tg.group;
    }
  }
  return best_registry ? best_registry : best_cluster;
}

document_index::impl::impl(const catalog& c, const name_rules& r)
    : rules(r),
      compiled(compiled_for(r)),
      threshold(std::isnan(r.similarity_threshold) ? name_rules::defaults().similarity_threshold
                                                   : r.similarity_threshold) {
  const auto& cr = *compiled;

  // The registry: ids, names and aliases.
  std::vector<std::pair<std::string, std::uint32_t>> registry_names;  // distinct per entry
  for (const auto& doc : c.documents) {
    const auto g = static_cast<std::uint32_t>(groups.size());
    groups.push_back({"ref:" + doc.id, doc.id, &doc, doc.government_has()});
    by_id.try_emplace(doc.id, g);
    if (auto n = normalize_with(doc.id, cr); !n.empty()) by_normalised.try_emplace(n, g);
    std::vector<std::string> names{doc.name.vi, doc.name.en};
    names.insert(names.end(), doc.aliases.begin(), doc.aliases.end());
    std::unordered_set<std::string> stripped_seen;
    for (const auto& name : names) {
      if (name.empty()) continue;
      auto n = normalize_with(name, cr);
      if (n.empty()) continue;
      by_normalised.try_emplace(n, g);
      if (auto s = vn::strip_diacritics(n); stripped_seen.insert(s).second) {
        auto [it, added] = by_stripped.try_emplace(s, g);
        if (!added && it->second != g) it->second = ambiguous;
      }
      if (std::none_of(registry_names.begin(), registry_names.end(),
                       [&](const auto& rn) { return rn.second == g && rn.first == n; }))
        registry_names.emplace_back(std::move(n), g);
    }
  }

  // Every inline name, in catalog order.
  std::vector<std::string> raws;
  for (const auto& proc : c.procedures)
    for (const auto& st : proc.steps)
      for (const auto* list : {&st.requires_docs, &st.produces_docs})
        for (const auto& d : *list)
          if (d.ref.empty() && !d.name.empty() &&
              by_raw.try_emplace(d.name, std::numeric_limits<std::uint32_t>::max()).second)
            raws.push_back(d.name);

  std::vector<std::string> normalised(raws.size());
  std::unordered_map<std::string, std::uint32_t> distinct;  // normalised → index of its profile
  std::vector<profile> profiles;
  for (std::size_t i = 0; i < raws.size(); ++i) {
    normalised[i] = normalize_with(raws[i], cr);
    if (distinct.try_emplace(normalised[i], static_cast<std::uint32_t>(profiles.size())).second)
      profiles.push_back(interned_profile(normalised[i]));
  }
  std::vector<profile> registry_profiles;
  for (const auto& [n, g] : registry_names) registry_profiles.push_back(interned_profile(n));

  // How many distinct names hold each syllable: the rarest decide.
  token_frequency.assign(token_ids.size(), 0);
  for (const auto* set : {&registry_profiles, &profiles})
    for (const auto& p : *set)
      for (const auto& [key, w] : p.unigrams)
        if ((key & 0xFFFF) == 0) ++token_frequency[syllable_of(key)];
  postings.resize(token_ids.size());

  for (std::size_t i = 0; i < registry_names.size(); ++i)
    add_target(std::move(registry_profiles[i]), registry_names[i].second, true);

  for (std::size_t i = 0; i < raws.size(); ++i) {
    const auto& n = normalised[i];
    std::uint32_t g = 0;
    if (auto it = by_normalised.find(n); it != by_normalised.end()) {
      g = it->second;
    } else {
      auto& p = profiles[distinct.at(n)];
      if (auto m = match(n, p)) {
        g = *m;
      } else {
        g = static_cast<std::uint32_t>(groups.size());
        groups.push_back({"name:" + n, raws[i], nullptr, false});
        add_target(std::move(p), g, false);
      }
      by_normalised.emplace(n, g);
    }
    by_raw[raws[i]] = g;
    if (groups[g].entry == nullptr && !groups[g].government)
      groups[g].government = government_normalised(n, cr);
  }
}

document_index::document_index(const catalog& c, const name_rules& rules)
    : impl_(std::make_unique<impl>(c, rules)) {}
document_index::~document_index() = default;
document_index::document_index(document_index&&) noexcept = default;
document_index& document_index::operator=(document_index&&) noexcept = default;

const name_rules& document_index::rules() const noexcept { return impl_->rules; }

document_identity document_index::resolve(const document_demand& d) const {
  const auto& m = *impl_;
  if (!d.ref.empty()) {
    if (auto it = m.by_id.find(d.ref); it != m.by_id.end()) return m.identity(it->second);
    return {"ref:" + d.ref, nullptr, d.ref, false};  // a dangling ref: validation reports it
  }
  if (auto it = m.by_raw.find(d.name); it != m.by_raw.end()) return m.identity(it->second);
  // A name the catalog did not hold when the index was built.
  auto n = normalize_with(d.name, *m.compiled);
  if (auto g = m.match(n, m.query_profile(n))) return m.identity(*g);
  const bool government = government_normalised(n, *m.compiled);
  return {"name:" + n, nullptr, d.name, government};
}

}  // namespace redtape
