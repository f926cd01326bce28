"""In-article merging: every mention of one real event becomes one `Event`.

A mention joins an earlier event of the same type family when nothing conflicts (source
country, place, PLOVER mode outside violence) and something ties them: the same source, the
same place, or — for a mention that names neither — being the latest such event in the
discourse ("The attack follows ..."). Non-factual mentions (denials, negations) of a violent
event add evidence to it but never create a second attack.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from eventwire.attributes.claims import STATUS_RANK
from eventwire.attributes.location import foreigner
from eventwire.events.detect import LOCATED_TYPES, STANDOFF_MODES, WEAPONS, Mention, family
from eventwire.events.roles.countries import _LINE_SIDES as _ROLE_LINE_SIDES
from eventwire.events.roles.countries import BORDER_WORDS, CONTESTED_LINES, SIDED_PLACES
from eventwire.model import Actor, Count, Event, Evidence, Location
from eventwire.resolve.cross import rules
from eventwire.resources import lexicon, table

MODE_FREE = {"ASSAULT", "FIGHT", "PROTEST", "THREATEN", "ACCUSE", "COERCE"}
STATE_FORCE_TYPES = set(lexicon("roles")["state_force_types"])
_RIVALS = frozenset(lexicon("roles")["rival_words"])


_family = family


class _Cluster:
    def __init__(self, m: Mention):
        self.mentions = [m]

    @property
    def type(self) -> str:
        return _family(self.mentions[0].type)

    def countries(self, attr: str) -> set[str]:
        out = set()
        for m in self.mentions:
            a = getattr(m, attr)
            if a is not None and a.country:
                out.add(a.country)
        return out

    def places(self) -> list[Location]:
        return [m.location for m in self.mentions if m.location is not None]

    def last(self) -> int:
        return max(m.order for m in self.mentions)


def _place_conflict(a: Location, b: Location) -> bool:
    if a.country and b.country and a.country != b.country:
        return True
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return True
    return False


def _compatible(c: _Cluster, m: Mention) -> tuple[bool, int]:
    """(can merge, strength of the tie)."""
    if c.type != _family(m.type):
        return False, 0
    if m.type not in MODE_FREE:
        modes = {x.mode for x in c.mentions if x.mode}
        if m.mode and modes and m.mode not in modes:
            return False, 0
    src = c.countries("actor1")
    if m.actor1 is not None and m.actor1.country and src and m.actor1.country not in src:
        return False, 0
    if m.location is not None and any(_place_conflict(p, m.location) for p in c.places()):
        return False, 0
    tie = 0
    if m.actor1 is not None and m.actor1.country and m.actor1.country in src:
        tie += 2
    tgt = c.countries("actor2")
    if m.actor2 is not None and m.actor2.country and m.actor2.country in tgt:
        tie += 1
    if m.location is not None and c.places():
        tie += 2
    if m.actor1 is None and m.location is None:
        tie += 1  # a bare "the attack": joins the latest event of its type
    if m.segment.kind == "body" and all(x.segment.kind == "headline" for x in c.mentions) \
            and m.mode in {x.mode for x in c.mentions}:
        # the lede tells again, with its day and its place, the act the headline announces
        # ("Fourteen CCC activists arrested" / "Fourteen members ... were arrested on Sunday")
        tie += 1
    if _same_toll(_tolls(m), set().union(*map(_tolls, c.mentions))):
        # "kills 12" in the headline and "killing at least 12" in the lede: one article
        # rarely tells two incidents of one kind with one toll, and a place of each that
        # differs has already kept them apart
        tie += 2
    return True, tie


def _tolls(m: Mention) -> set[tuple[int, str | None]]:
    # one dead is too common a figure to tie two mentions ("a civilian", "a soldier")
    return {(c.figure.best, c.victims) for c in m.fatalities if c.figure.best and c.figure.best > 1}


def _parties_differ(c: _Cluster, m: Mention) -> bool:
    """The mention names a side of another kind than the event's ("grenade attacks" on
    civilians, then "the clashes between government forces and rebels"): another event."""
    groups = rules()["sector_groups"]
    for attr in ("actor1", "actor2"):
        mine = getattr(m, attr)
        if mine is None or groups.get(mine.sector) is None:
            continue
        theirs = {groups.get(a.sector) for x in c.mentions if (a := getattr(x, attr)) is not None} - {None}
        if theirs and groups[mine.sector] not in theirs:
            return True
    return False


def _same_toll(mine: set, theirs: set) -> bool:
    """A figure in common, of victims of one kind where both say whose."""
    return any(n == k and (v is None or w is None or v == w) for n, v in mine for k, w in theirs)


def _definite(m: Mention) -> bool:
    """An event told as known ("claimed responsibility for the attack", "condemned the
    bombing", "said it carried out the attack") with no place of its own points back to an
    event the article already told."""
    return m.given and m.location is None


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions (in article order) into clusters, one per real event."""
    clusters: list[_Cluster] = []
    pending_nonfactual: list[Mention] = []
    for m in sorted(mentions, key=lambda x: x.order):
        best, best_key = None, None
        for c in clusters:
            ok, tie = _compatible(c, m)
            if not ok or tie == 0:
                continue
            key = (tie, c.last())
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is None and m.actor1 is None and m.location is None:
            # nothing to tie it: the latest compatible event of its type, if any
            same = [c for c in clusters if _compatible(c, m)[0]]
            if same:
                best = max(same, key=lambda c: c.last())
        elif best is None and _definite(m):
            same = [c for c in clusters if _compatible(c, m)[0] and not _parties_differ(c, m)]
            if same:
                best = max(same, key=lambda c: c.last())
        if best is not None:
            best.mentions.append(m)
        elif not m.factual and m.type in STATE_FORCE_TYPES:
            pending_nonfactual.append(m)
        else:
            clusters.append(_Cluster(m))
    for m in pending_nonfactual:
        same = [c for c in clusters if _compatible(c, m)[0]]
        if same:
            max(same, key=lambda c: c.last()).mentions.append(m)
        else:
            clusters.append(_Cluster(m))
    countries = article_countries(mentions)
    _situate(clusters, countries)
    _country_hint(clusters, countries)
    _at_home_actors(clusters, countries)
    return [c.mentions for c in clusters]


# Who acts only at home: police, soldiers, protesters, rioters and civilians named by no
# country are the article's country's ("police said", "protesters demanded" in a Pakistani
# report), as the actor-country rule asks; armed groups cross borders and are left.
_HOME_ONLY = {"MIL", "COP", "CVL", "PRO", "RIO"}


def _at_home_actors(clusters: list[_Cluster], countries: list[str]) -> None:
    """Give the home-only parties of an event with no place of its own (a statement, a
    demand, a meeting) the one country the article is about; a placed or violent event's
    parties take its place's country in `build_event` (or `_situate`)."""
    # the article's country; failing a country word, where its events' sentences place them
    hinted = Counter(m.place_hint.country for c in clusters for m in c.mentions
                     if m.place_hint is not None and m.place_hint.country and m.place_hint.source != "country")
    if not hinted:  # no event carries a place: where the sentences put their parties
        hinted.update(m.home for c in clusters for m in c.mentions if m.home)
    if len(countries) > 1 or len(hinted) > 1:
        return  # "Thailand and Cambodia agreed to withdraw troops": whose troops is not said
    home = countries[0] if countries else (next(iter(hinted)) if hinted else None)
    if home is None:
        return
    for c in clusters:
        if _family(c.type) in STATE_FORCE_TYPES or c.places():
            continue
        for m in c.mentions:
            if m.type in LOCATED_TYPES:
                continue  # placed by its hint in build_event
            m.actor1 = _localise(m.actor1, home, _HOME_ONLY)
            m.actor2 = _localise(m.actor2, home, _HOME_ONLY)


def _country_hint(clusters: list[_Cluster], countries: list[str]) -> None:
    """An event whose article names no place for it lies in the country the article's events
    are about (`article_countries` weighs event places and "in Pakistan" over a bare
    "Pakistani"), which overrides the geoparse's own country guess."""
    if not countries:
        return
    from eventwire.geo import Geoparser

    geoparser = Geoparser.loaded()
    if geoparser is None:
        return
    for c in clusters:
        if c.places():
            continue
        hints = [m.place_hint for m in c.mentions if m.place_hint is not None]
        if any(h.source != "country" for h in hints):
            continue
        if not hints and not any(m.type in LOCATED_TYPES for m in c.mentions):
            continue
        top = geoparser.country_toponym(_arresting_state(c) or countries[0])
        if top is None:
            continue
        loc = geoparser.to_location(top, 3).model_copy(update={"source": "country", "start": None, "end": None})
        for m in c.mentions:
            if m.type in LOCATED_TYPES:
                m.place_hint = loc


# who arrests, detains, tries or expels does so on its own soil: "Iranian authorities arrested a
# French tourist" happened in Iran, whatever the article's other country words
_ARRESTING_SECTORS = {"GOV", "COP", "JUD", "MIL"}


def _arresting_state(c: _Cluster) -> str | None:
    if _family(c.type) != "COERCE":
        return None
    return next((m.actor1.country for m in c.mentions if m.actor1 is not None and m.actor1.country
                 and m.actor1.sector in _ARRESTING_SECTORS), None)


LOCATIVE = frozenset(lexicon("roles")["location_preps"])
_ENTITY_KINDS = {"country", "capital", "demonym", "place"}
_BORDER_AFTER = re.compile(r"\s+(?:border|frontier|boundary)\b", re.IGNORECASE)


def article_countries(mentions: list[Mention]) -> list[str]:
    """The countries the article's events happen in, best first, for when it says so only
    in passing: event places weigh most, then a country named after a place preposition
    ("in Pakistan's Orakzai", "in NW Pak"), then any country word in the event sentences.
    Ties go to the later word, where headlines put the place ("Indian shelling kills
    villager in Pakistan")."""
    from eventwire.actors import ActorResolver

    votes: Counter[str] = Counter()
    last: dict[str, int] = {}
    for m in mentions:
        if m.location is not None and m.location.country:
            votes[m.location.country] += 3
        elif m.place_hint is not None and m.place_hint.country and m.place_hint.source != "country":
            # the place its sentence or the article names ("TBILISI --"), not a mere country
            # word: worth a country word of the event sentences
            votes[m.place_hint.country] += 1
    resolver = ActorResolver.load()
    # the nationality of a state's forces that strike ("Pakistani troops raided ...") says
    # who fired, not where: forces fight abroad too, so such a word counts least; and fire
    # from afar ("Indian shelling", "Israeli air strike": `standoff_modes`) crosses borders,
    # so its nationality places nothing and gives its victims no country (#15: never a
    # place named only by a nationality)
    attackers = [(m.actor1.start, m.actor1.end, m.mode in STANDOFF_MODES) for m in mentions
                 if _family(m.type) in STATE_FORCE_TYPES and m.actor1 is not None
                 and m.actor1.sector in _STATE_SIDE and m.actor1.start is not None]
    seen: set[int] = set()
    for m in sorted(mentions, key=lambda x: x.order):
        seg = m.segment
        if seg.start in seen:
            continue
        seen.add(seg.start)
        for hit in resolver.find(seg.text):
            if hit.kind not in _ENTITY_KINDS or not hit.country:
                continue
            if _BORDER_AFTER.match(seg.text, hit.end):
                continue  # "near the Afghan border": on this side of it
            if foreigner(seg.text, hit.start, hit.end):
                continue  # "a British citizen", "the UK embassy": singled out where not at home
            before = _WORD.findall(seg.text[max(0, hit.start - 20):hit.start].lower())[-2:]
            # "in Indian firing": a demonym after "in" is whose fire, not where
            locative = hit.kind != "demonym" and LOCATIVE & set(before)
            at = seg.start + hit.start
            fired = [afar for s, e, afar in attackers if s <= at < e] if hit.kind == "demonym" else []
            if any(fired):
                continue  # whose guns, never where: "Russian shelling" did not land in Russia
            votes[hit.country] += 2 if locative else (0.5 if fired else 1)
            last[hit.country] = at
    return sorted(votes, key=lambda c: (votes[c], last.get(c, -1)), reverse=True)


def _situate(clusters: list[_Cluster], countries: list[str]) -> None:
    """Give the parties of an unplaced violent event the article's country when the text
    gives them none (the event's own place, when it has one, wins in `build_event`).
    Victims of a state's forces are not that state's own people unless the article names
    no other country ("Indian shelling kills woman in Kashmir", said from Pakistan), and
    a state that strikes with nobody named on the other side strikes the other state the
    article is about ("Pakistan says India steps up shelling")."""
    if not countries:
        return
    for c in clusters:
        if _family(c.type) not in STATE_FORCE_TYPES or c.places():
            continue
        attackers = c.countries("actor1")
        state = {m.actor1.country for m in c.mentions if m.actor1 is not None and m.actor1.country
                 and m.actor1.sector in _STATE_SIDE}
        others = [x for x in countries if x not in state]
        for m in c.mentions:
            m.actor1 = _localise(m.actor1, countries[0] if not attackers else None)
            a2 = m.actor2
            if a2 is not None and not a2.country and a2.sector in _STATE_SIDE | _REBEL_SIDE:
                m.actor2 = _localise(a2, countries[0])
            elif a2 is not None and not a2.country and others:
                m.actor2 = _localise(a2, others[0])
        if (_family(c.type) in UNATTRIBUTED_TYPES and not any(m.actor1 for m in c.mentions)
                and any(_attack_evident(m) for m in c.mentions)):
            lead = c.mentions[0]
            across = _fire_named(c.mentions) or _line_attacker(c.mentions, countries[0], lead.actor2)
            lead.actor1 = across or _unidentified_actor(countries[0], lead.actor2,
                                                        state=any(m.state_hand for m in c.mentions))
            if across is not None and across.country != countries[0] and not any(m.actor2 for m in c.mentions):
                lead.actor2 = _state_actor(countries[0], text="")  # fire across the line hits this side
        if state and not c.countries("actor2") and others and _family(c.type) == "ASSAULT" \
                and not any(m.actor2 or m.backing for m in c.mentions):
            # (a show of force, "North Korea fired two missiles into the sea", aims at no one)
            lead = next(m for m in c.mentions if m.actor1 is not None and m.actor1.country in state)
            lead.actor2 = _state_actor(others[0])


def _state_actor(country: str, text: str | None = None) -> Actor:
    """The government of `country`: named by the country's name, or implied (text "")."""
    from eventwire.actors import ActorResolver

    return ActorResolver.load().implied("GOV", country, _country_name(country) or country if text is None else text)


# Acts at home aimed at no named party: a protest, a curfew, a ban, a concession. Their
# target is the other side of the same country: protesters, unions and rebels face the state,
# the state faces its people ("Egyptian demonstrators rioted" -> Government of Egypt; "Turkish
# authorities imposed a curfew in Cizre" -> Civilians (Turkey)). Implied, so no text span.
DOMESTIC_TYPES = set(lexicon("roles")["domestic_types"])
NOT_DOMESTIC_CODES = tuple(lexicon("roles")["not_domestic_codes"])
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}


def _domestic_target(actor1: Actor | None, here: str | None, family: str) -> Actor | None:
    """Who a domestic act with no named target is done to: a protest the state where it
    happens; an arrest, a curfew by the state (or by no one named: the state is its likelier
    author than its target) the people there."""
    country = (actor1.country if actor1 is not None else None) or here
    if not country:
        return None
    if actor1 is not None and actor1.sector in _STATE_SECTORS or actor1 is None and family != "PROTEST":
        return _victim_actor("civilians", country)
    return _state_actor(country, text="")


def _pick_actor(ms: list[Mention], attr: str, unfit=lambda a: False) -> Actor | None:
    """The best-supported actor: the most frequent country/sector pair, a sentence's over a
    headline's, earliest wording; none that is `unfit`."""
    told = [(a, m) for m in ms if (a := getattr(m, attr)) is not None and not unfit(a)]
    told = [(a, m) for a, m in told if m.factual] or told
    if not told:
        return None
    actors = [a for a, _ in told]
    # between parties of equal support, a sentence's wording beats a headline's, whose
    # title-case shorthand parses worse ("Capital Gazette ... Newsroom Shooting" over "a
    # gunman killed five of its staffers")
    in_body = {id(a) for a, m in told if m.segment.kind != "headline"}
    votes = Counter((a.country, a.sector) for a in actors)
    # a mention that names no country ("militants") supports every party of its sector:
    # "Militants ... killing 12" and "Al Shabaab claimed the attack" agree on al-Shabaab
    unplaced = Counter(a.sector for a in actors if a.country is None)

    def support(a: Actor) -> int:
        return votes[(a.country, a.sector)] + (unplaced[a.sector] if a.country is not None else 0)

    # a named group or a specific office beats a bare country
    def key(a: Actor):
        # who acts is rarely just people ("a group of men" who shot six are the "Gunmen")
        return (support(a), a.country is not None, a.sector not in (None, "GOV"),
                attr != "actor1" or a.sector != "CVL", id(a) in in_body)
    best = max(actors, key=key)
    # the same party called by its own name beats its description ("The BLA claimed
    # responsibility" over "a suicide bomber", both Pakistani militants)
    return next((a for a in actors if _named(a) and (a.country, a.sector) == (best.country, best.sector)), best)


def _a_region(actor: Actor | None) -> bool:
    from eventwire.actors import ActorResolver

    return actor is not None and actor.sector == "GOV" and bool(actor.text) \
        and ActorResolver.load().is_region_of_country(actor.text)


def _named(actor: Actor) -> bool:
    """The actor is called by a name of its own, not by the label of its kind and country."""
    return actor.name not in (_codes().display_name(actor.sector, actor.country), _codes().display_name(actor.sector, None))


@lru_cache(maxsize=1)
def _codes():
    from eventwire.actors import CameoCodes
    return CameoCodes.load()


_HINT_ORDER = {"sentence": 0, "article": 1, "country": 2}


def _pick_location(ms: list[Mention]) -> Location | None:
    locs = [m.location for m in ms if m.location is not None]
    if not locs:
        # no clause names the place: the nearest sentence place of any mention, then the
        # article's place, then its country (attributes/location.py)
        hints = [m.place_hint for m in ms if m.place_hint is not None]
        return min(hints, key=lambda l: _HINT_ORDER.get(l.source, 3)) if hints else None
    # the most specific place; ties go to the earliest mention
    return min(locs, key=lambda l: (l.geo_precision if l.admin1 else 4, -len(l.admin1 or "")))


def _combine(ms: list[Mention], what: str) -> Count:
    """The event's `what` ("fatalities" / "injuries") from its mentions' figures: each
    distinct figure with its source (the figure's own reporting clause, else its
    sentence's attribution, else none: the reporter), then low/best/high across them by
    the rule in `Count`'s docstring."""
    from eventwire.attributes.claims import source_type
    from eventwire.model import Attribution, CasualtyFigure, Span

    figures: list[CasualtyFigure] = []
    seen: set[tuple] = set()
    kinds: list[str] = []
    for m in sorted(ms, key=lambda x: x.order):
        seg = m.segment
        for c in getattr(m, what):
            if c.victims:
                kinds.append(c.victims)
            if not c.figure.known:
                continue  # "a number of terrorists were killed": who, but no figure
            source, status = m.attribution, m.status
            if c.status is not None:  # a verb reports the figure itself: its speaker, if named
                status, source = c.status, None
            if c.source_start is not None and c.source_end is not None:
                start, end = seg.start + c.source_start, seg.start + c.source_end
                text = seg.text[c.source_start:c.source_end]
                source = Attribution(text=text, source_type=source_type(text), start=start, end=end)
            f = c.figure
            key = (f.best, f.low, f.high, (source.text.lower() if source else None), status)
            if key in seen:
                continue  # the same source repeating its figure
            seen.add(key)
            figures.append(CasualtyFigure(
                best=f.best, low=f.low, high=f.high, victims=c.victims, source=source, status=status,
                evidence=Span(start=seg.start + c.start, end=seg.start + c.end, text=seg.text[c.start:c.end]),
            ))
    if not figures:
        return Count(victims=kinds[0] if kinds else None)
    counted = [f for f in figures if f.status in FIGURE_STATUSES] or figures
    lows = [f.low for f in counted if f.low is not None]
    highs = [f.high for f in counted if f.high is not None]
    firm = [f.best for f in counted if f.best is not None and f.status != "claimed"]
    bests = firm or [f.best for f in counted if f.best is not None]
    victims = kinds[0] if kinds else None
    best = max(bests) if bests else None
    low = min(lows) if lows else None
    every = highs + [f.best for f in counted if f.best is not None]
    high = max(every) if every else None
    return Count(best=best, low=low, high=high, victims=victims, figures=figures)


# Figures whose report asserts them set low/best/high; a denied or hypothetical one is
# only listed (unless the event has no other).
FIGURE_STATUSES = frozenset({"reported", "claimed", "confirmed"})


def build_event(ms: list[Mention], article_id: str, taxonomy, number: int = 1) -> Event:
    ms = sorted(ms, key=lambda m: m.order)
    factual = [m for m in ms if m.factual] or ms
    lead = max(factual, key=lambda m: (m.confidence, m.mode is not None, len(m.cameo or "")))
    mode = lead.mode or next((m.mode for m in factual if m.mode), None)
    cameo = lead.cameo
    if mode and lead.mode is None:
        cameo = next(m.cameo for m in factual if m.mode == mode)
    goldstein = next((m.goldstein for m in factual if m.cameo == cameo), lead.goldstein)
    # a region of a country ("northwest Pakistan", "into northwest Syria") does nothing and is
    # done to by none but a foreign attacker ("rockets at northern Israel" strike Israel)
    actor1 = _pick_actor(ms, "actor1", _a_region)
    actor2 = _pick_actor(ms, "actor2")
    if _a_region(actor2) and not (_family(lead.type) == "ASSAULT" and actor1 is not None
                                  and actor1.country not in (None, actor2.country)):
        actor2 = _pick_actor(ms, "actor2", _a_region)
    if _one_party(actor1, actor2):
        actor2 = None  # "ADF ... suspected ADF rebels": one party told twice is not its own target
    if actor1 is not None and _family(lead.type) in STATE_FORCE_TYPES and actor1.sector == "GOV":
        actor1 = _as_military(actor1, taxonomy)
    location = _pick_location(ms)
    location_reason = None
    if location is None:
        located = any(m.type in LOCATED_TYPES for m in ms)
        location_reason = "no_place" if located else "unlocated_type"
    fatalities = _combine(factual, "fatalities")
    injuries = _combine(factual, "injuries")
    if _family(lead.type) in STATE_FORCE_TYPES:
        location = _where_struck(location, actor1, actor2, ms)
    here = location.country if location else None
    actor1, actor2 = _branch(actor1, here), _branch(actor2, here)
    if _family(lead.type) in STATE_FORCE_TYPES:
        # those hurt are the target as much as those killed ("shelling injured three civilians")
        victims = fatalities.victims if fatalities.victims in VICTIM_ACTORS else injuries.victims
        if actor2 is None and victims in VICTIM_ACTORS:
            actor2 = _victim_actor(victims, here)
        actor1, actor2 = _localise(actor1, here), _localise(actor2, here, TARGET_SECTORS)
        actor1, actor2 = _localise(actor1, _opponent_country(actor1, actor2)), \
            _localise(actor2, _opponent_country(actor2, actor1))
    else:  # an office, a crowd, a court with no country of its own acts where the event is
        actor1, actor2 = _localise(actor1, here, DOMESTIC_SECTORS), _localise(actor2, here, DOMESTIC_SECTORS)
    if actor2 is None and _family(lead.type) in DOMESTIC_TYPES and not (cameo or "").startswith(NOT_DOMESTIC_CODES):
        # (sanctions are aimed abroad, but not at the place an event is put: "shipping oil to
        # China" is no sanction of China)
        actor2 = _domestic_target(actor1, here, _family(lead.type))
    # the violence type is judged on the parties the text names, not on a placeholder
    named1 = None if _is_placeholder(actor1) else actor1
    if actor1 is None and _family(lead.type) in UNATTRIBUTED_TYPES and not any(m.lone_hand for m in ms) and (
            actor2 is not None or any(_attack_evident(m) for m in ms)):
        named_fire = _fire_named(ms)
        actor1 = named_fire or _line_attacker(ms, here, actor2)
        if actor1 is not None and actor2 is None and here and actor1.country != here:
            actor2 = _state_actor(here, text="")  # fire across the line hits the state on this side
        actor1 = actor1 or _unidentified_actor(
            here or (actor2.country if actor2 is not None and actor2.sector in LOCAL_SECTORS else None), actor2,
            state=any(m.state_hand for m in ms))
    if actor1 is None and here and lead.mode == "arrest" and actor2 is not None and actor2.sector not in _STATE_SECTORS:
        # "30 people were detained, the Interior Ministry said": an arrest no one is named for
        # is the police's of the country where it happens (an abduction is not an arrest)
        from eventwire.actors import ActorResolver
        actor1 = ActorResolver.load().implied("COP", here)
    if _family(lead.type) in STATE_FORCE_TYPES and (here is None or actor1 is None or actor2 is None):
        actor1, actor2 = _line_sides(ms, actor1, actor2, here)
    type_ = lead.type
    if _family(type_) == "ASSAULT" and cameo:
        type_, _ = taxonomy.event_type(cameo, actor1, actor2)  # FIGHT when both sides are armed forces
        type_ = type_ or lead.type
    dated = [m for m in factual if m.date is not None]
    order = ["day", "week", "month", "year"]
    dm = min(dated, key=lambda m: (order.index(m.date_precision or "year"), m.order)) if dated else None
    statuses = [m.status for m in ms]
    status = max(statuses, key=STATUS_RANK.index)
    attrib_m = next((m for m in ms if m.status == status and m.attribution is not None), None) or next(
        (m for m in ms if m.attribution is not None), None
    )
    # an actor the event stage read from the words (a nationality on fire, a side taken from
    # another mention) carries its offsets; its words are its evidence like any mention's
    extra = [Evidence(start=a.start, end=a.end, text=a.text, role=role)
             for role, a in (("actor1", actor1), ("actor2", actor2))
             if a is not None and a.start is not None and a.text
             and not any(e.role == role for m in ms for e in m.evidence)]
    evidence = _dedupe([e for m in ms for e in m.evidence] + extra)
    fatalities.evidence = [e for e in evidence if e.role == "fatalities"]
    injuries.evidence = [e for e in evidence if e.role == "injuries"]
    # "Gangs burn homes, kill 12": ACLED codes the killing of civilians, not the burning
    killed = {"ctx:killed"} if fatalities.best else set()
    acled_rule = taxonomy.acled_rule(type_, mode, cameo, actor1, actor2, _cues(ms) | killed)
    acled_type, acled_sub = taxonomy.acled_codes(acled_rule)
    confidence = event_confidence(ms, acled_rule)
    return Event(
        id=f"e{number}",  # article-scoped; the store prefixes the article's content hash
        type=type_,
        mode=mode,
        cameo=cameo,
        goldstein=goldstein,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        ucdp_type_of_violence=taxonomy.ucdp(lead.type, named1, actor2, _ucdp_cues(factual, fatalities, injuries)),
        actor1=actor1,
        actor2=actor2,
        date=dm.date if dm else None,
        date_precision=dm.date_precision if dm else None,
        location=location,
        location_reason=location_reason,
        fatalities=fatalities,
        injuries=injuries,
        status=status,
        attribution=attrib_m.attribution if attrib_m else None,
        evidence=evidence,
        confidence=confidence,
        mentions=len({m.segment.start for m in ms}),
    )


# Who the dead were says who was attacked when the text names no target:
# ("six militants killed in a drone strike" -> the target is an armed group).
VICTIM_ACTORS = {
    "civilians": ("Civilians", "CVL", 7),
    "militants": ("Militants", "REB", 2),
    "security forces": ("Security Forces", "MIL", 1),
}
# Armed forces, militants and gangs with no stated nationality act where the event is (ACLED's
# "Police Forces of X", "Militants (X)", "Unidentified Gang (X)").
LOCAL_SECTORS = {"MIL", "COP", "REB", "INS", "UAF", "CRM", "CVL", "PRO", "RIO"}
DOMESTIC_SECTORS = LOCAL_SECTORS | {"GOV", "JUD", "LEG", "ELI", "OPP", "PTY", "LAB", "EDU", "BUS", "MED", "REL", "HLH", "AGR", None}
# those attacked where they serve: a judge, a legislator, a party worker, an aid worker or an
# official shot in Quetta is Pakistan's (an attacker of these sectors keeps only a country the
# text gives)
TARGET_SECTORS = LOCAL_SECTORS | {"GOV", "JUD", "LEG", "ELI", "OPP", "PTY", "NGO"}


def _country_name(country: str | None) -> str | None:
    if not country:
        return None
    from eventwire.actors import ActorResolver

    # the same country names as actor display names and exports (actors/countries.tsv)
    return ActorResolver.load().codes.country_name(country) or country


def _victim_actor(victims: str, country: str | None) -> Actor:
    name, sector, inter = VICTIM_ACTORS[victims]
    where = _country_name(country)
    # no text: the party is read from who was killed, not quoted ("killing four police")
    return Actor(text="", name=f"{name} ({where})" if where else name, country=country, sector=sector, inter=inter)


# An attack nobody is named for is ACLED's "Unidentified Armed Group (X)" where it happens:
# "Bomb kills four soldiers in Pakistan".
UNATTRIBUTED_TYPES = {"ASSAULT"}


def _unidentified_actor(country: str | None, victim: Actor | None = None, state: bool = False) -> Actor | None:
    if not country:
        return None
    from eventwire.actors import ActorResolver

    if state:
        return _state_actor(country, text="")  # "two men were executed in Tehran": by the state

    # force used on protesters by no one named is the state's ("the crackdown on opposition
    # protesters"): ACLED's excessive force against protesters has state forces by definition
    sector = "COP" if victim is not None and victim.sector == "PRO" else "UAF"
    return ActorResolver.load().implied(sector, country)


def _attack_evident(m: Mention) -> bool:
    """Someone was hit (a target, a toll) or the means of an attack is named (shelling, a
    blast, a drone strike: the trigger's mode or a weapon nearby). Only then is an unnamed
    attacker an armed group; a lone violent word ("Facebook admits targeting Soros in PR
    attack", "Assault in London") invents none from the place it names."""
    if m.lone_hand:
        return False  # "He shot dead his neighbour": a person's act, whatever it hit
    return (m.actor2 is not None or bool(m.fatalities) or bool(m.injuries) or m.mode is not None
            or bool(m.context & WEAPONS))


def _is_placeholder(actor: Actor | None) -> bool:
    return actor is not None and actor.sector == "UAF" and not actor.text


# Civilians named by occupation or faith ("four Christians", "a religious leader", "students")
# are local wherever civilians are.
_CIVILIAN_KINDS = {"REL", "EDU", "HLH", "MED", "LAB", "REF", "BUS", "AGR"}


def _localise(actor: Actor | None, country: str | None, sectors: frozenset | set = LOCAL_SECTORS) -> Actor | None:
    if actor is None or actor.country or not country:
        return actor
    if actor.sector not in sectors and not ("CVL" in sectors and actor.sector in _CIVILIAN_KINDS):
        return actor
    name = actor.name if "(" in actor.name else f"{actor.name} ({_country_name(country)})"
    return actor.model_copy(update={"country": country, "name": name})


# Insurgents fight the forces of the state they rise in, and that state's forces fight at
# home: "Pakistani troops kill 12 militants" -> Militants (Pakistan). Civilians are left
# alone: cross-border fire kills the other side's civilians.
_STATE_SIDE = {"GOV", "MIL", "COP"}
_REBEL_SIDE = {"REB", "INS", "UAF"}


def _opponent_country(actor: Actor | None, other: Actor | None) -> str | None:
    if actor is None or actor.country or other is None or not other.country:
        return None
    if actor.sector in _REBEL_SIDE and other.sector in _STATE_SIDE:
        return other.country
    if actor.sector in _STATE_SIDE - {"GOV"} and other.sector in _REBEL_SIDE:
        return other.country
    return None


# civilians only: two states' forces trading fire say nothing of which side it happened on
_STRUCK = {"CVL"} | _CIVILIAN_KINDS


def _where_struck(location: Location | None, actor1: Actor | None, actor2: Actor | None,
                  ms: list[Mention]) -> Location | None:
    """A state's forces that strike another country's civilians strike them where they are:
    "Pakistani civilian killed in Indian shelling" happened in Pakistan, though the only
    country the article leans to is the shooter's; so does their fire across a contested
    line ("killed in Indian firing along the LoC": the roles' rule, fire across the line comes
    from the other side). Only a place that is the country alone (no place named for the
    event) is moved, and only to the country of the side hit. With no place at all (the
    shooter's nationality places nothing) the side hit places it the same way."""
    if actor1 is None or actor1.sector not in _STATE_SIDE or not actor1.country:
        return location
    if location is not None and (location.source != "country" or actor1.country != location.country):
        return location
    shooter = actor1.country
    if actor2 is not None and actor2.country and actor2.country != shooter and actor2.sector in _STRUCK:
        there = actor2.country
    else:
        there = _across_from(ms, shooter)
        if actor2 is not None and (actor2.sector not in _LINE_SIDES or actor2.country not in (None, shooter, there)):
            there = None  # insurgents fought at home, or a side the line does not divide
    if there is None and location is None and any(shooter in pair for _, pair, _, _ in _lines_named(ms)):
        there = shooter  # "Indian troops kill two in Kashmir": a region the line divides, on their side
    if there is None:
        return location
    from eventwire.geo import Geoparser

    geoparser = Geoparser.loaded()
    top = geoparser.country_toponym(there) if geoparser is not None else None
    if top is None:
        return location
    return geoparser.to_location(top, 3).model_copy(update={"source": "country", "start": None, "end": None, "text": ""})


def _lines_named(ms: list[Mention]) -> list[tuple[str, tuple[str, str], bool, Mention]]:
    """The contested lines the event's sentences name (events/roles/countries.py): the name,
    its two states, whether the sentence speaks of fire or a border, and the mention."""
    out = []
    for m in ms:
        low = m.segment.text.lower()
        border = bool(set(_WORD.findall(low)) & BORDER_WORDS)
        for name, pair, pattern in _LINES:
            if pattern.search(low):
                out.append((name, pair, border, m))
    return out


# each contested line's name as a whole word in lower-cased text
_LINES = [(name, tuple(pair), re.compile(r"(?<![a-z0-9])" + re.escape(name) + r"(?![a-z0-9])"))
          for name, pair in CONTESTED_LINES.items()]


def _line_attacker(ms: list[Mention], here: str | None, victim: Actor | None) -> Actor | None:
    """Fire across a contested line that names no one fired it comes from the state on the
    other side ("Shelling in Pakistani Kashmir kills three", "two soldiers killed in
    cross-border firing along the LoC" in Pakistan): the same rule the roles apply when the
    sentence names one side (events/roles/countries.py), for an event that names neither.
    Insurgents and protesters hit are left alone: they are not across any line."""
    from eventwire.actors import ActorResolver

    if not here or victim is not None and victim.sector not in _LINE_SIDES:
        return None
    resolver = ActorResolver.load()
    for name, (first, second), border, m in _lines_named(ms):
        if here not in (first, second) or name in SIDED_PLACES and here != first:
            continue  # "in Azad Kashmir" is on Pakistan's side, whatever else was said
        if not (name in SIDED_PLACES or border):
            continue
        # "Fresh Indian Firing at LoC" names who fired, though the parse found no actor
        if any(hit.kind == "demonym" and _FIRE_AFTER.match(m.segment.text, hit.end)
               for hit in resolver.find(m.segment.text)):
            return None
        return resolver.implied("MIL", second if here == first else first)
    return None


# unnamed parties a line's states may stand in for: state forces, a weapon read as a force
# ("artillery"), an implied hand; never insurgents or the civilians hit
_LINE_OPEN = {"GOV", "MIL", "COP", "UAF"}


def _line_sides(ms: list[Mention], actor1: Actor | None, actor2: Actor | None,
                here: str | None = None) -> tuple[Actor | None, Actor | None]:
    """Fire across a contested line that no place puts on either side ("Fresh shelling over
    Kashmir border kills three", "artillery fire on the LoC") is between the line's two
    states, whoever the text leaves unnamed: a side named with one state's country faces the
    other. With neither named, an event placed on one side was hit from the other; unplaced,
    which way the fire went is not said, and the line's first state is written as actor1
    only because the pair needs an order."""
    def open_(a: Actor | None) -> bool:
        return a is None or not a.country and a.sector in _LINE_OPEN
    if not (open_(actor1) or open_(actor2)) or actor1 is not None and actor2 is not None \
            and actor1.text and actor1.text == actor2.text:
        return actor1, actor2  # one phrase read as both sides cannot be split between states
    if any(a is not None and a.sector not in _LINE_OPEN | {"CVL"} | _CIVILIAN_KINDS for a in (actor1, actor2)):
        return actor1, actor2  # militants, protesters: not parties to a line between states
    from eventwire.actors import ActorResolver

    resolver = ActorResolver.load()
    for name, (first, second), border, _ in _lines_named(ms):
        if not border or name in SIDED_PLACES:
            continue  # a sided place is placed by the geoparse; a bare name may be a region
        named = {a.country for a in (actor1, actor2) if a is not None and a.country}
        if not named <= {first, second} or len(named) == 2:
            return actor1, actor2
        if named:
            known = next(a for a in (actor1, actor2) if a is not None and a.country)
            far = second if known.country == first else first
            if known is actor1 and actor2 is None:
                actor2 = resolver.implied("GOV", far)
            elif known is actor2 and known.sector in _LINE_OPEN and open_(actor1):
                actor1 = resolver.relocated(actor1, far) if actor1 is not None else resolver.implied("MIL", far)
            return actor1, actor2
        if actor2 is not None and (actor2.text or not open_(actor2)):
            return actor1, actor2  # those hit, named with no country: which side they were on is not said
        if here == first:
            first, second = second, first
        actor1 = resolver.relocated(actor1, first) if actor1 is not None else resolver.implied("MIL", first)
        actor2 = resolver.relocated(actor2, second) if actor2 is not None else resolver.implied("GOV", second)
        return actor1, actor2
    return actor1, actor2


def _across_from(ms: list[Mention], shooter: str | None) -> str | None:
    """The state across a contested line from `shooter` when the event's sentences name the
    line as where fire was exchanged ("shelling along the LoC", "firing across the Kashmir
    border"); a place on one side ("Azad Kashmir") is placed by the geoparse, not here."""
    for name, (first, second), border, _ in _lines_named(ms):
        if border and name not in SIDED_PLACES and shooter in (first, second):
            return second if shooter == first else first
    return None


def _fire_named(ms: list[Mention]) -> Actor | None:
    """A state's forces named by the nationality on their fire ("Three Killed in Fresh Indian
    Firing at LoC") when the parse found no attacker: title case and stacked adjectives
    leave the demonym outside any phrase the roles read."""
    from eventwire.actors import ActorResolver
    from eventwire.geo import Geoparser

    geoparser = Geoparser.loaded()
    if geoparser is None:
        return None
    resolver = ActorResolver.load()
    for m in ms:
        text = m.segment.text
        for hit in resolver.find(text):
            # the actor dictionary files places under demonyms ("Karachi attack", "Waziristan
            # air strikes" say where): only a word the gazetteer knows as a nationality alone
            if hit.kind == "demonym" and hit.country and _FIRE_AFTER.match(text, hit.end) \
                    and geoparser.is_demonym(hit.text):
                # the word is in the text: the actor keeps its offsets, so it has evidence
                at = m.segment.start + hit.start
                return resolver.implied("MIL", hit.country, text=hit.text).model_copy(
                    update={"start": at, "end": at + len(hit.text)})
    return None


_FIRE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:fir(?:e|ing)|gunfire|shell(?:s|ing)?|mortars?|artillery|strikes?|attacks?)\b",
                         re.IGNORECASE)


_LINE_SIDES = _ROLE_LINE_SIDES | _CIVILIAN_KINDS  # the roles' sides of a line, civilians of any kind


@lru_cache(maxsize=1)
def _branches() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in table("actors/group_branches.tsv"):
        out.setdefault(row["name"], {})[row["country"]] = row["branch"]
    return out


def _branch(actor: Actor | None, here: str | None) -> Actor | None:
    """A group that fights in several countries under one name is the branch of the country
    where it acts ("Taliban gunmen kill 17 in Pakistan air force base attack": the
    Pakistani Taliban), unless its own words give it a nationality ("Afghan Taliban")."""
    if actor is None or not here or actor.country == here:
        return actor
    branch = _branches().get(actor.name, {}).get(here)
    if branch is None:
        return actor
    from eventwire.actors import ActorResolver

    for hit in ActorResolver.load().find(actor.text or ""):
        # "Afghan Taliban" is read as one group name: a word beyond the bare name qualifies it
        if hit.kind in _ENTITY_KINDS and hit.country or (
                hit.name == actor.name and len(hit.text.split()) > len(actor.name.split())):
            return actor
    return actor.model_copy(update={"country": here, "name": branch})


def _one_party(a: Actor | None, b: Actor | None) -> bool:
    """Both sides are the same words, or the same named group (an ACLED-style "ADF: ..."
    name); rival gangs or two states' forces of one kind stay two parties."""
    if a is None or b is None or not a.text or not b.text:
        return False
    if a.start is not None and a.start == b.start:
        # "clashes between rival gangs": rivals of one kind are both sides in one phrase
        return _RIVALS.isdisjoint(_WORD.findall(a.text.lower()))
    return a.name == b.name and ":" in (a.name or "")


def _as_military(actor: Actor, taxonomy) -> Actor:
    """A state that strikes acts through its armed forces (ACLED: Military Forces of X)."""
    name = actor.name
    if name.startswith("Government of "):
        name = "Military Forces of " + name[len("Government of "):]
    elif name.startswith("Government (") or name == "Government":
        # a government localised to a country, or of none said ("Government (Guatemala)")
        name = "Military Forces" + name[len("Government"):]
    elif "Military" not in name:
        name = f"Military Forces of {name}"
    return actor.model_copy(update={"sector": "MIL", "name": name, "inter": 1})


_WORD = re.compile(r"[a-z][a-z'-]+")


def _cues(ms: list[Mention]) -> set[str]:
    """Words of the event's sentences (and crude singulars) for the ACLED rules:
    "grenade", "suicide", "tear gas", "shelling" decide the sub-event type."""
    words: set[str] = set()
    # a sentence that only points back to the event ("The United States, which carries out
    # air strikes, condemned the bombing") tells nothing of how it was done
    telling = {id(m) for m in ms if not _definite(m)} or {id(m) for m in ms}
    for m in ms:
        words |= m.cues | m.context
        if id(m) not in telling:
            continue
        for w in _WORD.findall(m.segment.text.lower()):
            words.add(w)
            if w.endswith("s") and len(w) > 3:
                words.add(w[:-1])
    return words


# Headline attributions the claims reader may miss: a source after a final colon or dash
# ("Bomb kills four in Karachi: police", "... kills 20 - police") and a short sayer before
# "say(s)" ("Pakistani police say bomb explodes at market").
_HEADLINE_SOURCE = re.compile(r"\s*(?::|\s-|\s-\s*|\s–)\s*(?:[A-Za-z.']+\s*){1,3}\s*$")
_SAYS_PREFIX = re.compile(r"^\s*(?:[A-Za-z.']+\s+){1,4}(?:say|says|said)\b", re.IGNORECASE)
# Victim kinds (attributes/casualties) as the markers ucdp_map.tsv tests.
_VICTIM_CUES = {"civilians": "victims:civilians", "security forces": "victims:security",
                "militants": "victims:militants"}


def _ucdp_cues(ms: list[Mention], *counts: Count) -> set[str]:
    """Words of the event's sentences for the UCDP rules, without the attribution ("Bomb
    kills four in Karachi: police" names no police victim), plus who the dead were."""
    words: set[str] = set()
    for m in ms:
        text = m.segment.text
        if m.attribution is not None and m.attribution.start is not None:
            lo, hi = m.attribution.start - m.segment.start, m.attribution.end - m.segment.start
            if 0 <= lo < hi <= len(text):
                text = text[:lo] + " " + text[hi:]
        text = _HEADLINE_SOURCE.sub(" ", _SAYS_PREFIX.sub(" ", text))
        for w in _WORD.findall(text.lower()):
            w = w.removesuffix("'s").removesuffix("'")  # "policeman's funeral"
            words.add(w)
            if w.endswith("s") and len(w) > 3:
                words.add(w[:-1])
        for cas in (*m.fatalities, *m.injuries):
            if cas.victims in _VICTIM_CUES:
                words.add(_VICTIM_CUES[cas.victims])
    for c in counts:
        if c.victims in _VICTIM_CUES:
            words.add(_VICTIM_CUES[c.victims])
    return words


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in sorted(evidence, key=lambda e: (e.start, e.end, e.role)):
        k = (e.start, e.end, e.role)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


# --- event confidence (typing half) --------------------------------------------------
# Repeating a report does not make it truer: the best-evidenced mention sets the score,
# each further sentence that reports the event adds a little, up to a cap.
EXTRA_MENTION_BONUS = 0.05
EXTRA_MENTION_CAP = 0.15
# An ACLED sub-event decided only by the event type or its actors ("ASSAULT -> Armed
# clash") is a guess between neighbouring classes; cue words or a mode decide it.
GUESSED_SUBTYPE_PENALTY = 0.1
# Who did it is half of an event's coding: with no initiator its UCDP type and ACLED
# actors are guesses ("Bomb kills eight near DVD shop").
NO_INITIATOR_PENALTY = 0.1
MAX_CONFIDENCE = 0.95


def event_confidence(ms: list[Mention], acled_rule=None) -> float:
    """The probability-like score of an event: its best factual mention, plus a small bonus
    per extra independent sentence (capped), minus penalties when its ACLED sub-event type
    was only guessed from the event type or no mention names who acted."""
    factual = [m for m in ms if m.factual] or ms
    best = max(m.confidence for m in factual)
    sentences = {m.segment.start for m in factual}
    bonus = min(EXTRA_MENTION_CAP, EXTRA_MENTION_BONUS * (len(sentences) - 1))
    score = best + bonus
    if acled_rule is not None and acled_rule.row.get("sub_event_type") and not (acled_rule.cues or acled_rule.modes):
        score -= GUESSED_SUBTYPE_PENALTY
    if all(m.actor1 is None for m in ms):
        score -= NO_INITIATOR_PENALTY
    if not any(m.factual for m in ms):
        score = min(score, 0.5)  # only denied, negated or hypothetical reports
    return round(min(MAX_CONFIDENCE, max(0.01, score)), 3)
