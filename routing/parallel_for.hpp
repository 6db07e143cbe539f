// SPDX-License-Identifier: MIT
// parallel_for: runs a body over [0, n) on a few threads that take the next index as
// they finish, so uneven items (schools of different sizes) balance themselves.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace skolvag::routing {

/**
 * Calls body(i, worker) once for every i in [0, n), on up to `threads` workers
 * numbered from 0 (the calling thread is worker 0). The first exception thrown by a
 * body stops the others from taking new items and is rethrown here.
 */
template <class Body>
void parallel_for(std::size_t n, unsigned threads, const Body& body) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&](unsigned worker) {
        try {
            for (std::size_t i = next++; i < n; i = next++) {
                body(i, worker);
            }
        } catch (...) {
            const std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) {
                failure = std::current_exception();
            }
            next = n;
        }
    };
    const auto workers = static_cast<unsigned>(std::min<std::size_t>(std::max(1U, threads), std::max<std::size_t>(n, 1)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers; ++t) {
        pool.emplace_back(work, t);
    }
    work(0);
    for (std::thread& t : pool) {
        t.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

} // namespace skolvag::routing
