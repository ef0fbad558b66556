// util::parallel_for, the pool behind parallel loading, auditing and importing:
// every index once, results by index whatever the number of threads, and the
// exception a plain loop would have thrown.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/parallel.hpp"

using redtape::util::parallel_for;

TEST_CASE("parallel_for runs every index once and results do not depend on the jobs") {
  for (std::size_t count : {0u, 1u, 2u, 7u, 1000u}) {
    std::vector<std::size_t> expected(count);
    for (std::size_t i = 0; i < count; ++i) expected[i] = i * i + 3;
    for (unsigned jobs : {0u, 1u, 2u, 3u, 8u, 64u}) {
      CAPTURE(count, jobs);
      std::vector<std::size_t> out(count, 0);
      std::vector<std::atomic<int>> runs(count);
      parallel_for(count, jobs, [&](std::size_t i) {
        ++runs[i];
        out[i] = i * i + 3;
      });
      CHECK(out == expected);
      for (const auto& r : runs) CHECK(r == 1);
    }
  }
}

TEST_CASE("parallel_for with one job runs in order on the calling thread") {
  std::vector<std::size_t> order;
  std::set<std::thread::id> threads;
  parallel_for(50, 1, [&](std::size_t i) {
    order.push_back(i);
    threads.insert(std::this_thread::get_id());
  });
  REQUIRE(order.size() == 50);
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("parallel_for starts no more threads than items") {
  std::mutex m;
  std::set<std::thread::id> threads;
  parallel_for(2, 16, [&](std::size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::lock_guard lock(m);
    threads.insert(std::this_thread::get_id());
  });
  CHECK(threads.size() <= 2);
  CHECK(threads.size() >= 1);
}

TEST_CASE("parallel_for rethrows the exception of the lowest index that threw") {
  for (unsigned jobs : {0u, 1u, 2u, 4u, 8u}) {
    CAPTURE(jobs);
    std::atomic<int> ran{0};
    auto work = [&](std::size_t i) {
      ++ran;
      if (i == 7 || i == 9 || i == 400) throw std::runtime_error("failed at " + std::to_string(i));
    };
    try {
      parallel_for(1000, jobs, work);
      FAIL("no exception");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "failed at 7");
    }
    // Indexes stop being handed out once one has thrown.
    CHECK(ran < 1000);
    CHECK(ran >= 8);
  }
}

TEST_CASE("parallel_for passes on exceptions of any type") {
  for (unsigned jobs : {1u, 4u}) {
    CAPTURE(jobs);
    CHECK_THROWS_AS(parallel_for(20, jobs, [](std::size_t i) {
                      if (i == 3) throw 42;
                    }),
                    int);
  }
}
