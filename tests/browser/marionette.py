# SPDX-License-Identifier: MIT
"""Headless Firefox ESR driven over Marionette, the remote protocol built into Firefox.
Debian packages no geckodriver (Selenium's way to Firefox), so this speaks the protocol
itself: length-prefixed JSON over a socket, [0, id, command, parameters] out and
[1, id, error, result] back. Only what the map's tests use: navigate, run a script,
take a screenshot, read the address. Python's standard library only."""

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

PREFERENCES = {
    "marionette.port": 0,  # any free port; Firefox writes it to MarionetteActivePort
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "extensions.update.enabled": False,
}


class MarionetteError(RuntimeError):
    pass


class Firefox:
    """Starts `firefox-esr --headless --marionette` with a throwaway profile."""

    def __init__(self, binary="/usr/bin/firefox-esr", width=1280, height=860):
        self.profile = tempfile.mkdtemp(prefix="skolvag-firefox-")
        with open(os.path.join(self.profile, "user.js"), "w", encoding="utf-8") as prefs:
            for name, value in PREFERENCES.items():
                prefs.write(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n")
        self.log = open(os.path.join(self.profile, "firefox.log"), "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [binary, "--headless", "--marionette", "--no-remote", "--profile", self.profile,
             f"--width={width}", f"--height={height}"],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "MOZ_HEADLESS": "1"})
        self.next_id = 0
        self.socket = None
        self._connect()
        self._command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})

    def _connect(self):
        port_file = os.path.join(self.profile, "MarionetteActivePort")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise MarionetteError("firefox-esr ended at start; see " + self.log.name)
            if os.path.exists(port_file):
                with open(port_file, encoding="utf-8") as f:
                    text = f.read().strip()
                if text:
                    try:
                        self.socket = socket.create_connection(("127.0.0.1", int(text)), timeout=60)
                    except OSError:
                        time.sleep(0.1)
                        continue
                    self.buffer = b""
                    self._read()  # the server's hello: {"applicationType": "gecko", ...}
                    return
            time.sleep(0.1)
        raise MarionetteError("firefox-esr did not open Marionette in time")

    def _read(self):
        # A message is "LENGTH:JSON".
        while b":" not in self.buffer:
            self.buffer += self._receive()
        length, _, rest = self.buffer.partition(b":")
        size = int(length)
        while len(rest) < size:
            rest += self._receive()
        self.buffer = rest[size:]
        return json.loads(rest[:size])

    def _receive(self):
        chunk = self.socket.recv(65536)
        if not chunk:
            raise MarionetteError("Marionette closed the connection")
        return chunk

    def _command(self, name, parameters):
        self.next_id += 1
        data = json.dumps([0, self.next_id, name, parameters]).encode()
        self.socket.sendall(str(len(data)).encode() + b":" + data)
        while True:
            message = self._read()
            if message[0] == 1 and message[1] == self.next_id:
                if message[2]:
                    raise MarionetteError(f"{name}: {message[2]}")
                return message[3]

    # --- what the tests use, named as Selenium names it ---

    def get(self, url):
        self._command("WebDriver:Navigate", {"url": url})

    def execute_script(self, script, *args):
        return self._command("WebDriver:ExecuteScript", {"script": script, "args": list(args)}).get("value")

    @property
    def current_url(self):
        return self._command("WebDriver:GetCurrentURL", {})["value"]

    def save_screenshot(self, path):
        image = self._command("WebDriver:TakeScreenshot", {"full": False})["value"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(image))

    def quit(self):
        try:
            self._command("Marionette:Quit", {"flags": ["eForceQuit"]})  # needs the session still open
        except (MarionetteError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)
