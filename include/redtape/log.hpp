// Logging. The library logs through one spdlog logger, named "redtape".
// A host application can route it into its own sinks with set_logger(), or
// silence it with set_logger(nullptr). This is the only global state redtape
// keeps. By default messages at `warn` and above go to stderr; the library
// never writes to stdout.
#pragma once

#include <memory>

namespace spdlog {
class logger;
}

namespace redtape {

/// The logger redtape writes to (never null).
[[nodiscard]] std::shared_ptr<spdlog::logger> logger();

/// Replace the logger; nullptr installs a logger that drops everything.
/// Thread-safe: calls in flight keep the logger they started with.
void set_logger(std::shared_ptr<spdlog::logger> replacement);

}  // namespace redtape
