#include "redtape/log.hpp"

#include <atomic>
#include <mutex>

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace redtape {

namespace {

std::shared_ptr<spdlog::logger> make_default() {
  auto lg = std::make_shared<spdlog::logger>(
      "redtape", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  lg->set_level(spdlog::level::warn);
  return lg;
}

// The one piece of global state: which logger redtape writes to. Guarded by a
// mutex rather than std::atomic<shared_ptr> (libstdc++ 12 lacks it).
struct holder {
  std::mutex mutex;
  std::shared_ptr<spdlog::logger> current = make_default();
};

holder& state() {
  static holder h;
  return h;
}

}  // namespace

std::shared_ptr<spdlog::logger> logger() {
  holder& h = state();
  std::lock_guard lock(h.mutex);
  return h.current;
}

void set_logger(std::shared_ptr<spdlog::logger> replacement) {
  if (!replacement)
    replacement = std::make_shared<spdlog::logger>("redtape",
                                                   std::make_shared<spdlog::sinks::null_sink_mt>());
  holder& h = state();
  std::lock_guard lock(h.mutex);
  h.current = std::move(replacement);
}

}  // namespace redtape
