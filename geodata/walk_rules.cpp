// SPDX-License-Identifier: MIT
#include "geodata/walk_rules.hpp"

namespace skolvag::geodata {

DefaultSpeeds example_default_maxspeed() {
    DefaultSpeeds s{};
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
    // §8: roads never walked but crossed; a rules file may name them, need not.
    set(HighwayClass::motorway, 110);
    set(HighwayClass::motorway_link, 70);
    return s;
}

} // namespace skolvag::geodata
