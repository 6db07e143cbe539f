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

} // namespace skolvag::api
