"""The relationship between two states over time: the rows of the named query
``timeline`` (visits, talks and meetings, agreements, partnership changes,
targets, honours...), as entries, and drawn as a picture (SVG or PNG).

>>> tl = timeline("KZ", "VN", ["data/dipkg.trig"])             # doctest: +SKIP
>>> tl.entries[2].date, tl.entries[2].kind                   # doctest: +SKIP
('2023-08-20', 'visit')
>>> render(tl, "timeline.svg")                               # doctest: +SKIP
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io.read import load_graph

IMAGE_FORMATS = {".svg": "svg", ".png": "png"}

# colour and marker per kind (the query's ``kind`` column), in legend order;
# a kind not listed here is drawn grey
KINDS = {
    "visit": ("#1f77b4", "o"),
    "talks": ("#2ca02c", "s"),
    "meeting": ("#17becf", "p"),
    "agreement": ("#ff7f0e", "D"),
    "document": ("#ffbb78", "d"),      # a press release, a joint statement: not an agreement
    "partnership-change": ("#d62728", "^"),
    "relation-described": ("#e377c2", "X"),
    "target": ("#9467bd", "v"),
    "honour": ("#bcbd22", "*"),
    "flights": ("#8c564b", ">"),
}
OTHER_KIND = ("#7f7f7f", "P")
MARKER_SIZE = {"*": 10, "p": 8}    # points; these look smaller than the others at one size

SUMMARY_CHARS = 80          # longer summaries are cut, so that the label column stays readable


@dataclass(frozen=True)
class Entry:
    """One dated event between the two states, as the query ``timeline`` gives it.

    ``date`` is an ISO date, a year-month (``2023-08``) or an interval
    (``2025-05-05/2025-05-07``); ``start`` and ``end`` are the days it covers;
    ``date_basis`` says where the date comes from ("text", "given" with
    ``kg extract --date``, or "curated" metadata).

    >>> e = Entry("2023-08", "target", "trade target", "https://w3id.org/dipkg/source/s1", "https://ex.org/t")
    >>> e.start, e.end, e.source_name
    (datetime.date(2023, 8, 1), datetime.date(2023, 8, 31), 's1')
    """
    date: str
    kind: str
    summary: str
    source: str
    event: str
    date_basis: str = "text"

    def __post_init__(self):
        _days(self.date.split("/")[0], self.event)      # a bad date fails here, naming the event
        _days(self.date.split("/")[-1], self.event)

    @property
    def start(self) -> dt.date:
        return _days(self.date.split("/")[0], self.event)[0]

    @property
    def end(self) -> dt.date:
        return _days(self.date.split("/")[-1], self.event)[1]

    @property
    def source_name(self) -> str:
        """The source IRI's last path segment."""
        return self.source.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Timeline:
    """The entries between states ``a`` and ``b`` (ISO codes), in date order,
    and the states' English names where the data has them."""
    a: str
    b: str
    entries: list[Entry]
    names: dict[str, str]

    def title(self) -> str:
        """``Kazakhstan (KZ) and Vietnam (VN)``, or just the codes without names."""
        return " and ".join(f"{self.names[c]} ({c})" if self.names.get(c) else c for c in (self.a, self.b))

    def table(self) -> str:
        """A plain text table: date, kind, summary, where the date comes from
        and source (last segment)."""
        from ..query.rows import Rows

        return Rows(["date", "kind", "summary", "date_basis", "source"],
                    [[e.date, e.kind, readable(e.summary), e.date_basis, e.source_name] for e in self.entries]).table()


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")


def _days(text: str, where: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO date, year-month or year covers."""
    m = _DATE.fullmatch(text.strip())
    try:
        y, mo, d = (int(g) if g else None for g in m.groups())
        if d:
            return dt.date(y, mo, d), dt.date(y, mo, d)
        if mo:
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except (AttributeError, ValueError):
        raise InputError(f"date {text!r} is not an ISO 8601 date", where) from None


def state_code(code: str) -> str:
    """An ISO 3166 alpha-2 code, upper-cased (an :class:`InputError` if it is not one).

    >>> state_code("kz")
    'KZ'
    """
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise InputError(f"{code!r} is not an ISO 3166 alpha-2 code (two letters)")
    return code.upper()


def timeline(a: str, b: str, data_paths=None) -> Timeline:
    """The timeline between states ``a`` and ``b`` (ISO codes, any case) in
    the RDF files ``data_paths`` (default ``data/dipkg.trig``), in date order.
    The same entries whichever state comes first. An :class:`InputError`
    naming the files if a code is unknown there or nothing links the two.

    >>> tl = timeline("vn", "kz")                               # doctest: +SKIP
    >>> tl.title(), len(tl.entries)                            # doctest: +SKIP
    ('Vietnam (VN) and Kazakhstan (KZ)', 18)
    """
    from ..query.engine import run_named
    from ..resources import DEFAULT_DATA

    a, b = state_code(a), state_code(b)
    if a == b:
        raise InputError(f"give two different states, not {a} twice")
    paths = list(data_paths) if data_paths else None
    where = ", ".join(map(str, paths or [DEFAULT_DATA]))
    names: dict[str, str] = {}
    for _, code, label, _ in run_named("states", paths).plain():
        names[code] = names.get(code) or label
    for code in (a, b):
        if code not in names:
            raise InputError(f"no state with ISO code {code}", where)
    # the query names participants in the order of its parameters: a fixed
    # order gives the same entries for "A B" and "B A"
    first, second = sorted((a, b))
    rows = run_named("timeline", paths, {"a": first, "b": second}).plain()
    if not rows:
        raise InputError(f"nothing dated between {a} and {b}", where)
    entries = [Entry(date, kind, summary, source, event, basis) for date, event, kind, summary, basis, source in rows]
    return Timeline(a, b, entries, {c: names[c] for c in (a, b)})


def image_format(path) -> str:
    """``svg`` or ``png`` by the suffix of ``path`` (an :class:`InputError` otherwise).

    >>> image_format("t.SVG")
    'svg'
    """
    fmt = IMAGE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"unknown picture format {Path(path).suffix or 'no suffix'!r}: use .svg or .png", str(path))
    return fmt


def _span(entries: list[Entry]) -> str:
    """``2022-10 to 2025-05-05``: the first and last dates of the entries, in date order."""
    first, last = entries[0].date.split("/")[0], entries[-1].date.split("/")[-1]
    return first if first == last else f"{first} to {last}"


@functools.lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """The ontology's SKOS notations and their English labels."""
    from rdflib.namespace import SKOS

    from ..resources import ontology_path

    g = load_graph([ontology_path()])
    out = {}
    for concept, notation in g.subject_objects(SKOS.notation):
        label = next((str(x) for x in g.objects(concept, SKOS.prefLabel) if getattr(x, "language", None) == "en"),
                     None)
        if label:
            out[str(notation)] = label
    return out


def readable(summary: str) -> str:
    """A summary for people: notations as their English labels, long
    numbers with their digits grouped.

    >>> readable("bilateral_trade target: 5000000000 USD")
    'bilateral trade target: 5,000,000,000 USD'
    """
    labels = _labels()
    text = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: labels.get(m.group(), m.group().replace("_", " ")), summary)
    return re.sub(r"(?<![\d.,-])\d{5,}(?![\d.,-])", lambda m: f"{int(m.group()):,}", text)


def _short(text: str, n: int = SUMMARY_CHARS) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def render(tl: Timeline, path) -> None:
    """Draw ``tl`` to ``path``, SVG or PNG by its suffix, atomically: one row
    per entry in date order (so entries of one day never overprint), its
    marker on a time axis at its date (a bar over the days it covers), its
    date, summary and source as text; colour and marker by kind. Same
    timeline, same bytes; SVG text stays text, searchable.

    >>> render(timeline("KZ", "VN"), "/tmp/kz-vn.png")             # doctest: +SKIP
    """
    fmt = image_format(path)
    from ..io.files import write_atomic

    write_atomic(Path(path), _draw(tl, fmt))


def _draw(tl: Timeline, fmt: str) -> bytes:
    # matplotlib is slow to import: only here, so `kg --help` stays instant. The
    # figure is drawn on an Agg canvas of its own, not through pyplot, so that
    # neither the global backend nor pyplot's figure list is touched.
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import blended_transform_factory

    rc = {"svg.fonttype": "none",      # text stays text in the SVG
          "svg.hashsalt": "dipkg",     # ids from a fixed salt, not a random one
          # laid out with DejaVu Sans, which matplotlib ships: the same widths everywhere
          "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"], "font.size": 9, "text.usetex": False}
    n = len(tl.entries)
    row_h, size = 0.3, 9                # inches per row, points
    kinds = [k for k in KINDS if any(e.kind == k for e in tl.entries)]
    kinds += sorted({e.kind for e in tl.entries} - set(kinds))
    style = {k: KINDS.get(k, OTHER_KIND) for k in kinds}
    # a date not from the text says so: "(curated)", "(given)"
    dates = [e.date.replace("/", " to ") + ("" if e.date_basis in ("text", "") else f" ({e.date_basis})")
             for e in tl.entries]
    labels = [_short(readable(e.summary)) for e in tl.entries]
    sources = [e.source_name for e in tl.entries]

    title = f"{tl.title()}: {n} event{'s' * (n != 1)}, {_span(tl.entries)}"

    with matplotlib.rc_context(rc):
        fig = Figure(dpi=150)
        renderer = FigureCanvasAgg(fig).get_renderer()

        def width(texts, weight="normal", points=size):
            # inches the widest text takes, as drawn: the columns are sized to fit it
            prop = FontProperties(size=points, weight=weight)
            return max(renderer.get_text_width_height_descent(t, prop, ismath=False)[0] for t in texts) / fig.dpi

        pad, gap, strip = 0.25, 0.2, 4.5                # inches
        x_date = pad
        x_label = x_date + width(dates + ["date"], "bold") + gap
        x_strip = x_label + width(labels + ["event"], "bold") + gap
        x_source = x_strip + strip + 1.5 * gap          # room for a tick label past the strip's end
        fig_w = max(x_source + width(sources + ["source"], "bold"), pad + width([title], "bold", 12)) + pad
        # the legend on as few rows as the width holds (an entry: marker, text, spacing)
        nk = len(kinds)
        ncol = next(c for c in range(nk, 0, -1)
                    if c == 1 or max(sum(width([t]) + 0.5 for t in kinds[i:i + c]) for i in range(nk)) <= fig_w - 2 * pad)
        legend_rows = -(-nk // ncol)
        ncol = -(-nk // legend_rows)                    # balanced rows
        top, bottom = 0.85, 0.5 + 0.25 * legend_rows
        fig_h = top + n * row_h + bottom
        fig.set_size_inches(fig_w, fig_h)

        ax = fig.add_axes((x_strip / fig_w, bottom / fig_h, strip / fig_w, n * row_h / fig_h))
        ax.set_ylim(n - 0.5, -0.5)                      # first entry at the top
        ax.set_yticks([])
        ax.set_facecolor("none")                     # the row bands show through
        for side in ("left", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", top=True, labeltop=True, labelsize=8)
        loc = AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(loc)
        # no offset text (it would sit under the sources); a month tick names its year instead
        ax.xaxis.set_major_formatter(ConciseDateFormatter(
            loc, show_offset=False, zero_formats=["", "%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"]))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        lo = date2num(min(e.start for e in tl.entries))
        hi = date2num(max(e.end for e in tl.entries)) + 1
        margin = max((hi - lo) * 0.04, 20)             # days; a one-day timeline still has an axis
        ax.set_xlim(lo - margin, hi + margin)

        # text columns: x in figure inches, y in rows, so they line up with the markers
        row = blended_transform_factory(fig.dpi_scale_trans, ax.transData)
        for i in range(0, n, 2):                        # banded rows guide the eye from text to marker
            fig.patches.append(Rectangle(
                (pad * 0.5, i - 0.5), fig_w - pad, 1, transform=row, color="#f2f4f7", zorder=-10))
        text = dict(transform=row, va="center", fontsize=size, clip_on=False, parse_math=False)
        for x, head in ((x_date, "date"), (x_label, "event"), (x_source, "source")):
            fig.text(x, -0.5, head, fontweight="bold", **{**text, "va": "bottom"})
        for i, e in enumerate(tl.entries):
            colour, marker = style[e.kind]
            fig.text(x_date, i, dates[i], **text)
            fig.text(x_label, i, labels[i], **text)
            fig.text(x_source, i, sources[i], color="#555555", **text)
            if e.end > e.start:                         # a month, an interval: a bar over its days
                ax.barh(i, date2num(e.end) + 1 - date2num(e.start), left=date2num(e.start), height=0.45,
                        color=colour, alpha=0.35, linewidth=0)
            ax.plot([date2num(e.start)], [i], marker=marker, color=colour, markersize=MARKER_SIZE.get(marker, 7),
                    linestyle="none", markeredgecolor="white", markeredgewidth=0.5)

        fig.suptitle(title, x=pad / fig_w, y=1 - 0.2 / fig_h,
                     ha="left", va="top", fontsize=12, fontweight="bold")
        # matplotlib fills legend columns first: reorder so the kinds read row by row
        order = [kinds[r * ncol + c] for c in range(ncol) for r in range(legend_rows) if r * ncol + c < nk]
        handles = [Line2D([], [], marker=style[k][1], color=style[k][0], linestyle="none",
                          markersize=MARKER_SIZE.get(style[k][1], 7), label=k) for k in order]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(pad / fig_w, 0.05 / fig_h),
                   ncol=ncol, frameon=False, fontsize=size, handletextpad=0.3, columnspacing=1.5)

        buf = io.BytesIO()
        if fmt == "svg":
            # no date, no version: the same timeline gives the same bytes
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
