"""Wires the stages together; the only module that knows their order.

    Article ─segment─▶ Segments ─relevance─▶ ─prefilter─▶ candidates ─spaCy─▶ mentions ─merge─▶ Events

The spaCy model, dictionaries and gazetteer load once in `Pipeline.load()` and are shared by
every document. A document that fails is reported in its result's `errors`; the batch goes on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from eventwire.attributes import location as where
from eventwire.events.detect import (CIVIL_SUIT_WORDS, HARM_TYPES, OFFENCE_WORDS, ArticleContext, Mention, detect,
                                     market_report, match_report, relic_report, show_report, sport_story, words_of)
from eventwire.events.roles import RoleContext
from eventwire.events.roles.naming import OFFICE_SECTORS
from eventwire.gcpause import collector_paused
from eventwire.model import Article, DocumentError, DocumentResult, Segment
from eventwire.parse import Parser
from eventwire.prefilter import Prefilter, irregular_forms
from eventwire.relevance import RelevanceGate
from eventwire.resolve.links import link_events
from eventwire.resolve.merge import build_event, merge_mentions
from eventwire.segment import segment

log = logging.getLogger(__name__)
PARSED_KINDS = {"body", "headline", "subheading"}
# spaCy components to leave out altogether (e.g. `ner`: personal names then go unrecognised).
EXCLUDED_COMPONENTS = [c for c in os.environ.get("EVENTWIRE_EXCLUDE", "").split(",") if c]
# Where entity kinds come from: "lexicon" (dictionaries + geoparse) or "ner" (spaCy, on demand).
ENTITY_SOURCE = os.environ.get("EVENTWIRE_ENTITIES", "lexicon")
MAX_SEGMENT_CHARS = 2000  # a "sentence" longer than this is a run-on blob; the parser would crawl


class Pipeline:
    def __init__(self, parser, resolver, lexicon, taxonomy, geoparser=None, entities=None, relevance=None):
        self.parser = parser
        self.resolver = resolver
        self.lexicon = lexicon
        self.taxonomy = taxonomy
        self.geoparser = geoparser
        self.entities = entities  # eventwire.entities.LexicalEntities, or None: NER on demand
        self._trigger_forms = frozenset(w.lower() for w in lexicon.surface_forms())
        self.prefilter = Prefilter(lexicon, irregular_forms(parser.nlp))
        self.relevance = relevance if relevance is not None else RelevanceGate.load()

    @classmethod
    def load(cls, *, geo: bool = True, entities: str = ENTITY_SOURCE) -> "Pipeline":
        """`entities`: "lexicon" answers the stages' entity questions from the dictionaries
        and the geoparse (eventwire.entities); "ner" runs spaCy's NER where they ask."""
        from eventwire.actors import ActorResolver
        from eventwire.entities import LexicalEntities
        from eventwire.events.taxonomy import Taxonomy
        from eventwire.events.triggers import TriggerLexicon

        lexical = entities == "lexicon"
        parser = Parser.load(exclude=EXCLUDED_COMPONENTS + (["ner"] if lexical else []))
        geoparser = None
        if geo:
            from eventwire.geo import Geoparser

            geoparser = Geoparser.load()
        resolver = ActorResolver.load()
        return cls(parser, resolver, TriggerLexicon.load(), Taxonomy.load(), geoparser,
                   LexicalEntities(resolver) if lexical else None)

    def _truecase(self, text: str) -> str:
        """Headlines in Title Case ("Pakistan Confirms Strikes In Iran") parse as strings of
        names; lower-casing the event and function words (same length, so offsets hold)
        lets the parser see verbs and nouns again."""
        if not _title_case(text):
            return text
        return re.sub(r"[A-Za-z][a-z]+", lambda m: _truecase_word(m.group(0), self._trigger_forms), text)

    # -- stages ------------------------------------------------------------------------
    def candidates(self, segments: list[Segment]) -> list[Segment]:
        """Segments worth a parse: the relevance gate lets them through (the sentence, and
        its article, report a political event: eventwire.relevance) and some trigger pattern
        could match them (eventwire.prefilter)."""
        return self._gate(segments)[0]

    def _gate(self, segments: list[Segment]) -> tuple[list[Segment], dict[int, float]]:
        """(candidates, the gate's probability of each prose segment by its start)."""
        prose = [s for s in segments if s.kind in PARSED_KINDS and len(s.text) <= MAX_SEGMENT_CHARS]
        verdict = self.relevance.judge([s.text for s in prose])
        cands = [s for s, ok in zip(prose, verdict.passed) if ok and self.prefilter(s.text)]
        return cands, {s.start: p for s, p in zip(prose, verdict.sentence_scores)}

    def extract(self, article: Article) -> DocumentResult:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[DocumentResult]:
        """Results in input order. Articles are prepared in batches so that spaCy parses the
        candidate sentences of many articles in one `nlp.pipe` stream (small per-article
        batches leave the parser's matrix work badly amortised)."""
        return (result for result, _ in self.extract_counted(articles, batch_size))

    def extract_counted(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[tuple[DocumentResult, int]]:
        """`extract_many` with each article's count of prose segments (body, headline,
        subheading: what sentences/s counts), from the segmentation extraction made anyway."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._batch_results(batch)
                batch = []
        if batch:
            yield from self._batch_results(batch)

    def _batch_results(self, articles: list[Article]) -> list[tuple[DocumentResult, int]]:
        """A batch's results, made with the cyclic garbage collector paused. A batch frees
        nearly all it allocates (docs, mentions, records) by reference counting, yet its
        allocations set off collections, and every full one walks the loaded model,
        dictionaries and gazetteer: on 3,000 reports they found ~300 objects in cycles and
        took ~8% of extraction's CPU. What cycles a batch leaves wait for the next collection
        after it. The caller's setting is restored (the runner pauses the collector too)."""
        with collector_paused():
            return list(self._extract_batch(articles))

    def _extract_batch(self, articles: list[Article]) -> Iterator[tuple[DocumentResult, int]]:
        prepared: list[_Prepared | DocumentResult] = []
        for article in articles:
            try:
                prepared.append(self._prepare(article))
            except Exception as exc:  # one bad document never stops a batch
                prepared.append(_failure(article, exc))
        jobs = [(p, seg) for p in prepared if isinstance(p, _Prepared) for seg in p.candidates]
        texts = (self._parse_text(seg) for _, seg in jobs)
        docs = self.parser.pipe(texts)
        for (p, seg), doc in zip(jobs, docs):
            if p.error is not None:
                continue
            try:
                p.mentions.extend(self._detect(doc, seg, p.ctx))
            except Exception as exc:
                p.error = exc
        for p in prepared:
            if isinstance(p, DocumentResult):
                yield p, 0
            elif p.error is not None:
                yield _failure(p.article, p.error), p.sentences
            else:
                try:
                    yield self._events(p.article, p.mentions, p.scores, p.ctx, p.body, p.story), p.sentences
                except Exception as exc:
                    yield _failure(p.article, exc), p.sentences

    def mentions(self, article: Article) -> list[Mention]:
        """Every event mention in the article, in reading order (before merging)."""
        p = self._prepare(article)
        texts = [self._parse_text(s) for s in p.candidates]
        for seg, doc in zip(p.candidates, self.parser.pipe(texts)):
            p.mentions.extend(self._detect(doc, seg, p.ctx))
        return p.mentions

    def _detect(self, doc, seg: Segment, ctx: ArticleContext) -> list[Mention]:
        if self.entities is not None:
            self.entities.attach(doc, [(t.start - seg.start, t.end - seg.start) for t in ctx.toponyms
                                       if seg.start <= t.start and t.end <= seg.end])
        return detect(doc, seg, seg.start * 1000, ctx, self.lexicon, self.taxonomy)

    def _prepare(self, article: Article) -> "_Prepared":
        """Everything before the parse: segments, candidates, the article's toponyms."""
        segments = segment(article)
        cands, scores = self._gate(segments)
        toponyms, actors = [], None
        if self.geoparser is not None and cands:
            # a dateline is geoparsed (its role "dateline" places nothing itself; it refines a
            # country-only place, attributes/location.py); headers and furniture are not read
            skip = [(s.start, s.end) for s in segments if s.kind in ("header", "furniture")]
            # scanned once: the geoparse and the article's countries (context_countries) both count them
            actors = self.geoparser.actor_countries(article.text)
            toponyms = self.geoparser.geoparse(article.text, skip_spans=skip, actors=actors)
        ctx = ArticleContext(
            text=article.text,
            anchor=article.date,
            anchor_is_crawl=article.format == "text",
            toponyms=toponyms,
            geoparser=self.geoparser,
            roles=RoleContext(resolver=self.resolver, places=tuple(
                (t.start, t.end, t.country) for t in toponyms if t.role == "place" and t.country)),
            actor_countries=actors,
        )
        return _Prepared(article, cands, ctx, scores, sentences=sum(s.kind in PARSED_KINDS for s in segments),
                         body=sum(s.kind == "body" for s in segments), story=_Story.of(segments))

    def _traded(self, event) -> bool:
        """In a market report, a rally, a retreat or a surrender that hurts no one and that
        no one or only a market's city does is a price's move: "Tokyo rallies, Seoul slides as
        chip stocks diverge", "tech rally fades", "bourse surrenders early gains"; so is an attack
        that no one does to no one ("London stocks attack record high"), and an act that only a
        country's name or nationality word does to no one ("Chinese demand"). Protesters who rally,
        armies that retreat and a named attacker are named as such and stay."""
        if _hurt_anyone(event):
            return False
        actor = event.actor1
        if event.type in ("ASSAULT", "FIGHT"):  # "London stocks attack record high"
            return all(a is None or not a.text for a in (actor, event.actor2))
        if event.actor2 is None and actor is not None and actor.text and self.resolver.is_place_or_nationality(actor.text):
            return True  # "copper hit by fears over Chinese demand": a country's buying, not its state's request
        return event.type in _MARKET_MOVES and (actor is None or not actor.text or self.resolver.is_place_name(actor.text))

    def _parse_text(self, seg: Segment) -> str:
        return self._truecase(seg.text) if seg.kind != "body" or _title_case(seg.text) else seg.text

    def _events(self, article: Article, mentions: list[Mention], scores: dict[int, float],
                ctx: ArticleContext, body: int = 0, story: "_Story | None" = None) -> DocumentResult:
        story = story or _Story()
        clusters = merge_mentions(mentions)
        if body >= _BODY_TO_CORROBORATE:
            clusters = _corroborated(clusters)
        clusters.sort(key=lambda ms: min(m.order for m in ms))
        events = [build_event(ms, article.id, self.taxonomy, i + 1) for i, ms in enumerate(clusters)]
        for event, ms in zip(events, clusters):
            event.relevance = round(max(scores.get(m.segment.start, 0.0) for m in ms), 4)
        # "Police did not arrest anyone": the words of an event that, as told, did not happen.
        # Denials stay (a party denying an act is news), plain negations leave the dataset.
        # Nor is an attack with no party on either side, no toll, no named means and no place
        # ("Viola Davis feared a heart attack"), unless its sentence clears the gate's
        # `bare_attack` point, above the lenient floor of a short item ("Fresh violence in
        # Kurram claims lives" does). Links are made among the events kept, so none points
        # at an event that left.
        kept = [(e, ms) for e, ms in zip(events, clusters)
                if e.status != "negated" and _grounded(e, self.relevance.bare_attack, self.relevance.bare_coercion)
                and not (story.game and _played(e)) and not (story.market and self._traded(e))
                and not _history(ms, article.date) and not _commerce(e) and not (story.show and _policed(e))
                and not (story.relic and not _hurt_anyone(e)) and not _crime_arrest(e, ctx.text)
                and not _civil_suit(e, ctx.text) and not _private(e)]
        events, clusters = [e for e, _ in kept], [ms for _, ms in kept]
        # only now, so that what grounds an event above is the place its own words gave
        for event, ms in zip(events, clusters):
            event.location = where.refine(ctx, event.location, [(m.segment.start, m.segment.end) for m in ms])
        link_events(events, clusters)
        return DocumentResult(id=article.id, date=article.date, events=events)


@dataclass
class _Prepared:
    article: Article
    candidates: list[Segment]
    ctx: ArticleContext
    scores: dict[int, float] = field(default_factory=dict)  # gate probability by segment start
    mentions: list[Mention] = field(default_factory=list)
    error: Exception | None = None
    sentences: int = 0  # prose segments (what sentences/s counts)
    body: int = 0  # body sentences
    story: "_Story | None" = None


@dataclass(frozen=True)
class _Story:
    """What kind of story the article is, by its headline and first sentence: the acts that
    hurt no one in it may be the story's own (a game's attacks, a market's rallies)."""

    game: bool = False  # a match report or a sport story (events.detect.match_report, sport_story)
    market: bool = False  # a market report (events.detect.market_report)
    show: bool = False  # a report of a show (events.detect.show_report)
    relic: bool = False  # a story of old ordnance (events.detect.relic_report)

    @classmethod
    def of(cls, segments) -> "_Story":
        return cls(game=match_report(segments) or sport_story(segments), market=market_report(segments),
                   show=show_report(segments), relic=relic_report(segments))


# A story's lede tells again the act its headline announces: a violent headline whose body,
# of at least this many sentences, tells of no harm at all is a pun or a figure of speech
# ("Rockets hit Chelsea as Palmer strikes late" over a match report), not an attack.
_BODY_TO_CORROBORATE = 2

# the event types a market's move reads as ("rallies", "retreats", "surrenders gains")
_MARKET_MOVES = frozenset({"PROTEST", "RETREAT", "CONCEDE"})


def _corroborated(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """The clusters less the headline's acts of harm, when no body sentence tells of harm."""
    if any(m.segment.kind == "body" and m.type in HARM_TYPES for ms in clusters for m in ms):
        return clusters
    return [ms for ms in clusters if not all(m.segment.kind == "headline" and m.type in HARM_TYPES for m in ms)]


# An act dated this many years before the article is history the article recalls (an
# exhibition on the 1939 assault on Westerplatte, an anniversary, a trial's old crime), not
# an event of the feed's time
_HISTORY_YEARS = 5


def _history(mentions, published) -> bool:
    """A mention of the event is dated that long before the article ("the German assault on
    the Westerplatte garrison in September 1939"); a date no sentence gives is the article's."""
    return published is not None and any(
        m.date is not None and (published - m.date).days > 365 * _HISTORY_YEARS for m in mentions)


def _policed(event) -> bool:
    """Police deployed for a concert, a festival or its fans are its security, not a show of
    force: "1,200 police deployed as 80,000 fans pack Lagos homecoming concert"."""
    return event.type == "MOBILIZE" and all(a is None or a.sector == "COP" for a in (event.actor1, event.actor2))


def _commerce(event) -> bool:
    """A business's deed towards a business or no one, short of violence, is commerce, not a
    political event: "Nordhavn Foods rejected a hostile bid from Dutch rival Vreeland Group"."""
    a1, a2 = event.actor1, event.actor2
    return event.type not in ("ASSAULT", "FIGHT") and a1 is not None and a1.sector == "BUS" \
        and (a2 is None or a2.sector == "BUS")


def _private(event) -> bool:
    """A deal, a meeting, a show of support or a joint act among private persons, or of one with
    no one named, is private life, not a political event: "Hollywood actor Daniel Cross and
    former wife Elena Marsh have reached a settlement" (an AGREE about their two children).
    Violence, coercion, protest, releases, aid and accusations by or to civilians stay."""
    parties = [a for a in (event.actor1, event.actor2) if a is not None]
    return event.type in _PRIVATE_TYPES and bool(parties) and all(a.sector == "CVL" for a in parties)


_PRIVATE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE"}


def _played(event) -> bool:
    """In a match report, an act that hurts no one and that no police does is the game's: "a
    late Irish siege", "banned for four years", "The Italian protested to the umpire", "2,200
    police deployed" around the stadium."""
    if _hurt_anyone(event):
        return False
    # police who fight or arrest fans are news; police deployed for the game are its security
    return event.type not in ("ASSAULT", "FIGHT", "COERCE") or not any(
        a is not None and a.sector == "COP" for a in (event.actor1, event.actor2))


# the acts that are news with no party named on either side ("a bomb went off", "649 people
# were arrested", "demonstrations were held"); a threat, a demand, a visit or a deal is an act
# of one party towards another and codes nothing without either ("part of an offensive to win
# back market share", "Minneapolis shooting leaves 1 dead" read as a threat)
_ACTS_WITHOUT_PARTIES = frozenset({"ASSAULT", "FIGHT", "COERCE", "PROTEST"})


# people who help only as private persons ("a 9-year-old girl helps deliver her sister",
# "scientists helped corals survive"): with no one named as helped, no aid to code
_PRIVATE_HELPERS = frozenset({"CVL", "EDU", "HLH", "REF", "AGR", "LAB", "REL", "MED"})
_OFFICIAL_HOSTS = frozenset(OFFICE_SECTORS | {"SPY", "IGO"})


# modes that name the means of an attack ("a drone strike", "shelling"), which ground an attack
# no party is named for; what was done ("destroy", "beat") names no means: "phages attack and
# destroy bacteria"
_MEANS_MODES = frozenset({"aerial", "drone", "firearms", "explosives", "heavy-weapons", "suicide-attack",
                          "unconventional", "cyber"})


def _grounded(event, relevance_floor: float, coercion_floor: float) -> bool:
    if event.type not in _ACTS_WITHOUT_PARTIES and event.actor1 is None and event.actor2 is None:
        return False
    if event.type == "CONSULT" and event.actor1 is None and (
            event.actor2 is None or event.actor2.sector not in _OFFICIAL_HOSTS):
        # a visit or a meeting that names no one who makes it, and no state or international
        # body it is made to ("Justin Timberlake visits Texas school shooting victims")
        return False
    if event.cameo in ("160", "163") and event.actor1 is None:
        # sanctions or a cut in ties no one is named for ("The measures freeze the companies'
        # assets in China") retell those whose sanctioner the text named, or name none at all
        # (an expulsion told in the passive, "Eighty UN peacekeepers were expelled", stays)
        return False
    if event.type in ("THREATEN", "REQUEST") and event.actor1 is None and (
            event.actor2 is None or event.actor2.sector not in _OFFICIAL_HOSTS):
        # a threat or an appeal by no one named to people or a firm ("a shop worker was
        # threatened with a knife during a robbery", "residents were advised to stay indoors"):
        # crime news or a public notice; one made to a state or its officials stays
        return False
    if event.type == "AID" and event.actor2 is None and event.actor1 is not None \
            and event.actor1.sector in _PRIVATE_HELPERS:
        return False
    if event.type == "COERCE" and not any(a is not None and a.text for a in (event.actor1, event.actor2)) \
            and event.acled_sub_event_type != "Disrupted weapons use":
        # a fine, a ban or a seizure that names no one on either side ("Verstappen fined,
        # penalised after first-corner clash"; the people of the place stand in as its target)
        # is news only from a sentence that reads as a political or security report; weapons
        # seized are ACLED's by their kind ("234 pistols were captured in Addis Ababa")
        return (event.relevance or 0.0) >= coercion_floor
    if event.type not in ("ASSAULT", "FIGHT") or event.actor1 is not None or event.actor2 is not None:
        return True
    # a place counts when the event's own sentence names it, not the article's fallback
    placed = event.location is not None and event.location.source in ("clause", "sentence")
    if placed or event.mode in _MEANS_MODES or (event.relevance or 0.0) >= relevance_floor:
        return True
    return _hurt_anyone(event)


def _crime_arrest(event, text: str) -> bool:
    """An arrest of one civilian by the police, a court (or by no one named) for an ordinary offence
    ("Police in Mombasa arrested gospel singer Esther Wambui over an unpaid hotel bill"):
    crime news, not a political event. Arrests of protesters, journalists, activists,
    politicians or militants name those parties and stay."""
    if event.type != "COERCE" or event.mode != "arrest" or _hurt_anyone(event):
        return False
    if event.actor1 is not None and event.actor1.sector not in ("COP", "JUD", None):
        return False  # (a court that jails a thief for stealing avocados is crime news too)
    if event.actor2 is not None and event.actor2.sector not in ("CVL", None):
        return False
    return not OFFENCE_WORDS.isdisjoint(_sentence_words(event, text))


def _civil_suit(event, text: str) -> bool:
    """A court's order in a dispute over a trademark, a patent or a copyright, among companies or
    persons ("The Delhi High Court restrained a snack maker from using a rival's trademark"):
    business news, not a political event."""
    if _hurt_anyone(event) or any(a is not None and a.sector not in ("JUD", "BUS", "CVL", None)
                                  for a in (event.actor1, event.actor2)):
        return False
    return not CIVIL_SUIT_WORDS.isdisjoint(_sentence_words(event, text))


def _sentence_words(event, text: str) -> set[str]:
    """The words of the sentence the event was first told in."""
    return words_of(next((text[e.start:e.end] for e in event.evidence if e.role == "sentence"), ""))


def _hurt_anyone(event) -> bool:
    return any(c.best is not None or c.low is not None for c in (event.fatalities, event.injuries))


def _failure(article: Article, exc: Exception) -> DocumentResult:
    log.exception("extraction failed for %s", article.id, exc_info=exc)
    return DocumentResult(
        id=article.id,
        date=article.date,
        errors=[DocumentError(id=article.id, stage="extract", reason=f"{type(exc).__name__}: {exc}")],
    )


_FUNCTION_WORDS = frozenset(
    "a an the in on at of to for and or but by with from into over after before as against amid near says say".split()
)


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _truecase_word(word: str, triggers: frozenset) -> str:
    low = word.lower()
    return low if low in _FUNCTION_WORDS or low in triggers else word
