"""The French NLP pipeline: rule-based sentence splitting, then spaCy.

spaCy's ``fr_core_news_sm`` (tokenizer, tagger, morphologiser, lemmatiser,
dependency parser) runs on each sentence. The small model's own sentence
splits break on titles and captions ("Le président | Vo Van Thuong"), so
sentences are cut by rules first: at line breaks, after ``. ! ?`` before a
capital (not after "M." or an initial), and at a caption's ``|``. Photo credits are dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MODEL = "fr_core_news_sm"

# Not after "M.", an initial ("J."), "MM.", "Mme.", "Dr.": "reçu par M. Kalniņš".
_BREAK = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMM\.)(?<!\bMme\.)(?<!\bDr\.)(?<!\bMgr\.)"
                    r"\s+(?=[A-ZÀ-ÝÉÈ«\"“])|\s*\|\s*|\n+")
_CREDIT = re.compile(r"\bPhoto\s*:|\bPhotos\s*:|\(Photo\b|\bCrédit\s*:")


@dataclass(frozen=True)
class Sentence:
    start: int          # offset of the sentence in the article
    text: str
    doc: object         # the spaCy Doc of the sentence

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@lru_cache(maxsize=1)
def pipeline():
    """Load the model once per process; NER is not used (titles and the
    gazetteer find people and states more reliably on this genre)."""
    import spacy

    try:
        return spacy.load(MODEL, exclude=["ner"])
    except OSError as err:  # an installation problem, not an input problem
        from ..errors import KgError
        raise KgError(f"the French model {MODEL} is not installed: pip install {MODEL.replace('_', '-')}") from err


def split(text: str, begin: int = 0) -> list[tuple[int, str]]:
    """Sentence spans ``(offset, text)`` of ``text[begin:]``, credits removed."""
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
    spans = split(text, begin)
    docs = pipeline().pipe(t for _, t in spans)
    return [Sentence(s, t, d) for (s, t), d in zip(spans, docs)]
