// SPDX-License-Identifier: MIT
// Per-client rate limits (a token bucket each): exact distances to several schools
// could locate a home, so no client may ask without limit.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace skolvag::api {

class RateLimiter {
public:
    /**
     * Takes one request from the client's bucket, which refills at rate_per_minute and
     * holds at most one minute's worth.
     * @returns 0 when allowed, else the whole seconds to wait (for Retry-After).
     */
    int take(const std::string& client, double rate_per_minute);

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point last;
    };
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets;
};

} // namespace skolvag::api
