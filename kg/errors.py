"""The one exception root of dipkg, and the exit codes the CLI maps errors to.

Exit codes: 0 ok, 1 the data does not conform (or ``--check`` found ``data/``
stale), 2 an input or usage error.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


class KgError(Exception):
    """Root of every error dipkg raises on purpose.

    ``location`` names the input (a file, optionally ``:line:column``, a focus
    node and shape); ``str(err)`` is the one line the CLI prints.
    """

    exit_code = EXIT_ERROR

    def __init__(self, message: str, location: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(KgError):
    """A file is missing, unreadable, badly encoded or has no usable content."""


class RDFSyntaxError(InputError):
    """An RDF file does not parse; ``location`` is ``file:line[:column]``."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or lacks a parameter."""


class NothingExtracted(InputError):
    """An article yields no fact at all."""


class NonConformance(KgError):
    """The data does not conform to the shapes, or the closure has a clash."""

    exit_code = EXIT_NONCONFORMING


class Stale(KgError):
    """``data/`` differs from what ``kg build`` would write."""

    exit_code = EXIT_NONCONFORMING
