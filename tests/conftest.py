"""Shared fixtures: the CLI runner and one build of the seeds per session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"


class Kg:
    """Runs ``kg`` in-process like a user at a shell would."""

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def __call__(self, *args, ok: int | None = 0):
        runner = CliRunner()
        with _chdir(self.cwd):
            res = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        if ok is not None:
            assert res.exit_code == ok, f"kg {' '.join(map(str, args))} exited {res.exit_code}:\n{res.output}"
        return res

    def extract_text(self, folder: Path, text: str, *options) -> Path:
        """``text`` saved as ``folder/article.txt`` and run through ``kg extract``
        (with ``options``, such as ``--date``); the TriG written."""
        folder.mkdir(parents=True, exist_ok=True)
        art, out = folder / "article.txt", folder / "article.trig"
        art.write_text(text, encoding="utf-8")
        self("extract", art, "--out", out, *options)
        return out

    def rows(self, name: str, data, *params) -> list[dict]:
        """The rows of ``kg query NAME --data DATA PARAMS`` as dicts of every
        column ("" where the row leaves it unbound)."""
        import json

        res = json.loads(self("query", name, "--data", data, "--format", "json", *params).output)
        return [{c: b.get(c, {}).get("value", "") for c in res["head"]["vars"]} for b in res["results"]["bindings"]]


class _chdir:
    def __init__(self, path):
        self.path, self.old = path, None

    def __enter__(self):
        import os
        self.old = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        import os
        os.chdir(self.old)


@pytest.fixture(scope="session", autouse=True)
def store_cache(tmp_path_factory) -> Path:
    """Prebuilt stores (kg query) go to a scratch folder, not the user's cache;
    child processes inherit it."""
    import os
    folder = tmp_path_factory.mktemp("store-cache")
    os.environ["DIPKG_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def kg() -> Kg:
    """``kg`` run from the repository root."""
    return Kg(ROOT)


def once_per_run(tmp_path_factory, name: str, make):
    """``make(folder)`` run once for the whole test run, in a folder of its
    own, and its (pickled) result shared by every xdist worker: the first
    worker to ask makes it under a file lock, the others wait and read it.
    For what several test modules share (the seeds' build, the test corpus's
    extraction), which each worker would otherwise make again."""
    import os
    import pickle

    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base     # the run's folder, shared
    done = root / f"{name}.pickle"
    with FileLock(str(root / f"{name}.lock")):
        if done.is_file():
            return pickle.loads(done.read_bytes())
        folder = root / name
        folder.mkdir(exist_ok=True)
        value = make(folder)
        done.write_bytes(pickle.dumps(value))
        return value


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """``kg build`` of the seeds into a temporary folder (once per run)."""
    def make(out):
        Kg(ROOT)("build", "--seeds", SEEDS, "--out", out)
        return out
    return once_per_run(tmp_path_factory, "built", make)


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A scratch folder with a copy of the seeds."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


# -- servers the tests start on the loopback interface ----------------------------------

def free_port() -> int:
    """A TCP port nothing listens on, on 127.0.0.1."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(args: list[str], ready_url: str, seconds: float = 60, **popen):
    """Start a server process; yield once ``ready_url`` answers; stop it after."""
    import subprocess
    import time
    import urllib.request

    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **popen)
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(ready_url, timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"{args[0]} did not start: {proc.stderr.read()[-2000:]}")
            time.sleep(0.1)
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# -- the W3C SHACL suite's summary line per engine (tests/test_w3c_shacl.py) ------------

def pytest_sessionstart(session):
    import time
    session.config._w3c_started = time.time()


def pytest_terminal_summary(terminalreporter, config):
    import json

    import w3c_shacl
    from test_w3c_shacl import EXPECTED_FAILURES

    for engine, known in EXPECTED_FAILURES.items():
        kept = w3c_shacl.cache_dir() / f"last-run-{engine}.json"
        if not kept.exists() or kept.stat().st_mtime < getattr(config, "_w3c_started", 0):
            continue        # the suite did not run in this session (e.g. -m "not slow" or -k)
        run = json.loads(kept.read_text())
        passed = sum(r["outcome"] == "pass" for r in run.values())
        xfail = {c: why for c, why in known.items() if run.get(c, {}).get("outcome") == "fail"}
        failed = len(run) - passed - len(xfail)
        delegated = sum(r["detail"].startswith("delegated:") for r in run.values())
        terminalreporter.write_line(
            f"W3C SHACL suite, engine {engine}: {passed} passed, {failed} failed, {len(xfail)} expected failure(s)"
            + (f" ({'; '.join(f'{c}: {why}' for c, why in xfail.items())})" if xfail else "")
            + (f"; {delegated} passed with shapes left to pyshacl-turbo" if delegated else ""))
