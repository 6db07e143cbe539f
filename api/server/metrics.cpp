// SPDX-License-Identifier: MIT
#include "api/server/metrics.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace skolvag::api {

void Metrics::observe(const std::string& route, int status, double milliseconds) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    ++m_requests[{route, status}];
    Histogram& h = m_latency[route];
    for (std::size_t i = 0; i < kBucketsMs.size(); ++i) {
        if (milliseconds <= kBucketsMs[i]) {
            ++h.buckets[i];
        }
    }
    ++h.count;
    h.sum_seconds += milliseconds / 1000.0;
}

std::string Metrics::render_process(const ProcessFigures& process) const {
    long pages = 0;
    long resident = 0;
    std::ifstream statm("/proc/self/statm");
    statm >> pages >> resident;
    const double uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    std::ostringstream out;
    out << "# HELP skolvag_up The server answers.\n# TYPE skolvag_up gauge\nskolvag_up 1\n"
        << "# HELP skolvag_uptime_seconds Since the server started.\n# TYPE skolvag_uptime_seconds gauge\n"
        << "skolvag_uptime_seconds " << static_cast<long long>(uptime) << "\n"
        << "# HELP skolvag_resident_memory_bytes Resident memory of the process.\n"
        << "# TYPE skolvag_resident_memory_bytes gauge\nskolvag_resident_memory_bytes "
        << resident * sysconf(_SC_PAGESIZE) << "\n"
        << "# HELP skolvag_open_connections Client connections open.\n# TYPE skolvag_open_connections gauge\n"
        << "skolvag_open_connections " << process.open_connections << "\n"
        << "# HELP skolvag_refused_connections_total Connections refused over the connection limits.\n"
        << "# TYPE skolvag_refused_connections_total counter\nskolvag_refused_connections_total "
        << process.refused_connections << "\n";
    return out.str();
}

std::string Metrics::render(const ProcessFigures& figures, std::int64_t tokens_held) const {
    std::string process = render_process(figures);
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::ostringstream out;
    out << process;
    out << "# HELP skolvag_requests_total Requests answered, by route and HTTP status.\n"
        << "# TYPE skolvag_requests_total counter\n";
    for (const auto& [key, n] : m_requests) {
        out << "skolvag_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << n << "\n";
    }
    out << "# HELP skolvag_request_duration_seconds Time to answer, by route.\n"
        << "# TYPE skolvag_request_duration_seconds histogram\n";
    for (const auto& [route, h] : m_latency) {
        for (std::size_t i = 0; i < kBucketsMs.size(); ++i) {
            out << "skolvag_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBucketsMs[i] / 1000.0
                << "\"} " << h.buckets[i] << "\n";
        }
        out << "skolvag_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count << "\n"
            << "skolvag_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum_seconds << "\n"
            << "skolvag_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
    }
    out << "# HELP skolvag_tokens Tokens held in the vault.\n# TYPE skolvag_tokens gauge\nskolvag_tokens " << tokens_held
        << "\n";
    return out.str();
}

} // namespace skolvag::api
