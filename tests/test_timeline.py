"""kg timeline: the entries between two states, as a table and as a picture
(SVG whose text stays searchable, PNG), deterministic, with one-line errors."""
from __future__ import annotations

import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import DATA, ROOT
from kg.errors import InputError
from kg.docs.timeline import Entry, Timeline, render, timeline

SVG = "{http://www.w3.org/2000/svg}text"


def svg_texts(path) -> list[str]:
    """The SVG's text elements, in document order."""
    return ["".join(t.itertext()) for t in ET.parse(path).iter(SVG)]


def one_line_error(res) -> str:
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1, res.output
    assert lines[0].startswith("kg: error: ")
    return lines[0]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, chunk = struct.unpack(">I4s", data[8:16])
    assert chunk == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def kz_vn_svg(kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("timeline") / "t.svg"
    kg("timeline", "KZ", "VN", "--out", out)
    return out


def test_svg_holds_the_2023_visit_then_the_2025_strategic_partnership(kz_vn_svg):
    texts = svg_texts(kz_vn_svg)
    # each row is written as its date, its summary, then its source
    visit = next(i for i, t in enumerate(texts) if t.startswith("official visit of Kassym-Jomart Tokayev"))
    assert texts[visit - 1] == "2023-08-20"
    assert texts[visit + 1] == "000_3643f0447ada7bd8"
    raised = texts.index("relation raised to strategic partnership")      # the level's label, not its notation
    assert "bilateral trade target: 5,000,000,000 USD" in texts                # digits grouped
    assert texts[raised - 1].startswith("2025")
    assert visit < raised
    assert any(t.startswith("Kazakhstan (KZ) and Vietnam (VN): 24 events") for t in texts)
    assert {"visit", "agreement", "partnership-change", "honour"} <= set(texts)      # the legend


def test_svg_rows_are_in_date_order_and_text_stays_text(kz_vn_svg):
    texts = svg_texts(kz_vn_svg)
    dates = [t for t in texts if len(t) >= 7 and t[:4].isdigit() and t[4] == "-"]
    assert len(dates) == 24     # seed 003's seven agreements are seven rows
    assert dates == sorted(dates)
    svg = kz_vn_svg.read_text(encoding="utf-8")
    assert "Tô Lâm" in svg                      # not glyph outlines
    assert 'id="DejaVuSans-' not in svg


def test_png_is_a_png_of_sensible_size(kg, tmp_path):
    out = tmp_path / "t.png"
    kg("timeline", "KZ", "VN", "--out", out)
    width, height = png_size(out.read_bytes())
    assert 1000 < width < 5000 and 500 < height < 3000
    assert width > height                       # a row per entry, the columns side by side


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_same_command_same_bytes(kg, tmp_path, suffix):
    one, two = tmp_path / f"1{suffix}", tmp_path / f"2{suffix}"
    kg("timeline", "KZ", "VN", "--out", one)
    kg("timeline", "KZ", "VN", "--out", two)
    assert one.read_bytes() == two.read_bytes()


def test_lower_case_codes_and_either_order_give_the_same_entries(kg):
    table = kg("timeline", "KZ", "VN").output
    assert kg("timeline", "kz", "vn").output == table
    assert kg("timeline", "VN", "KZ").output == table
    lines = table.splitlines()
    assert lines[0].split() == ["date", "kind", "summary", "date_basis", "source"]
    assert lines[-1] == "(24 rows)"
    assert any(line.startswith("2023-08-20") and "official visit of Kassym-Jomart Tokayev to VN" in line
               for line in lines)


def test_library_entries_whichever_order(tmp_path):
    kv = timeline("KZ", "VN", [DATA / "dipkg.trig"])
    vk = timeline("vn", "kz", [DATA / "dipkg.trig"])
    assert kv.entries == vk.entries
    assert vk.title() == "Vietnam (VN) and Kazakhstan (KZ)"
    assert [e.start for e in kv.entries] == sorted(e.start for e in kv.entries)
    visit = next(e for e in kv.entries if e.kind == "visit")
    assert (visit.date, visit.source_name) == ("2023-08-20", "000_3643f0447ada7bd8")
    assert visit.event == "https://w3id.org/dipkg/id/visit/2023-08-20/kassym-jomart-tokayev/VN"
    change = next(e for e in kv.entries if e.kind == "partnership-change")
    assert change.summary == "relation raised to strategic_partnership" and change.start.year == 2025


def test_unknown_code_exits_2_and_writes_nothing(kg, tmp_path):
    out = tmp_path / "t.svg"
    res = kg("timeline", "KZ", "FR", "--out", out, ok=2)
    assert "data/dipkg.trig: no state with ISO code FR" in one_line_error(res)
    assert not out.exists()


def test_unrelated_states_exit_2_and_write_nothing(kg, tmp_path, a02):
    out = tmp_path / "t.png"
    # HU and VN are both known, but nothing links them
    res = kg("timeline", "HU", "VN", "--data", DATA / "dipkg.trig", "--data", a02, "--out", out, ok=2)
    assert "nothing dated between HU and VN" in one_line_error(res)
    assert not out.exists()


@pytest.mark.parametrize("args,message", [
    (["KZ", "VN", "--out", "t.pdf"], "unknown picture format '.pdf'"),
    (["KZ", "VN", "--out", "t"], "unknown picture format 'no suffix'"),
    (["KZX", "VN"], "'KZX' is not an ISO 3166 alpha-2 code"),
    (["KZ", "kz"], "give two different states"),
])
def test_usage_errors_exit_2(kg, tmp_path, args, message):
    args = [tmp_path / a if a.startswith("t") else a for a in args]
    res = kg("timeline", *args, ok=2)
    assert message in one_line_error(res)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def a02(kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("a02") / "tmp.trig"
    kg("extract", ROOT / "tests" / "articles" / "a02_hongrie_kazakhstan.txt", "--out", out)
    return out


def test_another_pair_from_a_test_article(kg, tmp_path, a02):
    out = tmp_path / "x.svg"
    kg("timeline", "HU", "KZ", "--data", a02, "--out", out)
    texts = svg_texts(out)
    visit = next(i for i, t in enumerate(texts) if t.startswith("official visit of Viktor Orbán to KZ"))
    assert texts[visit - 1] == "2024-11-12"
    assert any(t.startswith("Hungary (HU) and Kazakhstan (KZ)") for t in texts)


def test_intervals_months_and_unknown_kinds_are_drawn(tmp_path):
    src = "https://w3id.org/dipkg/source/s1"
    entries = [Entry("2020-01", "target", "a month", src, "https://example.org/e1"),
               Entry("2020-02-01/2020-03-15", "visit", "an interval", src, "https://example.org/e2"),
               Entry("2020-02-01", "novel-kind", "costs $5 and 50%", src, "https://example.org/e3")]
    assert (entries[1].start.isoformat(), entries[1].end.isoformat()) == ("2020-02-01", "2020-03-15")
    assert entries[0].end.isoformat() == "2020-01-31"
    out = tmp_path / "t.svg"
    render(Timeline("AA", "BB", entries, {}), out)
    texts = svg_texts(out)
    assert texts.index("a month") < texts.index("2020-02-01 to 2020-03-15") < texts.index("an interval") \
        < texts.index("costs $5 and 50%")                   # dollars are text, not mathtext
    assert "novel-kind" in texts and "AA and BB: 3 events, 2020-01 to 2020-02-01" in texts


def test_a_bad_date_names_the_event():
    with pytest.raises(InputError) as err:
        Entry("2020-13-01", "visit", "x", "s", "https://example.org/e")
    assert str(err.value).startswith("https://example.org/e: date '2020-13-01'")


def test_a_failed_render_leaves_the_old_file(tmp_path, monkeypatch):
    import kg.docs.timeline as module

    out = tmp_path / "t.svg"
    out.write_text("old", encoding="utf-8")
    tl = Timeline("AA", "BB", [Entry("2020-01-01", "visit", "x", "s", "e")], {})

    def broken(*args):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(module, "_draw", broken)
    with pytest.raises(RuntimeError):
        render(tl, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.svg"]


def test_help_does_not_import_matplotlib():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom kg.cli import main\n"
            "assert CliRunner().invoke(main, ['timeline', '--help']).exit_code == 0\n"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
