// SPDX-License-Identifier: MIT
// Prometheus metrics: the process's own figures (memory, connections open and refused)
// for anyone; requests and latencies per route and status, and how many tokens the
// vault holds, for the metrics key. Counts and latencies only, never a token or a
// client's data.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace skolvag::api {

/// What the process knows of its connections when metrics are read.
struct ProcessFigures {
    std::size_t open_connections = 0;
    std::uint64_t refused_connections = 0; ///< since the start: over max_connections or the per-address cap
};

class Metrics {
public:
    void observe(const std::string& route, int status, double milliseconds);
    /** The Prometheus text exposition (version 0.0.4), for the metrics key. */
    std::string render(const ProcessFigures& process, std::int64_t tokens_held) const;
    /** The process's own figures only (up, uptime, memory, connections): what anyone may read. */
    std::string render_process(const ProcessFigures& process) const;

private:
    static constexpr std::array<double, 11> kBucketsMs = {0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};
    struct Histogram {
        std::array<std::uint64_t, kBucketsMs.size()> buckets{};
        std::uint64_t count = 0;
        double sum_seconds = 0.0;
    };
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t> m_requests;
    std::map<std::string, Histogram> m_latency;
};

} // namespace skolvag::api
