// SPDX-License-Identifier: MIT
// The outcome of a preliminary decision, and its name in files and answers.
#pragma once

#include <optional>
#include <string_view>

namespace skolvag::api {

enum class Outcome { eligible_distance, eligible_traffic, not_eligible, not_on_network, invalid_input };

/** "eligible_distance", ... as written in decisions files and API answers. */
std::string_view to_string(Outcome o) noexcept;

/** The outcome with this name; nullopt for any other text. */
std::optional<Outcome> parse_outcome(std::string_view name) noexcept;

} // namespace skolvag::api
