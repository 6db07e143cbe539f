// SPDX-License-Identifier: MIT
// The words a reason is put in: English, as batch notes and the API's `reasons` have
// always been written, or Swedish, as a decision letter (and the case officer's map)
// needs them. Every phrase of a reason is here, once per language; the sentences are
// put together where the reasons are found (band_safety, unsafe_places).
#pragma once

#include "geodata/walk_profile.hpp"

#include <string_view>

namespace skolvag::geodata {

enum class Wording { en, sv };

struct Phrases {
    std::string_view osm_way;             ///< "OSM way": a way's id, as in "primary, OSM way 4711"
    std::string_view by_default;          ///< after a speed that is the highway class's default
    std::string_view sidewalk;            ///< ", sidewalk"
    std::string_view no_sidewalk;         ///< ", no sidewalk"
    std::string_view along;               ///< "along ROAD: WHY"
    std::string_view crossing;            ///< "crossing ROAD, SPEED, CONTROL"
    std::string_view crossing_in_area;    ///< "crossing in the municipality's unsafe area: REASON"
    std::string_view in_area;             ///< "in the municipality's unsafe area: REASON"
    std::string_view unlit;               ///< lit=no under require_lit
    std::string_view not_tagged_lit;      ///< no lit tag under unlit_when_untagged
    std::string_view faster_than;         ///< "faster than " N " km/h without a sidewalk"
    std::string_view without_sidewalk;
    std::string_view signalled;           ///< the crossing's control, as a noun
    std::string_view marked;
    std::string_view unmarked;
    std::string_view too_fast_to_cross;   ///< after "SPEED, CONTROL"
};

/** The phrases of a language. */
const Phrases& phrases(Wording w) noexcept;

/** "signalled crossing", "markerat övergångsställe", …: a crossing's control in words. */
std::string_view control_words(CrossingControl c, Wording w) noexcept;

} // namespace skolvag::geodata
