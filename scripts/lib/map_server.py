# SPDX-License-Identifier: MIT
"""A `skolvag serve` of its own for the map page's browser tests and the map demo:
a throwaway folder with a vault key, three clients (registrar, case system, auditor)
and one tenant; homes registered through the API as the case system's registrar would.
Synthetic or public places only (the demo town, a reference case's pair)."""

import json
import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


class MapServer:
    """Starts `skolvag serve` on NETWORK with SCHOOLS and RULES; stop() ends it."""

    def __init__(self, skolvag, network, schools, rules, tenant="exempelby", port=0, top=""):
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
        self.port = self._wait_until_listening()
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
