"""Result rows of a query, and their formats: a terminal table, CSV, TSV,
SPARQL JSON results, and the graph of a CONSTRUCT or DESCRIBE.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef


def _width(text: str) -> int:
    """Columns a string takes in a terminal (combining accents take none)."""
    import unicodedata
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


@dataclass
class Rows:
    columns: list[str]
    rows: list[list]            # rdflib terms or None
    kind: str = "SELECT"        # SELECT, ASK, CONSTRUCT/DESCRIBE
    boolean: bool | None = None
    graph: Graph | None = None
    note: str = ""              # a hint for the user (stderr), e.g. why an endpoint gave no row

    # -- formats -----------------------------------------------------------
    def plain(self) -> list[list[str]]:
        return [["" if v is None else str(v) for v in r] for r in self.rows]

    def table(self) -> str:
        if self.kind == "ASK":
            return "true" if self.boolean else "false"
        data = [self.columns] + self.plain()
        widths = [max(_width(r[i]) for r in data) for i in range(len(self.columns))]
        fmt = lambda r: "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip()
        lines = [fmt(self.columns), "  ".join("-" * w for w in widths)] + [fmt(r) for r in data[1:]]
        return "\n".join(lines) + f"\n({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})"

    def csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.columns)
        w.writerows(self.plain())
        return buf.getvalue()

    def tsv(self) -> str:
        """W3C SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax."""
        out = ["\t".join("?" + c for c in self.columns)]
        for r in self.rows:
            out.append("\t".join("" if v is None else v.n3() for v in r))
        return "\n".join(out) + "\n"

    def json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON."""
        if self.kind == "ASK":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}, indent=2)
        bindings = []
        for r in self.rows:
            b = {}
            for c, v in zip(self.columns, r):
                if v is None:
                    continue
                if isinstance(v, URIRef):
                    b[c] = {"type": "uri", "value": str(v)}
                elif isinstance(v, Literal):
                    d = {"type": "literal", "value": str(v)}
                    if v.language:
                        d["xml:lang"] = v.language
                    elif v.datatype:
                        d["datatype"] = str(v.datatype)
                    b[c] = d
                else:
                    b[c] = {"type": "bnode", "value": str(v)}
            bindings.append(b)
        return json.dumps({"head": {"vars": self.columns}, "results": {"bindings": bindings}},
                          indent=2, ensure_ascii=False)

    def xml(self) -> str:
        """W3C SPARQL Query Results XML."""
        from xml.sax.saxutils import escape, quoteattr
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
        out += [f"    <variable name={quoteattr(c)}/>" for c in self.columns]
        out.append("  </head>")
        if self.kind == "ASK":
            out.append(f"  <boolean>{'true' if self.boolean else 'false'}</boolean>")
        else:
            out.append("  <results>")
            for r in self.rows:
                out.append("    <result>")
                for c, v in zip(self.columns, r):
                    if v is None:
                        continue
                    if isinstance(v, URIRef):
                        inner = f"<uri>{escape(str(v))}</uri>"
                    elif isinstance(v, Literal):
                        attr = f" xml:lang={quoteattr(v.language)}" if v.language else \
                            (f" datatype={quoteattr(str(v.datatype))}" if v.datatype else "")
                        inner = f"<literal{attr}>{escape(str(v))}</literal>"
                    else:
                        inner = f"<bnode>{escape(str(v))}</bnode>"
                    out.append(f"      <binding name={quoteattr(c)}>{inner}</binding>")
                out.append("    </result>")
            out.append("  </results>")
        out.append("</sparql>")
        return "\n".join(out) + "\n"

    def render(self, fmt: str) -> str:
        if self.kind == "GRAPH":
            return self.graph.serialize(format="turtle")
        return {"table": self.table, "csv": self.csv, "tsv": self.tsv, "json": self.json, "xml": self.xml}[fmt]()
