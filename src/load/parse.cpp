#include "load/parse.hpp"

#include <fmt/format.h>

#include "load/event.hpp"
#include "load/prescan.hpp"

namespace redtape::loader {

bool parse_units(std::string_view text, std::uint32_t file, const load_options& options,
                 unit_handler& handler, diagnostics_list& diags) {
  const load_limits& limits = options.limits;
  auto where = [&](mark m) { return source_location{file, m.line, m.column}; };
  if (auto problem = prescan(text)) {
    diags.error(problem->code, where(problem->at), problem->en, problem->vi);
    return false;
  }
  tree_builder events(handler, {limits.max_depth, limits.max_alias_nodes});
  try {
    if (options.parser == yaml_parser::yaml_cpp)
      parse_with_yaml_cpp(text, events);
    else
      parse_with_libyaml(text, events);
    return true;
  } catch (const syntax_error& e) {
    switch (e.problem()) {
      case syntax_problem::syntax:
        diags.error("yaml-syntax", where(e.at()), fmt::format("YAML syntax error: {}", e.what()),
                    fmt::format("lỗi cú pháp YAML: {}", e.what()));
        break;
      case syntax_problem::too_deep:
        diags.error("too-deep", where(e.at()),
                    fmt::format("nesting deeper than {} levels; refused (a limit against hostile "
                                "input, load_limits::max_depth)",
                                limits.max_depth),
                    fmt::format("dữ liệu lồng sâu quá {} cấp; từ chối đọc (giới hạn chống dữ liệu "
                                "độc hại)",
                                limits.max_depth));
        break;
      case syntax_problem::alias_budget:
        diags.error("alias-limit", where(e.at()),
                    fmt::format("YAML aliases expand to more than {} nodes (an alias bomb?); "
                                "refused (load_limits::max_alias_nodes)",
                                limits.max_alias_nodes),
                    fmt::format("các bí danh YAML (alias) mở rộng thành hơn {} nút (nghi là bom "
                                "alias); từ chối đọc",
                                limits.max_alias_nodes));
        break;
      case syntax_problem::unknown_alias:
        diags.error("yaml-syntax", where(e.at()), "alias to an unknown anchor",
                    "bí danh (alias) trỏ tới một neo (anchor) không tồn tại");
        break;
    }
    return false;
  }
}

}  // namespace redtape::loader
