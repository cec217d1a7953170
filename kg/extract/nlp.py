"""The French NLP pipeline: rule-based sentence splitting, then spaCy.

spaCy's ``fr_core_news_sm`` (tokenizer, tagger, morphologiser, lemmatiser,
dependency parser) runs on each sentence. The small model's own sentence
splits break on titles and captions ("Le président | Vo Van Thuong"), so
sentences are cut by rules first: at line breaks, after ``. ! ?`` before a
capital (not after "M." or an initial), and at a caption's ``|``. Photo credits are dropped.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

MODEL = "fr_core_news_sm"


def model_name() -> str:
    """The spaCy model to load: ``fr_core_news_sm``, or the one
    ``DIPKG_SPACY_MODEL`` names (``bench/models.py`` compares them)."""
    import os

    return os.environ.get("DIPKG_SPACY_MODEL") or MODEL

# Not after "M.", an initial ("J."), "MM.", "Mme.", "Dr.": "reçu par M. Kalniņš".
# A sentence ends at . ! ? before a capital, after a space; or glued, with no
# space (« …au Chili.La vidéo… »), when a word of two lower-case letters ends
# it and a capitalised word begins the next (so "M.Dupont", "J.-C." or "U.S."
# stay whole); at a pipe; at a line break.
_BREAK = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMM\.)(?<!\bMme\.)(?<!\bDr\.)(?<!\bMgr\.)"
                    r"\s+(?=[A-ZÀ-ÝÉÈ«\"“])|(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])|\s*\|\s*|\n+")
_CREDIT = re.compile(r"\bPhoto\s*:|\bPhotos\s*:|\(Photo\b|\bCrédit\s*:")


@dataclass(frozen=True, eq=False)
class Sentence:
    start: int          # offset of the sentence in the article
    text: str
    parsed: object = field(default=None, repr=False)    # its spaCy Doc, if parsed already

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def doc(self):
        """The spaCy Doc of the sentence, parsed when first asked for."""
        if self.parsed is None:
            object.__setattr__(self, "parsed", pipeline()(self.text))
        return self.parsed


@lru_cache(maxsize=1)
def pipeline():
    """Load the model once per process; NER is not used (titles and the
    gazetteer find people and states on this genre: with NER, F1 is the same
    and extraction slower, bench/RESULTS.md), unless ``DIPKG_SPACY_NER=1``
    keeps it for a comparison (``bench/models.py``)."""
    import os

    import spacy

    name = model_name()
    try:
        with _charset_memo():
            return spacy.load(name, exclude=[] if os.environ.get("DIPKG_SPACY_NER") == "1" else ["ner"])
    except OSError as err:  # an installation problem, not an input problem
        from ..errors import KgError
        raise KgError(f"the French model {name} is not installed: pip install {name.replace('_', '-')}") from err


@contextmanager
def _charset_memo():
    """Memoise CPython's character-class optimiser while the model loads.

    Importing spaCy's French tokenizer compiles one huge case-insensitive
    pattern (``TOKEN_MATCH``) in which the same few classes of Unicode
    letters recur hundreds of times; ``re`` case-folds each occurrence anew,
    which is most of the model's load time. The optimiser is a function of
    its arguments, so the compiled pattern is the same, in half the time.
    Where ``re`` has no such function (another Python), nothing changes."""
    try:
        from re import _compiler
        original = _compiler._optimize_charset
    except (ImportError, AttributeError):
        yield
        return
    memo: dict = {}

    def optimize(charset, iscased=None, fixup=None, fixes=None):
        key = (tuple(charset), iscased, fixup, id(fixes))
        if key not in memo:
            memo[key] = original(charset, iscased, fixup, fixes)
        out, hascased = memo[key]
        return list(out), hascased

    _compiler._optimize_charset = optimize
    try:
        yield
    finally:
        _compiler._optimize_charset = original


def split(text: str, begin: int = 0) -> list[tuple[int, str]]:
    """Sentence spans ``(offset, text)`` of ``text[begin:]``, credits removed.

    >>> split("Il a achevé sa visite au Chili.La vidéo montre le port. M.Dupont l'a filmée.")
    [(0, 'Il a achevé sa visite au Chili.'), (31, 'La vidéo montre le port.'), (56, "M.Dupont l'a filmée.")]
    """
    out, pos = [], begin
    for m in list(_BREAK.finditer(text, begin)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        credit = _CREDIT.search(chunk)
        if credit:
            chunk = chunk[:credit.start()]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        if len(chunk) > 1 and any(c.isalpha() for c in chunk):
            out.append((pos + lead, chunk))
        if m:
            pos = m.end()
    return out


def sentences(text: str, begin: int = 0) -> list[Sentence]:
    """Split ``text[begin:]`` into sentences and parse each with spaCy."""
    return sentences_many([(text, begin)])[0]


def sentences_many(texts: list[tuple[str, int]], likely=None) -> list[list[Sentence]]:
    """:func:`sentences` of several ``(text, begin)``. The sentences for
    which ``likely(text)`` holds (all without it) are parsed now, as one
    stream (``nlp.pipe`` batches across texts); the others when their
    ``doc`` is first read. Either way a sentence gets the same annotations:
    they do not depend on the batch.

    >>> parsed = sentences_many([("Il pleut. Il vente.", 0), ("date 2024-01\\nOui.", 12)])    # doctest: +SKIP
    >>> [[s.text for s in ss] for ss in parsed]                                         # doctest: +SKIP
    [['Il pleut.', 'Il vente.'], ['Oui.']]
    """
    out = [[Sentence(s, t) for s, t in split(text, begin)] for text, begin in texts]
    now = [s for ss in out for s in ss if likely is None or likely(s.text)]
    for s, doc in zip(now, pipeline().pipe(s.text for s in now)):
        object.__setattr__(s, "parsed", doc)
    return out
