"""Dictionary matching of actor names and resolution of a noun phrase to one Actor.

`find` is one Aho-Corasick pass over the lower-cased text with word-boundary and case checks
(acronyms exact, names capitalised, role nouns any case), keeping leftmost-longest matches.
`resolve` reads a phrase the way a coder does: the head role noun gives the sector, the first
country, demonym, capital or possessive gives the country, a named group or IGO overrides
both, and a people's name ("Baloch") counts only when it modifies a role noun, so a person
called by a surname never becomes an armed group.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick
from pydantic import BaseModel

from eventwire.actors.codes import DATA_DIR, CameoCodes, read_tsv
from eventwire.geo.normalize import COMPASS
from eventwire.model import Actor
from eventwire.parse import doc_text, person_ranges
from eventwire.resources import lexicon

if TYPE_CHECKING:
    import spacy

_FIND_MEMO = 50_000  # texts whose hits `find` keeps (cleared when full)
_FIND_MEMO_CHARS = 60  # only phrases and names: a whole sentence recurs only in a copy of its text
PersonRanges = Callable[[], tuple[tuple[int, int], ...]]  # PERSON spans of the text, on demand
ENTITY_KINDS = {"country", "demonym", "capital", "ethnic", "place"}
# kinds that give a country only to a role noun they qualify ("Baloch fighters", "Karachi police")
QUALIFIER_KINDS = {"ethnic", "place"}
NAMED_KINDS = {"group", "igo", "org", "person"}
ROLE_KINDS = {"agent", "title"} | NAMED_KINDS

# Which reading of an ambiguous phrase wins ("Iraq" is a country before it is part of a name).
_KIND_RANK = {"country": 0, "capital": 1, "demonym": 2, "igo": 3, "group": 4, "org": 5, "ethnic": 6,
              "place": 6, "agent": 7, "title": 8, "person": 9}
# One-to-one character mapping so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
# Where the core of a noun phrase ends: apposition, prepositional phrase, relative clause.
_CORE_END = re.compile(r",|\(|\b(?:of|in|from|at|near|on|for|with|who|which|that|to|against|by)\b", re.I)
_SITES = frozenset(lexicon("roles")["target_sites"])  # buildings and vehicles
_BODIES_NAMED_FOR = frozenset(lexicon("roles")["bodies_named_for"])  # "the Maute group"
_DWELLINGS = frozenset(lexicon("roles")["dwelling_nouns"])
_OF = re.compile(r"\s*of\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}", re.I)
_REGION_OF = re.compile(rf"\s*(?:the\s+)?(?:far[\s-]+|extreme\s+)?(?:{COMPASS}|mid|upper|lower)(?:\s+of(?:\s+the)?)?\s+", re.I)
_APPOSITION = re.compile(r",\s*(?:the\s+)?", re.I)
_PLACE_AFTER = re.compile(r"(?:in|at|near|on|across)\b", re.I)
_COUNT_ONLY = re.compile(r"\s*(?:(?:at\s+least|at\s+most|up\s+to|about|around|nearly|almost|over|more\s+than|"
                         r"some|another|the|other|all)\s+)*(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|"
                         r"ten|eleven|twelve|dozens?|scores|hundreds|thousands)(?:\s+others?)?\s*", re.I)
_OFFICE_AFTER = re.compile(r"(?:'s)?\s+[A-Za-z]", re.I)  # more words after the IGO's name: its office
_QUALIFIERS = re.compile(r"[\s-]*(?:(?!(?:and|or|of|in|the|from|to|with)\s)[a-z]+\s+){0,2}")
# what links a role noun to the group it belongs to: "fighters of X", "militants belonging to X"
_PP_GROUP = re.compile(r"\b(?:of|for|from|with|in|(?<=belonging )to|(?<=loyal )to|(?<=linked )to|(?<=allied )to|"
                       r"(?<=affiliated )to|(?<=affiliated )with|(?<=allied )with)\b", re.I)


class ActorMatch(BaseModel):
    """One dictionary hit in a text."""

    start: int
    end: int
    text: str
    name: str
    country: str | None
    sector: str | None
    kind: str


def _fold(text: str) -> str:
    low = text.translate(_FOLD).lower()
    if len(low) != len(text):  # a few characters lower-case to two code points
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_FOLD))
    return low


# the Arabic article is written in lower case at the head of a capitalised name: "al-Qaeda",
# "al Shabaab", "el-Sisi" are names as much as "Al-Qaeda"
_ARTICLE_HEAD = re.compile(r"(?:al|el)[- ](?=[A-Z])|(?:ad|an|ar|as|ash|at|az)-(?=[A-Z])")


def _case_ok(rule: str, form: str, matched: str) -> bool:
    if rule == "i":
        return True
    if rule == "u":
        return matched.translate(_FOLD) == form
    return matched[:1].isupper() or not matched[:1].isalpha() or _ARTICLE_HEAD.match(matched) is not None


class ActorResolver:
    """Actor dictionaries compiled into one automaton; load once and share."""

    def __init__(self, entries: list[tuple], codes: CameoCodes):
        self.codes = codes
        self.entries = entries  # (form, case, kind, country, sector, name)
        self._automaton = ahocorasick.Automaton()
        by_key: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            by_key.setdefault(_fold(entry[0]), []).append(i)
        for key, ids in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(ids)))
        self._automaton.make_automaton()
        self._memo: dict[str, tuple[tuple[int, int, int], ...]] = {}

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> "ActorResolver":
        """The resolver for `data_dir`, built once per process (it is read-only once built)."""
        # the stages ask for it per event: a Path built each time costs more than the lookup
        return _load_cached(cls, data_dir if isinstance(data_dir, Path) else Path(data_dir))

    @classmethod
    def build(cls, data_dir: Path = DATA_DIR) -> "ActorResolver":
        codes = CameoCodes.load(data_dir)
        entries = []
        for rank, name in enumerate(("supplement.tsv", "lexicon.tsv")):
            for row in read_tsv(data_dir / name):
                entries.append((rank, _KIND_RANK.get(row["kind"], 9), row["phrase"], row["case"],
                                row["kind"], row["country"] or None, row["sector"] or None, row["name"]))
        entries.sort(key=lambda e: e[:2])  # hand-written first, then names before people
        return cls([e[2:] for e in entries], codes)

    # -- matching --------------------------------------------------------------------------

    def find(self, text: str) -> list[ActorMatch]:
        """All dictionary hits, leftmost-longest, on word boundaries, case rules applied."""
        out = []
        for start, end, i in self._hits(text):
            form, _, kind, country, sector, name = self.entries[i]
            out.append(ActorMatch(start=start, end=end, text=text[start:end], name=name,
                                  country=country, sector=sector, kind=kind))
        return out

    def _hits(self, text: str) -> tuple[tuple[int, int, int], ...]:
        """`find`'s (start, end, entry) triples, memoised for phrases and names, which recur
        across articles (callers mutate the matches `find` builds, hence triples). Whole
        sentences are scanned each time: across articles one recurs only in a copy of a text,
        and a memo of them would make a benchmark of repeated texts measure the cache."""
        if len(text) > _FIND_MEMO_CHARS:
            return self._scan(text)
        hits = self._memo.get(text)
        if hits is None:
            if len(self._memo) >= _FIND_MEMO:
                self._memo.clear()
            hits = self._memo[text] = self._scan(text)
        return hits

    def _scan(self, text: str) -> tuple[tuple[int, int, int], ...]:
        low = _fold(text)
        n = len(low)
        hits = []
        for last, (length, ids) in self._automaton.iter(low):
            start, end = last - length + 1, last + 1
            if (start > 0 and low[start - 1].isalnum()) or (end < n and low[end].isalnum()):
                continue
            matched = text[start:end]
            if start and (text[start - 1] == "-" or matched[:8].lower() == "american") \
                    and _REGIONAL.search(text, max(0, start - 10), start):
                continue  # "Latin American leaders", "the Pan-American Highway", "Pan-African": a region's
            for i in ids:
                if _case_ok(self.entries[i][1], self.entries[i][0], matched):
                    hits.append((start, end, i))
                    break
        hits.sort(key=lambda h: (h[0], -h[1]))
        out, pos = [], -1
        for start, end, i in hits:
            if start >= pos:
                out.append((start, end, i))
                pos = end
        return tuple(out)

    def is_country_name(self, text: str) -> bool:
        """True when `text` is exactly a country's name ("Pakistan", "Pak"), not a capital or
        a demonym: a capital named as where something happened is a city."""
        return self._is_exactly(text, ("country",))

    def is_region_of_country(self, text: str) -> bool:
        """True when `text` is a part of a country named by its compass point ("northwest
        Syria", "southern Lebanon", "the south of Lebanon"): a region, where "North Korea" and
        "South Sudan" are countries' own names."""
        region = _REGION_OF.match(text)
        return region is not None and self.is_country_name(text[region.end():]) and not self.is_country_name(text)

    def is_place_name(self, text: str) -> bool:
        """True when `text` is exactly a country or capital name ("Pak", "Pakistan", "Kabul"),
        not a demonym: "Pak blast" names a place, "Indian shelling" an attacker."""
        return self._is_exactly(text, ("country", "capital"))

    def is_place_or_nationality(self, text: str) -> bool:
        """True when `text` is exactly a country, a capital or a nationality word ("Chinese"):
        in a market report, such a word alone is the market's ("Chinese demand")."""
        return self._is_exactly(text, ("country", "capital", "demonym"))

    def _is_exactly(self, text: str, kinds: tuple[str, ...]) -> bool:
        hits = self.find(text)
        return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(text) and hits[0].kind in kinds

    # -- resolution ------------------------------------------------------------------------

    def resolve(self, text: str, start: int = 0, end: int | None = None,
                head: str | None = None) -> Actor | None:
        """One Actor for the noun phrase text[start:end]; offsets are into `text`."""
        end = len(text) if end is None else end
        head_at = None
        if head:
            found = text.rfind(head, start, end)
            head_at = found if found >= 0 else None
        return self._resolve(text, start, end, head_at, tuple)

    def resolve_span(self, span: "spacy.tokens.Span", offset: int = 0) -> Actor | None:
        """Same as `resolve`, with the head noun and PERSON names taken from the parse."""
        actor = self._resolve(doc_text(span.doc), span.start_char, span.end_char, span.root.idx,
                              partial(person_ranges, span.doc))
        return _shift(actor, offset)

    def resolve_all(self, span: "spacy.tokens.Span", offset: int = 0) -> list[Actor]:
        """One Actor per conjunct: 'Hungarian and Romanian officials', 'the US and Jordan'."""
        doc, root = span.doc, span.root
        persons = partial(person_ranges, doc)
        heads = [root] + [t for t in root.conjuncts if span.start <= t.i < span.end]
        if len(heads) > 1:
            actors = []
            for tok in heads:
                left = min([tok.i] + [t.i for t in tok.subtree if t.dep_ not in ("conj", "cc")
                                      and t.head.i == tok.i or t.i == tok.i])
                left = max(left, span.start)
                actor = self._resolve(doc_text(doc), doc[left].idx, tok.idx + len(tok.text), tok.idx, persons)
                if actor:
                    actors.append(_shift(actor, offset))
            return actors
        base = self._resolve(doc_text(doc), span.start_char, span.end_char, root.idx, persons)
        for child in root.children:
            if child.conjuncts and child.i < root.i:
                actors = []
                for mod in sorted((child,) + tuple(child.conjuncts), key=lambda t: t.i):
                    found = self._resolve(doc_text(doc), mod.idx, mod.idx + len(mod.text), mod.idx, persons)
                    country = found.country if found else None
                    actor = self._make(doc_text(doc), mod.idx, mod.idx + len(mod.text), country,
                                       base.sector if base else None, None)
                    actors.append(_shift(actor, offset))
                return actors
        return [_shift(base, offset)] if base else []

    def _resolve(self, text: str, start: int, end: int, head_at: int | None,
                 persons: PersonRanges) -> Actor | None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        phrase = text[start:end]
        matches = [m for m in self.find(phrase)]
        for m in matches:
            m.start += start
            m.end += start
        matches = self._drop_names(text, matches, persons)
        # "the army, known by its French acronym FARDC": the word names a language there
        matches = [m for m in matches if not (m.kind == "demonym" and _qualifies_a_thing(text, m.end, "language"))]
        # "Iran-backed Houthi rebels": the patron named in the modifier is another party than
        # the one the phrase names; an affiliation ("the al-Qaida-linked al-Shabab group",
        # "SDF-affiliated fighters") gives way only to a name of its own after it
        # "Anti-Israel demonstrators", "pro-Iran protesters": a stance towards the party named,
        # not who they are (a stance word alone is still the party it names: the event stage
        # reads "anti-Taliban offensive" as aimed at the Taliban)
        stances = [m for m in matches if _STANCE.search(text, 0, m.start)]
        if stances and len(stances) < len(matches):
            matches = [m for m in matches if m not in stances]
        matches = [m for m in matches if not _PATRON.match(text, m.end) and not (
            _AFFILIATE.match(text, m.end) and any(n.kind in NAMED_KINDS and n.start >= m.end for n in matches))]
        if not matches:
            # "Nordhavn Foods rejects hostile bid": a company's name, of no country said
            company = _company(text, start, end)
            return self._make(text, start, end, None, "BUS", None) if company is not None \
                and company.start() == start and company.end() >= end - 1 else None
        core_end = self._core_end(text, start, end, matches)
        roles = [m for m in matches if m.kind in ROLE_KINDS]
        core_roles = [m for m in roles if m.start < core_end]
        entities = [m for m in matches if m.kind in ENTITY_KINDS and m.country]
        named = [m for m in matches if m.kind in NAMED_KINDS and (
            m.start < core_end or _PP_GROUP.match(text, core_end) is not None)]
        company = _company(text, entities[0].end, end) \
            if entities and not named and not any(m.sector for m in roles) else None
        if company is not None and not any(company.start() <= m.start < company.end() for m in matches
                                           if m.kind in NAMED_KINDS or m.kind in ENTITY_KINDS):
            # "Danish dairy group Nordhavn Foods", "Australia's Southern Cross Resources": a
            # company the dictionaries lack, of the country that qualifies it, not its state
            return self._make(text, start, end, entities[0].country, "BUS", None)

        party = _party_name(text, start, end, entities, matches)
        if party is not None:
            # "Pakistan Peoples Party", "Pakistan Tehreek-e-Insaf", "Indian National Congress":
            # a party named for its country, which the dictionaries lack, is no state (and its
            # "Congress" or "Muslim" no legislature or faith)
            return self._make(text, start, end, party.country, "PTY", None)

        head = None
        if head_at is not None:
            head = next((m for m in core_roles if m.start <= head_at < m.end), None)
        word = _WORD.match(text, head_at) if head is None and head_at is not None else None
        if word is not None and _non_actor_classes().get(word.group().lower()) == "accord":
            return None  # "a joint border security mechanism": an accord that security words qualify
        if head is None and core_roles:
            head = core_roles[-1]
        if head is not None and head.text.lower() in _SITES:
            # "police bus", "Pakistani police barracks": a vehicle or building of a body
            # named before it is that body's
            owner = next((m for m in reversed(core_roles) if m.end <= head.start
                          and not text[m.end:head.start].strip()), None)
            head = owner or head
        if head is not None and head.text.lower() in _DWELLINGS:
            # "the homes of suspected extremists", "of two Palestinian attackers": whose homes
            owner = next((m for m in roles if m.start >= core_end and _OF.fullmatch(text, core_end, m.start)), None)
            head = owner or head
        if head is None and roles:
            head = roles[0]
        if head is not None and head.kind not in NAMED_KINDS and head.sector in _STATE_SECTORS \
                and _quoted(text, head.start, head.end):
            # "its fan 'army'": a state's body in scare quotes is a figure (a label put on an
            # armed group, "only 'terrorists' killed", is disputed, not figurative)
            return None
        sector = head.sector if head else None
        if head is not None and head.kind == "title":
            member = next((m for m in entities if m.kind == "country" and m.start >= head.end
                           and not text[head.end:m.start].strip()), None)
            if member is not None:
                # "NATO member Norway", "EU-member Greece": the title ties the state named
                # after it to the body before it; the state is who acts
                return self._make(text, start, end, member.country, "GOV", None)
            before = [m for m in core_roles if m.end <= head.start and m.kind != "title"]
            if before and not _named_after(text, before[-1], head):
                head = before[-1]
                sector = head.sector
        if head is not None and head.kind not in NAMED_KINDS and named and not _named_after(text, named[0], head):
            named_head = named[0]
            # (an agent of a named group is the group's: "a Hezbollah operative" is no spy of Lebanon)
            if head.sector in {None, "REB", "UAF", "GOV", "MIL", "SPY"} or head.kind == "title":
                head, sector = named_head, named_head.sector
        if head is not None and head.kind in ("agent", "title", "person"):
            # "U.N. mediator Diego Cordovez", "the U.N. war crimes court": an office of an IGO
            igo = next((m for m in matches if m.kind == "igo" and m.end <= head.start
                        and m.start < core_end), None)
            if igo is None and head.kind == "person":
                # "Kenzo Oshima, the United Nations Emergency Relief Coordinator": an office of
                # an IGO in apposition is the capacity he acts in, whatever his nationality
                appos = _APPOSITION.match(text, core_end, end)
                igo = next((m for m in matches if appos and m.kind == "igo" and m.start == appos.end()
                            and _OFFICE_AFTER.match(text, m.end, end)), None)
            if igo is not None:
                head = igo
        if head is not None and head.kind == "person" and head.sector in (None, "ELI"):
            sector = self._office_sector(text, start, head) or head.sector
            head = head.model_copy(update={"sector": sector})
        if head is not None and head.kind == "person" and any(
                m.sector == "OPP" and m.end <= head.start for m in core_roles if m is not head):
            # "opposition leader Ousmane Sonko": the role the text gives him when it was told
            head = head.model_copy(update={"sector": "OPP"})
        if head is not None and head.kind in NAMED_KINDS:
            country = head.country or (entities[0].country if entities and head.kind != "igo" else None)
            name = head.name if head.kind in {"group", "igo"} and head.name else None
            return self._make(text, start, end, country, head.sector, name)
        if head is not None:
            # "Sipah-e-Sahaba activists", "MQM workers": people of a named group or party
            # are of its country when no country word says otherwise
            country = entities[0].country if entities else next(
                (m.country for m in named if m.country and not _named_after(text, m, head)), None)
            return self._make(text, start, end, country, sector, None)
        if not entities or _COUNT_ONLY.fullmatch(text, start, core_end) and _PLACE_AFTER.match(text, core_end) \
                and all(m.start >= core_end for m in entities):
            # "at least 10 in northwest Pakistan", "six in Pakistan's Quetta": a count of
            # people there, not the state; ("aid for Romania", "peacekeepers in Iraq" still act
            # on the country they name)
            return None
        first = entities[0]
        if BASED_AFTER.match(text, first.end):
            # "a Kyrgyzstan-based cryptocurrency exchange", "a UK-based monitor": based there,
            # which is no state; a company of that country where the head says so
            return self._make(text, start, end, first.country, "BUS", None) \
                if _a_business(text, first.end, core_end, entities) else None
        if first.kind in QUALIFIER_KINDS or _names_other_thing(text, start, core_end, entities):
            if first.kind not in QUALIFIER_KINDS and _a_business(text, start, core_end, entities):
                # "Nigerian banks", "Dutch dredging contractor Van Damme": that country's
                # companies, a party to a deal or a sanction, never its state
                return self._make(text, start, end, first.country, "BUS", None)
            return None
        owner = _OWNED_BEFORE.search(text, start, first.start)
        if owner and not any(m.end <= first.start for m in matches) and not self.find(owner.group(1)):
            return None  # "the buyer's India development centre", "Apple's India office": the owner's, not a state
        if first.kind in ("demonym", "country") and (first.start >= core_end and _qualifies_a_thing(text, first.end)
                                                     or text.startswith("$", first.end)):
            # "the signature of a Brazilian striker", "aid of 5 million US dollars": the
            # nationality is the player's, the country the currency's ("US$8 million" too)
            return None
        if first.kind in ("capital", "demonym") and not self.is_country_name(first.text) \
                and _part_of_a_name(text, start, end, first, matches):
            return None  # "Manchester City", "Real Madrid", "the Indian Ocean": a name of its own
        sector = first.sector or "GOV"
        if first.kind in ("demonym", "country") and _A_PERSON.fullmatch(text, start, first.start) \
                and _NATIONAL.fullmatch(_without(text, first.end, core_end, entities)):
            # "a Palestinian", "two Afghans", "a British-Iranian national": people of that
            # nationality, not its state
            sector = "CVL"
        return self._make(text, start, end, first.country, sector, None)

    def _office_sector(self, text: str, start: int, person: ActorMatch) -> str | None:
        """The sector of an office named before a person ("President Bill Clinton", "Israeli
        Prime Minister Ehud Barak"): coders code a titled leader by the office, the dictionary's
        ELI being only the undated fallback for the person."""
        words = person.text.split()
        lead = text[start:person.start] + " ".join(words[:-1])
        offices = [m for m in self.find(lead) if m.kind == "agent" and m.sector]
        return offices[-1].sector if offices else None

    def _drop_names(self, text: str, matches: list[ActorMatch],
                    persons: PersonRanges) -> list[ActorMatch]:
        """A people's name only modifies a role noun, and never inside a personal name.
        `persons` is asked only when a capitalised word stands next to the name, since asking
        may run NER."""
        kept = []
        for i, m in enumerate(matches):
            if m.kind in ENTITY_KINDS and m.kind != "capital":
                if _inside_longer_name(text, m) and any(
                        s <= m.start and m.end <= e and not (s == m.start and e == m.end) for s, e in persons()):
                    continue
                if _after_name(text, m.start, matches):
                    continue
            if m.kind == "person" and " " not in m.text and _inside_longer_name(text, m):
                continue  # "Hassan" in "Omar Hassan al-Bashir" is not the Hassan of the dictionary
            if m.kind in QUALIFIER_KINDS:
                nxt = matches[i + 1] if i + 1 < len(matches) else None
                # "Ibo traditional elders", "Baloch armed fighters": lower-case words between
                # the people and the role noun only qualify the role
                if nxt is None or nxt.kind not in ROLE_KINDS or not _QUALIFIERS.fullmatch(text[m.end:nxt.start]):
                    continue
            kept.append(m)
        return kept

    @staticmethod
    def _core_end(text: str, start: int, end: int, matches: list[ActorMatch]) -> int:
        pos = start
        while True:
            found = _CORE_END.search(text, pos, end)
            if not found:
                return end
            inside = next((m for m in matches if m.start <= found.start() < m.end), None)
            if inside is None and found.start() > start:
                return found.start()
            pos = inside.end if inside else found.end()

    def implied(self, sector: str, country: str | None, text: str = "") -> Actor:
        """An actor the text implies but does not name ("Government of Iran" as the side a
        protest faces): no offsets, so no evidence is claimed for it."""
        return Actor(text=text, name=self.codes.display_name(sector, country), country=country,
                     sector=sector, inter=self.codes.inter(sector))

    def relocated(self, actor: Actor, country: str) -> Actor:
        """`actor` placed in `country`; a generic name follows it ("Militants" becomes
        "Militants (Pakistan)"), a proper one stays."""
        name = actor.name
        if name in (self.codes.display_name(actor.sector, None), self.codes.display_name(actor.sector, actor.country)):
            name = self.codes.display_name(actor.sector, country)
        return actor.model_copy(update={"country": country, "name": name})

    def _make(self, text: str, start: int, end: int, country: str | None, sector: str | None,
              name: str | None) -> Actor:
        return Actor(text=text[start:end], name=name or self.codes.display_name(sector, country),
                     country=country, sector=sector, inter=self.codes.inter(sector),
                     start=start, end=end)


def _after_hyphen(words: list[str]) -> re.Pattern:
    return re.compile(r"\s?[-\u2013]\s?(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


_PATRON = _after_hyphen(lexicon("roles")["patron_words"])
_AFFILIATE = _after_hyphen(lexicon("roles")["affiliation_words"])
_STANCE = re.compile(r"\b(?:" + "|".join(map(re.escape, lexicon("roles")["stance_prefixes"])) + r")\s?[-\u2013]\s?$",
                     re.IGNORECASE)
# a capitalised name ending in a company's word: "Nordhavn Foods", "Southern Cross Resources"
_COMPANY = re.compile(r"(?:\b[A-Z][\w&'’.-]*[ \t]+)+(?:" + "|".join(map(re.escape, lexicon("roles")["company_suffixes"]))
                      + r")\b\.?(?![ \t]+[A-Z])")  # not "Mariupol Steel Plant": a name that goes on


def _company(text: str, start: int, end: int) -> re.Match | None:
    """A company's name in text[start:end], not a title-case headline's run of words
    ("Defenders Inside Mariupol Steel plant")."""
    m = _COMPANY.search(text, start, end)
    if m is None or any(w.lower() in _FUNCTION_WORDS or w.lower() in ("inside", "outside") for w in m.group().split()):
        return None
    return m


@lru_cache(maxsize=4)
def _load_cached(cls, data_dir: Path) -> "ActorResolver":
    return cls.build(data_dir)


def _after_name(text: str, start: int, matches: list[ActorMatch]) -> bool:
    """True when a capitalised, non-dictionary word directly precedes: 'Mumtaz Zahra Baloch'."""
    m = re.search(r"([A-Z][\w.'-]*)\s+$", text[max(0, start - 40):start])
    if not m:
        return False
    word_start = start - (len(text[max(0, start - 40):start]) - m.start(1))
    if any(x.start <= word_start < x.end for x in matches):
        return False
    before = text[:word_start].rstrip()
    sentence_start = not before or before[-1] in ".!?\"'“‘:\n"
    return not sentence_start and m.group(1).lower() not in _FUNCTION_WORDS


def _inside_longer_name(text: str, m: ActorMatch) -> bool:
    """True when a capitalised word directly precedes or follows a one-word name."""
    before = re.search(r"([A-Z][\w'-]*)\s+$", text[max(0, m.start - 40):m.start])
    after = re.match(r"\s+((?:al-|el-)?[A-Z][\w'-]*)", text[m.end:m.end + 40])
    words = [g.group(1) for g in (before, after) if g]
    return any(w.lower() not in _FUNCTION_WORDS and w.lower() not in _TITLE_WORDS for w in words)


# words that begin a sentence before a people or a city without being part of its name
# ("Three Pakistanis", "Ethnic Albanians"); "Real Madrid", "Inter Milan" begin one as names
_SENTENCE_OPENERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozens hundreds thousands scores "
    "several many some most all few ethnic armed young local angry former suspected unidentified "
    "two-thirds about nearly over at".split())


def _part_of_a_name(text: str, start: int, end: int, m: ActorMatch, matches: list[ActorMatch]) -> bool:
    """True when, inside the phrase, a capitalised word no dictionary knows directly precedes or
    follows a city or nationality word: the word is part of another name ("Real Madrid",
    "Manchester City", "Indian Ocean"), not a metonym for a state."""
    before = re.search(r"([A-Z][\w'-]*)\s+$", text[start:m.start])
    after = re.match(r"\s+([A-Z][\w'-]*)", text[m.end:end])
    if before is not None and before.group(1).endswith(("'s", "’s")):
        before = None  # "South China's Hong Kong": the place's owner, not a part of its name
    if before is not None and before.group(1).lower() in _SENTENCE_OPENERS:
        lead = text[:start + before.start(1)].rstrip()
        if not lead or lead[-1] in ".!?\"'“‘:\n":
            before = None  # "Three Pakistanis", "Ethnic Albanians": capitalised to begin a sentence
    spans = [(start + g.start(1), g.group(1)) for g in (before,) if g] + \
        [(m.end + g.start(1), g.group(1)) for g in (after,) if g]
    return any(w.lower() not in _FUNCTION_WORDS and w.lower() not in _TITLE_WORDS
               and not any(x.start <= at < x.end for x in matches) for at, w in spans)


# the rest of a political party's name after its country's: "Peoples Party", "Muslim League (N)",
# "Tehreek-e-Insaf", "National Congress", "Awami League" (words in party_name_heads, roles.json)
_PARTY_NAME = re.compile(r"(?:\s+[A-Z][\w'’]*(?:-[\w'’]+)*){0,3}?\s+(?:%s)(?!\w)(?!\s+(?:Army|Armies|Forces|"
                         r"Brigades?|Militias?|Government))" % "|".join(lexicon("roles")["party_name_heads"]))


def _party_name(text: str, start: int, end: int, entities: list[ActorMatch],
                matches: list[ActorMatch]) -> ActorMatch | None:
    """The country word that begins a party's name filling the phrase's start ("the Pakistan
    Peoples Party"), when no group of the dictionaries is named in it."""
    first = entities[0] if entities else None
    if first is None or first.kind not in ("country", "demonym") or text[start:first.start].strip().lower() not in ("", "the"):
        return None
    found = _PARTY_NAME.match(text, first.end, end)
    if found is None or any(m.kind in NAMED_KINDS and first.end <= m.start < found.end() for m in matches):
        return None
    return first

# "a Quetta-based group": where it is based (attributes/location.py reads it too)
BASED_AFTER = re.compile(r"-based\b|\s+based\b", re.IGNORECASE)

# a continent's part or "Pan-" before a nationality word makes a region's adjective
_REGIONAL = re.compile(r"(?:\b(?:Latin|South|North|Central|Meso|Native)[ \t]+|\bPan-)$")

# a common owner right before a country word: "the buyer's India ...", "Apple's India ..."
_OWNED_BEFORE = re.compile(r"\b(\w+)['’]s\s+$")

_TITLE_WORDS = {"president", "king", "prince", "sheikh", "minister", "premier", "general", "gen", "mr", "mrs",
                "dr", "ayatollah", "emir", "chancellor", "leader", "said", "says"}

_FUNCTION_WORDS = {"the", "a", "an", "in", "of", "on", "at", "to", "from", "and", "or", "with", "by",
                   "for", "against", "after", "over", "as", "says", "said", "between", "into", "near"}


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# what may follow a nationality word (and the others in its phrase) used for a person
_NATIONAL = re.compile(r"[\s-]*(?:nationals?)?\s*", re.IGNORECASE)
# what may stand before a nationality word used as a noun for a person: "a", "two", "another",
# then words of age or state ("a 16-year-old Palestinian", "a young Iraqi")
_A_PERSON = re.compile(r"(?:(?:a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|"
                       r"some|many)\s+)+(?:(?:\d+-year-old|[a-z]+-year-old|young|elderly|teenage|unarmed|"
                       r"pregnant|wounded|injured)\s+)*", re.IGNORECASE)


@lru_cache(maxsize=1)
def non_actor_heads() -> frozenset[str]:
    """Nouns that name companies, teams, players, works and goods: never a party to an
    event (data/actors/non_actor_heads.tsv)."""
    return frozenset(_non_actor_classes())


@lru_cache(maxsize=1)
def work_heads() -> frozenset[str]:
    """Works of film and music ("film", "video", "episode"): what is shot or launched there
    is made, not attacked ("shooting of the studio's next film began")."""
    return frozenset(w for w, c in _non_actor_classes().items() if c == "work")


@lru_cache(maxsize=1)
def market_heads() -> frozenset[str]:
    """The business words among them ("investors", "shareholders", "banks"): a market, never
    a party to a political act ("investors cheered the IMF loan"); team words are not, since
    "the Turkish and Greek sides" of Cyprus are parties."""
    return frozenset(w for w, c in _non_actor_classes().items() if c == "business")


@lru_cache(maxsize=1)
def _non_actor_classes() -> dict[str, str]:
    return {r["word"]: r["class"] for r in read_tsv(DATA_DIR / "non_actor_heads.tsv")}


@lru_cache(maxsize=1)
def _things() -> frozenset[str]:
    """The non-actor heads that are players, teams, works and goods (not companies, which can
    be parties to a sanction or a deal)."""
    return frozenset(w for w, kind in _non_actor_classes().items() if kind not in ("business", "trade"))


def _qualifies_a_thing(text: str, at: int, kind: str | None = None) -> bool:
    """The word right after `at` is a player, team, work or good ("a Brazilian striker"), or
    of the class `kind` of non-actor heads."""
    nxt = _WORD.match(text, at + 1) if text[at:at + 1] == " " else None
    if nxt is None:
        return False
    word = nxt.group().lower()
    return _non_actor_classes().get(word) == kind if kind else word in _things()


def _names_other_thing(text: str, start: int, end: int, entities: list[ActorMatch]) -> bool:
    """A country or nationality word that only qualifies another noun names no party:
    "Nigerian banks", "the French side", "Iranian striker" are companies, teams and players
    (data/actors/non_actor_heads.tsv), and "Italy's Illva Saronno" is something named of that
    country, not its state. The nationality of an act or a weapon ("Indian shelling") still
    names the party behind it, and a country standing alone ("Tehran") its government."""
    words = [w for w in _WORD.findall(_without(text, start, end, entities))
             if w.lower() not in _FUNCTION_WORDS and w.lower() != "s"]
    if not words:
        return False
    if any(w.lower() in non_actor_heads() for w in words):
        return True  # "Chinese tech giant Huawei": a company, whatever it is called
    # "Italy's Illva Saronno": a possessive country before a name the dictionaries lack
    return any(text.startswith("'s", m.end) or text.startswith("’s", m.end) for m in entities) and words[0][0].isupper()


_STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}
_OPEN_QUOTES, _CLOSE_QUOTES = "\"“‘'", "\"”’'"


def _named_after(text: str, person: ActorMatch, body: ActorMatch) -> bool:
    """A body named for a person, the name right before it ("the Dawlah Islamiyah-Hassan
    group"); "President Kiir's faction" is the president's own."""
    return person.kind == "person" and body.text.lower() in _BODIES_NAMED_FOR \
        and person.end <= body.start and not text[person.end:body.start].strip()


def _quoted(text: str, start: int, end: int) -> bool:
    """The word or words at text[start:end] stand alone in quotation marks."""
    return start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES


def _a_business(text: str, start: int, end: int, entities: list[ActorMatch]) -> bool:
    """The noun a country word qualifies is a company's ("banks", "carmaker", "contractor")."""
    return any(w.lower() in market_heads() for w in _WORD.findall(_without(text, start, end, entities)))


def _without(text: str, start: int, end: int, matches: list[ActorMatch]) -> str:
    """text[start:end] with the matches in it blanked out."""
    chars = list(text[start:end])
    for m in matches:
        for i in range(max(m.start, start), min(m.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _shift(actor: Actor | None, offset: int) -> Actor | None:
    if actor is None or not offset:
        return actor
    return actor.model_copy(update={"start": actor.start + offset, "end": actor.end + offset})
