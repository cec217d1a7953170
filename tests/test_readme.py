"""The README's console examples print what the commands print today."""
from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT

# the examples run in order (one writes the file the next one reads): one worker
pytestmark = pytest.mark.xdist_group("readme")


SHOWS_EXIT = re.compile(r'(kg [^|;&]*); echo "exit \$\?"')


def examples():
    """(command, expected output) for each `$ kg ...` line of a console block
    that is a plain command (no pipe or `;`), or one followed by
    `; echo "exit $?"` (its output then ends with the exit code), in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        cmd, lines = None, []
        for line in block.splitlines() + ["$ end"]:
            if line.startswith("$ "):
                if cmd is not None:
                    out.append((cmd, "\n".join(lines)))
                c = line[2:]
                cmd = c if (c.startswith("kg ") and not re.search(r"[|;&]", c)) or SHOWS_EXIT.fullmatch(c) else None
                lines = []
            else:
                lines.append(line)
    return [(c, o) for c, o in out if c != "kg build"]


def test_readme_has_examples():
    assert len(examples()) >= 10


@pytest.mark.parametrize("cmd,expected", examples(), ids=[c for c, _ in examples()])
def test_readme_example(kg, cmd, expected):
    shown = SHOWS_EXIT.fullmatch(cmd)
    res = kg(*shlex.split(shown.group(1) if shown else cmd)[1:], ok=None)
    output = res.output.rstrip("\n")
    if shown:
        output += f"\nexit {res.exit_code}"
    else:
        assert res.exit_code == 0, res.output
    assert output == expected.rstrip("\n")
