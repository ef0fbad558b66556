// A small arena tree of YAML nodes, built from events one unit at a time.
//
// The loader never holds a whole file as a tree: tree_builder streams the
// top-level mapping of each YAML document and hands over one *unit* at a
// time (each item of a top-level list such as `procedures:`, or a top-level
// value such as `procedure:` or `cost_model:`), then forgets it. Memory is
// bounded by the largest unit, not by the file.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/event.hpp"

namespace redtape::loader {

enum class node_kind : std::uint8_t { null, scalar, sequence, mapping };

inline constexpr std::uint32_t no_node = std::numeric_limits<std::uint32_t>::max();

struct node {
  node_kind kind = node_kind::null;
  bool plain = true;
  mark at;
  std::uint32_t first = no_node;  // first child; a mapping's children alternate key, value
  std::uint32_t next = no_node;   // next sibling
  std::uint32_t size = 0;         // number of children
  std::uint32_t text_offset = 0;  // scalar text in the pool
  std::uint32_t text_size = 0;
};

class tree {
 public:
  std::vector<node> nodes;
  std::string pool;

  [[nodiscard]] const node& operator[](std::uint32_t i) const { return nodes[i]; }
  [[nodiscard]] std::string_view text(std::uint32_t i) const {
    const node& n = nodes[i];
    return std::string_view(pool).substr(n.text_offset, n.text_size);
  }
  void clear() {
    nodes.clear();
    pool.clear();
  }
  std::uint32_t add(node n, std::string_view text = {});
  /// Deep-copy `src`'s subtree at `root` into this tree; returns the new root.
  /// `budget` is decremented by the number of nodes copied.
  std::uint32_t copy_from(const tree& src, std::uint32_t root, std::uint64_t& budget);
};

/// What the tree builder hands to the model builder.
class unit_handler {
 public:
  virtual ~unit_handler() = default;
  virtual void on_document_start(mark at) = 0;
  virtual void on_document_end() = 0;
  /// A top-level document that is not a mapping (root is its root node).
  virtual void on_bad_root(const tree& t, std::uint32_t root) = 0;
  /// A top-level key whose value is not a list: `key: value`.
  virtual void on_value(std::string_view key, mark key_at, const tree& t, std::uint32_t value) = 0;
  /// One item of a top-level list `key: [ … ]`.
  virtual void on_item(std::string_view key, mark key_at, std::size_t index, const tree& t,
                       std::uint32_t item) = 0;
  /// A top-level key that is not a scalar.
  virtual void on_bad_key(mark at) = 0;
};

struct tree_limits {
  std::uint32_t max_depth = 64;
  std::uint64_t max_alias_nodes = 100'000;
};

class tree_builder final : public event_sink {
 public:
  tree_builder(unit_handler& handler, tree_limits limits) : handler_(handler), limits_(limits) {}
  void on_event(const event& e) override;

 private:
  struct frame {
    std::uint32_t node = no_node;  // in unit_ (no_node for the streamed root and lists)
    std::uint32_t last_child = no_node;
    std::uint64_t anchor = 0;
  };
  enum class top_state : std::uint8_t { none, root_key, root_value, in_list };

  void open(const event& e, node_kind kind);
  void close();
  void add_leaf(const event& e);
  void attach(std::uint32_t index);
  void completed(std::uint32_t index, std::uint64_t anchor);
  void unit_done(std::uint32_t index);

  unit_handler& handler_;
  tree_limits limits_;
  tree unit_;
  tree anchors_;  // anchored subtrees, kept across units
  std::unordered_map<std::uint64_t, std::uint32_t> anchor_index_;
  std::uint64_t alias_budget_ = 0;
  std::vector<frame> stack_;  // open collections inside the current unit
  top_state state_ = top_state::none;
  bool root_is_mapping_ = false;
  bool in_document_ = false;
  std::string key_;
  mark key_at_;
  std::size_t list_index_ = 0;
  std::uint64_t list_anchor_ = 0;  // anchor of the streamed top-level list
  std::uint32_t list_anchor_node_ = no_node;
  std::uint32_t list_anchor_last_ = no_node;
  std::uint32_t depth_ = 0;  // nesting of collections, the root mapping included
};

}  // namespace redtape::loader
