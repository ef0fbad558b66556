// Uses only the installed public headers: load a catalog held in memory and
// say how many procedures it holds.
#include <iostream>
#include <string_view>

#include <redtape/load.hpp>
#include <redtape/version.hpp>

namespace {

constexpr std::string_view catalog_text = R"(redtape: 1
procedure:
  id: "1.000001"
  name: {vi: "Thủ tục thử", en: "A test procedure"}
  steps:
    - id: submit
      actor: applicant
      action: submit
    - id: issue
      actor: registry_office
      action: issue
      duration_days: 2
)";

}  // namespace

int main() {
  std::cout << "redtape " << redtape::version << '\n';
  const redtape::load_result result = redtape::try_load_text(catalog_text, "consumer.yaml");
  for (const auto& d : result.diagnostics) {
    std::cerr << d.format() << '\n';
  }
  if (!result.ok()) {
    return 1;
  }
  std::cout << "procedures: " << result.catalog->procedures.size() << '\n';
  return 0;
}
