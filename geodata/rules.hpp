// SPDX-License-Identifier: MIT
// Municipal rules (walking-network.md §6): snapping and island settings, default
// speeds per highway class, and grade bands with thresholds and safety limits.
#pragma once

#include "geodata/highway_class.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::geodata {

/// How a distance is compared with a band's threshold.
enum class Comparison { at_least, more_than };

struct Band {
    std::string name;
    std::vector<std::string> grades;   ///< e.g. "F", "1".."9", "gy1".."gy4"
    double threshold_m = 0.0;
    /// A motor-traffic edge faster than this without a sidewalk is unsafe; nullopt:
    /// every walkable edge is safe for the band.
    std::optional<double> max_speed_without_sidewalk_kmh;
};

struct Rules {
    std::string name = "skolvag defaults";
    Comparison comparison = Comparison::at_least;
    bool include_access_legs = false;
    double max_snap_m = 250.0;
    double min_component_m = 1000.0;
    /// km/h for motor-traffic classes without a parsable maxspeed; indexed by HighwayClass.
    std::array<double, kHighwayClassCount> default_maxspeed_kmh{};
    std::vector<Band> bands;

    /** The band with this name, or nullptr. */
    const Band* find_band(std::string_view band_name) const noexcept;
    /** The band teaching this grade, or nullptr. */
    const Band* band_for_grade(std::string_view grade) const noexcept;
    /** True when distance_m reaches threshold_m under the comparison. */
    bool reaches_threshold(double distance_m, double threshold_m) const noexcept;
};

/** Rules used when no rules file is given: §6's example values, no bands. */
Rules default_rules();

/** The whole example of §6: its settings and the bands F-3, 4-6, 7-9 and gy. */
Rules example_rules();

/** The example default_maxspeed table of §6. */
std::array<double, kHighwayClassCount> example_default_maxspeed();

/**
 * Parses a rules file's text.
 * @param source_name the file name used in error messages.
 * @throws InputError naming the key and line for unknown keys, wrong types, a band
 *         without name or threshold, and other invalid values.
 */
Rules parse_rules(std::string_view toml_text, const std::string& source_name);

/** Reads and parses a rules file. @throws InputError naming the file. */
Rules load_rules(const std::string& path);

/** The grades skolvag knows, in school order: F, 1..9, gy1..gy4. */
const std::vector<std::string>& known_grades();

} // namespace skolvag::geodata
