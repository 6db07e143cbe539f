// SPDX-License-Identifier: MIT
// A process's memory as Linux counts it (/proc/PID/status), to show that an attack
// does not grow the server: its peak is reset before and read after.
#pragma once

#include <cstddef>

namespace skolvag::testing {

struct ProcessMemory {
    std::size_t resident_kib = 0; ///< VmRSS
    std::size_t peak_kib = 0;     ///< VmHWM: the most resident since the start or the last reset
};

ProcessMemory memory_of(int pid);

/** Sets the peak back to what is resident now (writes 5 to /proc/PID/clear_refs). */
void reset_peak_memory(int pid);

} // namespace skolvag::testing
