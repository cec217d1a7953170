"""The ``kg`` command line: a thin layer over the library.

Exit codes: 0 ok; 1 the data does not conform (or ``build --check`` found
``data/`` stale); 2 an input or usage error. Errors are one line on stderr.
Heavy libraries (spaCy, pySHACL, owlrl) are imported inside the commands
that need them, so ``kg --help`` is instant.
"""
from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

from .errors import KgError

FORMATS = ["table", "csv", "tsv", "json", "xml"]


def handle_errors(fn):
    """Turn a :class:`KgError` into one line on stderr and its exit code."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KgError as err:
            first, *rest = str(err).splitlines() or [""]
            click.echo(f"kg: error: {first}", err=True)
            for line in rest:
                click.echo(line, err=True)
            sys.exit(err.exit_code)
    return wrapper


def write_output(data: bytes, out: Path | None) -> None:
    """On stdout, or into ``out`` (whole or not at all), saying what was written."""
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        from .io.files import write_atomic
        write_atomic(out, data)
        click.echo(f"wrote {out} ({len(data):,} bytes)")


# --input-format names -> rdflib parser names
RDF_SYNTAXES = {"turtle": "turtle", "trig": "trig", "nt": "nt", "ntriples": "nt", "nquads": "nquads", "nq": "nquads",
                "jsonld": "json-ld", "json-ld": "json-ld", "rdfxml": "xml", "xml": "xml"}


# extraction in worker processes; the output is the same whatever the number
jobs_option = click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True,
                           help="Worker processes for extraction (0: one per CPU); same output.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dipkg")
def main():
    """dipkg: a knowledge graph of bilateral diplomacy from French news text."""


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--date", help="Article date YYYY-MM[-DD] when the text has no 'date' line; without one, dates given without a year stay unknown.")
@click.option("--out", type=click.Path(path_type=Path), help="Write TriG here instead of stdout.")
@jobs_option
@handle_errors
def extract(articles, date, out, jobs):
    """Extract facts from French ARTICLES as TriG (one named graph each)."""
    from .extract import extract_files
    from .graph.rdf import dataset_from
    from .io.write import serialize

    ds = dataset_from(extract_files(articles, date, jobs=jobs))
    write_output(serialize(ds, "trig"), out)


@main.command()
@click.option("--seeds", default="seeds", show_default=True, type=click.Path(path_type=Path))
@click.option("--out", default="data", show_default=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the output folder is stale.")
@jobs_option
@click.option("--timings", is_flag=True, help="Also print each stage's wall time (to stderr).")
@handle_errors
def build(seeds, out, check, jobs, timings):
    """Extract every seed article, validate, and write data/ (TriG and Turtle)."""
    from .build.pipeline import build as run_build

    res = run_build(seeds, out, check=check, jobs=jobs)
    verb = "is up to date" if check else "written"
    click.echo(f"{res.articles} articles, {res.triples} triples; validation: "
               f"{'conforms' if res.report.conforms else 'does not conform'}; "
               f"{out}/ {verb}: {', '.join(sorted(res.files))}")
    if timings:
        stages = ", ".join(f"{k} {v:.2f} s" for k, v in res.seconds.items())
        rate = res.articles / res.seconds["extract"] if res.seconds.get("extract") else 0.0
        click.echo(f"timings: {stages}; extraction {rate:.1f} articles/s", err=True)


@main.command()
@click.option("--out", default="docs/ontology", show_default=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the pages are stale.")
@handle_errors
def docs(out, check):
    """HTML documentation of the ontology (pyLODE, a Graphviz class diagram,
    the SKOS schemes), in English and French."""
    from .docs.ontology import write_docs

    res = write_docs(out, check=check)
    click.echo(f"{out}/ {'is up to date' if check else 'written'}: {', '.join(sorted(res.files))}")


@main.command()
@click.option("--visits", type=int, required=True, help="Number of visits (one synthetic article each).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--violations", type=float, default=0.0, show_default=True,
              help="Fraction of visits given one deliberate defect (0 to 1).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Output file: .nq or .trig (one graph per article), .nt or .ttl (graphs merged).")
@click.option("--articles", type=click.Path(path_type=Path), help="Also write the synthetic French articles here.")
@handle_errors
def synth(visits, seed, violations, out, articles):
    """Write a synthetic dataset that conforms to the ontology and shapes
    (with deliberate defects on request), for benchmarks and engine tests."""
    from .synth.data import write

    res = write(out, visits, seed=seed, violations=violations)
    size = (f"{res.triples} quads in {res.graphs} graphs" if res.graphs
            else f"{res.triples} triples (graphs merged)")
    written = str(out)
    if articles is not None:
        from .synth.articles import write_articles
        written += f", {len(write_articles(visits, seed, articles))} articles in {articles}/"
    click.echo(f"{res.visits} visits, {size}, {len(res.defects)} defects; written: {written}")


def validation_inputs(fn):
    """The options ``kg validate`` and ``kg check`` share: what to read and how to report."""
    options = [
        click.argument("files", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--shapes", multiple=True, type=click.Path(path_type=Path),
                     help="More SHACL shapes (file or folder)."),
        click.option("--ontology", "ontologies", multiple=True, type=click.Path(path_type=Path),
                     help="More ontology files merged with the data."),
        click.option("--only-given", is_flag=True, help="Use only --shapes and --ontology, not the project's."),
        click.option("--input-format", type=click.Choice(sorted(set(RDF_SYNTAXES))),
                     help="Parse every FILE with this syntax instead of by extension."),
        click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json", "junit", "github"]),
                     default="text", show_default=True),
        click.option("--strict", is_flag=True, help="Warnings and infos fail too (exit 1)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def report_and_exit(report, fmt: str) -> None:
    out = report.render(fmt)
    if out:
        click.echo(out)
    sys.exit(1 if report.failed else 0)


def quiet_libraries() -> None:
    # rdflib logs a traceback for each ill-typed literal it parses, and pySHACL
    # logs the error it then raises; the report and the one-line error say it
    import logging
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    # pySHACL resets its logger's level and handler on each call; a filter stays
    logging.getLogger("pyshacl-validate").addFilter(lambda record: False)


@main.command()
@validation_inputs
@click.option("--inference", type=click.Choice(["none", "rdfs", "owlrl"]), default="none", show_default=True)
@click.option("--no-vocab", is_flag=True, help="Skip the vocabulary checks (see kg check).")
@click.option("--engine", type=click.Choice(["oxigraph", "pyshacl"]), default="oxigraph", show_default=True,
              help="Shapes compiled to SPARQL on Oxigraph, or pySHACL (the reference; slower).")
@handle_errors
def validate(files, shapes, ontologies, only_given, input_format, fmt, strict, inference, no_vocab, engine):
    """Validate RDF FILES or folders (default: data/) against the shapes,
    the ontology and the vocabulary checks.

    Exit 0 conforms, 1 does not conform, 2 input error."""
    from .validate.files import validate_files

    quiet_libraries()
    report = validate_files(list(files) or [Path("data") / "dipkg.trig"], shapes=shapes, ontologies=ontologies,
                            inference=inference, strict=strict, project=not only_given,
                            input_format=RDF_SYNTAXES.get(input_format), vocab=not no_vocab, engine=engine)
    if report.fallback:
        click.echo(f"kg: note: validated by pySHACL: the fast engine does not support {report.fallback}", err=True)
    for line in report.delegated:
        click.echo(f"kg: note: validated by pyshacl-turbo: {line}", err=True)
    report_and_exit(report, fmt)


@main.command()
@validation_inputs
@handle_errors
def check(files, shapes, ontologies, only_given, input_format, fmt, strict):
    """Vocabulary checks on RDF FILES or folders (default: data/): undefined
    terms, ill-typed literals, missing labels and definitions, and the
    shapes against the SHACL shapes for SHACL.

    Exit 0 passes, 1 a check fails, 2 input error."""
    from .validate.files import check_files

    quiet_libraries()
    report = check_files(list(files) or [Path("data") / "dipkg.trig"], shapes=shapes, ontologies=ontologies,
                         strict=strict, project=not only_given, input_format=RDF_SYNTAXES.get(input_format))
    report_and_exit(report, fmt)


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--out", type=click.Path(path_type=Path), help="Write TriG here instead of stdout.")
@click.option("--engine", type=click.Choice(["rules", "owlrl"]), default="rules", show_default=True,
              help="Compiled OWL 2 RL rules, or owlrl (the reference; same result, much slower).")
@handle_errors
def reason(data, out, engine):
    """OWL 2 RL closure: asserted and entailed triples in separate graphs (TriG)."""
    from .reason.entail import reason_trig

    quiet_libraries()
    text, clashes = reason_trig(list(data) or None, engine)
    if clashes:
        from .errors import NonConformance
        raise NonConformance("the OWL 2 RL closure has a clash: " + "; ".join(clashes))
    write_output(text, out)


@main.command()
@click.argument("name", required=False)
@click.option("--file", "qfile", type=click.Path(path_type=Path), help="Run the SPARQL in this file.")
@click.option("--query", "qtext", help="Run this SPARQL text.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Bind variable ?K to the string V.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--endpoint", metavar="URL", help="Run at this SPARQL 1.1 endpoint instead of over local files.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="Oxigraph on a store kept while the files are unchanged, or rdflib's memory store.")
@handle_errors
def query(name, qfile, qtext, data, params, fmt, endpoint, engine):
    """Run a named query NAME (see `kg queries`), or --file / --query."""
    from .errors import QueryError
    from .query.engine import run_local, run_named

    if sum(x is not None for x in (name, qfile, qtext)) != 1:
        raise QueryError("give exactly one of NAME, --file or --query")
    bound = {}
    for p in params:
        if "=" not in p:
            raise QueryError(f"--param {p!r} is not K=V")
        k, v = p.split("=", 1)
        bound[k] = v
    if endpoint and data:
        raise QueryError("give --endpoint or --data, not both")
    if name and endpoint:
        from .remote.client import run_named as run_remote
        rows = run_remote(endpoint, name, bound)
    elif name:
        rows = run_named(name, list(data) or None, bound, engine=engine)
    else:
        if qfile:
            from .extract.article import read_text
            text, where = read_text(qfile), str(qfile)
        else:
            text, where = qtext, "--query"
        if endpoint:
            from .query.sparql import bind_params
            from .remote.client import query as remote_query
            rows = remote_query(endpoint, bind_params(text, bound))
        else:
            rows = run_local(text, list(data) or None, bound, where=where, engine=engine)
    text = rows.render(fmt)
    click.echo(text, nl=not text.endswith("\n"))
    if rows.note:
        click.echo(f"kg: note: {rows.note}", err=True)


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def stats(data, fmt):
    """Count what the data holds: triples per graph (source), instances per
    class and triples per property (the ontology's graph left out of those)."""
    from .docs.stats import stats as count

    click.echo(count(list(data) or None).render(fmt))


@main.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The Graph Store Protocol URL (e.g. Oxigraph's http://HOST:PORT/store).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--graph", metavar="IRI", help="Load everything into this one graph.")
@click.option("--per-source", is_flag=True, help="One graph per source, as the data names them (the default).")
@click.option("--merge", is_flag=True, help="Add to the graphs (POST) instead of replacing them (PUT).")
@click.option("--no-inferred", is_flag=True, help="Leave out the OWL 2 RL entailments.")
@click.option("--quads", is_flag=True,
              help="Add everything in one request (N-Quads POSTed to URL), for stores that take a dataset.")
@click.option("--user", help="User name for HTTP basic authentication.")
@click.option("--password-env", metavar="VAR", help="Environment variable holding the password.")
@click.option("--timeout", type=float, default=60, show_default=True, help="Seconds per HTTP request.")
@handle_errors
def load(endpoint, data, graph, per_source, merge, no_inferred, quads, user, password_env, timeout):
    """Push the dataset to a store by the SPARQL 1.1 Graph Store HTTP Protocol.

    Each named graph is replaced (PUT), or added to with --merge (POST). If a
    request fails, the graphs already written are put back as they were.
    With --quads, all graphs are added in one request instead."""
    import os

    from .errors import InputError
    from .remote.client import load as run_load
    from .remote.client import load_quads

    if graph and per_source:
        raise InputError("give --graph or --per-source, not both")
    if quads and (graph or merge):
        raise InputError("--quads adds the graphs as the data names them: not with --graph or --merge")
    auth = None
    if user:
        if not password_env or password_env not in os.environ:
            raise InputError("--user needs --password-env naming a set environment variable")
        auth = (user, os.environ[password_env])
    if quads:
        report = load_quads(endpoint, list(data) or None, inferred=not no_inferred, auth=auth, timeout=timeout)
    else:
        report = run_load(endpoint, list(data) or None, graph=graph, merge=merge, inferred=not no_inferred,
                          auth=auth, timeout=timeout)
    click.echo(report.text())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--timeout", type=float, default=10, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", type=int, default=10_000, show_default=True, help="Rows (or triples) per answer.")
@click.option("--processes", type=click.IntRange(1, 256), default=4, show_default=True,
              help="Queries run at once; others wait up to --timeout, then get 503.")
@click.option("--memory", "memory_mb", type=click.IntRange(64), default=2048, show_default=True,
              help="Megabytes of data memory per query process.")
@handle_errors
def serve(host, port, data, timeout, max_rows, processes, memory_mb):
    """A read-only SPARQL 1.1 endpoint at /sparql, a query page at /, resource
    pages under /id/, and VoID at /.well-known/void."""
    import signal

    from .serve.server import Limits, make_server

    server = make_server(list(data) or None, host, port,
                         Limits(timeout, max_rows, processes=processes, wait=timeout, memory_mb=memory_mb))
    # stopped by a service manager (SIGTERM) as by Ctrl-C: the store's folder is removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"dipkg SPARQL endpoint: http://{host}:{server.server_port}/sparql "
               f"({server.RequestHandlerClass.service.triples} triples); Ctrl-C stops it", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.RequestHandlerClass.service.close()


@main.command()
def queries():
    """List the named queries, one line each."""
    from .query.engine import describe, named_queries

    qs = named_queries()
    width = max(map(len, qs))
    for name, path in qs.items():
        click.echo(f"{name.ljust(width)}  {describe(path)}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml"]), default="ttl",
              show_default=True)
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--inferred", is_flag=True, help="Add the OWL 2 RL entailments.")
@click.option("--out", type=click.Path(path_type=Path), help="Write here instead of stdout.")
@handle_errors
def export(fmt, data, inferred, out):
    """Export the graph in an RDF syntax, deterministically."""
    from .build.export import export as run_export

    write_output(run_export(fmt, list(data) or None, inferred), out)


@main.command("eval")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", is_flag=True, help="Also list each missing and unexpected row.")
@handle_errors
def eval_(folder, fmt, errors):
    """Score extraction on FOLDER's articles against their *.gold.json files.

    Prints precision, recall and F1 per fact kind; exits 0 whatever the scores.
    """
    from .build.evaluate import evaluate_dir

    report = evaluate_dir(folder)
    click.echo(report.json() if fmt == "json" else report.table(errors), nl=False)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), help="RDF file(s); default data/.")
@click.option("--out", type=click.Path(path_type=Path), help="Draw the timeline here: a .svg or .png file.")
@handle_errors
def timeline(a, b, data, out):
    """The relationship between states A and B (ISO 3166 alpha-2 codes) over
    time: visits, talks, agreements, partnership changes, targets, honours,
    each at its date with its source. A table, or a picture with --out."""
    from .docs.timeline import image_format, render
    from .docs.timeline import timeline as between

    if out is not None:
        image_format(out)           # a bad suffix fails before the data is read
    tl = between(a, b, list(data) or None)
    if out is None:
        click.echo(tl.table())
    else:
        render(tl, out)
        click.echo(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":  # pragma: no cover
    main()
