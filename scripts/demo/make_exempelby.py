#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes Exempelby, the small fictional town skolvag ships for its demo and for
machines without ../shared: exempelby.osm (OSM XML) and exempelby-pairs.csv.

Exempelby lies on the water of lake Vattern, so no real home can be mistaken for it.
Every street, path and school here is invented. Run it again after a change:
    python3 scripts/demo/make_exempelby.py
"""
import math
import os

LAT0, LON0 = 58.30, 14.50          # lake Vattern: nobody lives here
M_PER_DEG_LAT = 111_200.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(LAT0))

HERE = os.path.dirname(os.path.abspath(__file__))

nodes = {}      # name -> (id, lat, lon, tags)
ways = []       # (id, [names], tags)


def node(key, x_m, y_m, **tags):
    nid = 1_000 + len(nodes)
    lat = round(LAT0 + y_m / M_PER_DEG_LAT, 7)
    lon = round(LON0 + x_m / M_PER_DEG_LON, 7)
    nodes[key] = (nid, lat, lon, tags)
    return key


def way(names, **tags):
    ways.append((100 + len(ways), names, {k.replace("__", ":"): v for k, v in tags.items()}))


# A street grid: avenues every 150 m west-east, streets every 120 m south-north.
COLS, ROWS = 9, 7
for i in range(COLS):
    for j in range(ROWS):
        node(f"g{i}_{j}", i * 150.0, j * 120.0)

for j in range(ROWS):
    names = [f"g{i}_{j}" for i in range(COLS)]
    if j == 0:
        # Storgatan: the old main road along the south edge, 70 km/h, no sidewalk.
        way(names, highway="primary", name="Storgatan", maxspeed="70", sidewalk="no")
    elif j == 3:
        # Skolvagen: a collector with sidewalks on both sides.
        way(names, highway="secondary", name="Skolvagen", maxspeed="50", sidewalk="both")
    else:
        way(names, highway="residential", name=f"Gata {j}", maxspeed="30")
for i in range(COLS):
    names = [f"g{i}_{j}" for j in range(ROWS)]
    if i == 8:
        # Landsvagen: a rural road on the east edge, 80 km/h and no sidewalk.
        way(names, highway="tertiary", name="Landsvagen", maxspeed="80")
    else:
        way(names, highway="residential", name=f"Tvargata {i}", maxspeed="30")

# The school, between streets 4 and 5 and avenues 3 and 4, with two entrances.
node("school_n", 525.0, 540.0)
node("school_s", 525.0, 500.0)
node("school_entrance_n", 525.0, 530.0, entrance="main")
node("school_entrance_s", 525.0, 510.0, entrance="yes")
way(["g3_4", "school_s", "school_entrance_s"], highway="footway", name="Skolgangen")
way(["g4_5", "school_n", "school_entrance_n"], highway="footway", name="Skolstigen")
node("school", 525.0, 520.0, amenity="school", name="Exempelby skola", grades="F-6")

# A park path cutting diagonally across two blocks, with steps and a gate.
node("p1", 150.0 + 20.0, 120.0 + 20.0)
node("p2", 300.0 - 10.0, 240.0 - 40.0, barrier="gate")
node("p3", 300.0 + 40.0, 240.0 + 10.0)
way(["g1_1", "p1", "p2", "p3", "g3_3"], highway="footway", name="Parkstigen")
way(["g5_1", "g6_2"], highway="steps", name="Trappan")

# A fenced-off path: the fence at f2 cuts it in two.
node("f1", 690.0, 180.0)
node("f2", 720.0, 200.0, barrier="fence")
node("f3", 750.0, 220.0)
way(["g4_1", "f1", "f2", "f3", "g5_2"], highway="path")

# A private drive: not walkable.
node("d1", 1050.0, 300.0)
way(["g7_2", "d1"], highway="service", access="private")

# A pedestrian square mapped as a closed area, walked along its outline.
for k, (x, y) in enumerate([(150.0, 600.0), (230.0, 600.0), (230.0, 700.0), (150.0, 700.0)]):
    node(f"sq{k}", x + 10.0, y + 10.0)
way(["sq0", "sq1", "sq2", "sq3", "sq0"], highway="pedestrian", area="yes", name="Torget")
way(["g1_5", "sq0"], highway="footway")

# A short path in a park that the mapper never joined to anything: an island.
node("i1", 60.0, 300.0)
node("i2", 90.0, 320.0)
way(["i1", "i2"], highway="path")

# E4 motorway along the far east: never walked, even with foot=yes.
node("e1", 1320.0, -50.0)
node("e2", 1320.0, 800.0)
way(["e1", "e2"], highway="motorway", ref="E4")

with open(os.path.join(HERE, "exempelby.osm"), "w", encoding="utf-8") as out:
    out.write("<?xml version='1.0' encoding='UTF-8'?>\n")
    out.write('<osm version="0.6" generator="skolvag make_exempelby.py">\n')
    out.write("  <!-- Exempelby: a fictional town written by skolvag for demos and tests. -->\n")
    for name, (nid, lat, lon, tags) in nodes.items():
        if tags:
            out.write(f'  <node id="{nid}" version="1" lat="{lat:.7f}" lon="{lon:.7f}">\n')
            for k, v in tags.items():
                out.write(f'    <tag k="{k}" v="{v}"/>\n')
            out.write("  </node>\n")
        else:
            out.write(f'  <node id="{nid}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>\n')
    for wid, names, tags in ways:
        out.write(f'  <way id="{wid}" version="1">\n')
        for n in names:
            out.write(f'    <nd ref="{nodes[n][0]}"/>\n')
        for k, v in tags.items():
            out.write(f'    <tag k="{k}" v="{v}"/>\n')
        out.write("  </way>\n")
    out.write("</osm>\n")


def point(x_m, y_m):
    return (round(LON0 + x_m / M_PER_DEG_LON, 7), round(LAT0 + y_m / M_PER_DEG_LAT, 7))


school = point(525.0, 530.0)
homes = {
    "h01-next-door": (560.0, 470.0),
    "h02-park-side": (180.0, 160.0),
    "h03-storgatan": (610.0, 3.0),        # on the 70 km/h road: no safe route for F-3
    "h04-east-end": (1190.0, 60.0),
    "h05-square": (195.0, 720.0),
    "h06-behind-fence": (760.0, 215.0),
    "h07-island": (75.0, 322.0),          # beside the island path: snaps to the streets
    "h08-far-out": (600.0, -900.0),       # in the lake, 900 m from any path
}
with open(os.path.join(HERE, "exempelby-pairs.csv"), "w", encoding="utf-8") as out:
    out.write("id,from_lon,from_lat,to_lon,to_lat\n")
    for pid, (x, y) in homes.items():
        lon, lat = point(x, y)
        out.write(f"{pid},{lon:.7f},{lat:.7f},{school[0]:.7f},{school[1]:.7f}\n")

# Schools: one row per entrance. Exempelby skola has two entrances.
schools = [
    ("S1", "Exempelby skola", "F-6", (525.0, 530.0)),
    ("S1", "Exempelby skola", "F-6", (525.0, 510.0)),
    ("S2", "Norra skolan", "7-9", (300.0, 720.0)),
    ("S3", "Ostra skolan", "F-9", (1050.0, 350.0)),
]
with open(os.path.join(HERE, "exempelby-schools.csv"), "w", encoding="utf-8") as out:
    out.write("school_id,name,grades,lon,lat\n")
    for sid, name, grades, (x, y) in schools:
        lon, lat = point(x, y)
        out.write(f"{sid},{name},{grades},{lon:.7f},{lat:.7f}\n")

# Pupils: invented references; homes beside the streets. P07 lives in two homes.
pupils = [
    ("P01", "1", "S1", "", (560.0, 470.0)),
    ("P02", "2", "S1", "", (180.0, 160.0)),
    ("P03", "F", "S1", "", (610.0, 3.0)),          # on Storgatan: no safe route for F-3
    ("P04", "5", "S1", "", (1190.0, 60.0)),        # on Landsvagen (80 km/h)
    ("P05", "8", "S2", "", (195.0, 720.0)),
    ("P06", "9", "S2", "", (1150.0, 700.0)),
    ("P07", "3", "S1", "", (760.0, 215.0)),
    ("P07", "3", "S1", "", (75.0, 322.0)),         # alternating residence, second home
    ("P08", "4", "S3", "S1", (150.0, 610.0)),      # chose S3; the municipality would place in S1
    ("P09", "gy1", "S2", "", (900.0, 100.0)),      # no school teaches gy1 here: no reference
    ("P10", "6", "S9", "", (400.0, 400.0)),        # unknown school
    ("P11", "10", "S1", "", (400.0, 400.0)),       # unknown grade
    ("P12", "2", "S1", "", (600.0, -900.0)),       # in the lake: not on the network
]
with open(os.path.join(HERE, "exempelby-pupils.csv"), "w", encoding="utf-8") as out:
    out.write("pupil_ref,grade,school_id,reference_school_id,lon,lat\n")
    for ref, grade, sid, refsid, (x, y) in pupils:
        lon, lat = point(x, y)
        out.write(f"{ref},{grade},{sid},{refsid},{lon:.7f},{lat:.7f}\n")
