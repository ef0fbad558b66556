#include "load/tree.hpp"

namespace redtape::loader {

std::uint32_t tree::add(node n, std::string_view text) {
  if (!text.empty()) {
    n.text_offset = static_cast<std::uint32_t>(pool.size());
    n.text_size = static_cast<std::uint32_t>(text.size());
    pool.append(text);
  }
  nodes.push_back(n);
  return static_cast<std::uint32_t>(nodes.size() - 1);
}

std::uint32_t tree::copy_from(const tree& src, std::uint32_t root, std::uint64_t& budget) {
  // Iterative, so that a deep subtree cannot exhaust the stack. The copy's
  // bookkeeping is sized by the copy alone (not by the whole destination
  // tree), so that many aliases into a large unit cost what they copy.
  struct work {
    std::uint32_t src_node;
    std::uint32_t dst_parent;
  };
  const auto base = static_cast<std::uint32_t>(nodes.size());
  std::vector<work> todo{{root, no_node}};
  std::vector<std::uint32_t> last_child;  // per node of the copy (dst - base), for linking children
  std::vector<std::uint32_t> children;
  std::uint32_t new_root = no_node;
  while (!todo.empty()) {
    work w = todo.back();
    todo.pop_back();
    if (budget == 0)
      throw syntax_error(src[w.src_node].at, "alias budget", syntax_problem::alias_budget);
    --budget;
    node n = src[w.src_node];
    n.first = no_node;
    n.next = no_node;
    std::uint32_t dst = add(n, n.kind == node_kind::scalar ? src.text(w.src_node) : std::string_view{});
    last_child.push_back(no_node);
    if (w.dst_parent == no_node) {
      new_root = dst;
    } else {
      std::uint32_t& last = last_child[w.dst_parent - base];
      if (last == no_node)
        nodes[w.dst_parent].first = dst;
      else
        nodes[last].next = dst;
      last = dst;
    }
    // Push children in reverse so that they are copied, and linked, in order.
    children.clear();
    for (std::uint32_t c = src[w.src_node].first; c != no_node; c = src[c].next) children.push_back(c);
    for (auto it = children.rbegin(); it != children.rend(); ++it) todo.push_back({*it, dst});
  }
  return new_root;
}

void tree_builder::on_event(const event& e) {
  switch (e.kind) {
    case event_kind::document_start:
      state_ = top_state::none;
      root_is_mapping_ = false;
      in_document_ = true;
      depth_ = 0;
      unit_.clear();
      stack_.clear();
      anchors_.clear();
      anchor_index_.clear();
      alias_budget_ = limits_.max_alias_nodes;
      handler_.on_document_start(e.at);
      return;
    case event_kind::document_end:
      in_document_ = false;
      handler_.on_document_end();
      return;
    case event_kind::mapping_start:
      open(e, node_kind::mapping);
      return;
    case event_kind::sequence_start:
      open(e, node_kind::sequence);
      return;
    case event_kind::mapping_end:
    case event_kind::sequence_end:
      close();
      return;
    case event_kind::scalar:
    case event_kind::alias:
      add_leaf(e);
      return;
  }
}

void tree_builder::open(const event& e, node_kind kind) {
  if (++depth_ > limits_.max_depth)
    throw syntax_error(e.at, "too deep", syntax_problem::too_deep);
  if (state_ == top_state::none && stack_.empty() && kind == node_kind::mapping && depth_ == 1) {
    root_is_mapping_ = true;
    state_ = top_state::root_key;
    return;
  }
  if (state_ == top_state::root_key && stack_.empty()) {
    // A collection as a top-level key: build it (to skip it), then complain.
    handler_.on_bad_key(e.at);
  }
  if (state_ == top_state::root_value && stack_.empty() && kind == node_kind::sequence) {
    state_ = top_state::in_list;
    list_index_ = 0;
    // An anchored top-level list is streamed like any other; its items are
    // also copied, one by one, into the anchors tree.
    list_anchor_ = e.anchor;
    if (list_anchor_ != 0) {
      node n;
      n.kind = node_kind::sequence;
      n.at = e.at;
      list_anchor_node_ = anchors_.add(n);
      list_anchor_last_ = no_node;
    }
    return;
  }
  node n;
  n.kind = kind;
  n.at = e.at;
  std::uint32_t index = unit_.add(n);
  attach(index);
  stack_.push_back({index, no_node, e.anchor});
}

void tree_builder::close() {
  --depth_;
  if (!stack_.empty()) {
    frame f = stack_.back();
    stack_.pop_back();
    completed(f.node, f.anchor);
    return;
  }
  // Closing a streamed list or the root mapping.
  if (state_ == top_state::in_list) {
    if (list_anchor_ != 0) anchor_index_[list_anchor_] = list_anchor_node_;
    list_anchor_ = 0;
    state_ = top_state::root_key;
  } else {
    state_ = top_state::none;
  }
}

void tree_builder::add_leaf(const event& e) {
  if (state_ == top_state::root_key && stack_.empty()) {
    if (e.kind != event_kind::scalar) {
      handler_.on_bad_key(e.at);
      key_.clear();
    } else {
      key_.assign(e.value);
    }
    key_at_ = e.at;
    state_ = top_state::root_value;
    return;
  }
  std::uint32_t index;
  if (e.kind == event_kind::alias) {
    auto found = anchor_index_.find(e.anchor);
    if (found == anchor_index_.end())
      throw syntax_error(e.at, "unknown alias", syntax_problem::unknown_alias);
    try {
      index = unit_.copy_from(anchors_, found->second, alias_budget_);
    } catch (const syntax_error&) {
      throw syntax_error(e.at, "alias budget", syntax_problem::alias_budget);
    }
    unit_.nodes[index].at = e.at;
    attach(index);
    completed(index, 0);
    return;
  }
  node n;
  bool is_null = e.plain && (e.value.empty() || e.value == "~" || e.value == "null" ||
                             e.value == "Null" || e.value == "NULL");
  n.kind = is_null ? node_kind::null : node_kind::scalar;
  n.plain = e.plain;
  n.at = e.at;
  index = unit_.add(n, is_null ? std::string_view{} : e.value);
  attach(index);
  completed(index, e.anchor);
}

void tree_builder::attach(std::uint32_t index) {
  if (stack_.empty()) return;  // a unit's root
  frame& parent = stack_.back();
  if (parent.last_child == no_node)
    unit_.nodes[parent.node].first = index;
  else
    unit_.nodes[parent.last_child].next = index;
  parent.last_child = index;
  ++unit_.nodes[parent.node].size;
}

void tree_builder::completed(std::uint32_t index, std::uint64_t anchor) {
  if (anchor != 0) {
    std::uint64_t budget = alias_budget_;
    try {
      anchor_index_[anchor] = anchors_.copy_from(unit_, index, budget);
    } catch (const syntax_error&) {
      throw syntax_error(unit_[index].at, "alias budget", syntax_problem::alias_budget);
    }
    alias_budget_ = budget;
  }
  if (stack_.empty()) unit_done(index);
}

void tree_builder::unit_done(std::uint32_t index) {
  if (!root_is_mapping_) {
    handler_.on_bad_root(unit_, index);
  } else if (state_ == top_state::in_list) {
    if (list_anchor_ != 0) {
      std::uint32_t copy;
      try {
        copy = anchors_.copy_from(unit_, index, alias_budget_);
      } catch (const syntax_error&) {
        throw syntax_error(unit_[index].at, "alias budget", syntax_problem::alias_budget);
      }
      if (list_anchor_last_ == no_node)
        anchors_.nodes[list_anchor_node_].first = copy;
      else
        anchors_.nodes[list_anchor_last_].next = copy;
      list_anchor_last_ = copy;
      ++anchors_.nodes[list_anchor_node_].size;
    }
    handler_.on_item(key_, key_at_, list_index_++, unit_, index);
  } else if (state_ == top_state::root_value) {
    handler_.on_value(key_, key_at_, unit_, index);
    state_ = top_state::root_key;
  } else {
    // A collection used as a top-level key, already reported.
    key_.clear();
    state_ = top_state::root_value;
  }
  unit_.clear();
}

}  // namespace redtape::loader
