// SPDX-License-Identifier: MIT
#include "geodata/text/decimal.hpp"

#include "geodata/text/trim.hpp"

#include <charconv>
#include <cmath>

namespace skolvag::geodata {

std::optional<double> parse_decimal(std::string_view text) noexcept {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    // A decimal comma, as Swedish spreadsheets write numbers: read as the point it stands for.
    char buf[64];
    const std::size_t comma = text.find(',');
    if (comma != std::string_view::npos && text.find(',', comma + 1) == std::string_view::npos &&
        text.find('.') == std::string_view::npos && text.size() < sizeof buf) {
        text.copy(buf, text.size());
        buf[comma] = '.';
        text = std::string_view(buf, text.size());
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<long long> parse_whole_number(std::string_view text) noexcept {
    text = trim(text);
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace skolvag::geodata
