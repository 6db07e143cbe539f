// SPDX-License-Identifier: MIT
// Coordinates in the Swedish grid and what counts as a CRS definition.
#include "geodata/errors.hpp"
#include "geodata/projection.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;

TEST(Projection, ASweref99TmPointLandsOnItsWgs84TwinInGisAxisOrder) {
    // The same home given both ways in the README's serve example.
    const Projection to_wgs84(kSweref99Tm, kWgs84);
    const auto p = to_wgs84.transform(470874.8906, 6462378.5330);
    ASSERT_TRUE(p.has_value());
    EXPECT_NEAR(p->first, 14.5030805, 1e-7);  // x = longitude
    EXPECT_NEAR(p->second, 58.3014388, 1e-7); // y = latitude
    EXPECT_FALSE(is_geographic_crs(kSweref99Tm));
    EXPECT_TRUE(is_geographic_crs(kWgs84));
}

TEST(Projection, CodesUrnsWktAndProjStringsAreAcceptedNamesAreNot) {
    EXPECT_NO_THROW(check_crs_definition("EPSG:3006"));
    EXPECT_NO_THROW(check_crs_definition("urn:ogc:def:crs:EPSG::3006"));
    EXPECT_NO_THROW(check_crs_definition("+proj=utm +zone=33 +ellps=GRS80 +units=m +type=crs"));
    EXPECT_NO_THROW(check_crs_definition(R"(GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]])"));
    // A name would send PROJ searching its database, and it could pick another CRS.
    for (const char* name : {"SWEREF99 TM", "WGS 84", "", "EPSG 3006", "EPSG:3006; DROP"}) {
        try {
            check_crs_definition(name);
            ADD_FAILURE() << "accepted '" << name << "'";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("AUTHORITY:CODE"), std::string::npos) << e.what();
        }
    }
    EXPECT_TRUE(is_crs_code("EPSG:3006"));
    EXPECT_FALSE(is_crs_code("+proj=utm +zone=33"));
    EXPECT_THROW(Projection("SWEREF99 TM", kWgs84), InputError);
}

TEST(Projection, AnUnknownCodeIsAnErrorNamingIt) {
    try {
        Projection("EPSG:999999", kWgs84);
        FAIL() << "EPSG:999999 was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("EPSG:999999"), std::string::npos) << e.what();
    }
}
