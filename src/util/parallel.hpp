// The one thread pool: the loader (files), the audit (procedures) and the
// importer (files, records, output files) all run their work through it.
#pragma once

#include <cstddef>
#include <functional>

namespace redtape::util {

/// Run `work(i)` once for every i in [0, count), on `jobs` threads (0: one
/// per core), never more threads than items; the calling thread is one of
/// them. With one thread the indexes run in order on the calling thread.
/// Callers write each result into slot i of their own vector, so what they
/// get does not depend on the number of threads.
///
/// An exception that escapes `work` stops the handing out of indexes; once
/// every thread is done, the one thrown by the lowest index is rethrown: the
/// same exception a plain loop would have thrown.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work);

}  // namespace redtape::util
