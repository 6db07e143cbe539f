# SPDX-License-Identifier: MIT
"""The case officer's map (GET /map) in real browsers: headless Chromium driven by
Selenium, and headless Firefox ESR driven over Marionette (marionette.py), against a
running `skolvag serve`. Each story loads the page as an officer
would (the fragment #token=…&school=…&grade=…, the key given once in the fragment and
kept by the page in sessionStorage), waits for document.body.dataset.state, and checks
what was drawn against the API's own answers. A screenshot of each state goes to the
artifacts folder (--artifacts).

  map_page_test.py --skolvag build/skolvag --demo scripts/demo --artifacts build/artifacts/map
  map_page_test.py ... --browser firefox     the same stories in Firefox ESR
  map_page_test.py ... --extract stockholm   a real extract from ../shared (SKOLVAG_SHARED)

Exit 77 (ctest's skip) with a message when the real extract is asked for and absent."""

import argparse
import base64
import csv
import json
import math
import os
import re
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "..", "scripts", "lib")]
from map_server import MapServer  # noqa: E402  (scripts/lib: the map demo's server, shared with the tests)
from marionette import Firefox  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

ARGS = None
SKIP = 77

# Exempelby (scripts/demo): P03 in grade F has no safe route to S1 (its plain route
# crosses what is unsafe for F-3); P02 in grade 2 walks a safe route that is also the
# shortest. S1 has two entrances.
P03 = (14.5104394, 58.3000270)
P02 = (14.5030805, 58.3014388)
P12 = (14.5102683, 58.2919065)  # south of the town, beyond max_snap_m: not on the network
# The Stockholm reference case's pair 0127-home-school: for F-3 under the v2 rules the
# safe route (448.11 m) is longer than the plain one (378.17 m).
STOCKHOLM_HOME = (18.0654265, 59.3166785)
STOCKHOLM_SCHOOL = (18.0594383, 59.3167264)


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,860", "--lang=sv-SE", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class MapPage(unittest.TestCase):
    """Shared by the stories: one server, one browser; every request the browser made."""

    server = None
    browser = None
    requests = []
    responses = []
    resources = []
    console = []

    @classmethod
    def tearDownClass(cls):
        if cls.browser:
            cls.browser.quit()
        if cls.server:
            cls.server.stop()

    # --- helpers ---

    def open(self, token, school, grade, key=None, lang=None):
        fragment = f"token={token}&school={school}&grade={grade}"
        if lang:
            fragment += "&lang=" + lang
        if key is not None:
            fragment += "&key=" + key
        # A page of its own each time (another fragment alone would not load the page
        # again); the tab, and so its sessionStorage, stays.
        self.browser.get("about:blank")
        self.browser.get(self.server.base + "/map#" + fragment)
        return self.wait_for_state()

    def script(self, text, *args):
        return self.browser.execute_script(text, *args)

    def wait_for_state(self, timeout=90):
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            state = self.script("return document.body.dataset.state")
            if state in ("ready", "error"):
                break
            time.sleep(0.05)
        self.collect_logs()
        return state

    def collect_logs(self):
        # Every address the page loaded, in any browser: the page's resource timing.
        MapPage.resources.extend(self.script(
            "return performance.getEntriesByType('resource').map((e) => e.name).concat([location.href])"))
        self.assertEqual(self.script("return document.body.dataset.cspViolations"), "0",
                         "a Content-Security-Policy violation")
        if not hasattr(self.browser, "get_log"):
            return  # Firefox over Marionette: no network log
        for entry in self.browser.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                request = message["params"]["request"]
                MapPage.requests.append((request["url"], request.get("headers", {})))
            elif message["method"] == "Network.responseReceived":
                response = message["params"]["response"]
                MapPage.responses.append((response["url"], response["status"]))
        MapPage.console.extend(self.browser.get_log("browser"))

    def screenshot(self, name):
        os.makedirs(ARGS.artifacts, exist_ok=True)
        self.browser.save_screenshot(os.path.join(ARGS.artifacts, name + ".png"))

    def count(self, css_class):
        """How many of the map's drawn paths carry the class."""
        return self.script("return document.querySelectorAll('#map path.' + arguments[0]).length", css_class)

    def figure(self, name):
        """A panel figure: its value (data-value, as the API gave it) and its text."""
        return self.script("const e = document.getElementById('fig-' + arguments[0]);"
                           "return [e.dataset.value === undefined ? null : e.dataset.value, e.textContent]", name)

    def message(self):
        return self.script("return document.getElementById('message').textContent")

    def error(self):
        return self.script("return document.body.dataset.error || null")

    def assert_panel_shows(self, answer, language="sv"):
        """The side panel's figures are the API's answer, value by value."""
        for name, field in (("outcome", "outcome"), ("plain", "plain_distance_m"), ("safe", "safe_distance_m"),
                            ("threshold", "threshold_m"), ("band", "band"), ("rule-set", "rule_set"),
                            ("rules-sha256", "rules_sha256"), ("network-id", "network_id"),
                            ("version", "skolvag_version")):
            value, text = self.figure(name)
            if answer[field] is None:
                self.assertIsNone(value, name)
            else:
                self.assertEqual(value, str(answer[field]), name)
                self.assertTrue(text, name)
        for name in ("plain", "safe", "threshold"):
            value, text = self.figure(name)
            if value is not None:  # shown as people read it: 1 163 m
                self.assertEqual(re.sub(r"\D", "", text), value, name)
        shown = self.script("return [...document.querySelectorAll('#reasons li')].map((e) => e.textContent)")
        self.assertEqual(shown, answer.get("reasons_sv" if language == "sv" else "reasons", []))

    def tooltips(self):
        return self.script("return [...document.querySelectorAll('.leaflet-tooltip')].map((e) => e.textContent).join(' | ')")

    def distance(self, token, school, grade):
        status, answer = self.server.call("GET", f"/v1/tokens/{token}/distance?school={school}&grade={grade}", "case")
        self.assertEqual(status, 200, answer)
        return answer

    def assert_no_key_in_the_address_or_the_log(self):
        """In any browser: no address the page loaded, nor the page's own, holds the key."""
        self.collect_logs()
        self.assertTrue(any("/v1/" in url for url in MapPage.resources), "the page's calls were not recorded")
        for url in MapPage.resources + [self.browser.current_url]:
            self.assertNotIn(self.server.key("case"), url)
        self.assertNotIn(self.server.key("case"), self.server.log_text())

    def assert_no_key_in_any_url(self):
        """Chromium's network log: every request, the key in none of their URLs, in the header of each API call."""
        self.assert_no_key_in_the_address_or_the_log()
        self.assertTrue(MapPage.requests, "the browser's requests were not recorded")
        api_calls = 0
        for url, headers in MapPage.requests:
            for role in ("case", "registrar", "auditor"):
                self.assertNotIn(self.server.key(role), url)
            if "/v1/" in url:
                api_calls += 1
                self.assertTrue(any(name.lower() == "authorization" for name in headers), url)
        self.assertGreater(api_calls, 0)


class ExempelbyStories(MapPage):
    """Stories on the demo town, whose every street is drawn in scripts/demo/exempelby.osm;
    run in each browser by the classes below."""

    start_browser = None

    @classmethod
    def setUpClass(cls):
        cls.server = MapServer(ARGS.skolvag, os.path.join(ARGS.demo, "exempelby.osm"),
                               os.path.join(ARGS.demo, "exempelby-schools.csv"),
                               os.path.join(ARGS.demo, "exempelby-rules.toml"))
        cls.browser = cls.start_browser()

    def screenshot(self, name):
        super().screenshot(ARGS.browser + "-" + name)

    def test_1_no_safe_route_draws_the_plain_route_with_its_unsafe_pieces(self):
        token = self.server.register(*P03)
        self.assertEqual(self.open(token, "S1", "F", key=self.server.key("case")), "ready", self.message())
        self.screenshot("exempelby-eligible-traffic")
        answer = self.distance(token, "S1", "F")
        self.assertEqual(answer["outcome"], "eligible_traffic")
        self.assert_panel_shows(answer)
        self.assertEqual(self.count("route-plain"), 1)
        self.assertEqual(self.count("route-safe"), 0)
        status, route = self.server.call("GET", f"/v1/tokens/{token}/route?school=S1&grade=F", "case")
        self.assertEqual(status, 200)
        unsafe = [p for p in route["properties"]["pieces"] if not p["safe"]]
        self.assertGreater(len(unsafe), 0)
        self.assertEqual(self.count("unsafe"), len(unsafe))
        self.assertEqual(self.count("crossing"), len(route["properties"]["crossings"]))
        self.assertEqual(self.count("entrance"), 2)  # S1's two entrances
        self.assertEqual(self.count("network"), 1)
        self.assertEqual(self.count("start"), 1)
        # The key went from the fragment to the tab's storage, out of the address.
        self.assertNotIn("key=", self.browser.current_url)
        self.assertEqual(self.browser.execute_script("return sessionStorage.getItem('skolvag.key')"),
                         self.server.key("case"))
        # An unsafe piece says why on hover: the reason the API gives, in Swedish.
        self.script("document.querySelector('#map path.unsafe')"
                    ".dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))")
        self.assertIn(unsafe[0]["reason_sv"], self.tooltips())
        # The route's line says what it is, and that what is not red on it is safe.
        self.script("document.querySelector('#map path.route-plain')"
                    ".dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))")
        self.assertIn("röda delar är inte trafiksäkra", self.tooltips())

    def test_2_a_safe_route_that_is_the_shortest_is_drawn_once(self):
        token = self.server.register(*P02)
        self.assertEqual(self.open(token, "S1", "2"), "ready", self.message())  # the key kept from story 1
        self.screenshot("exempelby-not-eligible")
        answer = self.distance(token, "S1", "2")
        self.assertEqual(answer["outcome"], "not_eligible")
        self.assert_panel_shows(answer)
        self.assertEqual(self.count("route-safe"), 1)
        self.assertEqual(self.count("route-plain"), 0)
        self.assertEqual(self.count("unsafe"), 0)
        self.assertEqual(self.count("entrance"), 2)

    def test_3_the_language_switch_gives_the_panel_in_english(self):
        token = self.server.register(*P03)
        self.assertEqual(self.open(token, "S1", "F"), "ready")
        self.assertIn("Rätt till skolskjuts", self.figure("outcome")[1])
        self.script("document.getElementById('language').click()")
        self.assertEqual(self.script("return document.documentElement.lang"), "en")
        self.assertIn("Eligible for school transport", self.figure("outcome")[1])
        self.assert_panel_shows(self.distance(token, "S1", "F"), language="en")
        self.assertIn("lang=en", self.browser.current_url)
        # The map's words too: an unsafe piece's reason in English.
        self.script("document.querySelector('#map path.unsafe')"
                    ".dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))")
        self.assertIn("along Storgatan", self.tooltips())
        self.screenshot("exempelby-english")
        # Opened in English from the start, the same.
        self.assertEqual(self.open(token, "S1", "F", lang="en"), "ready")
        self.assertIn("Safe walking distance", self.script("return document.getElementById('figures').textContent"))

    def test_4_a_protected_identity_gets_no_map_and_is_told_why(self):
        token = self.server.register(*P02, protected=True)
        self.assertEqual(self.open(token, "S1", "2"), "error")
        self.screenshot("exempelby-protected")
        self.assertEqual(self.error(), "protected_identity")
        self.assertIn("Skyddad identitet", self.message())
        for css_class in ("route-safe", "route-plain", "unsafe", "crossing", "entrance", "start", "network"):
            self.assertEqual(self.count(css_class), 0, css_class)
        # The figures are the API's, rounded to 100 m for a protected identity.
        self.assert_panel_shows(self.distance(token, "S1", "2"))

    def test_5_a_wrong_key_is_named_and_draws_nothing(self):
        token = self.server.register(*P02)
        self.assertEqual(self.open(token, "S1", "2", key="not-a-key-of-this-server"), "error")
        self.screenshot("exempelby-wrong-key")
        self.assertEqual(self.error(), "unauthorized")
        self.assertIn("Nyckeln godtas inte", self.message())
        self.assertEqual(self.count("route-safe"), 0)
        # An unknown token is a 404, said as such.
        self.assertEqual(self.open("svt_doesnotexist", "S1", "2", key=self.server.key("case")), "error")
        self.assertEqual(self.error(), "not_found")

    def test_6_a_home_off_the_network_has_no_route_and_says_so(self):
        token = self.server.register(*P12)
        self.assertEqual(self.open(token, "S1", "2"), "error")
        self.assertEqual(self.error(), "not_on_network")
        self.assertIn("inte vid gångnätet", self.message())
        answer = self.distance(token, "S1", "2")
        self.assertEqual(answer["outcome"], "not_on_network")
        self.assert_panel_shows(answer)
        self.assertEqual(self.count("route-safe") + self.count("route-plain") + self.count("start"), 0)

    def test_6b_the_key_is_in_no_address_and_no_log(self):
        self.assert_no_key_in_the_address_or_the_log()


class ExempelbyInChromium(ExempelbyStories):
    start_browser = staticmethod(chromium)

    def test_7_the_printed_sheet_is_one_page(self):
        token = self.server.register(*P03)
        self.assertEqual(self.open(token, "S1", "F", key=self.server.key("case")), "ready")
        self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        time.sleep(0.5)  # the page fits the route to the sheet's map
        self.screenshot("exempelby-print")
        pdf = base64.b64decode(self.browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        with open(os.path.join(ARGS.artifacts, "exempelby-sheet.pdf"), "wb") as out:
            out.write(pdf)
        self.assertEqual(len(re.findall(rb"/Type\s*/Page\b", pdf)), 1)

    def test_8_no_request_carried_the_key_in_a_url_and_the_policy_held(self):
        self.assert_no_key_in_any_url()
        violations = [e["message"] for e in MapPage.console if "Content Security Policy" in e["message"]]
        self.assertEqual(violations, [])  # the page's own count says 0 too (collect_logs)
        errors = [e["message"] for e in MapPage.console
                  if e["level"] == "SEVERE" and "/v1/" not in e["message"]]  # refused API calls are the stories' own
        self.assertEqual(errors, [])


class ExempelbyInFirefox(ExempelbyStories):
    start_browser = staticmethod(Firefox)


class NetworkAroundALongRoute(MapPage):
    """A route longer than one box may hold: the page asks for the network in boxes
    along it, each within the cap (here max_network_km2 = 0.05, a few blocks)."""

    @classmethod
    def setUpClass(cls):
        cls.server = MapServer(ARGS.skolvag, os.path.join(ARGS.demo, "exempelby.osm"),
                               os.path.join(ARGS.demo, "exempelby-schools.csv"),
                               os.path.join(ARGS.demo, "exempelby-rules.toml"), top="max_network_km2 = 0.05")
        cls.browser = chromium()

    def test_the_network_is_asked_for_in_boxes_within_the_cap(self):
        token = self.server.register(*P03)
        MapPage.requests, MapPage.responses = [], []
        self.assertEqual(self.open(token, "S1", "F", key=self.server.key("case")), "ready", self.message())
        self.screenshot("chromium-exempelby-boxes")
        boxes = [[float(v) for v in url.split("bbox=")[1].split(",")]
                 for url, _ in MapPage.requests if "/v1/network?" in url]
        self.assertGreater(len(boxes), 1)
        earth_km, rad = 6371.0, math.pi / 180  # the server's area (network_map.cpp)
        for w, s, e, n in boxes:
            self.assertLessEqual(earth_km ** 2 * (e - w) * rad * (math.sin(n * rad) - math.sin(s * rad)), 0.05)
        # Every answer to them was a 200, and every point of the route lies in a box asked for.
        statuses = [status for url, status in MapPage.responses if "/v1/network?" in url]
        self.assertEqual(statuses, [200] * len(boxes))
        status, route = self.server.call("GET", f"/v1/tokens/{token}/route?school=S1&grade=F", "case")
        for lon, lat in route["geometry"]["coordinates"]:
            self.assertTrue(any(w <= lon <= e and s <= lat <= n for w, s, e, n in boxes), (lon, lat))
        self.assertEqual(self.count("network"), 1)
        self.assertEqual(self.count("route-plain"), 1)
        self.assertNotIn("bara nära vägen", self.message())  # the whole corridor came


class RealExtractMap(MapPage):
    """The Stockholm reference case (../shared): a safe route longer than the plain one."""

    @classmethod
    def setUpClass(cls):
        case = os.path.join(ARGS.shared, "data", "cases_v2", "stockholm")
        os.makedirs(ARGS.artifacts, exist_ok=True)
        schools = os.path.join(ARGS.artifacts, "stockholm-school.csv")  # a public place: a case's school end
        with open(schools, "w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([["school_id", "name", "grades", "lon", "lat"],
                                       ["T1", "Testskolan", "F-9", *STOCKHOLM_SCHOOL]])
        cls.server = MapServer(ARGS.skolvag, os.path.join(ARGS.shared, "data", "osm", "stockholm.osm.pbf"),
                               schools, os.path.join(case, "rules.toml"), tenant="stockholm")
        cls.browser = chromium()

    def screenshot(self, name):
        super().screenshot("chromium-" + name)

    def test_both_routes_with_the_plain_routes_unsafe_pieces(self):
        token = self.server.register(*STOCKHOLM_HOME)
        self.assertEqual(self.open(token, "T1", "1", key=self.server.key("case")), "ready", self.message())
        self.screenshot("stockholm-safe-and-plain")
        answer = self.distance(token, "T1", "1")
        self.assert_panel_shows(answer)
        # The reference implementation's figures (cases_v2 and cases: F-3 448.11 m, plain 378.17 m).
        self.assertEqual(answer["safe_distance_m"], 448)
        self.assertEqual(answer["plain_distance_m"], 378)
        self.assertEqual(self.count("route-safe"), 1)
        self.assertEqual(self.count("route-plain"), 1)
        status, plain = self.server.call("GET", f"/v1/tokens/{token}/route?school=T1&grade=1&route=plain", "case")
        self.assertEqual(status, 200)
        unsafe = [p for p in plain["properties"]["pieces"] if not p["safe"]]
        self.assertGreater(len(unsafe), 0)
        self.assertEqual(self.count("unsafe"), len(unsafe))
        self.assertEqual(self.count("entrance"), 1)
        # Why the safe route is the one measured: where the plain route is unsafe, in Swedish.
        detour = self.script("return [...document.querySelectorAll('#detour li')].map((e) => e.textContent)")
        self.assertEqual(detour[0], unsafe[0]["reason_sv"])
        self.assertEqual(self.count("network"), 1)
        self.assert_no_key_in_any_url()


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skolvag", required=True)
    parser.add_argument("--demo", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--browser", choices=["chromium", "firefox"], default="chromium")
    parser.add_argument("--extract", choices=["stockholm"])
    parser.add_argument("--shared", default=os.environ.get("SKOLVAG_SHARED", ""))
    ARGS, rest = parser.parse_known_args()
    if ARGS.extract:
        if not ARGS.shared or not os.path.exists(os.path.join(ARGS.shared, "data", "osm", "stockholm.osm.pbf")):
            print("SKIPPED: ../shared (SKOLVAG_SHARED) with data/osm/stockholm.osm.pbf is not here", file=sys.stderr)
            return SKIP
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(RealExtractMap)
    elif ARGS.browser == "firefox":
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(ExempelbyInFirefox)
    else:
        suite = unittest.TestSuite([unittest.defaultTestLoader.loadTestsFromTestCase(ExempelbyInChromium),
                                    unittest.defaultTestLoader.loadTestsFromTestCase(NetworkAroundALongRoute)])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
