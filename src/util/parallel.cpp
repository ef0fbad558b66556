#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace redtape::util {

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
  unsigned threads = jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex failure_mutex;
  std::size_t failed_index = count;
  std::exception_ptr failure;
  auto run = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      try {
        work(i);
      } catch (...) {
        // Indexes are handed out in order, so every index below this one has
        // run or is running: the lowest one that threw is the first a plain
        // loop would have met.
        const std::lock_guard lock(failure_mutex);
        if (i < failed_index) {
          failed_index = i;
          failure = std::current_exception();
        }
        failed = true;
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    helpers.reserve(threads - 1);
    try {
      for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(run);
    } catch (const std::system_error&) {
      // The system gives no more threads: those started and this one share the work.
    }
    run();
  }  // the helpers are joined here
  if (failure) std::rethrow_exception(failure);
}

}  // namespace redtape::util
