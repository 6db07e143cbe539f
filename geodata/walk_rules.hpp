// SPDX-License-Identifier: MIT
// What the walking network takes from a municipality's rules (walking-network.md §3,
// §4, §6, §8, §10): snapping and island settings, whether snap distances count, the
// default speed of each road class, lighting, and a band's safety limits, all as plain
// inputs. Bands,
// grades and thresholds are the eligibility's (api/eligibility/rules.hpp).
#pragma once

#include "geodata/highway_class.hpp"
#include "geodata/municipal_area.hpp"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace skolvag::geodata {

/// km/h for each motor-traffic class without a parsable maxspeed; indexed by HighwayClass.
using DefaultSpeeds = std::array<double, kHighwayClassCount>;

/** The example default_maxspeed table of §6 (0 for classes without motor traffic). */
DefaultSpeeds example_default_maxspeed();

struct WalkRules {
    bool include_access_legs = false; ///< add the snap distances to every distance (§3)
    double max_snap_m = 250.0;
    double min_component_m = 1000.0;  ///< smaller components catch no point (§3 islands)
    DefaultSpeeds default_maxspeed_kmh = example_default_maxspeed();
    bool unlit_when_untagged = false; ///< §10: a way without `lit` counts as unlit
};

/// The limits that make an edge or a crossing unsafe for one band (§4, §8, §10).
struct BandSafety {
    /// A motor-traffic edge faster than this without a sidewalk is unsafe; nullopt:
    /// every walkable edge is safe.
    std::optional<double> max_speed_without_sidewalk_kmh;
    /// §8: a road faster than this may not be crossed (unless signalled, or marked and
    /// within the marked limit); nullopt: crossings never restrict the band.
    std::optional<double> max_speed_crossing_kmh = std::nullopt;
    /// §8: the limit at a marked crossing; defaults to max_speed_crossing_kmh.
    std::optional<double> max_speed_crossing_marked_kmh = std::nullopt;
    bool require_lit = false; ///< §10: unlit edges are unsafe
    /// §9: the municipality's polygons that apply to this band, unsafe and safe.
    std::vector<std::shared_ptr<const MunicipalArea>> areas = {};

    /** True when nothing makes an edge or a crossing unsafe for the band. */
    bool restricts_nothing() const noexcept {
        return !max_speed_without_sidewalk_kmh && !max_speed_crossing_kmh && !require_lit && areas.empty();
    }
};

} // namespace skolvag::geodata
