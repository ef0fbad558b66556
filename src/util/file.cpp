#include "util/file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <random>
#include <string>
#include <system_error>

#include <fmt/format.h>

#if __has_include(<unistd.h>)
#include <unistd.h>
#define REDTAPE_HAVE_FSYNC 1
#endif

namespace redtape::util {

namespace fs = std::filesystem;

namespace {

std::string random_suffix() {
  static std::atomic<unsigned> counter{0};
  std::random_device device;
  return fmt::format("{:08x}{:x}", device(), counter++);
}

[[noreturn]] void fail(int error, const std::string& what, const fs::path& tmp = {}) {
  std::error_code ignored;
  if (!tmp.empty()) fs::remove(tmp, ignored);
  throw std::system_error(error ? error : EIO, std::generic_category(), what);
}

}  // namespace

void write_file_atomically(const fs::path& path, std::string_view bytes) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::path tmp;
  std::FILE* file = nullptr;
  for (int attempt = 0; attempt < 16 && file == nullptr; ++attempt) {
    tmp = dir / fmt::format(".{}.{}.tmp", path.filename().string(), random_suffix());
    // "x": create, never open an existing file.
    file = std::fopen(tmp.string().c_str(), "wbx");
    if (file == nullptr && errno != EEXIST) fail(errno, "cannot create " + tmp.string());
  }
  if (file == nullptr) fail(EEXIST, "cannot create " + tmp.string());

  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size() &&
                       std::fflush(file) == 0
#ifdef REDTAPE_HAVE_FSYNC
                       && ::fsync(::fileno(file)) == 0
#endif
      ;
  const int write_errno = errno;
  if (std::fclose(file) != 0 || !written) fail(written ? errno : write_errno, "cannot write " + tmp.string(), tmp);

  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fail(ec.value(), "cannot rename into " + path.string(), tmp);
}

}  // namespace redtape::util
