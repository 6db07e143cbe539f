// SPDX-License-Identifier: MIT
#include "api/eligibility/outcome.hpp"

#include <array>

namespace skolvag::api {

namespace {

struct OutcomeName {
    Outcome outcome;
    std::string_view name;
};

constexpr std::array<OutcomeName, 5> kNames{{
    {Outcome::eligible_distance, "eligible_distance"},
    {Outcome::eligible_traffic, "eligible_traffic"},
    {Outcome::not_eligible, "not_eligible"},
    {Outcome::not_on_network, "not_on_network"},
    {Outcome::invalid_input, "invalid_input"},
}};

constexpr std::array<std::string_view, 5> kStopNames{"ok", "too_far", "no_safe_route", "not_on_network",
                                                     "invalid_input"}; // in StopOutcome order

} // namespace

std::string_view to_string(Outcome o) noexcept {
    for (const OutcomeName& n : kNames) {
        if (n.outcome == o) {
            return n.name;
        }
    }
    return "invalid_input";
}

std::optional<Outcome> parse_outcome(std::string_view name) noexcept {
    for (const OutcomeName& n : kNames) {
        if (n.name == name) {
            return n.outcome;
        }
    }
    return std::nullopt;
}

bool gets_transport(Outcome o) noexcept { return o == Outcome::eligible_distance || o == Outcome::eligible_traffic; }

std::string_view to_string(StopOutcome o) noexcept { return kStopNames[static_cast<std::size_t>(o)]; }

std::optional<StopOutcome> parse_stop_outcome(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kStopNames.size(); ++i) {
        if (kStopNames[i] == name) {
            return static_cast<StopOutcome>(i);
        }
    }
    return std::nullopt;
}

} // namespace skolvag::api
