#!/usr/bin/env python
"""Render a ``bench/run.py`` JSON (default ``bench/results.json``) as the
Markdown tables of ``bench/RESULTS.md``: the machine, the command, the
measurements, the result comparisons and the targets.

    python bench/report.py [bench/results.json] > tables.md
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def seconds(run: dict | None, limit: str) -> str:
    if not run:
        return "–"
    if run.get("limit"):
        limit = f"{run['limit']:.0f}"
    if run.get("not_run"):
        return f"> {limit} (not run)"
    if run["stopped"]:
        return f"> {limit} (stopped)"
    text = f"{run['seconds']:.2f}"
    return text if run["exit"] == 0 else f"{text} (exit {run['exit']})"


def mb(run: dict | None) -> str:
    if not run or run["stopped"]:
        return "–"
    return f"{run['peak_mb']:.0f}"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0] if argv else Path(__file__).resolve().parent / "results.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    runs = doc.get("runs") or [{"command": doc.get("command"), "machine": doc.get("machine")}]
    cmd = runs[0].get("command") or ""

    def option(name: str, default: str) -> str:
        if name in cmd:
            return cmd.split(name, 1)[1].split()[0].lstrip("=")
        return default
    limit = option("--baseline-timeout", "600")
    compare_limit = option("--compare-timeout", "1800")
    out = []
    for run in runs:
        m = run.get("machine") or {}
        out.append(f"- command: `{run.get('command')}`")
        out.append(f"  - started {m.get('started')}, finished {m.get('finished')}")
        out.append(f"  - {m.get('nproc')} CPUs, {m.get('cpu')}; Python {m.get('python')}; {m.get('platform')}")
        out.append("  - versions: " + ", ".join(f"{k} {v}" for k, v in (m.get("versions") or {}).items()))
        la, lb = m.get("loadavg_at_start"), m.get("loadavg_at_end")
        if la:
            out.append("  - load average at start: " + " ".join(f"{x:.2f}" for x in la)
                       + ("; at end: " + " ".join(f"{x:.2f}" for x in lb) if lb else ""))
    out.append("")
    out.append("| stage | size | triples | seconds | peak MB | baseline s | baseline MB | ratio | load1 | note |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in doc["rows"]:
        k = r["kg"]
        out.append(f"| {r['stage']} | {r['size']} | {r['triples'] if r['triples'] is not None else '–'} | "
                   f"{seconds(k, limit)} | {mb(k)} | {seconds(r['baseline'], limit) if r['baseline'] else '–'} | "
                   f"{mb(r['baseline'])} | {r.get('ratio', '–')} | {k['load1'] if k and k['load1'] is not None else '–'} | "
                   f"{r['note'].replace('|', '/')} |")
    if doc.get("comparisons"):
        out.append("")
        out.append("| same results? | size | triples | data | fast s | reference s | verdict | detail |")
        out.append("| --- | --- | ---: | --- | ---: | ---: | --- | --- |")
        for c in doc["comparisons"]:
            out.append(f"| {c['check']} | {c['size']} | {c['triples']} | {c['data']} | "
                       f"{seconds(c['fast'], limit)} | {seconds(c['reference'], compare_limit)} | **{c['verdict']}** | "
                       f"{c['detail']} |")
    if doc.get("targets"):
        out.append("")
        out.append("| target | met? | figure |")
        out.append("| --- | --- | --- |")
        for t in doc["targets"]:
            met = {True: "met", False: "**not met**", None: "not measured"}[t["met"]]
            out.append(f"| {t['target']} | {met} | {t['figure']} |")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
