// The words of document names (internal to src/analysis): the phrase table
// that matches qualifiers and remarks, the fixed vocabulary of name
// structure, and name_rules compiled for matching. names.cpp normalises
// names with them, similarity.cpp weighs their syllables, document_index.cpp
// groups the names of a catalog.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/vietnamese.hpp"
#include "redtape/documents.hpp"

namespace redtape::names_detail {
namespace vn = vietnamese;

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

std::vector<std::string> phrase_words(std::string_view phrase);
std::string join(const std::vector<std::string>& ws);

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

word_set make_set(std::initializer_list<std::string_view> list, bool with_stripped = false);

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

const vocabulary& vocab();

inline bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline bool has_digit(std::string_view s) noexcept {
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

/// The compiled form of `rules`: built once for the defaults, and once per
/// thread for the last other rules seen (rule parameters rarely change).
std::shared_ptr<const compiled_rules> compiled_for(const name_rules& rules);

/// Whether a normalised name begins with a government prefix.
bool government_normalised(std::string_view normalised, const compiled_rules& cr);

}  // namespace redtape::names_detail
