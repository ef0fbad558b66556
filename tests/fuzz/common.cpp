#include "common.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include <unistd.h>

#include "redtape/log.hpp"

namespace redtape::fuzz {

namespace fs = std::filesystem;

void quiet() {
  static const bool silenced = [] {
    set_logger(nullptr);
    return true;
  }();
  static_cast<void>(silenced);
}

namespace {

fs::path make_scratch() {
  std::error_code ec;
  fs::path base = fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0
                      ? fs::path("/dev/shm")
                      : fs::temp_directory_path();
  std::string pattern = (base / "redtape-fuzz-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("redtape fuzz: mkdtemp");
    std::abort();
  }
  return pattern;
}

}  // namespace

const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = make_scratch();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return d;
  }();
  return dir;
}

void write_file(const fs::path& path, const std::uint8_t* data, std::size_t size) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) {
    std::fprintf(stderr, "redtape fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

void violated(std::string_view property, const std::vector<diagnostic>& diagnostics) {
  std::fprintf(stderr, "\nredtape fuzz: property violated: %.*s\n", static_cast<int>(property.size()),
               property.data());
  for (const auto& d : diagnostics) std::fprintf(stderr, "  %s\n", d.format().c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace redtape::fuzz
