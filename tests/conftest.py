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


@pytest.fixture(scope="session")
def kg() -> Kg:
    """``kg`` run from the repository root."""
    return Kg(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """``kg build`` of the seeds into a temporary folder (once per session)."""
    out = tmp_path_factory.mktemp("data")
    Kg(ROOT)("build", "--seeds", SEEDS, "--out", out)
    return out


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A scratch folder with a copy of the seeds."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path
