"""The pre-commit hooks (.pre-commit-hooks.yaml), used from another repository
as a researcher would: pre-commit clones dipkg at a commit, installs it in an
environment of its own (from the package index, as pip would), and runs
`kg validate` and `kg check` on the RDF files of each commit."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

# slow: pre-commit clones the repository and installs dipkg in a fresh environment
pytestmark = pytest.mark.slow

BROKEN = ROOT / "tests" / "broken"
GIT = ["git", "-c", "user.name=dipkg tests", "-c", "user.email=tests@dipkg.invalid", "-c", "commit.gpgsign=false"]


def run(args, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def snapshot(dest: Path) -> str:
    """dipkg's files as they are now (tracked and new, not ignored), committed
    in a repository of their own: pre-commit clones a commit, and the working
    tree may hold changes not yet committed."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    if listed.returncode != 0:
        pytest.skip("the hook is installed from a git checkout of dipkg; this copy is not one")
    for name in filter(None, listed.stdout.split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], [*GIT, "commit", "-q", "-m", "dipkg snapshot"]):
        assert run(cmd, dest).returncode == 0
    return run(["git", "rev-parse", "HEAD"], dest).stdout.strip()


def test_hooks_file_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["kg-validate"]["entry"] == "kg validate" and hooks["kg-check"]["entry"] == "kg check"
    assert all(h["require_serial"] for h in hooks.values())   # one process sees every file of the commit


def test_a_repository_using_the_hook_refuses_a_bad_commit_and_takes_a_good_one(tmp_path):
    hook_repo = tmp_path / "dipkg"
    hook_repo.mkdir()
    rev = snapshot(hook_repo)
    repo = tmp_path / "research"
    repo.mkdir()
    assert run(["git", "init", "-q"], repo).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{
        "repo": str(hook_repo), "rev": rev, "hooks": [{"id": "kg-validate"}, {"id": "kg-check"}]}]}),
        encoding="utf-8")
    # pre-commit's own store in the test's folder: a fresh install, nothing reused
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pre_commit = [sys.executable, "-m", "pre_commit"]
    installed = run([*pre_commit, "install"], repo, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(name: str, source: Path) -> subprocess.CompletedProcess:
        shutil.copy(source, repo / name)
        run(["git", "add", name, ".pre-commit-config.yaml"], repo)
        return run([*GIT, "commit", "-m", f"add {name}"], repo, env)

    good = commit("meeting.ttl", BROKEN / "shapes" / "EncounterShape" / "valid.ttl")
    out = good.stdout + good.stderr
    assert good.returncode == 0, out
    assert re.search(r"^kg validate\.+Passed$", out, re.M) and re.search(r"^kg check\.+Passed$", out, re.M), out

    bad = commit("three-people.ttl", BROKEN / "shapes" / "EncounterShape" / "invalid-meeting-three-participants.ttl")
    out = bad.stdout + bad.stderr
    assert bad.returncode == 1, out
    assert "- hook id: kg-validate" in out and "EncounterShape-twoParticipants: 1 result(s)" in out
    line = next(i for i, text in enumerate((BROKEN / "shapes" / "EncounterShape" / "invalid-meeting-three-participants.ttl")
                                           .read_text(encoding="utf-8").splitlines(), 1)
                if "dip:participant" in text and "pham-minh-chinh" in text)
    assert f"at: three-people.ttl:{line}" in out     # the path as the researcher's repository names it
    run(["git", "reset", "-q", "HEAD", "three-people.ttl"], repo)
    (repo / "three-people.ttl").unlink()

    typo = commit("typo.ttl", BROKEN / "vocabulary" / "undefined-class.ttl")
    out = typo.stdout + typo.stderr
    assert typo.returncode == 1, out
    assert "- hook id: kg-check" in out and "ontology#Vist is used as a class" in out

    log = run(["git", "log", "--format=%s"], repo).stdout.split()
    assert log == ["add", "meeting.ttl"]        # only the good commit went in
