// The document index (SPEC §3, the shared_registry and reuse_data rules):
// every document demanded in a catalog resolved to one identity, registry
// entries first, near-duplicate inline names grouped.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analysis/names.hpp"
#include "redtape/lexicon.hpp"
#include "analysis/similarity.hpp"
#include "analysis/vietnamese.hpp"
#include "redtape/documents.hpp"

namespace redtape {

using namespace names_detail;


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
  std::shared_ptr<const redtape::lexicon> words;  ///< the lexicon given, else the built-in one
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
  /// Groups and keys of the registry's ids, names and aliases: (normalised
  /// name, group), distinct per entry.
  std::vector<std::pair<std::string, std::uint32_t>> index_registry(const catalog& c);
  /// Every inline name of the catalog, in catalog order, to a group.
  void index_inline_names(const catalog& c, std::vector<std::pair<std::string, std::uint32_t>> registry_names);

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
  index_inline_names(c, index_registry(c));
}

std::vector<std::pair<std::string, std::uint32_t>> document_index::impl::index_registry(const catalog& c) {
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
  return registry_names;
}

void document_index::impl::index_inline_names(const catalog& c,
                                              std::vector<std::pair<std::string, std::uint32_t>> registry_names) {
  const auto& cr = *compiled;

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
    : impl_(std::make_unique<impl>(c, rules)) {
  impl_->words = lexicon::builtin();
}
document_index::document_index(const catalog& c, std::shared_ptr<const lexicon> lex)
    : impl_(std::make_unique<impl>(c, (lex ? lex : lexicon::builtin())->names())) {
  impl_->words = lex ? std::move(lex) : lexicon::builtin();
}
const lexicon& document_index::lexicon_used() const { return *impl_->words; }
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
