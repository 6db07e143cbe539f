// SPDX-License-Identifier: MIT
#include "tests/support/process_memory.hpp"

#include <fstream>
#include <string>

namespace skolvag::testing {

ProcessMemory memory_of(int pid) {
    ProcessMemory m;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    std::size_t kib = 0;
    std::string unit;
    while (status >> key) {
        if (key == "VmRSS:" && status >> kib >> unit) {
            m.resident_kib = kib;
        } else if (key == "VmHWM:" && status >> kib >> unit) {
            m.peak_kib = kib;
        }
    }
    return m;
}

void reset_peak_memory(int pid) {
    std::ofstream clear("/proc/" + std::to_string(pid) + "/clear_refs");
    clear << "5";
}

} // namespace skolvag::testing
