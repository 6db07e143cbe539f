// SPDX-License-Identifier: MIT
#include "api/server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace skolvag::api {

int RateLimiter::take(const std::string& client, double rate_per_minute) {
    const auto now = std::chrono::steady_clock::now();
    const double per_second = rate_per_minute / 60.0;
    const double capacity = std::max(1.0, rate_per_minute); // a minute's worth at most
    const std::lock_guard<std::mutex> lock(m_mutex);
    auto [it, added] = m_buckets.try_emplace(client, Bucket{capacity, now});
    Bucket& b = it->second;
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity, b.tokens + elapsed * per_second);
    b.last = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second)));
}

} // namespace skolvag::api
