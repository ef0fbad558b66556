// The model builder: turns the units streamed by tree_builder into model
// objects, checking types, keys and numbers as it goes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "load/diagnostics.hpp"
#include "load/tree.hpp"
#include "redtape/model.hpp"

namespace redtape::loader {

/// What one file contributes to a catalog.
struct file_fragment {
  std::vector<procedure> procedures;
  std::vector<document> documents;
  std::vector<agency> agencies;
  cost_model_patch costs;
  bool has_costs = false;
};

class model_builder final : public unit_handler {
 public:
  model_builder(std::uint32_t file, file_fragment& out, diagnostics_list& diags)
      : file_(file), out_(out), diags_(diags) {}

  void on_document_start(mark at) override;
  void on_document_end() override;
  void on_bad_root(const tree& t, std::uint32_t root) override;
  void on_value(std::string_view key, mark key_at, const tree& t, std::uint32_t value) override;
  void on_item(std::string_view key, mark key_at, std::size_t index, const tree& t,
               std::uint32_t item) override;
  void on_bad_key(mark at) override;

  [[nodiscard]] std::size_t documents_seen() const noexcept { return documents_; }

 private:
  std::uint32_t file_;
  file_fragment& out_;
  diagnostics_list& diags_;
  mark document_at_;
  bool version_seen_ = false;
  bool content_seen_ = false;
  std::size_t documents_ = 0;
};

}  // namespace redtape::loader
