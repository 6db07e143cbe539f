#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The attacks of issue 8 against a running skolvag, directly or behind a proxy.

Each attack runs on raw sockets (over TLS with --tls): 200 slow connections sending a
header line now and then, a 1 GiB chunked body, a body of 20 KiB, a 2 MB gzip body,
and 500 MB of 8 KB header lines. Each must be refused (an HTTP status of 400 or more,
or the connection closed) after little of it was taken, while GET /healthz on another
connection keeps answering within a second; with --pid, the peak resident memory of
those processes is reset before and read after each attack and may grow by at most
--max-growth-mb. Prints one line per attack; exits 1 when one did not hold.

  attacks.py --port 8443 [--host 127.0.0.1] [--tls] [--pid PID ...] [--slow-seconds 15]
"""
import argparse
import socket
import ssl
import sys
import threading
import time

MIB = 1024 * 1024


def connect(args, source=None):
    raw = socket.create_connection((args.host, args.port), timeout=10, source_address=(source, 0) if source else None)
    if not args.tls:
        return raw
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(raw, server_hostname=args.host)


def status_of(sock, wait):
    """The status of the answer within `wait` seconds; 0 for none (closed or silent)."""
    sock.settimeout(wait)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (OSError, ssl.SSLError):
        pass
    parts = data.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[0].startswith(b"HTTP/") and parts[1].isdigit() else 0


def closed_by_peer(sock):
    """True when the peer has closed (or reset) the connection: all it sent is read, then the end."""
    sock.settimeout(0.2)
    try:
        while sock.recv(4096):
            pass
        return True
    except socket.timeout:
        return False
    except (OSError, ssl.SSLError):
        return True


def send_until_refused(sock, piece, limit):
    """Sends `piece` until the peer stops taking it or `limit` bytes went; the bytes sent."""
    sent = 0
    sock.settimeout(10)
    try:
        while sent < limit:
            sock.sendall(piece)
            sent += len(piece)
    except (OSError, ssl.SSLError):
        pass
    return sent


def healthz_seconds(args):
    start = time.monotonic()
    try:
        sock = connect(args)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: skolvag\r\nConnection: close\r\n\r\n")
        ok = status_of(sock, 5) == 200
        sock.close()
    except (OSError, ssl.SSLError):
        ok = False
    return time.monotonic() - start if ok else float("inf")


def memory_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def reset_peaks(pids):
    for pid in pids:
        with open(f"/proc/{pid}/clear_refs", "w") as clear:
            clear.write("5")


def body_attack(args, head, piece, limit):
    """The status, the bytes the peer took, and the seconds until it stopped taking them."""
    start = time.monotonic()
    sock = connect(args)
    sock.sendall(head)
    sent = send_until_refused(sock, piece, limit)
    took = time.monotonic() - start
    status = status_of(sock, 5)
    sock.close()
    return status, sent, took


def chunked_gib(args):
    chunk = b"10000\r\n" + b"{" * 0x10000 + b"\r\n"
    head = b"POST /v1/tokens HTTP/1.1\r\nHost: skolvag\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    return body_attack(args, head, chunk, 1024 * MIB)


def body_20k(args):
    head = b"POST /v1/tokens HTTP/1.1\r\nHost: skolvag\r\nContent-Type: application/json\r\nContent-Length: 20480\r\n\r\n"
    return body_attack(args, head, b" " * 20480, 20480)


def gzip_2mb(args):
    head = b"POST /v1/tokens HTTP/1.1\r\nHost: skolvag\r\nContent-Encoding: gzip\r\nContent-Length: 2097152\r\n\r\n"
    return body_attack(args, head, b"\0" * 65536, 2 * MIB)


def header_flood(args):
    line = b"X-Flood: " + b"f" * 8000 + b"\r\n"
    return body_attack(args, b"GET /healthz HTTP/1.1\r\nHost: skolvag\r\n", line, 500 * MIB)


def slow_connections(args):
    """200 connections, each sending a header line every 2 s; how many were cut, and the slowest /healthz."""
    held = []
    for _ in range(200):
        try:
            sock = connect(args, args.slow_source)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: skolvag\r\n")
            held.append(sock)
        except (OSError, ssl.SSLError):
            pass  # refused at once: also a defence
    slowest = 0.0
    deadline = time.monotonic() + args.slow_seconds
    while time.monotonic() < deadline:
        for sock in list(held):
            try:
                sock.sendall(b"X-Drip: 1\r\n")
            except (OSError, ssl.SSLError):
                held.remove(sock)
        slowest = max(slowest, healthz_seconds(args))
        time.sleep(2)
    still_open = sum(not closed_by_peer(sock) for sock in held)
    for sock in held:
        sock.close()
    return still_open, slowest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--pid", type=int, action="append", default=[], help="a process whose memory is watched")
    parser.add_argument("--max-growth-mb", type=int, default=16)
    parser.add_argument("--slow-seconds", type=int, default=15, help="how long the slow connections drip")
    parser.add_argument("--slow-source", default=None, help="source address of the slow connections (127.0.0.2)")
    args = parser.parse_args()

    failures = 0

    def measured(name, attack, holds):
        nonlocal failures
        if args.pid:
            reset_peaks(args.pid)
        before = sum(memory_kib(p, "VmRSS:") for p in args.pid)
        result = [None]
        runner = threading.Thread(target=lambda: result.__setitem__(0, attack(args)))
        runner.start()
        slowest = 0.0
        while runner.is_alive():
            slowest = max(slowest, healthz_seconds(args))
            runner.join(1)
        peak = sum(memory_kib(p, "VmHWM:") for p in args.pid)
        growth_mb = max(0, peak - before) // 1024
        ok, what = holds(*result[0])
        ok = ok and slowest < 1.0 and (not args.pid or growth_mb <= args.max_growth_mb)
        failures += not ok
        memory = f", peak {peak // 1024} MiB (+{growth_mb} MiB)" if args.pid else ""
        print(f"{'ok  ' if ok else 'FAIL'} {name:<24} {what}; /healthz at worst {slowest:.2f} s{memory}", flush=True)

    # Refused, and the connection ended within 10 s: a proxy may drop what follows a
    # refusal for a few seconds (nginx's lingering_time) before it closes.
    def refused(status, sent, took):
        return status >= 400 and took < 10, f"status {status}, {sent // MIB} MiB taken in {took:.1f} s"

    measured("1 GiB chunked body", chunked_gib, refused)
    measured("20 KiB body", body_20k, lambda status, sent, took: (status == 413, f"status {status}"))
    measured("2 MB gzip body", gzip_2mb, refused)
    measured("500 MB of header lines", header_flood, refused)
    measured("200 slow connections", slow_connections,
             lambda still_open, slowest: (still_open == 0 and slowest < 1.0,
                                          f"{still_open} still open after {args.slow_seconds} s"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
