// SPDX-License-Identifier: MIT
#include "geodata/walk_profile.hpp"

#include <osmium/tags/taglist.hpp>

#include "geodata/maxspeed.hpp"

#include <initializer_list>
#include <string_view>

namespace skolvag::geodata {

namespace {

enum class Verdict : std::uint8_t { allow, deny };

/// One row of a first-match-decides tag table: when tags[key] is one of values.
struct TagRule {
    const char* key;
    std::initializer_list<std::string_view> values;
    Verdict verdict;
};

bool has_value(const osmium::TagList& tags, const char* key, std::initializer_list<std::string_view> values) {
    const char* v = tags.get_value_by_key(key);
    if (v == nullptr) {
        return false;
    }
    for (std::string_view candidate : values) {
        if (candidate == v) {
            return true;
        }
    }
    return false;
}

/// The first matching rule's verdict, or fallback when none matches.
Verdict first_match(const osmium::TagList& tags, std::initializer_list<TagRule> rules, Verdict fallback) {
    for (const TagRule& rule : rules) {
        if (has_value(tags, rule.key, rule.values)) {
            return rule.verdict;
        }
    }
    return fallback;
}

// §1 exclusions, in order (§7: first rule that applies decides). The highway table
// (highway_class.cpp) is consulted before these, so a motorway stays unwalkable
// whatever foot says. area=yes never removes a way: its outline is walked.
// Reference: https://wiki.openstreetmap.org/wiki/Key:access
const std::initializer_list<TagRule> kWayAccessRules = {
    {"foot", {"no", "private", "use_sidepath"}, Verdict::deny},
    {"foot", {"yes", "designated", "permissive"}, Verdict::allow},
    {"access", {"no", "private"}, Verdict::deny},
    {"motorroad", {"yes"}, Verdict::deny},
};

// §1 barriers, read on nodes that carry a barrier tag. A deny cuts the way there.
// Reference: https://wiki.openstreetmap.org/wiki/Key:barrier
const std::initializer_list<TagRule> kBarrierRules = {
    {"barrier", {"wall", "fence", "hedge", "retaining_wall", "city_wall", "ditch", "guard_rail"}, Verdict::deny},
    {"locked", {"yes"}, Verdict::deny},
    {"foot", {"no", "private"}, Verdict::deny},
    {"foot", {"yes", "designated", "permissive"}, Verdict::allow},
    {"access", {"no", "private"}, Verdict::deny},
};

// §7: only these oneway:foot values give a way a walking direction.
struct DirectionRow {
    std::string_view value;
    WalkDirection direction;
};
constexpr DirectionRow kOnewayFoot[] = {
    {"yes", WalkDirection::forward_only},
    {"-1", WalkDirection::backward_only},
};

// §4: a sidewalk is on the way when any of these keys has one of these values.
// `separate` (mapped as its own way) deliberately counts as no sidewalk.
constexpr const char* kSidewalkKeys[] = {"sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"};
const std::initializer_list<std::string_view> kSidewalkPresent = {"yes", "both", "left", "right"};

// §10: only lit=no makes a way unlit; other values (yes, automatic, 24/7, ...) are lit.
constexpr std::string_view kUnlit = "no";

// §8: a node's crossing control; any row that matches decides (signals before markings).
// Reference: https://wiki.openstreetmap.org/wiki/Key:crossing
const std::initializer_list<TagRule> kSignalledCrossing = {
    {"crossing", {"traffic_signals"}, Verdict::allow},
    {"crossing:signals", {"yes"}, Verdict::allow},
    {"highway", {"traffic_signals"}, Verdict::allow},
};
const std::initializer_list<TagRule> kMarkedCrossing = {
    {"crossing", {"marked", "zebra", "uncontrolled"}, Verdict::allow},
    {"crossing_ref", {"zebra"}, Verdict::allow},
};
// ... or crossing:markings with any value but this one.
constexpr std::string_view kNoMarkings = "no";

} // namespace

std::optional<WayProfile> classify_way(const osmium::TagList& tags) {
    const char* highway = tags.get_value_by_key("highway");
    if (highway == nullptr) {
        return std::nullopt;
    }
    const std::optional<HighwayClass> cls = highway_class_from_osm(highway);
    if (!cls || !is_walkable_class(*cls) || first_match(tags, kWayAccessRules, Verdict::allow) == Verdict::deny) {
        return std::nullopt;
    }

    WayProfile p;
    p.highway = *cls;
    if (const char* oneway_foot = tags.get_value_by_key("oneway:foot")) {
        for (const DirectionRow& row : kOnewayFoot) {
            if (row.value == oneway_foot) {
                p.direction = row.direction;
            }
        }
    }
    p.tagged_maxspeed_kmh = tagged_maxspeed_kmh(tags.get_value_by_key("maxspeed"),
                                                tags.get_value_by_key("maxspeed:forward"),
                                                tags.get_value_by_key("maxspeed:backward"));
    for (const char* key : kSidewalkKeys) {
        p.sidewalk = p.sidewalk || has_value(tags, key, kSidewalkPresent);
    }
    if (const char* lit = tags.get_value_by_key("lit")) {
        p.lit = std::string_view(lit) == kUnlit ? LitTag::unlit : LitTag::lit;
    }
    return p;
}

std::optional<RoadProfile> classify_road(const osmium::TagList& tags) {
    const char* highway = tags.get_value_by_key("highway");
    const std::optional<HighwayClass> cls = highway == nullptr ? std::nullopt : highway_class_from_osm(highway);
    if (!cls || !carries_motor_traffic(*cls)) {
        return std::nullopt;
    }
    return RoadProfile{*cls, tagged_maxspeed_kmh(tags.get_value_by_key("maxspeed"),
                                                 tags.get_value_by_key("maxspeed:forward"),
                                                 tags.get_value_by_key("maxspeed:backward"))};
}

CrossingControl crossing_control(const osmium::TagList& tags) {
    for (const TagRule& rule : kSignalledCrossing) {
        if (has_value(tags, rule.key, rule.values)) {
            return CrossingControl::signalled;
        }
    }
    for (const TagRule& rule : kMarkedCrossing) {
        if (has_value(tags, rule.key, rule.values)) {
            return CrossingControl::marked;
        }
    }
    const char* markings = tags.get_value_by_key("crossing:markings");
    return markings != nullptr && std::string_view(markings) != kNoMarkings ? CrossingControl::marked
                                                                             : CrossingControl::unmarked;
}

namespace {

std::vector<std::string> tag_rule_rows(std::initializer_list<TagRule> rules) {
    std::vector<std::string> rows;
    for (const TagRule& rule : rules) {
        std::string row = std::string(rule.key) + " in";
        for (std::string_view v : rule.values) {
            row += " " + std::string(v);
        }
        rows.push_back(row + (rule.verdict == Verdict::deny ? " -> deny" : " -> allow"));
    }
    return rows;
}

std::vector<std::string> direction_rows() {
    std::vector<std::string> rows;
    for (const DirectionRow& row : kOnewayFoot) {
        rows.push_back(std::string(row.value) + " -> " +
                       (row.direction == WalkDirection::forward_only ? "forward only" : "backward only"));
    }
    return rows;
}

std::vector<std::string> sidewalk_rows() {
    std::vector<std::string> rows(std::begin(kSidewalkKeys), std::end(kSidewalkKeys));
    std::string present = "present:";
    for (std::string_view v : kSidewalkPresent) {
        present += " " + std::string(v);
    }
    rows.push_back(present);
    return rows;
}

} // namespace

std::vector<ProfileTable> walk_profile_tables() {
    return {
        {"highway classes (walkable, motor traffic)", highway_class_rows()},
        {"way access, first match decides", tag_rule_rows(kWayAccessRules)},
        {"barriers, first match decides", tag_rule_rows(kBarrierRules)},
        {"oneway:foot", direction_rows()},
        {"sidewalk keys and values", sidewalk_rows()},
        {"maxspeed symbols and units", maxspeed_rows()},
        {"lit", {"no -> unlit", "absent -> untagged", "any other value -> lit"}},
        {"signalled crossing, any match", tag_rule_rows(kSignalledCrossing)},
        {"marked crossing, any match", tag_rule_rows(kMarkedCrossing)},
        {"crossing:markings", {"any value but no -> marked"}},
    };
}

bool is_blocking_barrier(const osmium::TagList& tags) {
    if (tags.get_value_by_key("barrier") == nullptr) {
        return false;
    }
    return first_match(tags, kBarrierRules, Verdict::allow) == Verdict::deny;
}

} // namespace skolvag::geodata
