"""Where an event happened, and which rule said so (`Location.source`).

Rules, most specific first:

- clause: the locative argument of the event word ("killed ... in X", "missiles struck X");
- sentence: the place phrase nearest the event word in its sentence, when the clause names none
  ("Clashes erupted on Monday. ... in the vicinity of X village (A, B)");
- article: the article's main place, for a sentence that names none;
- country: only the country the article is about (named, implied by a demonym, or by an actor
  known to fight there: "Houthi" -> Yemen), precision 3.

A place that is only a country is then refined inside it (`refine`, once the event is built):
a region its sentences name without a place name ("in the tribal areas", "along the LoC" told
from Pakistan, "in the northwest", "the Pakistani capital"; data/geo/region_phrases.tsv and
directional_regions.tsv), else the article's main place in that country, else such a region
anywhere in the article. Among candidate places, one abroad that nothing else in the article
supports yields to one in the article's country (`_at_home`).

Never a place read only as an origin ("militants from X"), a nationality, or inside an actor's
name: demonyms and datelines carry other roles in the geoparse, actor spans are left out.
Clause places are the mention's `location` (they tie mentions together when merging); the
others are hints that `resolve.merge` uses only when no mention of an event has a clause place.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.actors.resolver import BASED_AFTER as _BASED
from eventwire.model import Location, Segment
from eventwire.parse import tokens_in
from eventwire.resources import lexicon

_ROLES = lexicon("roles")
BORDER_HEADS = set(_ROLES["border_heads"])
STATEMENT_HEADS = set(_ROLES["statement_place_heads"])
NEAR_PREPS = set(_ROLES["near_preps"])
LOCATION_PREPS = set(_ROLES["location_preps"])
CLAUSE_PREPS = ("in", "near", "at", "inside", "across", "outside", "on", "into")
FEATURE_RANK = {"PCLI": 0, "PCLD": 0, "PCLS": 0, "PCLF": 0, "PCL": 0, "ADM1": 1, "ADM2": 2}
# the words before a place that make it an origin, not where the event was
_ORIGIN = re.compile(r"\b(?:from|native of|natives of|based in|resident of|residents of)\s+(?:the\s+)?$", re.IGNORECASE)
_NEAR = re.compile(r"\b(?:near|outside|vicinity of|close to|outskirts of|off)\s+(?:the\s+)?$", re.IGNORECASE)
_BORDER = re.compile(r"\s+(?:" + "|".join(sorted(BORDER_HEADS)) + r")\b", re.IGNORECASE)
SOURCES = ("clause", "sentence", "article", "country")


def precision_of(feature: str | None, near: bool = False, stand_in: bool = False) -> int:
    """ACLED geo_precision: 1 the town itself, 2 near a town or an admin2 area, 3 a region or
    country. A place standing in for a name the gazetteer lacks is at best "near"."""
    rank = FEATURE_RANK.get(feature or "", 3)
    return 3 if rank <= 1 else (2 if near or stand_in or rank == 2 else 1)


def _locative(head: Token) -> tuple[bool, bool]:
    """(is introduced by a place preposition, is 'near'): "in Balochistan",
    "in Siestan-o-Baluchistan province of Iran", "near Quetta". A country as subject or
    object is an actor, not a place."""
    node = head
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATION_PREPS:
            return True, node.head.lower_ in NEAR_PREPS
        if node.dep_ in ("compound", "amod", "nmod", "appos", "conj") or (node.dep_ == "pobj" and node.head.lower_ == "of"):
            node = node.head if node.dep_ != "pobj" else node.head.head
            continue
        break
    return False, False


def clause_place(tok: Token, doc: Doc, segment: Segment, ctx, claim, a1_tok, others: list[Token] = ()) -> Location | None:
    """The place the event happened: a toponym governed by the event phrase, not a
    dateline, a capital standing for its government, or where a statement was made."""
    if not ctx.toponyms or ctx.geoparser is None:
        return None
    off = segment.start
    inside = [t for t in ctx.toponyms if segment.start <= t.start and t.end <= segment.end and t.role == "place"
              and not _DEAL_AFTER.match(ctx.text, t.end)]
    if not inside:
        return None
    scope = {t.i for t in tok.subtree}
    carrier = tok
    while carrier.dep_ in ("pobj", "prep", "dobj", "compound", "amod", "nsubjpass") and carrier.head is not carrier:
        carrier = carrier.head
        if carrier.pos_ in ("VERB", "AUX"):
            break
    if carrier.pos_ in ("VERB", "AUX"):
        for c in carrier.children:
            if c.dep_ == "prep" and c.lower_ in CLAUSE_PREPS:
                scope.update(t.i for t in c.subtree)
    excluded: set[int] = set()
    if claim.source is not None:
        excluded.update(t.i for t in claim.source.subtree)
    if a1_tok is not None:
        excluded.update(t.i for t in a1_tok.subtree)
    for other in others:  # a nested event keeps its own place ("condemned Iran's strikes in X")
        if other.i != tok.i and tok not in other.subtree:
            excluded.update(t.i for t in other.subtree)
    found = []
    for top in inside:
        ids = tokens_in(doc, top.start - off, top.end - off)
        if not ids:
            continue
        head = doc[ids[-1]]
        if not any(i in scope for i in ids) or any(i in excluded for i in ids):
            continue
        if head.dep_ in ("compound", "nmod", "amod", "poss") and head.head.lemma_.lower() in BORDER_HEADS:
            continue  # "near the Iran border": not in Iran
        if head.head.lemma_.lower() in STATEMENT_HEADS and head.dep_ == "pobj":
            continue
        if _origin_of_someone(head):
            continue  # "shot dead nine men from Punjab province": where they came from
        locative, near = _locative(head)
        struck = head.head.i == tok.i and head.dep_ in ("dobj", "nsubjpass")  # "missiles struck Kharkiv"
        if not (locative or struck):
            continue
        rank = FEATURE_RANK.get(top.feature or "", 3)
        found.append(((rank, -abs(head.i - tok.i)), top, near))
    found = _at_home(ctx, found, top=lambda f: f[1])
    if not found:
        return None
    _, top, near = max(found, key=lambda f: f[0])
    return _located(ctx, top, precision_of(top.feature, near, top.stand_in), "clause")


def venue(tok: Token, doc: Doc, segment: Segment, ctx, events: set[int] = frozenset(),
          party: tuple[int, int] | None = None) -> Location | None:
    """Where a meeting, talks or a signing took place: a place "in" or "at" that hangs on the
    event word itself or on the object of its light verb ("met Xi in Moscow", "held border
    talks in Beijing", "signed a peace agreement in Jeddah"). Places inside its objects are
    their topic, not its venue ("a summit on the unrest in Iran", "refugees in Hungary").
    `events`: the positions of the sentence's event words; `party`: the article span of the
    actor named as the object."""
    if not ctx.toponyms or ctx.geoparser is None:
        return None
    off = segment.start
    hosts = {tok.i}
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        # the object's place is the venue too ("met Xi Jinping in Moscow", "held a new round
        # of talks in Beijing"), unless it is part of the party's own name ("join an armed
        # group in Lebanon": `party`, the object actor's span)
        inner = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        hosts |= {obj.i} | ({g.i for g in inner} if any(g.i in events for g in inner) else set())
    for top in ctx.toponyms:
        if top.role != "place" or not (segment.start <= top.start and top.end <= segment.end):
            continue
        ids = tokens_in(doc, top.start - off, top.end - off)
        if not ids:
            continue
        if party is not None and party[0] <= top.start and top.end <= party[1]:
            continue
        head = doc[ids[-1]]
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "at") and head.head.head.i in hosts:
            return _located(ctx, top, precision_of(top.feature, False, top.stand_in), "clause")
    return None


def _origin_of_someone(head: Token) -> bool:
    """The place is where a party comes from: "from" hung on a noun ("men from Punjab",
    "pilgrims from Iran"), not on a verb ("rockets fired from Gaza")."""
    node = head
    while node.dep_ in ("compound", "amod", "conj", "appos") and node.head is not node:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ == "from" and node.head.head.pos_ in ("NOUN", "PROPN", "PRON")


def _located(ctx, top, precision: int, source: str) -> Location:
    region = _compass_region(ctx, top)
    if region is not None:
        # "in northwest Pakistan": the region, with the words that name it
        return ctx.geoparser.to_location(region, 3).model_copy(update={
            "source": source, "text": top.text, "start": top.start, "end": top.end})
    return ctx.geoparser.to_location(top, precision).model_copy(update={"source": source})


@lru_cache(maxsize=1)
def _directions() -> dict[tuple[str, str], str]:
    from eventwire.geo.normalize import read_lines

    return {(cc, d): code for cc, d, code in (line.split("\t")[:3] for line in read_lines("directional_regions.tsv"))}


def _direction_code(country: str, word: str) -> str | None:
    """The admin1 code of the compass part `word` ("NW", "north-west") of `country`."""
    word = word.lower().replace("-", "")
    return _directions().get((country, _COMPASS.get(word, word)))


_COMPASS = {"n": "north", "s": "south", "e": "east", "w": "west", "nw": "northwest", "ne": "northeast",
            "sw": "southwest", "se": "southeast"}
# a compass word or letter before a place ("SW Pakistan"), not the "s" of "Pakistan's Khyber"
_BEFORE = re.compile(r"(?<!['’])\b(north|south|east|west|north-?west|north-?east|south-?west|south-?east|nw|ne|sw|se|n|s|e|w)"
                     r"(?:ern)?\s+$", re.IGNORECASE)
# the compass parts of a country (directional_regions.tsv), as words or abbreviations
_PARTS = r"north-?west|north-?east|south-?west|south-?east|north|south|east|west|nw|ne|sw|se"
_EPITHETS = r"(?:restive\s+|volatile\s+|lawless\s+|remote\s+)*"  # "Pakistan's restive northwest"
_AFTER = re.compile(rf"^['’]s\s+{_EPITHETS}({_PARTS}|tribal)(?:ern)?\b", re.IGNORECASE)
# a compass part named alone, the country left to the context: "militants killed in the
# northwest", "a raid in southwest", "in NW"; not the start of a name ("in North Waziristan",
# "in South Africa") nor a part of something else ("north of the city")
_BARE = re.compile(rf"\b(?:in|across|throughout)\s+(?:the\s+)?(?:country['’]s\s+)?{_EPITHETS}({_PARTS})(?:ern)?\b"
                   r"(?!\s+(?:of\b|[A-Z]))", re.IGNORECASE)


def _compass_region(ctx, top):
    """The admin1 region a compass part of a country names (directional_regions.tsv)."""
    if top.feature not in FEATURE_RANK or FEATURE_RANK[top.feature] != 0 or not top.country:
        return None
    m = _BEFORE.search(ctx.text[max(0, top.start - 16):top.start]) or _AFTER.match(ctx.text[top.end:top.end + 30])
    if m is None:
        return None
    code = _direction_code(top.country, m.group(1))
    return ctx.geoparser.admin1_toponym(top.country, code) if code else None


@lru_cache(maxsize=1)
def _regions() -> list[tuple[str, re.Pattern, str]]:
    from eventwire.geo.normalize import read_lines

    return [(cc, re.compile(r"\b(?:" + pat + r")\b", re.IGNORECASE), code)
            for cc, pat, code in (line.split("\t")[:3] for line in read_lines("region_phrases.tsv"))]


_CAPITAL_OF = re.compile(r"\bcapital\s+(?:city\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)
# case-blind words, but a capital letter after "capital" starts a name ("the Afghan capital
# Kabul"): a flag for the whole pattern would let [A-Z] match "on" too
_CAPITAL = re.compile(r"(?:['’]s)?\s+(?i:capital)\b(?!\s+(?:(?i:city)\s+)?(?:(?i:of)\b|[A-Z]))")


# where words were published or spoken ("a report released Tuesday in the Rwandan capital")
# is no place of what they tell
_STATED_IN = re.compile(r"\b(?:released|published|issued|presented|unveiled|said|told|speaking|spoke|announced)"
                        r"\s+(?:[\w,]+\s+){0,3}in\s+(?:the\s+)?$", re.IGNORECASE)


def _region_in(ctx, country: str, lo: int, hi: int, source: str) -> Location | None:
    """The admin1 region of `country` that words in text[lo:hi] name without a place name:
    a region phrase (region_phrases.tsv: "tribal areas", "along the LoC") or a compass part
    named alone ("in the northwest"; directional_regions.tsv)."""
    text = ctx.text[lo:hi]
    found = []
    for cc, pat, code in _regions():
        if cc == country:
            found += [(m.start(), m.end(), code) for m in pat.finditer(text)]
    for m in _BARE.finditer(text):
        code = _direction_code(country, m.group(1))
        if code:
            found.append((m.start(1), m.end(1), code))
    for t in ctx.toponyms or ():
        # "in southwestern Pakistan" in a sentence other than the event's
        if lo <= t.start and t.end <= hi and t.country == country:
            region = _compass_region(ctx, t)
            if region is not None:
                found.append((t.start - lo, t.end - lo, region.admin1_code))
            elif t.role in ("place", "demonym") and FEATURE_RANK.get(t.feature or "", 3) == 0 \
                    and not _STATED_IN.search(ctx.text, max(0, t.start - 60), t.start):
                after = _CAPITAL.match(ctx.text, t.end)  # "in the Pakistani capital"
                before = _CAPITAL_OF.search(ctx.text, max(0, t.start - 20), t.start)  # "the capital of Pakistan"
                if after or before:
                    found.append(((before.start() if before else t.start) - lo, (after.end() if after else t.end) - lo, None))
    for start, end, code in sorted(found, key=lambda f: f[:2]):
        top = (ctx.geoparser.admin1_toponym(country, code) if code is not None
               else ctx.geoparser.capital_toponym(country))
        if top is not None:
            precision = 3 if code is not None else 1
            return ctx.geoparser.to_location(top, precision).model_copy(update={
                "source": source, "text": text[start:end], "start": lo + start, "end": lo + end})
    return None


def refine(ctx, loc: Location | None, spans: list[tuple[int, int]]) -> Location | None:
    """A place that is only the country, made more specific from the same text: a region the
    event's own sentences name without a place name ("killed in the tribal areas"), else the
    article's main place when it lies in that country (a second headline's "in Quetta"),
    else such a region anywhere in the article. The country is never changed."""
    if (loc is None or not loc.country or FEATURE_RANK.get(loc.feature or "", 3) != 0
            or ctx is None or ctx.geoparser is None):
        return loc
    for lo, hi in spans:
        found = _region_in(ctx, loc.country, lo, hi, loc.source if loc.source in ("clause", "sentence") else "sentence")
        if found is not None:
            return found
    main = article_place(ctx)
    if main is not None and main.country == loc.country and main.admin1:
        return main
    return _region_in(ctx, loc.country, 0, len(ctx.text), "article") or _dateline_place(ctx, loc.country) or loc


def _dateline_place(ctx, country: str) -> Location | None:
    """The place a report is filed from ("QUETTA, Jan 3 (Reuters)", "Quetta: Blast near ..."),
    when the text names no other place in the event's country: the province is as good as
    known, the town is not (precision 3)."""
    tops = [t for t in ctx.toponyms or () if t.role == "dateline" and t.country == country
            and FEATURE_RANK.get(t.feature or "", 3) > 0]  # "Pakistan: ..." says no more
    return _located(ctx, tops[0], 3, "article") if tops else None


# a place name that speaks is the institution or government it stands for: "the Pentagon
# said", "Kabul says", "according to Washington"
_SAID = ("said|says|say|told|tells|announced|announces|claimed|claims|denied|denies|confirmed|confirms|stated|"
         "states|added|alleged|alleges|warned|warns")
_SPEAKS = re.compile(r"^(?:['’]s\s+\w+\s+)?\s*(?:,\s*)?(?:" + _SAID + r")\b", re.IGNORECASE)
# a city that warns, accuses or protests is the government seated there, and what it speaks of
# happened elsewhere ("Beijing on Monday warned Manila after a coast guard ship fired ...");
# a country that condemns may be where it happened ("Iraq condemns U.S. air strikes")
_CITY_SPEAKS = re.compile(r"^\s*(?:on\s+\w+\s+|(?:also|again|has|have|had|yesterday|today)\s+)?(?:" + _SAID
                          + r"|accused|accuses|condemned|condemns|urged|urges|rejected|rejects|protested|protests|"
                          r"slammed|slams|criticised|criticized|criticises|criticizes|vowed|vows|demanded|demands)\b",
                          re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)


def _speaker(ctx, top) -> bool:
    """A place name that is the one speaking, not where anything happened."""
    after = ctx.text[top.end:top.end + 40]
    return bool(_SPEAKS.match(after) or _ACCORDING.search(ctx.text[max(0, top.start - 20):top.start])
                or (top.feature or "").startswith("PPL") and _CITY_SPEAKS.match(after))


_FOREIGNER_AFTER = re.compile(r"\s+(?:%s)\b" % "|".join(_ROLES["foreigner_nouns"]), re.IGNORECASE)


def foreigner(text: str, start: int, end: int) -> bool:
    """The country word at text[start:end] singles out a foreigner, a foreign mission or a
    group based there: "one of those held was a British citizen", "the UK embassy
    confirmed", "a UK-based group that tracks the war". Such a country is where the
    article's events do not happen. (A bare "an American" may be at home.)"""
    return bool(_FOREIGNER_AFTER.match(text, end) or _BASED.match(text, end))


def _origin(ctx, top) -> bool:
    """A place named only as where someone comes from or is based: "a UK-based group",
    "militants from Afghanistan", "residents of Swat"."""
    return bool(_BASED.match(ctx.text, top.end) or _ORIGIN.search(ctx.text[max(0, top.start - 20):top.start]))


# a place that names a deal ("the Washington accord", "the Minsk agreements") is no venue
_DEAL_AFTER = re.compile(r"\s+(?:" + "|".join(map(re.escape, _ROLES["deal_name_nouns"])) + r")\b", re.IGNORECASE)


def _usable(ctx, top, actor_spans: list[tuple[int, int]]) -> bool:
    """A place toponym that is not an origin, not the name of a deal and not inside an
    actor's words."""
    if top.role != "place" or top.country is None or _DEAL_AFTER.match(ctx.text, top.end):
        return False
    if any(s <= top.start and top.end <= e for s, e in actor_spans):
        return False
    return not _origin(ctx, top) and not _speaker(ctx, top)


def sentence_place(ctx, segment: Segment, at: int, actor_spans: list[tuple[int, int]] = ()) -> Location | None:
    """The place phrase nearest character `at` in the segment (the event word's sentence)."""
    if not ctx.toponyms or ctx.geoparser is None:
        return None
    here = [t for t in ctx.toponyms if segment.start <= t.start and t.end <= segment.end
            and _usable(ctx, t, list(actor_spans))]
    here = _at_home(ctx, here, top=lambda t: t)
    if not here:
        return None
    top = min(here, key=lambda t: (FEATURE_RANK.get(t.feature or "", 3) == 0, abs(t.start - at)))
    near = bool(_NEAR.search(ctx.text[max(0, top.start - 20):top.start]))
    return _located(ctx, top, precision_of(top.feature, near, top.stand_in), "sentence")


def _at_home(ctx, found: list, top) -> list:
    """Candidates (`top` gives each one's toponym) less any abroad that only vouches for
    itself when another candidate lies in the country the article is about: "killed in IED
    blast in Pakistan" is not in Eritrea (an "Edd" read into "IED"), "Lahore victims of
    Taliban attack" not in Turkey. A place abroad that the article supports otherwise, or that is the
    only candidate, stays ("the bombing in Kabul")."""
    if len({top(f).country for f in found}) < 2:
        return found
    countries = context_countries(ctx)
    if not countries:
        return found
    home = max(countries, key=lambda c: countries[c])
    if not any(top(f).country == home for f in found):
        return found

    def alone(t0) -> bool:
        if t0.country == home:
            return False
        own = sum(2 if t.role == "place" else 1 for t in ctx.toponyms if t.country == t0.country
                  and t.text == t0.text and t.role != "street")
        return countries[t0.country] <= own < countries[home]
    return [f for f in found if not alone(top(f))]


def _votes(ctx, t) -> bool:
    """Whether toponym `t` counts toward the countries the article is about."""
    return bool(t.country and t.role not in ("street", "shared") and not _BORDER.match(ctx.text, t.end)
                and not _origin(ctx, t) and not foreigner(ctx.text, t.start, t.end))
    # "near the Afghan border", "a UK-based group", "a British citizen": not there


def context_countries(ctx) -> Counter:
    """The countries the article is about: every place, demonym and dateline it names, plus
    actors known to fight in one country ("Houthi", "Taliban"; geo data actor_countries.tsv)."""
    cached = getattr(ctx, "_countries", None)
    if cached is not None:
        return cached
    votes: Counter = Counter()
    for t in ctx.toponyms or ():
        if _votes(ctx, t):
            votes[t.country] += 2 if t.role == "place" else 1
    scanned = getattr(ctx, "actor_countries", None)
    if scanned is not None:
        votes.update(scanned)
    elif ctx.geoparser is not None and hasattr(ctx.geoparser, "actor_countries"):
        votes.update(ctx.geoparser.actor_countries(ctx.text))
    ctx._countries = votes
    return votes


def article_place(ctx) -> Location | None:
    """The article's main place: its most specific place inside the country it is most about,
    earliest first (short reports name the event's place once, early)."""
    if "_article_place" in vars(ctx):
        return ctx._article_place
    found = None
    countries = context_countries(ctx)
    places = [t for t in ctx.toponyms or () if _usable(ctx, t, [])]
    if places:
        top_country = max(countries, key=lambda c: countries[c]) if countries else None
        inside = [t for t in places if t.country == top_country] or places
        best = min(inside, key=lambda t: (-FEATURE_RANK.get(t.feature or "", 3), t.start))
        rank = FEATURE_RANK.get(best.feature or "", 3)
        # the article's place, not the clause's: a town is "near" at best
        found = _located(ctx, best, 3 if rank <= 1 else 2, "article")
        if rank == 0:
            found = None  # a bare country: the country rule says the same, with its reason
    ctx._article_place = found
    return found


def country_place(ctx, shooter: tuple[int, int] | None = None) -> Location | None:
    """Only the country: the one the article names or implies most. The words of `shooter`
    (the attacker of the event) vote for nothing: "Russian shelling kills three civilians"
    says whose guns, not where they hit, and a place is never named only by a nationality."""
    countries = context_countries(ctx)
    if shooter is not None:
        countries = countries.copy()
        for t in ctx.toponyms or ():
            if t.role == "demonym" and shooter[0] <= t.start and t.end <= shooter[1] and _votes(ctx, t):
                countries[t.country] -= 1  # the vote context_countries gave it
        countries = +countries  # only the countries left with a vote
    if not countries or ctx.geoparser is None or not hasattr(ctx.geoparser, "country_toponym"):
        return None
    cc = max(countries, key=lambda c: countries[c])
    top = ctx.geoparser.country_toponym(cc)
    if top is None:
        return None
    loc = ctx.geoparser.to_location(top, 3).model_copy(update={"source": "country", "start": None, "end": None,
                                                                "text": ""})
    return loc
