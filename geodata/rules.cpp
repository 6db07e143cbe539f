// SPDX-License-Identifier: MIT
#include "geodata/rules.hpp"

#include "geodata/errors.hpp"
#include "geodata/input_file.hpp"

#include "geodata/toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace skolvag::geodata {

namespace {

using RulesReader = TomlReader;

Band parse_band(const RulesReader& r, const toml::table& t, std::size_t index) {
    const std::string context = " in [[band]] number " + std::to_string(index + 1);
    r.reject_unknown_keys(t, {"name", "grades", "threshold_m", "max_speed_without_sidewalk"}, context);
    Band band;
    if (const toml::node* n = t.get("name")) {
        band.name = r.string(*n, "name");
        if (band.name.empty()) {
            r.fail(n->source(), "'name' must not be empty" + context);
        }
    } else {
        r.fail(t.source(), "missing key 'name'" + context);
    }
    if (const toml::node* n = t.get("threshold_m")) {
        band.threshold_m = r.number(*n, "threshold_m", false);
    } else {
        r.fail(t.source(), "missing key 'threshold_m'" + context + " ('" + band.name + "')");
    }
    if (const toml::node* n = t.get("max_speed_without_sidewalk")) {
        band.max_speed_without_sidewalk_kmh = r.number(*n, "max_speed_without_sidewalk", true);
    }
    if (const toml::node* n = t.get("grades")) {
        const toml::array* grades = n->as_array();
        if (grades == nullptr) {
            r.fail(n->source(), "'grades' must be an array of strings" + context);
        }
        for (const toml::node& g : *grades) {
            std::string grade = r.string(g, "grades");
            const auto& known = known_grades();
            if (std::find(known.begin(), known.end(), grade) == known.end()) {
                r.fail(g.source(), "unknown grade '" + grade + "' in 'grades'" + context +
                                       " (known: F, 1-9, gy1-gy4)");
            }
            band.grades.push_back(std::move(grade));
        }
    }
    return band;
}

std::array<double, kHighwayClassCount> parse_default_maxspeed(const RulesReader& r, const toml::table& t) {
    std::array<double, kHighwayClassCount> speeds = example_default_maxspeed();
    std::vector<bool> seen(kHighwayClassCount, false);
    for (auto&& [key, value] : t) {
        const std::optional<HighwayClass> cls = highway_class_from_osm(key.str());
        if (!cls || !carries_motor_traffic(*cls)) {
            r.fail(key.source(), "unknown key '" + std::string(key.str()) +
                                     "' in [default_maxspeed] (expected a motor-traffic highway class)");
        }
        speeds[static_cast<std::size_t>(*cls)] = r.number(value, "default_maxspeed." + std::string(key.str()), false);
        seen[static_cast<std::size_t>(*cls)] = true;
    }
    // §7: a table that lacks a motor-traffic class is an error naming it.
    for (std::size_t c = 0; c < kHighwayClassCount; ++c) {
        const auto cls = static_cast<HighwayClass>(c);
        if (carries_motor_traffic(cls) && !seen[c]) {
            r.fail(t.source(), "[default_maxspeed] lacks '" + std::string(to_string(cls)) + "'");
        }
    }
    return speeds;
}

} // namespace

const std::vector<std::string>& known_grades() {
    static const std::vector<std::string> grades = {"F", "1", "2", "3", "4", "5", "6", "7", "8",
                                                    "9", "gy1", "gy2", "gy3", "gy4"};
    return grades;
}

std::array<double, kHighwayClassCount> example_default_maxspeed() {
    std::array<double, kHighwayClassCount> s{};
    s.fill(0.0); // non-motor classes never use a speed
    auto set = [&](HighwayClass c, double kmh) { s[static_cast<std::size_t>(c)] = kmh; };
    set(HighwayClass::living_street, 7);
    for (HighwayClass c : {HighwayClass::residential, HighwayClass::service, HighwayClass::unclassified,
                           HighwayClass::road, HighwayClass::tertiary, HighwayClass::tertiary_link}) {
        set(c, 50);
    }
    for (HighwayClass c : {HighwayClass::secondary, HighwayClass::secondary_link, HighwayClass::primary,
                           HighwayClass::primary_link, HighwayClass::trunk, HighwayClass::trunk_link}) {
        set(c, 70);
    }
    return s;
}

Rules default_rules() {
    Rules rules;
    rules.default_maxspeed_kmh = example_default_maxspeed();
    return rules;
}

Rules example_rules() {
    Rules rules = default_rules();
    rules.name = "walking-network.md section 6 example";
    rules.bands = {
        {"F-3", {"F", "1", "2", "3"}, 2000.0, 50.0},
        {"4-6", {"4", "5", "6"}, 3000.0, 60.0},
        {"7-9", {"7", "8", "9"}, 4000.0, 70.0},
        {"gy", {"gy1", "gy2", "gy3", "gy4"}, 6000.0, std::nullopt},
    };
    return rules;
}

const Band* Rules::find_band(std::string_view band_name) const noexcept {
    for (const Band& b : bands) {
        if (b.name == band_name) {
            return &b;
        }
    }
    return nullptr;
}

const Band* Rules::band_for_grade(std::string_view grade) const noexcept {
    for (const Band& b : bands) {
        if (std::find(b.grades.begin(), b.grades.end(), grade) != b.grades.end()) {
            return &b;
        }
    }
    return nullptr;
}

bool Rules::reaches_threshold(double distance_m, double threshold_m) const noexcept {
    return comparison == Comparison::at_least ? distance_m >= threshold_m : distance_m > threshold_m;
}

Rules parse_rules(std::string_view toml_text, const std::string& source_name) {
    const RulesReader r(source_name);
    const toml::table root = r.parse(toml_text);

    r.reject_unknown_keys(root,
                          {"name", "comparison", "include_access_legs", "max_snap_m", "min_component_m",
                           "default_maxspeed", "band"},
                          "");
    Rules rules = default_rules();
    if (const toml::node* n = root.get("name")) {
        rules.name = r.string(*n, "name");
    } else {
        r.fail(toml::source_region{}, "missing key 'name' (the rule set's name, recorded with every result)");
    }
    if (const toml::node* n = root.get("comparison")) {
        const std::string c = r.string(*n, "comparison");
        if (c == "at_least") {
            rules.comparison = Comparison::at_least;
        } else if (c == "more_than") {
            rules.comparison = Comparison::more_than;
        } else {
            r.fail(n->source(), "'comparison' must be \"at_least\" or \"more_than\"");
        }
    }
    if (const toml::node* n = root.get("include_access_legs")) {
        rules.include_access_legs = r.boolean(*n, "include_access_legs");
    }
    if (const toml::node* n = root.get("max_snap_m")) {
        rules.max_snap_m = r.number(*n, "max_snap_m", true);
    }
    if (const toml::node* n = root.get("min_component_m")) {
        rules.min_component_m = r.number(*n, "min_component_m", true);
    }
    if (const toml::node* n = root.get("default_maxspeed")) {
        const toml::table* t = n->as_table();
        if (t == nullptr) {
            r.fail(n->source(), "'default_maxspeed' must be a table");
        }
        rules.default_maxspeed_kmh = parse_default_maxspeed(r, *t);
    }
    if (const toml::node* n = root.get("band")) {
        const toml::array* bands = n->as_array();
        if (bands == nullptr || (!bands->empty() && !bands->is_array_of_tables())) {
            r.fail(n->source(), "'band' must be an array of tables ([[band]])");
        }
        std::set<std::string> grade_seen;
        for (std::size_t i = 0; i < bands->size(); ++i) {
            const toml::table& t = *bands->get(i)->as_table();
            Band band = parse_band(r, t, i);
            if (rules.find_band(band.name) != nullptr) {
                r.fail(t.source(), "band name '" + band.name + "' is used twice");
            }
            for (const std::string& g : band.grades) {
                if (!grade_seen.insert(g).second) {
                    r.fail(t.source(), "grade '" + g + "' is in more than one band (band '" + band.name + "')");
                }
            }
            rules.bands.push_back(std::move(band));
        }
    }
    return rules;
}

Rules load_rules(const std::string& path) { return parse_rules(read_input_file(path, "rules file"), path); }

} // namespace skolvag::geodata
