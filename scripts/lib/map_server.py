# SPDX-License-Identifier: MIT
"""A `skolvag serve` of its own for the map demo (scripts/demo.sh --map) and the map
page's browser tests (tests/browser/): a throwaway folder with a vault key, three clients
(registrar, case system, auditor) and one tenant; homes registered through the API as
the case system's registrar would. Synthetic or public places only (the demo town, a
reference case's pair).

  map_server.py --skolvag build/skolvag --demo scripts/demo [--port 8765] [--check]

starts Exempelby's server, registers two invented homes and prints the /map addresses
to open, until Ctrl-C; --check asks the page and one distance, then stops."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


class MapServer:
    """Starts `skolvag serve` on NETWORK with SCHOOLS and RULES; stop() ends it."""

    def __init__(self, skolvag, network, schools, rules, tenant="exempelby", port=0, top=""):
        network, schools, rules = (os.path.abspath(p) for p in (network, schools, rules))  # the config's folder is elsewhere
        self.folder = tempfile.mkdtemp(prefix="skolvag-map-")
        self.skolvag = skolvag
        self._run(["vault-key", "--out", self.path("vault.key")])
        self.keys = {role: self._hash_key() for role in ("registrar", "case", "auditor")}
        clients = "".join(
            f'\n[[client]]\nname = "{name}"\ntenant = "{tenant}"\nroles = ["{role}"]\n'
            f'key_sha256 = "{self.keys[role][1]}"\nrate_per_minute = 100000\n'
            for name, role in (("registrar", "registrar"), ("case-system", "case"), ("auditor", "auditor")))
        with open(self.path("server.toml"), "w", encoding="utf-8") as out:
            out.write(f'network = "{network}"\nvault = "vault.sqlite"\nkey_file = "vault.key"\n'
                      f'listen = "127.0.0.1:{port}"\nlog_file = "skolvag.log"\n{top}\n'
                      f'\n[[tenant]]\nname = "{tenant}"\nschools = "{schools}"\nrules = "{rules}"\n{clients}')
        self.stderr = open(self.path("serve.err"), "w+", encoding="utf-8")
        self.process = subprocess.Popen([skolvag, "serve", "--config", self.path("server.toml")],
                                        stdout=subprocess.DEVNULL, stderr=self.stderr)
        try:
            self.port = self._wait_until_listening()
        except RuntimeError:
            self.stop()
            raise
        self.base = f"http://127.0.0.1:{self.port}"

    def path(self, name):
        return os.path.join(self.folder, name)

    def key(self, role):
        return self.keys[role][0]

    def _run(self, arguments):
        return subprocess.run([self.skolvag, *arguments], check=True, capture_output=True, text=True).stdout

    def _hash_key(self):
        lines = self._run(["hash-key"]).splitlines()  # the key, then its SHA-256
        return lines[0], lines[1]

    def _wait_until_listening(self):
        deadline = time.monotonic() + 120  # a sanitized build on a real extract is slow to start
        while time.monotonic() < deadline:
            with open(self.path("serve.err"), encoding="utf-8") as err:
                text = err.read()
            for line in text.splitlines():
                if "listening on" in line:
                    return int(line.rsplit(":", 1)[1].split()[0])
            if self.process.poll() is not None:
                raise RuntimeError("skolvag serve ended:\n" + text)
            time.sleep(0.05)
        raise RuntimeError("skolvag serve did not start listening in time")

    def call(self, method, path, role, body=None):
        """(status, parsed JSON body) of one API call with ROLE's key."""
        request = urllib.request.Request(self.base + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": "Bearer " + self.key(role),
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def register(self, lon, lat, protected=False):
        body = {"lon": lon, "lat": lat}
        if protected:
            body["protected"] = True
        status, answer = self.call("POST", "/v1/tokens", "registrar", body)
        if status != 201:
            raise RuntimeError(f"registration answered {status}: {answer}")
        return answer["token"]

    def log_text(self):
        with open(self.path("skolvag.log"), encoding="utf-8") as log:
            return log.read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)


# Exempelby's invented homes (scripts/demo/exempelby-pupils.csv): P03, grade F, has no
# safe route to S1; P02, grade 2, walks a safe route.
DEMO_HOMES = (("P03", 14.5104394, 58.3000270, "S1", "F"), ("P02", 14.5030805, 58.3014388, "S1", "2"))


def demo(arguments):
    folder = arguments.demo
    server = MapServer(arguments.skolvag, os.path.join(folder, "exempelby.osm"),
                       os.path.join(folder, "exempelby-schools.csv"), os.path.join(folder, "exempelby-rules.toml"),
                       port=arguments.port)
    try:
        addresses = []
        for pupil, lon, lat, school, grade in DEMO_HOMES:
            token = server.register(lon, lat)
            addresses.append((pupil, grade, f"{server.base}/map#token={token}&school={school}&grade={grade}"))
        key = server.key("case")
        if arguments.check:
            with urllib.request.urlopen(server.base + "/map", timeout=30) as page:
                assert b"/map/app.js" in page.read(), "GET /map is not the map page"
            token = addresses[0][2].split("token=")[1].split("&")[0]
            status, answer = server.call("GET", f"/v1/tokens/{token}/distance?school=S1&grade=F", "case")
            assert status == 200 and answer["outcome"] == "eligible_traffic", (status, answer)
            print(f"map demo: {server.base}/map serves the page; P03's distance answers {answer['outcome']}")
            return 0
        print(f"map demo: skolvag serve on Exempelby (invented homes), {server.base} (this machine only)")
        print(f"  the case system's API key (a throwaway for this demo): {key}")
        print("  open in a browser (the page moves the key from the address to the tab's storage):")
        for pupil, grade, address in addresses:
            print(f"  {pupil}, grade {grade}: {address}&key={key}")
        print("  Ctrl-C stops the server and deletes its vault.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skolvag", required=True)
    parser.add_argument("--demo", required=True, help="the folder of Exempelby's files (scripts/demo)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--check", action="store_true", help="start, ask the page and one distance, stop")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C: the vault is deleted
    try:
        raise SystemExit(demo(parser.parse_args()))
    except RuntimeError as error:  # e.g. the port is taken: skolvag's own message
        print(f"map demo: {error}", file=sys.stderr)
        raise SystemExit(1)
