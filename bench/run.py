#!/usr/bin/env python
"""Time dipkg's stages beside the plain-library baseline, in one run.

    python bench/run.py [--sizes 10k,100k,1M] [--baseline-timeout 600] [--out bench/results.json]

For each size (in triples) it writes a synthetic dataset with ``kg synth``
(N-Quads, one named graph per synthetic article: the user file every stage
reads), then runs each stage as the ``kg`` command a user types, in a child
process (so process start and imports count), and the same stage done with
rdflib / pySHACL / owlrl by ``bench/baseline.py``, also in a child process.
Each child's wall time is measured from outside and its peak resident memory
is read from ``os.wait4`` (the child's own rusage; it includes the children it
waited for, as the largest single one, not their sum).

It also times start-up (``kg --help``), ``kg query visits`` on the seeds'
graph (``data/``), and extraction (``kg build`` on synthetic articles), and
checks that the fast engines give the reference engines' results
(``kg validate`` vs ``--engine pyshacl``, ``kg reason`` vs ``--engine owlrl``).

Prints one line per measurement (stage, size, seconds, peak MB, baseline
seconds, ratio = baseline seconds / dipkg seconds), the comparisons, and the
done-when targets; writes everything as JSON to ``--out``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = sys.executable
QUADS_PER_VISIT = 254           # kg synth's N-Quads output, about (kg.synth.data.QUADS_PER_VISIT)
DEFECTS = 24                    # deliberate defects in the datasets used for the result comparisons
DIP = "https://w3id.org/dipkg/ontology#"


# -- running a child and measuring it ---------------------------------------------------

class Run:
    def __init__(self, cmd, seconds, peak_mb, rc, stopped, out, err, load1):
        self.cmd, self.seconds, self.peak_mb, self.rc = cmd, seconds, peak_mb, rc
        self.stopped, self.out, self.err, self.load1 = stopped, out, err, load1
        self.skipped = ""           # why it was not run (a baseline stopped at a smaller size, ...)
        self.limit = None           # the time limit it ran under

    @property
    def ok(self) -> bool:
        return not self.stopped and self.rc == 0

    def json(self) -> dict:
        return {"cmd": " ".join(map(str, self.cmd)), "seconds": round(self.seconds, 3),
                "peak_mb": round(self.peak_mb, 1), "exit": self.rc, "stopped": self.stopped,
                "load1": self.load1, "limit": self.limit, "stderr_tail": self.err[-500:] if (self.rc or self.stopped) else "",
                **({"not_run": self.skipped} if self.skipped else {})}


def measure(cmd, timeout: float | None = None, env=None, cwd=None) -> Run:
    """Run ``cmd`` in its own process group; its wall seconds, peak RSS (MB),
    exit code; killed (with its group) after ``timeout`` seconds."""
    cmd = [str(c) for c in cmd]
    load1 = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                             env=env, cwd=cwd, start_new_session=True)
        stopped = threading.Event()

        def stop():
            stopped.set()
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        try:                                    # leftovers of the group (workers), if any
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        out.seek(0)
        err.seek(0)
        run = Run(cmd, seconds, usage.ru_maxrss / 1024, p.returncode, stopped.is_set(),
                  out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), load1)
        run.limit = timeout
        return run


def not_run(cmd, why: str, limit: float | None) -> Run:
    run = Run([str(c) for c in cmd], 0.0, 0.0, None, True, "", "", None)
    run.skipped, run.limit = why, limit
    return run


def fmt_s(run: Run | None) -> str:
    if run is None:
        return "-"
    if run.skipped:
        return f"> {run.limit:.0f} (not run)" if run.limit else "(not run)"
    if run.stopped:
        return f"> {run.limit:.0f} (stopped)"
    if run.rc != 0:
        return f"{run.seconds:.2f} (exit {run.rc})"
    return f"{run.seconds:.2f}"


# -- the bench -------------------------------------------------------------------------

class Bench:
    def __init__(self, a):
        self.a = a
        self.kg = a.kg
        self.work = Path(a.workdir) if a.workdir else Path(tempfile.mkdtemp(prefix="dipkg-bench-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.cache = self.work / "cache"
        self.env = {**os.environ, "DIPKG_CACHE_DIR": str(self.cache)}
        self.rows: list[dict] = []
        self.comparisons: list[dict] = []
        self.extra: dict = {}
        self.stopped: dict[str, str] = {}      # baseline stage -> the size at which it was stopped
        self.earlier_runs: list[dict] = []
        if a.append and Path(a.out).exists():     # go on from an earlier run's JSON
            doc = json.loads(Path(a.out).read_text(encoding="utf-8"))
            self.earlier_runs = doc.get("runs") or [{"command": doc.get("command"), "machine": doc.get("machine")}]
            self.rows, self.comparisons = doc["rows"], doc["comparisons"]
            self.extra["extraction"] = doc.get("extraction")
            for r in self.rows:
                if r["baseline"] and r["baseline"]["stopped"]:
                    self.stopped.setdefault(baseline_key(r["stage"]), r["size"])

    # each measurement: one table row
    def row(self, stage: str, size: str, triples: int | None, run: Run | None, base: Run | None = None,
            note: str = "") -> dict:
        if base is not None and base.skipped:
            note = (note + "; " if note else "") + f"baseline not run: {base.skipped}"
        r = {"stage": stage, "size": size, "triples": triples, "kg": run.json() if run else None,
             "baseline": base.json() if base else None, "note": note}
        if run and base and run.ok and run.seconds > 0:
            if base.stopped:
                r["ratio"] = f"> {base.limit / run.seconds:.1f}"
            elif base.rc == 0:
                r["ratio"] = f"{base.seconds / run.seconds:.1f}"
        self.rows.append(r)
        self.print_row(r, run, base)
        self.save()
        return r

    def print_row(self, r, run, base):
        if not getattr(self, "_header", False):
            self._header = True
            print(f"{'stage':<34} {'size':>5} {'triples':>8} {'seconds':>10} {'peak_MB':>8} "
                  f"{'baseline_s':>16} {'base_MB':>8} {'ratio':>7} {'load1':>5}  note", flush=True)
        print(f"{r['stage']:<34} {r['size']:>5} {r['triples'] if r['triples'] is not None else '-':>8} "
              f"{fmt_s(run):>10} {(f'{run.peak_mb:.0f}' if run and not run.skipped else '-'):>8} "
              f"{fmt_s(base):>16} "
              f"{(f'{base.peak_mb:.0f}' if base and not base.stopped else '-'):>8} "
              f"{r.get('ratio', '-'):>7} {run.load1 if run and run.load1 is not None else '-':>5}  {r['note']}",
              flush=True)
        for x in (run, base):
            if x is not None and (x.rc != 0 and not x.stopped) and not r["note"].startswith("exit 1 expected"):
                print(f"    ! {' '.join(x.cmd)} exited {x.rc}: {x.err.strip()[-400:]}", flush=True)

    def save(self):
        this = {"command": self.extra.get("command"), "machine": self.extra.get("machine")}
        doc = {"runs": self.earlier_runs + [this],
               "rows": self.rows, "comparisons": self.comparisons, "targets": self.extra.get("targets", []),
               "extraction": self.extra.get("extraction")}
        Path(self.a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(self.a.out).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def kgrun(self, *args, timeout: float | None = None, cwd=None) -> Run:
        return measure([self.kg, *args], timeout=timeout or self.a.kg_timeout, env=self.env, cwd=cwd)

    def baserun(self, *args) -> Run:
        return measure([PY, BENCH / "baseline.py", *args], timeout=self.a.baseline_timeout, env=self.env)

    def base(self, key: str, label: str, *args) -> Run:
        """A baseline run, unless the same baseline was stopped at a smaller
        size (it would be stopped again: reported as not run, with the time limit as lower bound).
        The pySHACL and owlrl baselines (validate, reason) are always run."""
        if key in self.stopped and key not in ("validate", "reason") and not self.a.rerun_stopped:
            return not_run([PY, BENCH / "baseline.py", *args], f"stopped at {self.stopped[key]}",
                           self.a.baseline_timeout)
        r = self.baserun(*args)
        if r.stopped:
            self.stopped[key] = label
        return r

    def clear_cache(self):
        shutil.rmtree(self.cache, ignore_errors=True)

    # -- one-off measurements ----------------------------------------------------------

    def startup(self):
        runs = [self.kgrun("--help") for _ in range(5)]
        med = sorted(runs, key=lambda r: r.seconds)[2]
        self.row("kg --help (median of 5)", "-", None, med,
                 note="runs: " + " ".join(f"{r.seconds:.3f}" for r in runs))

    def seeds_query(self):
        self.clear_cache()
        cold = self.kgrun("query", "visits", cwd=ROOT)
        warm = self.kgrun("query", "visits", cwd=ROOT)
        base = self.baserun("query", ROOT / "data" / "dipkg.trig", "visits")
        n = count_rows(cold.out)
        self.row("query visits, data/ (cold)", "seeds", None, cold, base, note=f"{n} rows")
        self.row("query visits, data/ (warm)", "seeds", None, warm, base, note=f"{count_rows(warm.out)} rows")

    def extraction(self):
        n = self.a.articles
        folder = self.work / "articles"
        shutil.rmtree(folder, ignore_errors=True)
        synth = self.kgrun("synth", "--visits", n, "--seed", 2, "--out", self.work / "articles.nq",
                           "--articles", folder)
        source = "synthetic articles (kg synth --articles)"
        if not synth.ok or not list(folder.glob("*.txt")):
            # fallback: copies of the project's test articles
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            texts = sorted((ROOT / "tests" / "articles").glob("*.txt"))
            for i in range(n):
                src = texts[i % len(texts)]
                shutil.copy(src, folder / f"{i:04d}_{src.name}")
            source = f"copies of tests/articles/*.txt (kg synth --articles failed: {synth.err.strip()[-200:]})"
        count = len(list(folder.glob("*.txt")))
        res = {"articles": count, "source": source}
        for jobs in (2, 1):
            out = self.work / f"build-j{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            run = self.kgrun("build", "--seeds", folder, "--out", out, "--jobs", jobs, "--timings")
            rate = count / run.seconds if run.ok else 0
            # the extraction stage's own rate (model load included), from kg build --timings
            found = re.search(r"extraction ([\d.]+) articles/s", run.err)
            extract_rate = float(found.group(1)) if run.ok and found else None
            stages = next((line for line in run.err.splitlines() if line.startswith("timings:")), "")
            triples = None
            first = run.out.strip().splitlines()[0] if run.out.strip() else ""
            if " triples" in first:
                try:
                    triples = int(first.split(",")[1].split()[0])
                except (IndexError, ValueError):
                    pass
            self.row(f"build --jobs {jobs} ({count} articles)", "-", triples, run,
                     note=f"{rate:.1f} articles/s built; extraction {extract_rate} articles/s")
            res[f"jobs{jobs}"] = {"seconds": round(run.seconds, 2), "articles_per_s": round(rate, 1),
                                  "extraction_articles_per_s": extract_rate, "stages": stages,
                                  "ok": run.ok, "output": first}
        self.extra["extraction"] = res

    # -- per size ----------------------------------------------------------------------

    def size(self, label: str, target: int):
        visits = max(1, round(target / QUADS_PER_VISIT))
        data = self.work / f"s{label}.nq"
        synth = self.kgrun("synth", "--visits", visits, "--seed", 1, "--out", data)
        if not synth.ok:
            self.row("synth", label, None, synth, note="kg synth failed; size skipped")
            return
        triples = count_quads(data)
        self.row("synth (write the dataset)", label, triples, synth, note=f"{visits} visits, N-Quads")
        pair = a_visit_pair(data)
        if self.a.compare_only:
            if label in self.a.compare:
                reasoned = self.work / f"r{label}.trig"
                run = self.kgrun("reason", "--data", data, "--out", reasoned)
                self.compare(label, visits, data, reasoned, run)
                reasoned.unlink(missing_ok=True)
            data.unlink(missing_ok=True)
            return

        # parse: dipkg's reader (kg.io.load_store, what every command uses) vs rdflib
        run = measure([PY, "-c", "import sys; from kg.io import load_store; print(load_store([sys.argv[1]]).quads)", data],
                      timeout=self.a.kg_timeout, env=self.env)
        self.row("parse (kg.io.load_store)", label, triples, run, self.base("parse", label, "parse", data),
                 note="baseline: rdflib Dataset().parse")

        run = self.kgrun("validate", data)
        self.row("validate", label, triples, run, self.base("validate", label, "validate", data),
                 note="baseline: pySHACL advanced, data+ontology")

        run = reason_run = self.kgrun("reason", "--data", data, "--out", self.work / f"r{label}.trig")
        self.row("reason", label, triples, run, self.base("reason", label, "reason", data),
                 note="baseline: owlrl DeductiveClosure, data+ontology")

        for i, name in enumerate(named_queries(self)):
            params = []
            if name == "timeline":
                params = ["--param", f"a={pair[0]}", "--param", f"b={pair[1]}"]
            args = ("query", name, "--data", data, "--format", "tsv", *params)
            if self.a.cold_queries == "each" or i == 0:
                self.clear_cache()
                cold = self.kgrun(*args, timeout=self.a.query_timeout)
            else:           # the store the first query built is kept (--cold-queries first)
                cold = not_run([self.kg, *args], "the store is built once, by the first query's cold run",
                               self.a.query_timeout)
            warm = (self.kgrun(*args, timeout=self.a.query_timeout) if not cold.stopped or cold.skipped else
                    not_run([self.kg, *args], "the cold run was stopped (no store was kept)", self.a.query_timeout))
            base = self.base(f"query {name}", label, "query", data, name, *params)
            brows = json.loads(base.out).get("rows") if base.ok else None
            note = f"{count_rows(warm.out) if warm.ok else '-'} rows; baseline {brows if brows is not None else '-'} rows"
            self.row(f"query {name} (cold)", label, triples, cold, base, note=note)
            self.row(f"query {name} (warm)", label, triples, warm, base,
                     note="store kept in the cache" if not warm.skipped else "not run: " + warm.skipped)
        self.clear_cache()

        for fmt in ("nq", "ttl"):
            out = self.work / f"e{label}.{fmt}"
            run = self.kgrun("export", "--format", fmt, "--data", data, "--out", out)
            base = self.base(f"export {fmt}", label, "export", data, self.work / f"b{label}.{fmt}")
            self.row(f"export --format {fmt}", label, triples, run, base, note="baseline: rdflib serialize")
            for f in (out, self.work / f"b{label}.{fmt}"):
                f.unlink(missing_ok=True)

        with oxigraph_server(self.work / f"ox-kg-{label}") as url:
            run = self.kgrun("load", "--endpoint", url + "/store", "--data", data)
            loaded = store_size(url)
        with oxigraph_server(self.work / f"ox-base-{label}") as url:
            base = self.base("load", label, "load", data, url + "/store")
            bloaded = store_size(url)
        self.row("load (Oxigraph server, GSP)", label, triples, run, base,
                 note=f"{loaded} triples in the store (with entailments); baseline {bloaded} "
                      "(rdflib, PUT per graph, no entailments)")
        # one request (kg load --quads), into Oxigraph's transactional load and its bulk loader
        for suffix, what in (("", "transaction"), ("?no_transaction", "bulk loader, ?no_transaction")):
            with oxigraph_server(self.work / f"ox-quads-{label}") as url:
                run = self.kgrun("load", "--endpoint", url + "/store" + suffix, "--data", data, "--quads")
                self.row(f"load --quads (Oxigraph server, {what})", label, triples, run,
                         note=f"{store_size(url)} triples in the store (with entailments)")
            shutil.rmtree(self.work / f"ox-quads-{label}", ignore_errors=True)
        for d in (f"ox-kg-{label}", f"ox-base-{label}"):
            shutil.rmtree(self.work / d, ignore_errors=True)

        if label in self.a.compare:
            self.compare(label, visits, data, self.work / f"r{label}.trig", reason_run)
        data.unlink(missing_ok=True)
        (self.work / f"r{label}.trig").unlink(missing_ok=True)

    # -- same results as the reference engines ---------------------------------------------

    def compare(self, label: str, visits: int, data: Path, reasoned: Path, fast_reason: Run):
        """Validation results on a dataset with defects; the closure on the
        conforming dataset (a clash stops ``kg reason`` before it writes
        anything); the clash messages on the dataset with defects."""
        fraction = min(1.0, DEFECTS / visits)
        bad = self.work / f"d{label}.nq"
        synth = self.kgrun("synth", "--visits", visits, "--seed", 1, "--violations", f"{fraction:.4f}", "--out", bad)
        triples = count_quads(bad) if synth.ok else None
        defects = synth.out.split(" defects")[0].rsplit(",", 1)[-1].strip() if synth.ok else "?"
        what = f"{defects} defects (--violations {fraction:.4f})"

        fast = self.kgrun("validate", bad, "--format", "json")
        ref = self.kgrun("validate", bad, "--format", "json", "--engine", "pyshacl", timeout=self.a.compare_timeout)
        self.comparison("validate --format json: oxigraph vs --engine pyshacl", label, triples, what, fast, ref,
                        *compare_validation(fast, ref))

        owl = self.work / f"ro{label}.trig"
        ref = self.kgrun("reason", "--engine", "owlrl", "--data", data, "--out", owl, timeout=self.a.compare_timeout)
        self.comparison("reason: rules vs --engine owlrl (closure)", label, count_quads(data), "conforming",
                        fast_reason, ref, *compare_quads(fast_reason, ref, reasoned, owl))
        owl.unlink(missing_ok=True)

        fast = self.kgrun("reason", "--data", bad)
        ref = self.kgrun("reason", "--engine", "owlrl", "--data", bad, timeout=self.a.compare_timeout)
        self.comparison("reason: rules vs --engine owlrl (clashes)", label, triples, what, fast, ref,
                        *compare_clashes(fast, ref))
        bad.unlink(missing_ok=True)

    def comparison(self, check, label, triples, what, fast, ref, verdict, detail):
        c = {"check": check, "size": label, "triples": triples, "data": what, "fast": fast.json(),
             "reference": ref.json(), "verdict": verdict, "detail": detail}
        self.comparisons.append(c)
        self.print_comparison(c, fast, ref)

    def print_comparison(self, c, fast, ref):
        print(f"    same-results  {c['check']:<40} {c['size']:>5} {c['triples'] or '-':>8}  "
              f"fast {fmt_s(fast)} s, reference {fmt_s(ref)} s  "
              f"{c['verdict']:<9}  {c['detail']}; data: {c['data']}", flush=True)
        self.save()

    # -- targets -------------------------------------------------------------------------

    def targets(self):
        t = []

        def find(stage, size):
            for r in self.rows:
                if r["stage"] == stage and r["size"] == size:
                    return r
            return None

        def secs(r):
            return r["kg"]["seconds"] if r and r["kg"] and r["kg"]["exit"] in (0, 1) and not r["kg"]["stopped"] else None

        def add(name, value, ok, figure):
            t.append({"target": name, "met": ok, "figure": figure})
            print(f"  {'MET    ' if ok else ('NOT MET' if ok is False else 'n/a    ')}  {name}: {figure}", flush=True)

        print("\ntargets:")
        big = "1M"
        for stage, limit in (("validate", 60), ("reason", 60)):
            s = secs(find(stage, big))
            add(f"1M: kg {stage} < {limit} s", s, None if s is None else s < limit,
                "not measured" if s is None else f"{s:.1f} s")
        qs = [r for r in self.rows if r["size"] == big and r["stage"].startswith("query ")]
        for kind in ("warm", "cold"):
            sel = [(r["stage"], secs(r)) for r in qs
                   if r["stage"].endswith(f"({kind})") and not (r["kg"] or {}).get("not_run")]
            if sel:
                worst = max(sel, key=lambda x: x[1] if x[1] is not None else 1e9)
                ok = all(s is not None and s < 2 for _, s in sel)
                add(f"1M: every named query < 2 s ({kind} store)", worst[1], ok,
                    f"slowest {worst[0]} {worst[1] if worst[1] is None else round(worst[1], 2)} s")
            else:
                add(f"1M: every named query < 2 s ({kind} store)", None, None, "not measured")
        s = min((x for x in (secs(find(stage, big)) for stage in (
            "load (Oxigraph server, GSP)", "load --quads (Oxigraph server, transaction)",
            "load --quads (Oxigraph server, bulk loader, ?no_transaction)")) if x is not None), default=None)
        add("1M: kg load into an Oxigraph server < 30 s", s, None if s is None else s < 30,
            "not measured" if s is None else f"{s:.1f} s")
        peaks = [(r["stage"], r["kg"]["peak_mb"]) for r in self.rows if r["size"] == big and r["kg"]]
        if peaks:
            worst = max(peaks, key=lambda x: x[1])
            add("1M: peak memory < 4 GB (every kg command)", worst[1], worst[1] < 4096,
                f"largest {worst[1]:.0f} MB ({worst[0]})")
        else:
            add("1M: peak memory < 4 GB (every kg command)", None, None, "not measured")
        for stage in ("validate", "reason"):
            r = find(stage, "100k")
            ratio = r.get("ratio") if r else None
            if ratio is None:
                add(f"100k: kg {stage} >= 20x faster than the baseline", None, None, "not measured")
            else:
                val = float(ratio.lstrip("> "))
                add(f"100k: kg {stage} >= 20x faster than the baseline", val, val >= 20,
                    f"{ratio}x (kg {r['kg']['seconds']:.2f} s, baseline "
                    f"{'stopped at ' + str(self.a.baseline_timeout) if r['baseline']['stopped'] else r['baseline']['seconds']} s)")
        ex = self.extra.get("extraction") or {}
        j2 = ex.get("jobs2")
        rate = j2.get("extraction_articles_per_s") if j2 else None
        add("kg build --jobs 2 extracts >= 30 synthetic articles/s", rate, None if rate is None else rate >= 30,
            "not measured" if not j2 else f"extraction {rate} articles/s; whole build {j2['articles_per_s']} "
            f"articles/s ({ex['articles']} articles, {j2['seconds']} s; {j2.get('stages', '')})")
        s = secs(find("kg --help (median of 5)", "-"))
        add("kg --help < 0.3 s", s, None if s is None else s < 0.3, "not measured" if s is None else f"{s:.3f} s")
        for kind in ("cold", "warm"):
            s = secs(find(f"query visits, data/ ({kind})", "seeds"))
            add(f"kg query visits on data/ < 1.5 s ({kind})", s, None if s is None else s < 1.5,
                "not measured" if s is None else f"{s:.2f} s")
        self.extra["targets"] = t
        self.save()


# -- helpers -------------------------------------------------------------------------

def baseline_key(stage: str) -> str:
    """The :meth:`Bench.base` key of a row's stage name."""
    if stage.startswith("query "):
        return " ".join(stage.split()[:2])
    if stage.startswith("export --format "):
        return "export " + stage.split()[2]
    return stage.split()[0]


def named_queries(bench: Bench) -> list[str]:
    run = bench.kgrun("queries")
    return [line.split()[0] for line in run.out.splitlines() if line.strip()]


def count_rows(out: str) -> int:
    lines = [x for x in out.splitlines() if x.strip()]
    if lines and lines[-1].startswith("(") and lines[-1].endswith("rows)"):
        return int(lines[-1][1:].split()[0])
    return max(0, len(lines) - 1)


def count_quads(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip() and not line.startswith(b"#"))


def a_visit_pair(path: Path) -> tuple[str, str]:
    """The ISO codes of the guest and host states of the file's first visit."""
    import pyoxigraph as ox
    guest, host = {}, {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        p = q.predicate.value
        if p == DIP + "guestState":
            guest[q.subject] = q.object.value.rsplit("/", 1)[-1]
        elif p == DIP + "hostState":
            host[q.subject] = q.object.value.rsplit("/", 1)[-1]
        both = [s for s in guest if s in host]
        if both:
            return guest[both[0]], host[both[0]]
    return "KZ", "VN"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class oxigraph_server:
    """An Oxigraph server (``oxigraph serve``, union default graph) on a free
    loopback port over a fresh folder, for the time of a ``with`` block."""

    def __init__(self, location: Path):
        self.location = location

    def __enter__(self) -> str:
        exe = shutil.which("oxigraph") or str(Path(PY).parent / "oxigraph")
        shutil.rmtree(self.location, ignore_errors=True)
        self.location.mkdir(parents=True)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([exe, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{port}",
                                      "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1).read()
                return self.url
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.proc.kill()
                    raise RuntimeError("oxigraph serve did not start")
                time.sleep(0.1)

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def store_size(url: str) -> int | None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    req = urllib.request.Request(url + "/query?" + urllib.parse.urlencode({"query": q}),
                                 headers={"Accept": "application/sparql-results+json"})
    try:
        body = json.loads(urllib.request.urlopen(req, timeout=600).read())
        return int(body["results"]["bindings"][0]["n"]["value"])
    except (OSError, ValueError, KeyError, IndexError):
        return None


def compare_validation(fast: Run, ref: Run) -> tuple[str, str]:
    if ref.stopped or fast.stopped:
        return "not run", "reference stopped" if ref.stopped else "fast engine stopped"
    try:
        a, b = json.loads(fast.out), json.loads(ref.out)
    except ValueError:
        return "error", f"exits {fast.rc}/{ref.rc}: {(fast.err or ref.err).strip()[-200:]}"
    ra = {json.dumps(r, sort_keys=True) for r in a["results"]}
    rb = {json.dumps(r, sort_keys=True) for r in b["results"]}
    same = ra == rb and sorted(a["clashes"]) == sorted(b["clashes"]) and a["conforms"] == b["conforms"]
    detail = (f"{len(ra)} results, {len(a['clashes'])} clashes, conforms={a['conforms']} / "
              f"{len(rb)} results, {len(b['clashes'])} clashes, conforms={b['conforms']}")
    if not same:
        detail += f"; only fast: {len(ra - rb)}, only reference: {len(rb - ra)}"
    return ("same" if same else "DIFFERENT"), detail


def clash_messages(run: Run) -> set[str]:
    """The clashes ``kg reason`` names on stderr (exit 1)."""
    for line in run.err.splitlines():
        if "has a clash: " in line:
            return set(line.split("has a clash: ", 1)[1].strip().split("; "))
    return set()


def compare_clashes(fast: Run, ref: Run) -> tuple[str, str]:
    if ref.stopped or fast.stopped:
        return "not run", "reference stopped" if ref.stopped else "fast engine stopped"
    if fast.rc not in (0, 1) or ref.rc not in (0, 1):
        return "error", f"exits {fast.rc}/{ref.rc}: {(fast.err or ref.err).strip()[-200:]}"
    a, b = clash_messages(fast), clash_messages(ref)
    detail = f"{len(a)} / {len(b)} clashes (exit {fast.rc} / {ref.rc})"
    if a != b:
        detail += f"; only fast: {len(a - b)}, only reference: {len(b - a)}"
    return ("same" if a == b and fast.rc == ref.rc else "DIFFERENT"), detail


def compare_quads(fast: Run, ref: Run, a: Path, b: Path) -> tuple[str, str]:
    if ref.stopped or fast.stopped:
        return "not run", "reference stopped" if ref.stopped else "fast engine stopped"
    if not (fast.ok and ref.ok):
        return "error", f"exits {fast.rc}/{ref.rc}: {(fast.err or ref.err).strip()[-200:]}"
    import pyoxigraph as ox

    def lines(p):
        return {str(q) for q in ox.parse(path=str(p), format=ox.RdfFormat.TRIG)}
    la, lb = lines(a), lines(b)
    bnodes = sum(1 for x in la | lb if "_:" in x)
    detail = f"{len(la)} / {len(lb)} quads"
    if la != lb:
        detail += f"; only fast: {len(la - lb)}, only reference: {len(lb - la)}"
    if bnodes:
        detail += f"; {bnodes} quads with blank nodes"
    return ("same" if la == lb else "DIFFERENT"), detail


def machine(kg: str) -> dict:
    def version(pkg):
        try:
            from importlib.metadata import version as v
            return v(pkg)
        except Exception:
            return None
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout
    except OSError:
        mem = ""
    return {"nproc": os.cpu_count(), "cpu": cpu, "free_g": mem, "python": platform.python_version(),
            "platform": platform.platform(), "loadavg_at_start": os.getloadavg(), "kg": kg,
            "versions": {p: version(p) for p in ("dipkg", "pyoxigraph", "oxigraph", "rdflib", "pyshacl", "owlrl",
                                                 "spacy")},
            "started": time.strftime("%Y-%m-%d %H:%M:%S %z")}


SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}


def parse_size(s: str) -> int:
    if s in SIZES:
        return SIZES[s]
    mult = {"k": 1_000, "M": 1_000_000}.get(s[-1])
    return int(float(s[:-1]) * mult) if mult else int(s)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1M", help="comma-separated triples counts (10k, 100k, 1M, 250k...)")
    ap.add_argument("--baseline-timeout", type=float, default=600, help="seconds before a baseline is stopped")
    ap.add_argument("--compare", default="10k,100k",
                    help="sizes at which the fast engines are checked against the reference engines ('' for none)")
    ap.add_argument("--compare-timeout", type=float, default=1800,
                    help="seconds before a reference engine run for the comparisons (kg ... --engine pyshacl/owlrl) "
                         "is stopped")
    ap.add_argument("--rerun-stopped", action="store_true",
                    help="run a baseline again at a larger size even if it was stopped at a smaller one")
    ap.add_argument("--kg-timeout", type=float, default=3600, help="seconds before a kg command is stopped")
    ap.add_argument("--query-timeout", type=float, default=600,
                    help="seconds before a kg query is stopped (its warm run is then not run)")
    ap.add_argument("--cold-queries", choices=("each", "first"), default="each",
                    help="time a cold run (the store built) of each named query, or of the first only")
    ap.add_argument("--compare-only", action="store_true",
                    help="at each size only the result comparisons (with --append: after a run stopped before them)")
    ap.add_argument("--append", action="store_true",
                    help="add to the rows already in --out (another run's), e.g. to measure one more size")
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles for the extraction throughput")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: startup, seeds, extraction")
    ap.add_argument("--kg", default=shutil.which("kg") or str(Path(PY).parent / "kg"), help="the kg executable")
    ap.add_argument("--workdir", help="scratch folder (default: a new temporary folder, removed at the end)")
    ap.add_argument("--out", default=str(BENCH / "results.json"))
    a = ap.parse_args(argv)
    a.compare = [s for s in a.compare.split(",") if s]
    skip = set(a.skip.split(","))
    b = Bench(a)
    b.extra["machine"] = machine(a.kg)
    b.extra["command"] = shlex.join([Path(PY).as_posix(), "bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    m = b.extra["machine"]
    print(f"# {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, load average at start "
          f"{' '.join(f'{x:.2f}' for x in m['loadavg_at_start'])}; kg = {a.kg}; work in {b.work}", flush=True)
    print(f"# versions: {m['versions']}", flush=True)
    try:
        if "startup" not in skip:
            b.startup()
        if "seeds" not in skip:
            b.seeds_query()
        if "extraction" not in skip:
            b.extraction()
        for label in [s for s in a.sizes.split(",") if s]:
            b.size(label, parse_size(label))
        b.targets()
        b.extra["machine"]["loadavg_at_end"] = os.getloadavg()
        b.extra["machine"]["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %z")
        b.save()
    finally:
        if not a.workdir:
            shutil.rmtree(b.work, ignore_errors=True)
    print(f"\nwritten: {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
