// The similarity of two normalised document names: a weighted Jaccard of
// their syllables plus shared adjacent content-word pairs (the measure is
// described in similarity.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "analysis/similarity.hpp"
#include "redtape/documents.hpp"

namespace redtape {

namespace names_detail {

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

}  // namespace names_detail

using namespace names_detail;

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

}  // namespace redtape
