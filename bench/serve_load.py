"""Load on `kg serve`: many concurrent clients, and a slow-client flood.

Starts `kg serve` on a free loopback port over the seeds' graph, then:

1. CLIENTS threads each send REQUESTS simple queries (an ASK), one after the
   other, as fast as answers come; prints the latency percentiles, the
   throughput and the errors;
2. a flood of SLOW connections that send half a request line and stall;
   meanwhile a normal query must still be answered, and the stalled
   connections must be cut after the server's read timeout.

Every request goes to 127.0.0.1 only; the loops are bounded in count and time.

    python bench/serve_load.py --clients 200 --requests 5 --slow 100
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "ASK { ?s a <https://w3id.org/dipkg/ontology#Visit> }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(base: str, timeout: float = 30, tag: str = "") -> tuple[float, int]:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": QUERY + (f" # {tag}" if tag else "")})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as res:
            res.read()
            status = res.status
    except urllib.error.HTTPError as err:
        status = err.code
    except OSError:
        status = 0
    return time.perf_counter() - t, status


def concurrent(base: str, clients: int, requests: int, distinct: bool = False) -> dict:
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()

    def client():
        for i in range(requests):
            # distinct: each query text new (a comment), so that none is answered from the parse cache
            dt, status = ask(base, tag=f"{threading.get_ident()}-{i}-{time.perf_counter_ns()}" if distinct else "")
            with lock:
                latencies.append(dt)
                statuses.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"clients": clients, "requests": len(latencies), "ok": statuses.count(200),
            "errors": {s: statuses.count(s) for s in sorted(set(statuses)) if s != 200},
            "p50": q[49], "p99": q[98], "max": latencies[-1], "per_s": len(latencies) / wall}


def slow_flood(base: str, port: int, slow: int, read_timeout: float) -> dict:
    socks = []
    for _ in range(slow):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /sparql?query=ASK")       # half a request line, then nothing
        socks.append(s)
    time.sleep(0.5)
    dt, status = ask(base, timeout=10)
    time.sleep(read_timeout + 2)
    closed = 0
    for s in socks:
        s.settimeout(1)
        try:
            closed += s.recv(1) == b""
        except (socket.timeout, OSError):
            pass
        s.close()
    return {"slow": slow, "normal_query_s": dt, "normal_status": status, "cut_after_timeout": closed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", default="50,200")
    ap.add_argument("--requests", type=int, default=5)
    ap.add_argument("--slow", type=int, default=100)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--distinct", action="store_true", help="every query text different (no parse cache)")
    args = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--processes",
                             str(args.processes), "--data", str(ROOT / "data" / "dipkg.trig")], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while ask(base, timeout=2)[1] != 200:
            if time.monotonic() > deadline or proc.poll() is not None:
                sys.exit("kg serve did not start")
            time.sleep(0.2)
        for n in map(int, args.clients.split(",")):
            r = concurrent(base, n, args.requests, args.distinct)
            print(f"{r['clients']:>4} clients x {args.requests}{' distinct' if args.distinct else ''}: {r['requests']} requests, {r['ok']} ok, "
                  f"errors {r['errors'] or 'none'}; p50 {r['p50']:.3f} s, p99 {r['p99']:.3f} s, "
                  f"max {r['max']:.3f} s; {r['per_s']:.1f} queries/s")
        f = slow_flood(base, port, args.slow, read_timeout=10)
        print(f"slow flood: {f['slow']} stalled connections; a normal query meanwhile {f['normal_query_s']:.3f} s "
              f"(HTTP {f['normal_status']}); {f['cut_after_timeout']} of {f['slow']} cut after the read timeout")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
