// The similarity of two normalised document names (internal to
// src/analysis): syllable profiles and their score. similarity.cpp holds the
// measure, document_index.cpp indexes profiles to find near names fast.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/names.hpp"

namespace redtape::names_detail {

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

std::uint64_t hash_words(const std::vector<std::uint32_t>& sorted, std::size_t skip);

/// The keys of the name with one content word fewer, one per distinct word.
std::vector<std::uint64_t> deletion_keys(const profile& p);

constexpr std::uint32_t syllable_of(std::uint64_t key) noexcept {
  return static_cast<std::uint32_t>(key >> 16);
}

inline bool is_content(double weight) noexcept { return weight >= 1.0; }

std::vector<std::string_view> split_views(std::string_view s);

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

double words_score(const profile& a, const profile& b);
double pairs_score(const profile& a, const profile& b);
double score(const profile& a, const profile& b);

/// The least words_score that can still reach `threshold`.
double words_needed(double threshold);

/// An upper bound of score(a, b) from the sizes alone: the shared weight is
/// at most the lighter name's, and the denominator at least the heavier's.
double score_bound(const profile& a, const profile& b);

}  // namespace redtape::names_detail
