// SPDX-License-Identifier: MIT
#include "geodata/progress_line.hpp"

#include <cstdio>
#include <unistd.h>

namespace skolvag::geodata {

namespace {
using Clock = std::chrono::steady_clock;
// Work shorter than this shows no progress at all, so small runs stay quiet.
constexpr auto kQuietPeriod = std::chrono::milliseconds(500);
// On a terminal the line is redrawn often; in a log file, a line every few seconds.
constexpr auto kTtyInterval = std::chrono::milliseconds(200);
constexpr auto kLogInterval = std::chrono::seconds(5);
} // namespace

std::string with_thousands(unsigned long long n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

ProgressLine::ProgressLine(std::string label)
    : m_label(std::move(label)), m_start(Clock::now()), m_last_print(m_start), m_tty(isatty(STDERR_FILENO) != 0) {}

ProgressLine::~ProgressLine() {
    if (m_printed && !m_finished && m_tty) {
        std::fputc('\n', stderr);
    }
}

void ProgressLine::update(double fraction, const std::string& detail) {
    const auto now = Clock::now();
    if (now - m_start < kQuietPeriod) {
        return;
    }
    if (m_printed && now - m_last_print < (m_tty ? kTtyInterval : kLogInterval)) {
        return;
    }
    m_last_print = now;
    print(fraction, detail, false);
}

void ProgressLine::finish(const std::string& detail) {
    if (m_printed) {
        print(1.0, detail, true);
    }
    m_finished = true;
}

void ProgressLine::print(double fraction, const std::string& detail, bool final) {
    const double seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    char percent[16] = "";
    if (fraction >= 0.0) {
        std::snprintf(percent, sizeof percent, " %3.0f%%", fraction * 100.0);
    }
    std::fprintf(stderr, "%s%s:%s %s (%.1f s)%s", m_tty ? "\r\033[K" : "", m_label.c_str(), percent, detail.c_str(),
                 seconds, (final || !m_tty) ? "\n" : "");
    std::fflush(stderr);
    m_printed = true;
}

} // namespace skolvag::geodata
