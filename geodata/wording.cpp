// SPDX-License-Identifier: MIT
#include "geodata/wording.hpp"

namespace skolvag::geodata {

namespace {

constexpr Phrases kEnglish{
    "OSM way",
    " by default",
    ", sidewalk",
    ", no sidewalk",
    "along ",
    "crossing ",
    "crossing in the municipality's unsafe area: ",
    "in the municipality's unsafe area: ",
    "unlit (lit=no)",
    "not tagged as lit (unlit_when_untagged)",
    "faster than ",
    " km/h without a sidewalk",
    "signalled crossing",
    "marked crossing",
    "unmarked crossing",
    ": faster than the band may cross",
};

constexpr Phrases kSwedish{
    "OSM-väg",
    " (standardvärde)",
    ", trottoar",
    ", ingen trottoar",
    "längs ",
    "passage över ",
    "passage i kommunens trafikfarliga område: ",
    "i kommunens trafikfarliga område: ",
    "obelyst (lit=no)",
    "inte märkt som belyst (unlit_when_untagged)",
    "snabbare än ",
    " km/h utan trottoar",
    "signalreglerad passage",
    "markerat övergångsställe",
    "omarkerad passage",
    ": snabbare än åldersgruppen får korsa",
};

} // namespace

const Phrases& phrases(Wording w) noexcept { return w == Wording::sv ? kSwedish : kEnglish; }

std::string_view control_words(CrossingControl c, Wording w) noexcept {
    const Phrases& p = phrases(w);
    switch (c) {
    case CrossingControl::signalled: return p.signalled;
    case CrossingControl::marked: return p.marked;
    case CrossingControl::unmarked: return p.unmarked;
    }
    return p.unmarked;
}

} // namespace skolvag::geodata
