// Runs committed fuzz inputs through their target with the ordinary
// compiler, so that the test suite (.ci/test, g++) keeps every corpus and
// regression input passing:
//   redtape_fuzz_replay <target> <file or folder>...
// Every regular file of a folder (recursively, sorted) is one input. A
// crash or a broken property aborts (the test fails); so does a target or
// a path that does not exist, or no input at all.
//   redtape_fuzz_replay <target> --nested <levels>
// runs one generated input, [[[…]]] nested <levels> deep (too big to commit
// at 10^6 levels): in a record's field for `import`, in a catalog's `x-`
// key for `load-libyaml` and `load-yamlcpp`; and checks that it is refused
// with an error naming the file, line and column.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "targets.hpp"

namespace fs = std::filesystem;

namespace {

void run(const redtape::fuzz::target& t, const std::string& input) {
  t.run(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void expect(const std::vector<std::string>& errors, const std::string& expected) {
  if (errors.size() != 1 || errors[0] != expected) {
    std::fprintf(stderr, "expected the error \"%s\", got:\n", expected.c_str());
    for (const auto& e : errors) std::fprintf(stderr, "  %s\n", e.c_str());
    std::exit(1);
  }
  std::printf("refused with \"%s\"\n", expected.c_str());
}

int nested(const redtape::fuzz::target& t, const std::string& levels_text) {
  const std::size_t levels = levels_text.empty() ? 0 : std::stoul(levels_text);
  if (levels <= 256) {
    std::fprintf(stderr, "--nested: more than 256 levels, please\n");
    return 2;
  }
  const bool json = t.name == "import";
  if (!json && !t.name.starts_with("load-")) {
    std::fprintf(stderr, "--nested: for import, load-libyaml or load-yamlcpp\n");
    return 2;
  }
  const std::string head = json ? "{\"ma_thu_tuc\": \"1.000001\", \"ten_thu_tuc\": " : "redtape: 1\nx-a: ";
  std::string input = head;
  input.append(levels, '[');
  input.append(levels, ']');
  input += json ? "}" : "\n";
  run(t, input);
  std::printf("%.*s: %zu levels of nesting: ", static_cast<int>(t.name.size()), t.name.data(), levels);
  if (json) {
    // The '{' is level 1: the 256th '[' is the first past the importer's 256 levels.
    expect(redtape::fuzz::import_read_failures(input),
           "fuzz/record.json: JSON nested deeper than 256 levels at line 1, column " + std::to_string(head.size() + 256));
  } else {
    // The root mapping is level 1: the 64th '[' is the first past load_limits::max_depth.
    expect(redtape::fuzz::load_errors(input, t.name == "load-yamlcpp"),
           "fuzz.yaml:2:" + std::to_string(std::string_view("x-a: ").size() + 64) +
               ": error: nesting deeper than 64 levels; refused (a limit against hostile input, "
               "load_limits::max_depth)");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <target> <file or folder>... | <target> --nested <levels>\n", argv[0]);
    return 2;
  }
  const std::string_view name = argv[1];
  const auto* t = std::find_if(std::begin(redtape::fuzz::targets), std::end(redtape::fuzz::targets),
                               [&](const auto& candidate) { return candidate.name == name; });
  if (t == std::end(redtape::fuzz::targets)) {
    std::fprintf(stderr, "no fuzz target named %s\n", argv[1]);
    return 2;
  }
  if (std::string_view(argv[2]) == "--nested") return nested(*t, argc > 3 ? argv[3] : "");
  std::vector<fs::path> inputs;
  for (int i = 2; i < argc; ++i) {
    const fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) inputs.push_back(e.path());
    } else if (fs::is_regular_file(p)) {
      inputs.push_back(p);
    } else {
      std::fprintf(stderr, "no such file or folder: %s\n", argv[i]);
      return 2;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "no inputs for %s\n", argv[1]);
    return 2;
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& file : inputs) {
    std::fprintf(stderr, "%s\n", file.c_str());  // the input that crashes is the last one printed
    run(*t, read(file));
  }
  std::printf("%s: %zu inputs passed\n", argv[1], inputs.size());
  return 0;
}
