// SPDX-License-Identifier: MIT
// Peak resident memory of this process (Linux VmHWM), for reports and benchmarks.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

namespace skolvag::api {

/** Peak resident set size in bytes, 0 when /proc is not available. */
inline std::uint64_t peak_memory_bytes() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            std::uint64_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(1 << 12, '\n');
    }
    return 0;
}

} // namespace skolvag::api
