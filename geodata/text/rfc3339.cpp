// SPDX-License-Identifier: MIT
#include "geodata/text/rfc3339.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <regex>

namespace skolvag::geodata {

namespace {

std::string format_utc(std::time_t t, int milliseconds) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, milliseconds);
    return buf;
}

} // namespace

std::string utc_now_rfc3339() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    return format_utc(std::chrono::system_clock::to_time_t(now), static_cast<int>(ms));
}

std::optional<std::string> normalise_rfc3339(const std::string& text) {
    static const std::regex re(R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
    std::smatch m;
    if (!std::regex_match(text, m, re)) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
        return std::nullopt;
    }
    std::time_t t = timegm(&tm);
    const std::string zone = m[8];
    if (zone != "Z" && zone != "z") {
        const int sign = zone[0] == '-' ? -1 : 1;
        t -= sign * (std::stoi(zone.substr(1, 2)) * 3600 + std::stoi(zone.substr(4, 2)) * 60);
    }
    int ms = 0;
    if (m[7].matched) {
        const std::string frac = std::string(m[7]).substr(1) + "000";
        ms = std::stoi(frac.substr(0, 3));
    }
    return format_utc(t, ms);
}

} // namespace skolvag::geodata
