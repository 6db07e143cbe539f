// SPDX-License-Identifier: MIT
// The outcome of a preliminary decision and of the walk to a pick-up stop, and their
// names in files and answers.
#pragma once

#include <optional>
#include <string_view>

namespace skolvag::api {

enum class Outcome { eligible_distance, eligible_traffic, not_eligible, not_on_network, invalid_input };

/** "eligible_distance", ... as written in decisions files and API answers. */
std::string_view to_string(Outcome o) noexcept;

/** The outcome with this name; nullopt for any other text. */
std::optional<Outcome> parse_outcome(std::string_view name) noexcept;

/** True for the outcomes that give transport: only those pupils walk to a pick-up stop. */
bool gets_transport(Outcome o) noexcept;

/// The walk from a home to its pick-up stop (stop_assessment.hpp): within the band's
/// max_stop_distance_m, beyond it, no safe walk at all for the band, the stop not on
/// the walking network, or a stop_id the stops file does not have.
enum class StopOutcome { ok, too_far, no_safe_route, not_on_network, invalid_input };

/** "ok", "too_far", ... as written in decisions files and API answers. */
std::string_view to_string(StopOutcome o) noexcept;

/** The stop outcome with this name; nullopt for any other text. */
std::optional<StopOutcome> parse_stop_outcome(std::string_view name) noexcept;

} // namespace skolvag::api
