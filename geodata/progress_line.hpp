// SPDX-License-Identifier: MIT
// A progress line on stderr for long work (graph builds, bulk runs). Quiet for work
// that finishes quickly; redraws in place on a terminal, prints plain lines otherwise.
#pragma once

#include <chrono>
#include <string>

namespace skolvag::geodata {

class ProgressLine {
public:
    /** @param label what is being done, e.g. "reading ways". Never personal data. */
    explicit ProgressLine(std::string label);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /**
     * Reports progress; prints at most a few times a second and only once the work
     * has taken longer than a moment.
     * @param fraction done, 0..1 (negative when unknown)
     * @param detail short counts, e.g. "12,345 ways"
     */
    void update(double fraction, const std::string& detail);

    /** Prints the final line (if anything was printed before) and stops. */
    void finish(const std::string& detail);

private:
    void print(double fraction, const std::string& detail, bool final);

    std::string m_label;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_print;
    bool m_printed = false;
    bool m_finished = false;
    bool m_tty = false;
};

/** 1234567 -> "1,234,567". */
std::string with_thousands(unsigned long long n);

} // namespace skolvag::geodata
