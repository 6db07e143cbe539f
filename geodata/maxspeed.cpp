// SPDX-License-Identifier: MIT
#include "geodata/maxspeed.hpp"

#include "geodata/text/trim.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace skolvag::geodata {

namespace {

struct SymbolicSpeed {
    std::string_view symbol;
    double kmh;
};

// walking-network.md §4. Reference: https://wiki.openstreetmap.org/wiki/Key:maxspeed
constexpr std::array<SymbolicSpeed, 5> kSymbols{{
    {"SE:urban", 50.0},
    {"SE:rural", 70.0},
    {"SE:motorway", 110.0},
    {"walk", 7.0},
    {"none", 130.0},
}};

constexpr double kKmhPerMph = 1.609344;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A plain decimal number: digits, optionally '.' and more digits. No sign, no exponent.
std::optional<double> parse_plain_number(std::string_view s) {
    const auto dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (whole.empty() || !std::all_of(whole.begin(), whole.end(), is_digit)) {
        return std::nullopt;
    }
    if (dot != std::string_view::npos &&
        (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit))) {
        return std::nullopt;
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_single(std::string_view s) {
    s = trim(s);
    for (const SymbolicSpeed& sym : kSymbols) {
        if (s == sym.symbol) {
            return sym.kmh;
        }
    }
    constexpr std::string_view kMph = "mph";
    if (s.size() > kMph.size() && s.substr(s.size() - kMph.size()) == kMph) {
        if (auto mph = parse_plain_number(trim(s.substr(0, s.size() - kMph.size())))) {
            return *mph * kKmhPerMph;
        }
        return std::nullopt;
    }
    return parse_plain_number(s);
}

} // namespace

std::optional<double> parse_maxspeed_kmh(std::string_view value) {
    std::optional<double> best;
    std::size_t start = 0;
    for (;;) {
        const auto sep = value.find(';', start);
        const std::string_view element = value.substr(start, sep == std::string_view::npos ? value.npos : sep - start);
        if (auto kmh = parse_single(element)) {
            best = best ? std::max(*best, *kmh) : *kmh;
        }
        if (sep == std::string_view::npos) {
            return best;
        }
        start = sep + 1;
    }
}

std::vector<std::string> maxspeed_rows() {
    std::vector<std::string> rows;
    char text[64];
    for (const SymbolicSpeed& sym : kSymbols) {
        std::snprintf(text, sizeof text, "%.*s %.17g", static_cast<int>(sym.symbol.size()), sym.symbol.data(), sym.kmh);
        rows.emplace_back(text);
    }
    std::snprintf(text, sizeof text, "mph %.17g", kKmhPerMph);
    rows.emplace_back(text);
    return rows;
}

std::optional<double> tagged_maxspeed_kmh(const char* maxspeed, const char* forward, const char* backward) {
    if (maxspeed != nullptr) {
        return parse_maxspeed_kmh(maxspeed);
    }
    std::optional<double> fwd = forward != nullptr ? parse_maxspeed_kmh(forward) : std::nullopt;
    std::optional<double> bwd = backward != nullptr ? parse_maxspeed_kmh(backward) : std::nullopt;
    if (fwd && bwd) {
        return std::max(*fwd, *bwd);
    }
    return fwd ? fwd : bwd;
}

} // namespace skolvag::geodata
