#include "common.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <signal.h>
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

// libFuzzer ends with _Exit (no atexit handlers) and a crash ends with abort:
// a process's folder is named by its pid, and folders of processes that are
// gone are removed when the next one starts.
fs::path make_scratch() {
  std::error_code ec;
  const fs::path base = fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0
                            ? fs::path("/dev/shm")
                            : fs::temp_directory_path();
  constexpr std::string_view prefix = "redtape-fuzz-";
  for (const auto& e : fs::directory_iterator(base, ec)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
  fs::path dir = base / (std::string(prefix) + std::to_string(::getpid()));
  fs::remove_all(dir, ec);
  if (!fs::create_directory(dir, ec)) {
    std::fprintf(stderr, "redtape fuzz: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    std::abort();
  }
  return dir;
}

}  // namespace

const fs::path& scratch() {
  // Never destroyed: a static path would be destroyed before the atexit
  // handler registered while it was being initialised runs.
  static const fs::path* const dir = [] {
    const auto* d = new fs::path(make_scratch());
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return d;
  }();
  return *dir;
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
