// SPDX-License-Identifier: MIT
// A municipality's rules for preliminary decisions (walking-network.md §5, §6): the
// rule set's name, how a distance is compared with a threshold, the walking settings
// the network needs, and the grade bands with their thresholds and safety limits.
#pragma once

#include "api/eligibility/grades.hpp"
#include "geodata/municipal_area.hpp"
#include "geodata/walk_rules.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

/// How a distance is compared with a band's threshold.
enum class Comparison { at_least, more_than };

/** True when distance_m reaches threshold_m under the comparison. */
bool reaches_threshold(Comparison comparison, double distance_m, double threshold_m) noexcept;

struct Band {
    std::string name;
    GradeSet grades;
    double threshold_m = 0.0;
    geodata::BandSafety safety;
    /// §11: the longest safe walk from a home to an assigned pick-up stop; nullopt: no limit.
    std::optional<double> max_stop_distance_m;
};

struct Rules {
    std::string name = "skolvag defaults";
    Comparison comparison = Comparison::at_least;
    geodata::WalkRules walking;
    std::vector<Band> bands;
    std::vector<geodata::LayerSource> layers; ///< the [[layer]] entries (§9), read into the bands' safety
    /// SHA-256 of the rules file's bytes followed by every layer file's, in the order
    /// the rules name them (§9); empty for rules not read from a file.
    std::string sha256;

    /** The band with this name, or nullptr. */
    const Band* find_band(std::string_view band_name) const noexcept;
    /** The index of the band teaching this grade, or nullopt. */
    std::optional<std::size_t> band_of(Grade grade) const noexcept;
};

/** The whole example of §6: its settings and the bands F-3, 4-6, 7-9 and gy, with the crossing limits §11 gives them. */
Rules example_rules();

} // namespace skolvag::api
