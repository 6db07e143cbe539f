// SPDX-License-Identifier: MIT
#include "api/eligibility/rules_file.hpp"

#include "geodata/errors.hpp"
#include "geodata/input_file.hpp"
#include "geodata/sha256.hpp"
#include "geodata/toml_reader.hpp"

#include <algorithm>
#include <filesystem>

namespace skolvag::api {

namespace {

using geodata::TomlReader;

std::string parse_band_name(const TomlReader& r, const toml::table& t, const std::string& context) {
    const toml::node* n = t.get("name");
    if (n == nullptr) {
        r.fail(t.source(), "missing key 'name'" + context);
    }
    std::string name = r.string(*n, "name");
    if (name.empty()) {
        r.fail(n->source(), "'name' must not be empty" + context);
    }
    return name;
}

GradeSet parse_band_grades(const TomlReader& r, const toml::node& n, const std::string& context) {
    const toml::array* grades = n.as_array();
    if (grades == nullptr) {
        r.fail(n.source(), "'grades' must be an array of strings" + context);
    }
    GradeSet set;
    for (const toml::node& g : *grades) {
        const std::string name = r.string(g, "grades");
        const std::optional<Grade> grade = parse_grade(name);
        if (!grade) {
            r.fail(g.source(), "unknown grade '" + name + "' in 'grades'" + context + " (known: " +
                                   known_grades_text() + ")");
        }
        if (set.test(grade->rank)) {
            r.fail(g.source(), "grade '" + name + "' is listed twice in 'grades'" + context);
        }
        set.set(grade->rank);
    }
    return set;
}

/// §8, §11: max_speed_crossing and max_speed_crossing_marked (>= it; defaults to it,
/// ignored without max_speed_crossing).
void parse_band_crossing(const TomlReader& r, const toml::table& t, const std::string& context,
                         geodata::BandSafety& safety) {
    if (const toml::node* n = t.get("max_speed_crossing")) {
        safety.max_speed_crossing_kmh = r.number(*n, "max_speed_crossing", true);
    }
    const toml::node* marked = t.get("max_speed_crossing_marked");
    if (marked == nullptr || !safety.max_speed_crossing_kmh) {
        safety.max_speed_crossing_marked_kmh = safety.max_speed_crossing_kmh;
        return;
    }
    safety.max_speed_crossing_marked_kmh = r.number(*marked, "max_speed_crossing_marked", true);
    if (*safety.max_speed_crossing_marked_kmh < *safety.max_speed_crossing_kmh) {
        r.fail(marked->source(), "'max_speed_crossing_marked' must be at least 'max_speed_crossing'" + context);
    }
}

Band parse_band(const TomlReader& r, const toml::table& t, std::size_t index) {
    const std::string context = " in [[band]] number " + std::to_string(index + 1);
    r.reject_unknown_keys(t,
                          {"name", "grades", "threshold_m", "max_speed_without_sidewalk", "max_speed_crossing",
                           "max_speed_crossing_marked", "require_lit", "max_stop_distance_m"},
                          context);
    Band band;
    band.name = parse_band_name(r, t, context);
    if (const toml::node* n = t.get("threshold_m")) {
        band.threshold_m = r.number(*n, "threshold_m", false);
    } else {
        r.fail(t.source(), "missing key 'threshold_m'" + context + " ('" + band.name + "')");
    }
    if (const toml::node* n = t.get("max_speed_without_sidewalk")) {
        band.safety.max_speed_without_sidewalk_kmh = r.number(*n, "max_speed_without_sidewalk", true);
    }
    if (const toml::node* n = t.get("grades")) {
        band.grades = parse_band_grades(r, *n, context);
    }
    parse_band_crossing(r, t, context, band.safety);
    if (const toml::node* n = t.get("require_lit")) {
        band.safety.require_lit = r.boolean(*n, "require_lit");
    }
    if (const toml::node* n = t.get("max_stop_distance_m")) {
        band.max_stop_distance_m = r.number(*n, "max_stop_distance_m", false);
    }
    return band;
}

/// Every band of the file; names are unique and a grade is in one band at most.
std::vector<Band> parse_bands(const TomlReader& r, const toml::node& n) {
    const toml::array* array = n.as_array();
    if (array == nullptr || (!array->empty() && !array->is_array_of_tables())) {
        r.fail(n.source(), "'band' must be an array of tables ([[band]])");
    }
    std::vector<Band> bands;
    GradeSet taken;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::table& t = *array->get(i)->as_table();
        Band band = parse_band(r, t, i);
        if (std::any_of(bands.begin(), bands.end(), [&](const Band& b) { return b.name == band.name; })) {
            r.fail(t.source(), "band name '" + band.name + "' is used twice");
        }
        if (const GradeSet twice = taken & band.grades; twice.any()) {
            r.fail(t.source(), "grade '" + grade_list(twice).front() + "' is in more than one band (band '" +
                                   band.name + "')");
        }
        taken |= band.grades;
        bands.push_back(std::move(band));
    }
    return bands;
}

geodata::DefaultSpeeds parse_default_maxspeed(const TomlReader& r, const toml::table& t) {
    geodata::DefaultSpeeds speeds = geodata::example_default_maxspeed();
    std::vector<bool> seen(geodata::kHighwayClassCount, false);
    for (auto&& [key, value] : t) {
        const std::optional<geodata::HighwayClass> cls = geodata::highway_class_from_osm(key.str());
        if (!cls || !geodata::carries_motor_traffic(*cls)) {
            r.fail(key.source(), "unknown key '" + std::string(key.str()) +
                                     "' in [default_maxspeed] (expected a motor-traffic highway class, or "
                                     "motorway or motorway_link)");
        }
        speeds[static_cast<std::size_t>(*cls)] = r.number(value, "default_maxspeed." + std::string(key.str()), false);
        seen[static_cast<std::size_t>(*cls)] = true;
    }
    // §7: a table that lacks a walkable motor-traffic class is an error naming it;
    // motorway and motorway_link (never walked, only crossed) keep 110 and 70 (§8).
    for (std::size_t c = 0; c < geodata::kHighwayClassCount; ++c) {
        const auto cls = static_cast<geodata::HighwayClass>(c);
        if (geodata::carries_motor_traffic(cls) && geodata::is_walkable_class(cls) && !seen[c]) {
            r.fail(t.source(), "[default_maxspeed] lacks '" + std::string(geodata::to_string(cls)) + "'");
        }
    }
    return speeds;
}

Comparison parse_comparison(const TomlReader& r, const toml::node& n) {
    const std::string c = r.string(n, "comparison");
    if (c == "at_least") {
        return Comparison::at_least;
    }
    if (c != "more_than") {
        r.fail(n.source(), "'comparison' must be \"at_least\" or \"more_than\"");
    }
    return Comparison::more_than;
}

/// The keys of the walking network: snapping, islands, access legs, default speeds.
geodata::WalkRules parse_walking(const TomlReader& r, const toml::table& root) {
    geodata::WalkRules w;
    if (const toml::node* n = root.get("include_access_legs")) {
        w.include_access_legs = r.boolean(*n, "include_access_legs");
    }
    if (const toml::node* n = root.get("max_snap_m")) {
        w.max_snap_m = r.number(*n, "max_snap_m", true);
    }
    if (const toml::node* n = root.get("min_component_m")) {
        w.min_component_m = r.number(*n, "min_component_m", true);
    }
    if (const toml::node* n = root.get("unlit_when_untagged")) {
        w.unlit_when_untagged = r.boolean(*n, "unlit_when_untagged");
    }
    if (const toml::node* n = root.get("default_maxspeed")) {
        const toml::table* t = n->as_table();
        if (t == nullptr) {
            r.fail(n->source(), "'default_maxspeed' must be a table");
        }
        w.default_maxspeed_kmh = parse_default_maxspeed(r, *t);
    }
    return w;
}

std::size_t band_index(const TomlReader& r, const toml::node& n, const std::vector<Band>& bands,
                       const std::string& context) {
    const std::string name = r.string(n, "bands");
    for (std::size_t b = 0; b < bands.size(); ++b) {
        if (bands[b].name == name) {
            return b;
        }
    }
    r.fail(n.source(), "unknown band '" + name + "' in 'bands'" + context);
}

geodata::LayerSource parse_layer(const TomlReader& r, const toml::table& t, std::size_t index, const std::vector<Band>& bands,
                       const std::filesystem::path& folder) {
    const std::string context = " in [[layer]] number " + std::to_string(index + 1);
    r.reject_unknown_keys(t, {"file", "layer", "kind", "bands"}, context);
    geodata::LayerSource layer;
    const toml::node* file = t.get("file");
    if (file == nullptr) {
        r.fail(t.source(), "missing key 'file'" + context);
    }
    const std::filesystem::path path = r.string(*file, "file");
    if (path.empty()) {
        r.fail(file->source(), "'file' must not be empty" + context);
    }
    layer.path = (path.is_absolute() ? path : folder / path).string();
    if (const toml::node* n = t.get("layer")) {
        layer.layer = r.string(*n, "layer");
    }
    const toml::node* kind = t.get("kind");
    if (kind == nullptr) {
        r.fail(t.source(), "missing key 'kind' (\"unsafe\" or \"safe\")" + context);
    }
    const std::string k = r.string(*kind, "kind");
    if (k != "unsafe" && k != "safe") {
        r.fail(kind->source(), "'kind' must be \"unsafe\" or \"safe\"" + context);
    }
    layer.unsafe = k == "unsafe";
    if (const toml::node* n = t.get("bands")) {
        const toml::array* names = n->as_array();
        if (names == nullptr) {
            r.fail(n->source(), "'bands' must be an array of band names" + context);
        }
        for (const toml::node& name : *names) {
            layer.bands.push_back(band_index(r, name, bands, context));
        }
    } else {
        for (std::size_t b = 0; b < bands.size(); ++b) {
            layer.bands.push_back(b);
        }
    }
    // A layer is a file of the rule set: hashed and read whole, so never a device or a pipe.
    std::error_code error;
    if (!std::filesystem::is_regular_file(layer.path, error)) {
        r.fail(file->source(), "layer file '" + layer.path + "' is not a readable file" + context);
    }
    return layer;
}

std::vector<geodata::LayerSource> parse_layers(const TomlReader& r, const toml::node& n, const std::vector<Band>& bands,
                                     const std::string& source_name) {
    const toml::array* array = n.as_array();
    if (array == nullptr || (!array->empty() && !array->is_array_of_tables())) {
        r.fail(n.source(), "'layer' must be an array of tables ([[layer]])");
    }
    const std::filesystem::path folder = std::filesystem::path(source_name).parent_path();
    std::vector<geodata::LayerSource> layers;
    for (std::size_t i = 0; i < array->size(); ++i) {
        layers.push_back(parse_layer(r, *array->get(i)->as_table(), i, bands, folder));
    }
    return layers;
}

/// §9: SHA-256 over the rules file's bytes, then each layer file's, in the rules' order.
std::string rules_sha256(const std::string& text, const std::vector<geodata::LayerSource>& layers) {
    std::string bytes = text;
    for (const geodata::LayerSource& layer : layers) {
        bytes += geodata::read_input_file(layer.path, "layer file");
    }
    return geodata::sha256_hex(bytes);
}

/// §9: every layer's polygons, each given to the safety of the bands it applies to.
void read_layers(Rules& rules) {
    std::vector<std::string> band_names;
    for (const Band& b : rules.bands) {
        band_names.push_back(b.name);
    }
    for (const geodata::LayerSource& layer : rules.layers) {
        for (geodata::MunicipalArea& area : geodata::read_municipal_layer(layer, band_names)) {
            const auto shared = std::make_shared<const geodata::MunicipalArea>(std::move(area));
            for (const std::size_t b : shared->bands) {
                rules.bands[b].safety.areas.push_back(shared);
            }
        }
    }
}

} // namespace

Rules parse_rules(std::string_view toml_text, const std::string& source_name) {
    const TomlReader r(source_name);
    const toml::table root = r.parse(toml_text);
    r.reject_unknown_keys(root,
                          {"name", "comparison", "include_access_legs", "max_snap_m", "min_component_m",
                           "default_maxspeed", "band", "unlit_when_untagged", "layer"},
                          "");
    Rules rules;
    if (const toml::node* n = root.get("name")) {
        rules.name = r.string(*n, "name");
    } else {
        r.fail(toml::source_region{}, "missing key 'name' (the rule set's name, recorded with every result)");
    }
    if (const toml::node* n = root.get("comparison")) {
        rules.comparison = parse_comparison(r, *n);
    }
    rules.walking = parse_walking(r, root);
    if (const toml::node* n = root.get("band")) {
        rules.bands = parse_bands(r, *n);
    }
    if (const toml::node* n = root.get("layer")) {
        rules.layers = parse_layers(r, *n, rules.bands, source_name);
        read_layers(rules);
    }
    return rules;
}

Rules load_rules(const std::string& path) {
    const std::string text = geodata::read_input_file(path, "rules file");
    Rules rules = parse_rules(text, path);
    rules.sha256 = rules_sha256(text, rules.layers);
    return rules;
}

} // namespace skolvag::api
