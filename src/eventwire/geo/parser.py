"""Toponym recognition and resolution: a gazetteer-driven matcher, no parser needed.

Recognition walks capitalised word runs and keeps the longest span whose folded form is a
gazetteer name or demonym, then drops spans that read as people or organisations (a
capitalised neighbour, a surname seen earlier, an organisation head word after it).
Resolution scores each candidate place by population and feature type plus what the article
says around it: countries and regions it names elsewhere, "X, Y" and "X province of Y"
qualifiers, "in/near/at" cues, and (jointly, before any name is settled) which regions the
other ambiguous names could share with it. Roles mark datelines, metonymy (a capital standing for its
government) and demonyms, which the event stage should not read as places of events.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from eventwire.geo.gazetteer import Gazetteer, haversine_km, load_gazetteer
from eventwire.geo.normalize import COMPASS, droppable, fold, read_lines, strip_accents
from eventwire.model import Article, Location

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'.]*\w)?\.?")  # hyphens split: "German-Iraqi"
_POSSESSIVE = re.compile(r"(?:['’]s?|\.)$")
_CONTRACTION = re.compile(r"\w['’](?:ll|ve|re|d|m|t)$", re.IGNORECASE)  # "I'll", "I've": no place
# lower-case particles of family names: a capitalised word right after one is a surname
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "della", "bin", "ibn"}
_CONNECTORS = {"of", "de", "del", "la", "le", "du", "des", "da", "do", "upon", "on", "am", "al", "el",
               "and", "the", "sur", "en", "di", "y", "o", "e", "au", "aux", "es", "los", "las", "dos", "das", "della", "der", "den", "van", "von"}
# a title, then up to two more capitalised words (a first name, a second title), then the
# surname: "Mr Smith", "The Rev. Al Meredith", "Sgt. Maj. Tom Hanover"; the surname is then
# no place anywhere in the article
_PERSON_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Gen|Sen|Rep|Gov|Rev|Fr|Prof|Sgt|Lt|Capt|Col|Cpl|Pvt|Maj|Det|Insp|Supt|Judge|"
    r"Pastor|Bishop|Father|Rabbi|Imam|Reverend|Coach|Officer|Deputy|Sheriff|Trooper|Sergeant|Lieutenant|"
    r"Captain|Corporal|Detective|Councilman|Councilwoman|Commissioner|President|Minister|Chancellor|King|"
    r"Queen|Prince|Princess|Pope|Secretary|Governor|Mayor|Senator|Speaker|Chairman|Chairwoman)\.?\s+"
    r"(?:(?:[A-Z]\.|Dr\.|[A-Z][\w'’-]*)[ \t]+){0,2}([A-Z][\w'’-]+)")
_AMPERSAND_AFTER = re.compile(r"[ \t]*&[ \t]*[A-Z]")
_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]*&[ \t]*$")
_FACILITY_HOST = re.compile(r"\s*(?:,\s*|\s+(?:in|of|at|near)\s+(?:the\s+)?)")
# natural and built features a place's name often leads ("James River", "Victoria Falls")
_FEATURE_WORDS = {"river", "lake", "creek", "valley", "island", "islands", "bay", "mountain", "mountains",
                  "falls", "park", "hill", "hills", "beach", "city", "county", "harbour", "harbor", "gulf",
                  "sea", "strait", "canyon", "forest", "springs", "heights", "point", "port", "station"}
# a road named after a place ("Washington Drive", "Chicago Avenue"), which any town may have;
# a building's name ("Gwinnett Medical Center") more often names the town it stands in
_ROADS = (r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Drive|Dr\.|Parkway|Highway|"
          r"Freeway|Expressway|Turnpike|Pike|Terrace)(?![\w'’-])")
_ROAD_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*)?[ \t]+" + _ROADS)
_ROAD_WORD = re.compile(r"\b" + _ROADS)  # any at all, first
_JOIN_GAP = re.compile(r"[ \t]*\Z")  # (\Z: "$" would also match before a line break)
# abbreviations inside place names, whose full stop does not end the name (folding.tsv maps
# "st." and "saint" to one key)
_NAME_ABBREVS = {"St", "Ste", "Mt", "Ft", "Pt", "Sta", "Sto"}
# a capitalised compass or region word before a demonym makes another people's name
# ("Central American", "Latin American"), not the country's, unless the pair is a demonym
_DEMONYM_QUALIFIERS = {"North", "South", "East", "West", "Central", "Latin", "Southeast", "Northeast",
                       "Southwest", "Northwest", "Sub-Saharan", "Western", "Eastern", "Northern", "Southern"}
_SENT_END = re.compile(r"(?:^|[.!?:;\"“”‘’\n]\s*|\n)$")
ADMIN_CODES = {"ADM1"}
STRONG = {"PCLI", "ADM1", "CONT", "PPLC", "RGN", "SEA", "HIST"}
# a context point inside these says little about distance (world_regions.tsv features too)
AREAL = {"PCLI", "CONT", "ADM1", "RGN", "SEA", "STM", "HIST"}
FEATURE_BONUS = {"PCLI": 3.0, "CONT": 3.0, "ADM1": 0.5, "PPLC": 1.5, "PPL": 0.0, "ADM2": 2.0,
                 "RGN": 1.0, "SEA": 2.0, "STM": 1.0, "HIST": 3.0, "AIRP": 1.0,
                 "BLDG": 1.0}
NEAR_KM = 150.0  # "spatial minimality": a town this close to the article's other places wins
NEAR_DEG = NEAR_KM / 111.19 + 1e-6  # its degrees of latitude: a cheap test before the great circle
NEAR_BONUS, NEAR_ADMIN = 2.0, 1.0  # ... and one in the same admin1 region as them
UNKNOWN_POP = 2_000  # a town GeoNames lists with population 0 (see Geoparser._base)
EXACT_BONUS = 2.0  # a place called by the very name read, not one listing it as an alias
# and spelled as written (accents and punctuation aside), not only alike once folded: folding
# makes "Samarra" and "Samara", "Wana" and "Wanna" one key
LITERAL_BONUS = 1.0
# each unambiguous mention of a country (up to 3) and any mention at all; a named admin1 region.
# COUNTRY_ANY was 1.0: one "US" in "US and Iranian officials met in Geneva" then made Geneva,
# Frankfurt, Naples and Odessa American towns; at 0.5 they are the cities of world news, and the
# geoparsing set as a whole is unchanged (country 96.9%, exact 80.8 -> 80.9%; its report part
# 95.5 -> 95.7%)
COUNTRY_WEIGHT, COUNTRY_ANY, ADMIN_WEIGHT = 2.5, 0.5, 2.0
# joint co-location evidence (see _colocation): weight, cap on the other names' mass, and the
# exponent on population that makes a name's prior over its senses
COLOC_WEIGHT, COLOC_CAP, COLOC_EXP = 2.0, 2.0, 0.5
# pairwise co-location of any senses (see _colocation): the chance that a name with one sense
# has it within PAIR_KM of a given point by chance, the chance it does when the article is
# about that place, and a cap on the summed log-likelihood ratios
PAIR_CHANCE, PAIR_LOCAL, PAIR_CAP, PAIR_KM = 0.001, 0.3, 3.0, 30.0
PAIR_DEG = PAIR_KM / 111.19 + 1e-6  # degrees of latitude in PAIR_KM (great-circle km >= 111.19 per degree)
# A well-known town outranks a same-named region of like population (a region's population is
# the sum of its towns, its feature bonus a guess): a town GeoNames names in many languages is
# one the world's news uses ("Gaza" the city, not Mozambique's Gaza province). Against a
# region, a town called by the name read and named more than FAME_FLOOR ways gains FAME_WEIGHT per tenfold beyond it;
# between towns population alone still decides (a local Bethlehem, PA is not outranked).
FAME_FLOOR, FAME_WEIGHT = 10, 1.0
# a town abroad with no other support in its text stays only from this population up (_lone_namesakes):
# chosen by reading what an earlier, stricter version dropped over the geoparsing set: persons,
# brands and namesakes (Flores, Route, Toyota's 16k namesake, Ketsch for Kech) but for a few real
# towns (Delft, Limerick)
LONE_CITY_POP = 300_000
_ADMIN_OF = re.compile(r"\s+(?:province|state|region|district|governorate|county|division|township)\s+(?:of|in)\s+",
                       re.IGNORECASE)
# "Pakistan's Tirah", "Sagaing Region's Kani Township": the owner, with its admin word
_OWNER_BEFORE = re.compile(r"(?:\s+(?:Region|Province|State|District|Division|Governorate|Oblast|County|Department))?['’]s\s+$")
# a place in a country bordering one the article names: "Israeli strikes hit Gaza"
CONTEXT_NEAR_KM, CONTEXT_NEAR_BONUS = 250.0, 1.0
CONTEXT_NEAR_DEG = CONTEXT_NEAR_KM / 111.19 + 1e-6  # as NEAR_DEG: a cheap test before the great circle


# a member of a list that a plural admin word closes: "Camden and Charlton counties", "Douglas,
# Lancaster and Sarpy counties", "Nangarhar and Kunar provinces"
_PLURAL_ADMINS = "counties|parishes|provinces|districts|governorates|regions|states|oblasts|prefectures|departments"
_ADMIN_LIST_AFTER = re.compile(r"(?:(?:[ \t]*,|[ \t]*,?[ \t]+(?:and|or))[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?){0,4}"
                               rf"[ \t]+({_PLURAL_ADMINS})\b")
_PLURAL_ADMIN = re.compile(rf"\b(?:{_PLURAL_ADMINS})\b")  # any at all, first
# the Arabic article written in lower case before a name ("in al-Tabaqa", "el-Arish"): the
# place is one whose own name carries it (Al-Tabqa), not a namesake without it (Tabaka, Kenya)
_ARTICLES = "al|el|ad|ar|as|ash|at|az|an"
_ARTICLE_BEFORE = re.compile(rf"(?<![\w'’])(?:{_ARTICLES})-$")
_ARTICLE_ANY = re.compile(rf"(?<![\w'’])(?:{_ARTICLES})-[A-Z]")  # any at all, first
_ARABIC_ARTICLES = frozenset(_ARTICLES.split("|"))
# "Wadi al-Shay", "Tal el-Hawa", "Deir ez-Zor": a word before an article joined to a name is
# the first word of that name
_ARTICLE_AFTER = re.compile(rf"[ \t]+(?:{_ARTICLES}|ed|es|ez|ul|um)-[A-Z]")
ARTICLE_BONUS = 3.0
_REGION_CODES = frozenset({"ADM1", "ADM2", "PCLI", "RGN", "HIST", "CONT"})


# "Sukkur city (Sukkur, Sindh)", "Tall Abyad town (Tall Abyad, Ar-Raqqa)": the bracket's text
_PAREN = re.compile(r"(?:\s+(?:city|town|village|district|governorate|province|county|area|camp|market|square|"
                    r"neighbou?rhood|municipality|region|subdistrict|sub-district|commune|township|LGA))?\s*\(([^()\n]{2,80})\)",
                    re.IGNORECASE)


# a month's abbreviation beside a day or year is a date ("Jul 3", "10 Jan 13", "Jan. 31"),
# never the town some gazetteer entry lists under it (Suhl for "Jul", Dschang for "Jan")
_MONTH_ABBREVS = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_DAY_AFTER = re.compile(r"\.?[ \t]*\d")
_DAY_BEFORE = re.compile(r"\d[ \t]*,?[ \t]*$")
# an AP-style abbreviation written as a word and a full stop ("Mass.", "Ind.", "Miss."): without
# its stop it is that word ("Mass arrests"), not the state
_DOTTED_ABBREV = re.compile(r"[A-Z][a-z]+\.")
_ADDRESS = re.compile(r",[ \t]*$")
_PARTY = re.compile(r"\b[DRI]-$")  # ... or a lawmaker's state after the party: "D-Calif"
# the last member of a bracketed hierarchy, "(Mindat, Chin)": the broadest, a region
_PAREN_LAST = re.compile(r"\([^()\n]{1,78},\s*$")
_PAREN_CLOSE = re.compile(r"\s*\)")
# a common noun follows, so the word modifies it ("Somali troops"), unless that noun is an
# administrative unit ("the Somali region", "Somali state")
_BEFORE_NOUN = re.compile(rf"[ \t]+(?!(?:{_PLURAL_ADMINS}|county|parish|province|district|governorate|region|state"
                          r"|oblast|prefecture|department|zone|territory|area)\b)[a-z]")
# "a central Somali town", "takes central Somali town": a compass word with no preposition before
# it qualifies the noun after the nationality, which is no region's name ("in Somali region",
# "in central Somali region" may be Ethiopia's)
_A_COMPASS_BEFORE = re.compile(r"(?:^|\b(?!(?:in|near|at|from|to|into|of|across|around|towards?|via|through|throughout|"
                               rf"between|outside|inside)\b)\w+\s+){COMPASS}\s+$", re.I)
_COMPASS_INITIALS = {"N": "North", "S": "South", "E": "East", "W": "West"}  # "N Waziristan"
# a country's short form ("US", "U.K.", "UAE") read as a modifier of the word after it
_COUNTRY_CODE = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}")
_MODIFIES = re.compile(r"[ \t]+(?!(?:and|or|but|nor|is|was|were|are|be|has|had|have|will|would|could|should|may|might|"
                       r"must|can|does|did|says?|said|to|in|on|at|of|for|from|with|by|as|than|that|which|who|after|"
                       r"before|since|last|this|next|over|under|into|about|while|when|where|if)\b)[A-Za-z]", re.IGNORECASE)

_ATTRIBUTION_TAIL = re.compile(r"\S\s*:\s*$")  # "... soldier: " before the name
_LINE_END = re.compile(r"[ \t.]*(?:\n|$)")  # nothing after it on its line


_OWNER_BETWEEN = re.compile(r"['’]s\s+(?:the\s+)?")
_PART_OF_BETWEEN = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")


class Toponym(BaseModel):
    """A place name found in a text and the GeoNames place it resolves to."""

    start: int
    end: int
    text: str
    name: str
    geonameid: int | None = None
    country: str | None = None  # ISO-3
    admin1: str | None = None  # admin1 region name ("Balochistan")
    admin1_code: str | None = None  # its GeoNames code ("02")
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # GeoNames feature code: PPL, PPLC, ADM1, PCLI, CONT
    # place | dateline | metonymy | demonym | street | shared: a region's name that two countries'
    # regions share ("Kashmir"): the sense is the side the article leans to, and the event
    # stage, which knows who fired on whom, picks the side itself (region_phrases.tsv)
    role: str = "place"
    score: float = 1.0
    # the name read is not in the gazetteer: the place given is the one the text puts it in
    # ("Boni (Douentza, Mopti)" -> Mopti; "Pakistan's Tirah" -> Pakistan)
    stand_in: bool = False


@lru_cache(maxsize=1 << 16)
def _spelling(name: str) -> str:
    """A name's letters as written: lower case, accents and everything but letters dropped."""
    return "".join(ch for ch in strip_accents(name).lower() if ch.isalpha())


@dataclass
class _Match:
    start: int
    end: int
    ti: int  # first token index
    tj: int  # last token index
    key: str
    cands: tuple[int, ...]
    demonym: int | None = None
    spelled: str = ""  # the name as written, in `_spelling`'s form


@dataclass
class _Context:
    countries: Counter  # ISO-3 -> mentions vouching for it
    admins: Counter  # (ISO-3, admin1 code) -> mentions
    own: dict[str, tuple[Counter, Counter]]  # a name's own share, left out when resolving it

    def without(self, key: str) -> tuple[Counter, Counter]:
        own = self.own.get(key)
        if not own:
            return self.countries, self.admins
        return self.countries - own[0], self.admins - own[1]


@dataclass(frozen=True)
class _Lexicon:
    stop: frozenset[str]
    org_heads: frozenset[str]
    affixes: frozenset[str]
    cues: dict[str, re.Pattern]
    actors: tuple[tuple[re.Pattern, str, tuple[str, ...] | None], ...] = ()
    nonplaces: re.Pattern | None = None
    given: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> "_Lexicon":
        cues = {}
        for line in read_lines("cues.tsv"):
            kind, pattern = line.split("\t", 1)
            flags = 0 if kind in ("dateline_after", "facility_after", "dedication") else re.IGNORECASE
            cues[kind] = re.compile(pattern, flags)
        # folded like the spans they are compared with ("south" folds to "suth")
        words = lambda name: frozenset(fold(w) for w in read_lines(name))  # noqa: E731
        actors = tuple((re.compile(r"\b(?:" + pat + r")\b"), cc, _literal_heads(pat))
                       for pat, cc in (line.split("\t")[:2] for line in read_lines("actor_countries.tsv")))
        names = sorted(read_lines("nonplaces.txt"), key=len, reverse=True)
        nonplaces = re.compile(r"(?<![\w'’-])(?:" + "|".join(_first_letter(n) + "(?i:" + re.escape(n[1:]) + ")"
                                                       for n in names) + r")(?![\w'’-])")
        return cls(words("stopnames.txt"), words("org_heads.txt"), words("affixes.txt"), cues, actors,
                   nonplaces, frozenset(read_lines("given_names.txt")))


def _first_letter(name: str) -> str:
    """A name's first letter as written, but either case for the Arabic article: news writes
    "al-Shabaab" and "Al-Shabaab" alike."""
    if name[:3].lower() in ("al-", "al "):
        return "[Aa]"
    return re.escape(name[0])


# the first three characters of every word, as _literal_heads takes them from a pattern
_WORD_HEADS = re.compile(r"\b(?=(\w[\w' -]{2}))")


def _literal_heads(pattern: str) -> tuple[str, ...] | None:
    """The literal first three characters of each alternative of a flat pattern ("Houthis?|Ansar"
    -> "Hou", "Ans"), which any match must contain; None when the pattern is not that simple."""
    if "(" in pattern or "[" in pattern or "\\" in pattern:
        return None
    heads = []
    for alt in pattern.split("|"):
        head = re.match(r"[\w' -]{3}", alt)
        if not head:
            return None
        heads.append(head.group())
    return tuple(heads)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


# a Romance particle and a capitalised word right after a name: the name goes on
# (not a point of the compass: "Lanao del Norte" is a province of Lanao's)
_CONTINUED = re.compile(r"[ \-](?:de|du|des|del|della|da|di|dos|das)[ \-](?:l['\u2019]|d['\u2019])?"
                        r"(?!(?:Norte|Sur|Este|Oeste|Nord|Sud|Est|Ouest|Centro|Centre)\b)[A-Z\u00C0-\u00DE]")


class Geoparser:
    """Finds and resolves toponyms. Load once (`Geoparser.load()`) and reuse."""

    _instance: "Geoparser | None" = None

    def __init__(self, gazetteer: Gazetteer, lexicon: _Lexicon | None = None):
        self.g = gazetteer
        self.lex = lexicon or _Lexicon.load()
        self._bases: dict[int, float] = {}
        heads: dict[str, list[int]] = {}
        for i, (_, _, hs) in enumerate(self.lex.actors):
            for h in hs or ():
                heads.setdefault(h, []).append(i)
        self._actor_heads = heads  # literal head -> the patterns it may start
        self._actor_always = frozenset(i for i, (_, _, hs) in enumerate(self.lex.actors) if hs is None)
        self._dotted: dict[str, set[int]] = {}  # "Mass." -> Massachusetts
        self._initials: dict[str, set[int]] = {}  # "L.A." -> Los Angeles
        abbrevs, sides = set(), {}
        for line in read_lines("names_extra.tsv"):
            word, code = line.split("\t")[:2]
            if word.isalpha() and word.isupper():
                abbrevs.add(word)
            i = gazetteer.coded(code)
            if i is None:
                continue
            if gazetteer.fcode[i] == "ADM1":
                sides.setdefault(fold(word), set()).add(gazetteer.country[i])
            if re.fullmatch(r"(?:[A-Z]\.)+", word):
                abbrevs.add(word.replace(".", ""))  # "N.J." is also written "NJ"
                self._initials.setdefault(fold(word), set()).add(i)
            elif _DOTTED_ABBREV.fullmatch(word):
                self._dotted.setdefault(fold(word), set()).add(i)
        # the all-capitals short forms news uses for places ("US", "UAE", "FATA"); other
        # acronyms name a place only by their own spelling (see _senses_of)
        self._abbrevs = frozenset(abbrevs)
        # names listed for regions of two countries ("Kashmir"): see Toponym.role
        self._shared = frozenset(k for k, v in sides.items() if len(v) > 1)

    @classmethod
    def load(cls) -> "Geoparser":
        if cls._instance is None:
            cls._instance = cls(load_gazetteer())
        return cls._instance

    @classmethod
    def loaded(cls) -> "Geoparser | None":
        """The loaded geoparser, if a pipeline loaded one (None: run without geoparsing)."""
        return cls._instance

    # -- recognition ----------------------------------------------------------------------
    def _tokens(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _TOKEN.finditer(text):
            s, e = m.span()
            word = m.group()
            trail = _POSSESSIVE.search(word)
            if trail and not re.fullmatch(r"(?:[A-Z]\.)+", word):
                e -= len(trail.group())
                word = word[: e - s]
            if word and not _CONTRACTION.search(word):
                out.append((s, e, word))
        return out

    def _spans(self, text: str, toks, skip) -> list[_Match]:
        g, matches, i, n = self.g, [], 0, len(toks)
        while i < n:
            s, e, w = toks[i]
            if not _is_cap(w) or any(a < e and s < b for a, b in skip):
                i += 1
                continue
            best = None
            j = i
            while j < n and j - i < g.max_tokens:
                if j > i:
                    gap = text[toks[j - 1][1]:toks[j][0]]
                    if gap.startswith(".") and toks[j - 1][2] in _NAME_ABBREVS:
                        gap = gap[1:]  # "St. George", "Mt. Pleasant", "Sault Ste. Marie"
                    if not _JOIN_GAP.match(gap.replace("-", "")) or "\n" in gap:
                        break
                    if not _is_cap(toks[j][2]) and toks[j][2].lower() not in _CONNECTORS:
                        break
                wj = toks[j][2]
                if _is_cap(wj) or wj.isupper():
                    key = fold(text[s:toks[j][1]])
                    cands = g.index.get(key)
                    if not cands and j > i and w in _COMPASS_INITIALS:
                        # headline shorthand: "N Waziristan", "S Korea", "E Jerusalem"
                        full = fold(_COMPASS_INITIALS[w] + text[e:toks[j][1]])
                        if g.index.get(full):
                            key, cands = full, g.index[full]
                    if cands and j == i:
                        cands = self._senses_of(text, s, toks[j][1], key, cands)
                    dem = g.demonyms.get(key)
                    if cands or dem is not None:
                        best = _Match(s, toks[j][1], i, j, key, cands or (), dem, _spelling(text[s:toks[j][1]]))
                    # a longer span's key is this one, a space and more (unless folding drops
                    # this word inside a name): where no name begins so, none is further on
                    if key not in g.prefixes and w not in _COMPASS_INITIALS and not droppable(wj):
                        break
                j += 1
            if best and _CONTINUED.match(text, best.end):
                # "Petite-Rivière de l'Artibonite" (Haiti) read as Mauritius's "Petite Rivière":
                # a name that goes on past the gazetteer's entry is another place's
                i = best.tj + 1
            elif best:
                matches.append(best)
                i = best.tj + 1
            else:
                i += 1
        return matches

    def _senses_of(self, text: str, start: int, end: int, key: str, cands: tuple[int, ...]) -> tuple[int, ...]:
        """The senses a one-word span can have as written. An acronym of 2-4 capitals ("BBC",
        "IED", "NWA") reaches places only through folding ("BBC" folds like "B.C.") or an
        alternate name: unless it is a short form of a place news uses (names_extra.tsv), or
        a state's code after a town ("Louisville, KY"), it keeps only places that bear it as
        their own name ("OHIO", "GAZA") and hand-picked world regions. A dotted abbreviation
        read without its stop is the plain word ("Mass arrests", "Miss Abdhou"), and initials
        in lower case are no initials ("La Niña" is not L.A.)."""
        g = self.g
        word = text[start:end]
        address = bool(_ADDRESS.search(text, max(0, start - 3), start))
        dotted = self._dotted.get(key, set())
        initials = self._initials.get(key, set())
        if 2 <= len(word) <= 4 and word.isalpha() and word.isupper() and word not in self._abbrevs:
            cands = tuple(c for c in cands if g.name[c].upper() == word or not g.gid[c] and g.fcode[c] != "ADM2"
                          or address and c in dotted)
        if dotted and not (text.startswith(".", end) or address and word.isupper()
                           or _PARTY.search(text, max(0, start - 3), start)):
            cands = tuple(c for c in cands if c not in dotted)
        if initials and not word.isupper():
            cands = tuple(c for c in cands if c not in initials)
        return cands

    def _keep(self, text: str, toks, m: _Match, lower_words: set[str], title_lines: set[int],
              surnames: set[str]) -> bool:
        """False for spans that read as something other than a place."""
        single = m.ti == m.tj
        if single and m.key in self.lex.stop:
            return False
        if single and text[m.start:m.end] in _MONTH_ABBREVS and (
                _DAY_AFTER.match(text, m.end) or _DAY_BEFORE.search(text, max(0, m.start - 8), m.start)):
            return False
        if m.key in surnames and single:
            return False
        nxt = toks[m.tj + 1] if m.tj + 1 < len(toks) else None
        adjacent_next = nxt and _JOIN_GAP.match(text[m.end:nxt[0]])
        if adjacent_next and fold(nxt[2]) in self.lex.org_heads:
            return False
        if m.demonym is None and self.lex.cues["weapon_after"].match(text[m.end:m.end + 60]) and not any(
                self.g.fcode[c] == "PCLI" for c in m.cands):
            return False  # a weapon's model ("Iskander missiles"); a country before one is its maker
        if single and text[m.start:m.end].lower() in lower_words and m.demonym is None:
            if not any(self.g.fcode[c] in STRONG for c in m.cands):
                return False
        prev = toks[m.ti - 1] if m.ti else None
        if single and prev and prev[2] in _NAME_PARTICLES and _JOIN_GAP.match(text[prev[1]:m.start]):
            return False  # "Ursula von der Leyen", "Charles de Gaulle": a surname, not Leiden
        if (m.demonym is not None and not m.cands and prev and prev[2] in _DEMONYM_QUALIFIERS
                and _JOIN_GAP.match(text[prev[1]:m.start].replace("-", ""))):
            return False
        cap_prev = bool(prev and _JOIN_GAP.match(text[prev[1]:m.start]) and _is_cap(prev[2])
                        and fold(prev[2]) not in self.lex.stop)
        cap_next = bool(adjacent_next and _is_cap(nxt[2]) and fold(nxt[2]) not in self.lex.stop
                        and fold(nxt[2]) not in self.lex.affixes)
        weak = m.demonym is None and not any(self._prominent(c) for c in m.cands)
        word = text[m.start:m.end]
        if single and word in self.lex.given and nxt and self._first_name(text, m.end, nxt) and not any(
                self.g.fcode[c] in STRONG for c in m.cands):
            return False  # "Donald Trump", "Nelson Mandela": a first name (not "Virginia Beach")
        if single and weak and word in self.lex.given:
            return False  # "his son James", "brother Alex": a person, not a small town
        if single and weak and len(word) <= 4 and word[1:] != word[1:].lower():
            return False  # "SAS", "MoD": an acronym, not the hamlet that lists it as a name
        if weak and (_AMPERSAND_AFTER.match(text, m.end) or _AMPERSAND_BEFORE.search(text[max(0, m.start - 40):m.start])):
            return False  # "Stevens & Wilkinson", "Johnson & Johnson": a firm's partners
        if single and weak and (cap_prev or cap_next or _ARTICLE_AFTER.match(text, m.end)):
            return False  # "Hossein Amir-Abdollahian", "Marg Bar Sarmachar", "Wadi al-Shay": part of a name
        line = text.rfind("\n", 0, m.start) + 1
        if single and cap_next and m.demonym is None and line not in title_lines and word.isalpha() \
                and not word.isupper() and len(word) > 3 and all(fold(self.g.name[c]) != m.key for c in m.cands):
            # "the town of Adan Yabaal", "Nadia Moayyad": a word that is only another spelling
            # of a place ("Aden"), run on into a capitalised word, starts a name of its own
            # (short forms, "Pak Taliban", and title-case headlines keep their place)
            return False
        if single and cap_prev and line not in title_lines and not (prev[2].isupper() and len(prev[2]) > 1):
            return False  # "Zahra Baloch": the tail of a name (but "CBC Toronto": an acronym's place)
        if not single and weak and cap_prev and line not in title_lines and not prev[2].isupper() \
                and fold(prev[2]) not in self.g.index and fold(prev[2]) not in self.g.demonyms \
                and not _SENT_END.search(text[:prev[0]].rstrip()[-1:]):
            # "the Indravati National Park area", "the Neches River Valley": a small place's name
            # ("National Park", New Jersey) that ends a longer name no gazetteer knows ("Former
            # Hall County official" begins a sentence: its first word is capitalised as such)
            return False
        return True

    def _first_name(self, text: str, end: int, nxt: tuple[int, int, str]) -> bool:
        """Whether a given name ending at `end` is followed, in the same name, by a surname:
        a capitalised word that is no place-feature or admin word ("James River")."""
        return bool(_is_cap(nxt[2]) and _JOIN_GAP.match(text[end:nxt[0]]) and fold(nxt[2]) not in self.lex.affixes
                    and nxt[2].lower() not in _FEATURE_WORDS
                    and not self.lex.cues["facility_after"].match(text[end:end + 60]))

    def _prominent(self, c: int) -> bool:
        """A place well known enough to stand inside a capitalised run (not Montenegro's
        24,000-people "Bar" municipality in "Operation Marg Bar Sarmachar")."""
        g = self.g
        return g.pop[c] >= 100_000 or (g.fcode[c] in STRONG and g.fcode[c] != "ADM1")

    def _surnames(self, text: str, toks, matches: list[_Match], title_lines: set[int]) -> set[str]:
        """Last words of capitalised runs of 2-4 words that start with a non-place: people."""
        out: set[str] = set()
        run: list[tuple[int, int, str]] = []
        for t in toks + [(len(text) + 1, len(text) + 1, "x")]:
            if run and _is_cap(t[2]) and _JOIN_GAP.match(text[run[-1][1]:t[0]]):
                run.append(t)
                continue
            if 2 <= len(run) <= 4 and (text.rfind("\n", 0, run[0][0]) + 1) not in title_lines:
                first, last = fold(run[0][2]), fold(run[-1][2])
                if first not in self.lex.stop and not self.g.index.get(fold(
                        text[run[0][0]:run[-1][1]])) and last not in self.lex.stop:
                    if not any(self.g.fcode[c] in STRONG or self.g.pop[c] >= 100_000
                               for c in self.g.index.get(last, ())):  # "CBC Toronto" names no person
                        out.add(last)
            run = [t] if _is_cap(t[2]) else []
        for m in _PERSON_TITLE.finditer(text):
            out.add(fold(m.group(1)))
            # the given names between the title and the surname ("President Kais Saied": not
            # Kaïs, Algeria), unless a well-known place ("Mayor London Breed" keeps London)
            for w in re.findall(r"[A-Z][\w'’-]+", text[m.start():m.start(1)])[1:]:
                if not any(self._prominent(c) for c in self.g.index.get(fold(w), ())):
                    out.add(fold(w))
        for i, (_, e, w) in enumerate(toks[:-1]):
            nxt = toks[i + 1]
            if w in self.lex.given and self._first_name(text, e, nxt) and not any(
                    self._prominent(c) for c in self.g.index.get(fold(nxt[2]), ())):
                out.add(fold(nxt[2]))  # "Jacob Zuma", but "Sam Houston" leaves Houston a city
        return out

    # -- resolution -----------------------------------------------------------------------
    def _base(self, c: int) -> float:
        got = self._bases.get(c)  # asked of every candidate, by every max() over candidates
        if got is None:
            # GeoNames writes 0 for a population it does not know (cities500 lists such a town
            # as a seat of a district): read as a small town's, not as no one's, so that a
            # country named in the article can outweigh a namesake abroad (Chala, Peru, 0
            # against Chala, Tanzania, 22,624)
            pop = self.g.pop[c] or (UNKNOWN_POP if self.g.fcode[c].startswith("PPL") else 0)
            got = self._bases[c] = math.log10(pop + 10) + FEATURE_BONUS.get(self.g.fcode[c], 0.0)
        return got

    def _fame(self, c: int) -> float:
        return FAME_WEIGHT * max(0.0, math.log10((1 + self.g.known[c]) / (1 + FAME_FLOOR)))

    def _evidence(self, m: _Match) -> tuple[str | None, tuple[str, str] | None]:
        """The country and admin1 region one mention vouches for, when it reads unambiguously."""
        g = self.g
        if m.demonym is not None and not m.cands:
            return g.country[m.demonym], None
        if not m.cands:
            return None, None
        best = max(m.cands, key=self._base)
        if g.fcode[best] in STRONG or g.pop[best] >= 1_000_000 or len(m.cands) == 1:
            admin = (g.country[best], g.admin1[best]) if g.fcode[best] in ("ADM1", "ADM2") else None
            return g.country[best], admin
        return None, None

    def _context(self, matches: list[_Match], extra: list[str]) -> _Context:
        ctx = _Context(Counter(extra), Counter(), {})
        for m in matches:
            cc, admin = self._evidence(m)
            own = ctx.own.setdefault(m.key, (Counter(), Counter()))
            if cc:
                ctx.countries[cc] += 1
                own[0][cc] += 1
            if admin:
                ctx.admins[admin] += 1
                own[1][admin] += 1
        return ctx

    @staticmethod
    def _bracketed(text: str, m: _Match, by_start: dict[int, _Match]) -> _Match | None:
        """The broadest place of the admin hierarchy in brackets after m, if any."""
        paren = _PAREN.match(text, m.end)
        if not paren:
            return None
        # an all-capitals word in brackets is a wire agency or an acronym ("WASHINGTON (AP)")
        inner = [x for x in by_start.values() if paren.start(1) <= x.start and x.end <= paren.end(1)
                 and not text[x.start:x.end].isupper()]
        return max(inner, key=lambda x: x.start) if inner else None

    def _qualifier(self, text: str, m: _Match, by_start: dict[int, _Match]) -> _Match | None:
        """The place that qualifies m: "X, Y", "X province of Y", "X in Y", and the admin
        hierarchy conflict reports put in brackets, "X city (X, Y)", "X village (A, B)", whose
        last and broadest member constrains X."""
        bracket = self._bracketed(text, m, by_start)
        if bracket is not None:
            return bracket
        after = text[m.end:m.end + 40]
        q = re.match(r"(?:,\s*|\s+(?:(?:province|state|region|district|governorate|county)\s+)?(?:of|in)\s+)",
                     after, re.IGNORECASE)
        if q and (found := by_start.get(m.end + q.end())) is not None and (
                not q.group().lstrip().startswith(",") or found.demonym is not None
                or found.cands and self.g.fcode[max(found.cands, key=self._base)] in _REGION_CODES):
            return found  # "Moscow, Kiev, Minsk" is a list: a comma qualifier is a region or country
        return self._owner(text, m, by_start)

    def _town_of(self, text: str, m: _Match, qual: _Match) -> bool:
        """"Moura, Mali.": a town's name, a comma, and the country it is in, where the
        sentence goes on with no capitalised word (not "Chen, U.S. District Court", not a list
        of countries)."""
        return (bool(m.cands) and not any(self.g.fcode[c] in _REGION_CODES for c in m.cands)
                and re.fullmatch(r",\s*", text[m.end:qual.start]) is not None
                and re.match(r"\s*(?:[.,;:)\n]|$|[a-z])", text[qual.end:]) is not None)

    @staticmethod
    def _owner(text: str, m: _Match, by_start: dict[int, _Match]) -> _Match | None:
        """The place named in the possessive before m: "Pakistan's Tirah"."""
        before = _OWNER_BEFORE.search(text[max(0, m.start - 20):m.start])
        if before:
            end = m.start - len(before.group(0))
            return next((x for x in by_start.values() if x.end == end), None)
        return None

    def _resolve(self, m: _Match, countries: Counter, admins: Counter, qual: _Match | None,
                 cue_before: bool, admin_after: bool, owned: bool = False, bracket: bool = False,
                 town_after: bool = False, article: bool = False, admin_of: bool = False,
                 near=None) -> tuple[int | None, float, bool]:
        """Best candidate for m: population and feature, plus what the rest of the article says
        (its countries and regions, a qualifier, and with `near` its other places' positions)."""
        g = self.g
        qual_c = qual_a = None
        if bracket and g.fcode[max(m.cands, key=self._base)] in ("CONT", "PCLI", "RGN", "SEA"):
            qual, bracket = None, False  # "Asia (Kashmir: June 2013)": a heading, no hierarchy
        if qual and qual.cands:
            homes = {(g.country[c], g.admin1[c]) for c in m.cands}

            def qual_score(c: int) -> float:
                s = self._base(c) + 2.0 * bool(countries[g.country[c]])
                if g.fcode[c] == "ADM1":
                    # "Hakha (Hakha, Chin)": the region that holds a sense of the town, and a
                    # bracket's broadest member is a region, not a big namesake town (Qinzhou)
                    s += 3.0 * ((g.country[c], g.admin1[c]) in homes) + 3.0 * bracket
                return s
            qb = max(qual.cands, key=qual_score)
            qual_c = g.country[qb]
            qual_a = (g.country[qb], g.admin1[qb]) if g.fcode[qb] == "ADM1" else None
        if qual_c and (owned or admin_of) and g.fcode[qb] in ("PCLI", "ADM1") \
                and not any(g.country[c] == qual_c for c in m.cands):
            # "Pakistan's Tirah", "Moura, Mali", "Sagaing Region's Kani Township", "Kech district
            # of Balochistan": a place the gazetteer lacks, not a namesake abroad (Tehran,
            # Portugal's Moura, Kani in Japan, Ketsch in Germany); it is at least somewhere in
            # the country or region named
            return qb, 0.5, True
        if bracket and qual_c and not any(g.country[c] == qual_c for c in m.cands):
            # "Boni (Douentza, Mopti)" where the gazetteer knows only Bonn: the bracket says
            # where it is, and a namesake abroad is ruled out
            return qb, 0.5, True
        scored = []
        named = [g.country_entry[k] for k, n in countries.items() if n > 0 and k in g.country_entry]
        regions = any(g.fcode[c] in ("ADM1", "ADM2") for c in m.cands)
        for c in m.cands:
            # world_regions.tsv's names are all hand-picked common names ("Atlantic")
            exact = fold(g.name[c]) == m.key or not g.gid[c]
            s = self._base(c) + (EXACT_BONUS if exact else 0.0)
            if exact and m.spelled and _spelling(g.name[c]) == m.spelled:
                s += LITERAL_BONUS  # spelled as written, not only alike once folded
            if regions and exact and g.fcode[c] in ("PPL", "PPLC"):
                s += self._fame(c)  # known by this very name ("Mexico" is not Mexico City's)
            cc = g.country[c]
            if cc and g.fcode[c] != "CONT":
                s += COUNTRY_WEIGHT * min(countries[cc], 3) / 3 + (COUNTRY_ANY if countries[cc] else 0.0)
                if g.fcode[c] != "ADM1" and admins[(cc, g.admin1[c])]:
                    s += ADMIN_WEIGHT
                if not countries[cc] and g.fcode[c] != "PCLI" and any(
                        abs(g.lat[k] - g.lat[c]) <= CONTEXT_NEAR_DEG
                        and haversine_km(g.lat[c], g.lon[c], g.lat[k], g.lon[k]) <= CONTEXT_NEAR_KM for k in named):
                    s += CONTEXT_NEAR_BONUS
            if qual_c and cc == qual_c and g.fcode[c] != "PCLI":
                s += 4.0
            if qual_a and (cc, g.admin1[c]) == qual_a and g.fcode[c] != "ADM1":
                s += 2.0
            if admin_after and g.fcode[c] in ("ADM1", "ADM2"):
                s += 3.0
            if article and fold(g.name[c]).split(" ", 1)[0] in _ARABIC_ARTICLES:
                s += ARTICLE_BONUS  # "in al-Tabaqa": the town whose own name has the article
            if town_after and g.fcode[c] in ("PPL", "PPLC"):
                s += 3.0  # "Haifa city": the city, not the district named after it
            if bracket and qual_c and cc != qual_c:
                s -= 10.0  # "X (A, B)": X lies within B
            if near is not None:
                s += near(c)
            scored.append((s, c))
        if not scored:
            return None, 0.0, False
        scored.sort(reverse=True)
        s, c = scored[0]
        margin = s - scored[1][0] if len(scored) > 1 else 3.0
        supported = (g.fcode[c] in STRONG or g.fcode[c] == "ADM2" or g.pop[c] >= 20_000 or bool(qual_c)
                     or cue_before or (countries[g.country[c]] > 0) or m.tj > m.ti and g.pop[c] >= 1000)
        return c, round(min(1.0, 0.5 + 0.15 * margin), 3), supported

    def _nearness(self, anchors: list[tuple[str, int]], key: str):
        """Bonus for a candidate close to the places the article's other names resolved to: a
        local story's towns lie near each other (Mansfield, LA beside Shreveport)."""
        g = self.g
        pts = [a for k, a in anchors if k != key]
        admins = {(g.country[a], g.admin1[a]) for a in pts}

        def near(c: int) -> float:
            if g.fcode[c] in AREAL:
                return 0.0
            bonus = NEAR_ADMIN if (g.country[c], g.admin1[c]) in admins else 0.0
            la, lo = g.lat[c], g.lon[c]
            if self._placed(c) and any(abs(g.lat[a] - la) <= NEAR_DEG and haversine_km(la, lo, g.lat[a], g.lon[a]) <= NEAR_KM
                                       for a in pts):
                bonus += NEAR_BONUS
            return bonus
        return near

    def _colocation(self, groups: dict[str, tuple[int, ...]], ambiguous: set[str]):
        """Joint evidence before any name is resolved: a candidate gains from each other name
        whose likely senses lie in its admin1 region or its 1-degree neighbourhood (Albany,
        Brandon and Douglas County all have a Minnesota sense), and a country from each
        name whose likely senses lie inside it. A name's senses are weighted by their prior
        (population and feature, sharpened by COLOC_EXP), so "Roma" speaks for Italy, not
        for Rome, NY, and "Washington", found everywhere, says little about any one state.
        Only `ambiguous` names speak (the others are counted in the context already), and a
        town never outbids the state or country it is named after ("Florida", NY)."""
        g = self.g
        by_admin: dict[tuple, dict[str, float]] = {}
        by_cell: dict[tuple, dict[str, float]] = {}
        by_country: dict[str, dict[str, float]] = {}

        def add(table, where, key, p):
            slot = table.setdefault(where, {})
            slot[key] = slot.get(key, 0.0) + p

        regional = {key for key, cands in groups.items()  # "California": the state, not the town
                    if self.g.fcode[max(cands, key=self._base)] in ("ADM1", "PCLI")}
        # which names have any sense at all in each 1-degree cell, and how many senses; a name
        # read as a state or country counts too ("Lebanon" beside "Boone County": the town and
        # county of Indiana lie together), though its own town senses gain nothing (below)
        any_cell: dict[tuple, dict[str, list[tuple[float, float]]]] = {}
        pair_lr = {key: max(0.0, math.log10(PAIR_LOCAL / min(1.0, len(cands) * PAIR_CHANCE)))
                   for key, cands in groups.items()}
        for key, cands in groups.items():
            for c in cands:
                if g.fcode[c] not in AREAL and self._placed(c):
                    any_cell.setdefault((int(g.lat[c] // 1), int(g.lon[c] // 1)), {}).setdefault(
                        key, []).append((g.lat[c], g.lon[c]))
        for key, cands in groups.items():
            if key not in ambiguous:
                continue  # names that read unambiguously speak through the context counts
            prior = [10 ** (COLOC_EXP * self._base(c)) for c in cands]
            total = sum(prior)
            for c, p in zip(cands, prior):
                p /= total
                if g.country[c]:
                    add(by_country, g.country[c], key, p)
                if g.fcode[c] in AREAL and g.fcode[c] != "ADM1":
                    continue
                add(by_admin, (g.country[c], g.admin1[c]), key, p)
                if g.fcode[c] != "ADM1" and self._placed(c):
                    add(by_cell, (int(g.lat[c] // 1), int(g.lon[c] // 1)), key, p)

        memo: dict[tuple[int, str], float] = {}  # both resolution passes ask the same

        def bonus(c: int, key: str) -> float:
            got = memo.get((c, key))
            if got is None:
                got = memo[(c, key)] = fresh(c, key)
            return got

        def fresh(c: int, key: str) -> float:
            f = g.fcode[c]
            if f in AREAL and f not in ("PCLI", "ADM1") or f not in AREAL and key in regional:
                return 0.0  # continents and seas sit near nothing; towns named like states lose
            if f == "PCLI":
                got = dict(by_country.get(g.country[c], {}))
            else:
                got = dict(by_admin.get((g.country[c], g.admin1[c]), {}))
            if f not in AREAL and self._placed(c):
                y, x = int(g.lat[c] // 1), int(g.lon[c] // 1)
                near: dict[str, float] = {}
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        for k, p in by_cell.get((y + dy, x + dx), {}).items():
                            near[k] = near.get(k, 0.0) + p
                for k, p in near.items():
                    got[k] = max(got.get(k, 0.0), p)
            got.pop(key, None)
            out = COLOC_WEIGHT * min(sum(got.values()), COLOC_CAP)
            if f not in AREAL and self._placed(c):
                # Whatever their priors, two names that both have a sense within PAIR_KM of
                # each other are unlikely to by chance: a name with n senses has one near a
                # given point with odds about n * PAIR_CHANCE, against PAIR_LOCAL when the
                # article is about that place. Each such name adds its log-likelihood ratio,
                # in the population prior's units (log10), capped ("New London" and
                # "Winfield", small towns of south-east Iowa, outweigh Connecticut's).
                y, x = int(g.lat[c] // 1), int(g.lon[c] // 1)
                seen: set[str] = set()
                la, lo = g.lat[c], g.lon[c]
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        for k, pts in any_cell.get((y + dy, x + dx), {}).items():
                            # a point farther in latitude alone is farther in all (cheap first)
                            if k != key and k not in seen and any(
                                    abs(a - la) <= PAIR_DEG and haversine_km(la, lo, a, b) <= PAIR_KM for a, b in pts):
                                seen.add(k)
                out += min(sum(pair_lr[k] for k in seen), PAIR_CAP)
            return out
        return bonus

    def _placed(self, c: int) -> bool:
        """False for a county the gazetteer knows only by its state (build.py found no towns
        for it, so it has no population and sits at the state's centroid): its point says
        nothing about where it is."""
        return self.g.fcode[c] != "ADM2" or self.g.pop[c] > 0

    def _county_point(self, c: int, anchors: list[tuple[str, int]]) -> tuple[float, float] | None:
        """Where a county (known only by its state) lies: the medoid of the article's towns in
        the same state, which local news names around it; None keeps the state centroid."""
        g = self.g
        pts = [(g.lat[a], g.lon[a]) for _, a in anchors
               if (g.country[a], g.admin1[a]) == (g.country[c], g.admin1[c])]
        if not pts:
            return None
        return min(pts, key=lambda p: sum(haversine_km(*p, *q) for q in pts))

    # -- roles ----------------------------------------------------------------------------
    def _role(self, text: str, m: _Match, c: int | None) -> str:
        if self.lex.cues["facility_after"].match(text[m.end:m.end + 60]):
            return "street"  # "Bat Galim Square", "Haifa Street": named after the town, not in it
        line = text.rfind("\n", 0, m.start) + 1
        head = text[line:m.start]
        if (not head.strip() or head.strip().isupper()) and self.lex.cues["dateline_after"].match(
                text[m.end:m.end + 60]):
            return "dateline"
        if c is None:
            return "demonym"
        if m.key in self._shared:
            return "shared"
        if (self.g.fcode[c] == "PCLI" and _COUNTRY_CODE.fullmatch(text, m.start, m.end)
                and _MODIFIES.match(text, m.end) and not self.lex.cues["before"].search(text[max(0, m.start - 25):m.start])):
            return "demonym"  # "US drone strike", "UK troops": whose, not where
        if self.g.fcode[c] == "PPLC":
            left = text[max(0, m.start - 40):m.start]
            if re.search(r"\b(?:in|at|near|outside|inside)\s+$", left, re.IGNORECASE):
                return "place"
            if self.lex.cues["metonymy_before"].search(left) or self.lex.cues["metonymy_after"].match(
                    text[m.end:m.end + 40]):
                return "metonymy"
            if _ATTRIBUTION_TAIL.search(left) and _LINE_END.match(text, m.end):
                # "Indian firing kills Pakistani soldier: Islamabad": a headline's closing
                # attribution names who says so (the government), not where it happened
                return "metonymy"
        return "place"

    # -- public ---------------------------------------------------------------------------
    def geoparse(self, text: str, *, skip_spans: list[tuple[int, int]] = (),
                 context_countries: list[str] = (), actors: Counter | None = None) -> list[Toponym]:
        """Toponyms in `text`, offsets into it; `skip_spans` are spans already read as actors
        (or dateline/furniture spans the caller wants left alone). `actors`: what
        `actor_countries(text)` gives, when the caller scanned for it already (the pipeline
        needs it again for the article's countries)."""
        if actors is None:
            actors = self.actor_countries(text)
        toks = self._tokens(text)
        title_lines = self._title_lines(text, toks)
        lower_words = {w for _, _, w in toks if w.islower()}
        skip = list(skip_spans) + [x.span() for x in self.lex.nonplaces.finditer(text)] \
            + [x.span() for x in self.lex.cues["dedication"].finditer(text)]
        raw = self._spans(text, toks, skip)
        surnames = self._surnames(text, toks, raw, title_lines)
        matches = [m for m in raw if self._keep(text, toks, m, lower_words, title_lines, surnames)]
        listed = set()  # starts of names in a list a plural admin word closes
        for m in matches if _PLURAL_ADMIN.search(text) else ():
            plural = _ADMIN_LIST_AFTER.match(text, m.end)
            if plural:
                listed.add(m.start)
            if plural and plural.group(1) in ("counties", "parishes"):
                # "Camden and Charlton counties": each is "X County", named without the word
                word = "Parish" if plural.group(1) == "parishes" else "County"
                extra = self.g.index.get(fold(f"{text[m.start:m.end]} {word}"), ())
                m.cands = m.cands + tuple(c for c in extra if c not in m.cands)
        # a name that only ever heads a street or building ("Washington Drive") says nothing of
        # where the article is: it is resolved, but lends no context to the other names
        named_for = self._named_for(text, matches)
        ctx = self._context([m for m in matches if m.key not in named_for],
                            list(context_countries) + list(actors.elements()))
        senses = self._senses(text, matches, ctx, named_for, listed)
        anchors = [(k, c) for k, (c, _, _) in senses.items() if c is not None and self.g.fcode[c] not in AREAL
                   and self._placed(c)]
        # "Osceola County ... in Osceola": the bare name, in an article that names the county,
        # is that county (or its namesake seat, which lies in it), not a town elsewhere
        suffix = fold("x county")[1:]  # as folded: " cunty"
        counties = {k[:-len(suffix)]: v for k, v in senses.items()
                    if k.endswith(suffix) and v[0] is not None and v[2] and self.g.fcode[v[0]] == "ADM2"}
        out, senses_of = [], []
        for m in matches:
            c, score, ok = senses.get(m.key, (None, 0.9, True))
            county = counties.get(m.key)
            if county and (c is None or not ok or self.g.fcode[c] not in STRONG) and (
                    c is None or (self.g.country[c], self.g.admin1[c]) != (self.g.country[county[0]],
                                                                          self.g.admin1[county[0]])):
                c, score, ok = county
            if c is not None and not ok:
                if m.demonym is None:
                    continue
                c = None
            if c is not None and m.demonym is not None and _BEFORE_NOUN.match(text, m.end) and (
                    not self.lex.cues["before"].search(text[max(0, m.start - 25):m.start])
                    or _A_COMPASS_BEFORE.search(text, max(0, m.start - 25), m.start)
                    or self._nation_of_the_text(m, c, senses)):
                # "Somali troops": the nationality, not Ethiopia's Somali region; after a
                # preposition too ("at Somali military base") when the text is about Somalia
                # and names nothing else in Ethiopia
                c = None
            role = self._role(text, m, c)
            e = m.demonym if c is None else c
            point = self._county_point(c, anchors) if c is not None and not self._placed(c) else None
            if role == "street" and c is not None:
                e = self._facility_host(text, m, matches, senses) or e
            top = self._toponym(text, m.start, m.end, e, role, score, point)
            if c is not None and c not in m.cands:
                top.stand_in = True
            out.append(top)
            senses_of.append(c)
        out = self._lone_namesakes(out, senses_of, actors)
        return self._parts_of_places(text, out)

    def _lone_namesakes(self, tops: list[Toponym], senses: list[int | None], actors: Counter) -> list[Toponym]:
        """One sense per discourse: a town abroad that nothing else in the text vouches for
        (no other place, nationality or party of its country), in a text that names another
        country at least twice, is a namesake of a place the gazetteer lacks or a word that
        is no place, when the text does not even call it by its own name: "Kuki-Zo groups" in a
        Manipur report are not Kukichuo, Japan; "Kech" in Balochistan is not Ketsch, Germany, nor
        "Bolan" Antigua's Bolands. A town called by its name stays ("the forum in Davos"), and so
        do cities of LONE_CITY_POP and more, which news names abroad ("two soldiers killed in
        shelling in Jammu" in a report of Pakistani losses). Its own name is its name as spelled:
        "Yaroun", a Lebanese village the gazetteer lacks, only folds like Ukraine's Yarun."""
        support = Counter(actors)
        for t in tops:
            if t.country:
                support[t.country] += 1
        drop = set()
        for i, (t, c) in enumerate(zip(tops, senses)):
            if t.role != "place" or c is None or not t.country or self.g.fcode[c] in AREAL \
                    or self.g.pop[c] >= LONE_CITY_POP or _spelling(self.g.name[c]) == _spelling(t.text):
                continue  # a town called by its own name may be named alone ("the forum in Davos")
            # (a small capital too is a namesake when called by another of its names: "the
            # Complexo da Maré" in a Rio report is not Malé)
            own = sum(1 for u in tops if u.country == t.country and u.geonameid == t.geonameid)
            others = support - Counter({t.country: own})
            if not others[t.country] and others and max(others.values()) >= 2:
                drop.add(i)
        return [t for i, t in enumerate(tops) if i not in drop] if drop else tops

    def _parts_of_places(self, text: str, tops: list[Toponym]) -> list[Toponym]:
        """A name told as part of a place ("Nairobi's Central Business District", "the Old
        City of Jerusalem") lies in that place: a sense of it in another country is a namesake
        elsewhere (a "Central Business District" in Saskatchewan), so it is left out and the
        owner places what happens there."""
        places = [t for t in tops if t.role == "place" and t.country]
        if len(places) < 2:
            return tops
        drop = set()
        for y in places:
            for x in places:
                if x is y or x.country == y.country or y.feature in AREAL:
                    continue
                if _OWNER_BETWEEN.fullmatch(text, x.end, y.start) or _PART_OF_BETWEEN.fullmatch(text, y.end, x.start):
                    drop.add(id(y))
        return [t for t in tops if id(t) not in drop] if drop else tops

    def _nation_of_the_text(self, m: _Match, c: int, senses: dict) -> bool:
        """The demonym's country is among the other places the text names, the place
        reading's country is not."""
        others = {self.g.country[v[0]] for k, v in senses.items() if k != m.key and v[0] is not None}
        return self.g.country[m.demonym] in others and self.g.country[c] not in others

    def _facility_host(self, text: str, m: _Match, matches: list[_Match], senses: dict) -> int | None:
        """Where a street, square or building named after a place lies when the text says so
        ("Collins Avenue in Miami Beach", "Bat Galim Square of Haifa"): not in the place it
        is named after (Collins, Mississippi; Bath for Bat Galim). None when the text does not
        say: a local paper's "Columbus Government Center" is in its own Columbus."""
        facility = self.lex.cues["facility_after"].match(text[m.end:m.end + 60])
        if facility:
            q = _FACILITY_HOST.match(text, m.end + facility.end())
            host = q and next((x for x in matches if x.start == q.end()), None)
            c = host and senses.get(host.key, (None, 0, False))
            if c and c[0] is not None and c[2] and host.key != m.key:
                return c[0]
        return None

    def _named_for(self, text: str, matches: list[_Match]) -> set[str]:
        """Names every mention of which leads a street's or building's name ("Washington Drive")."""
        out: dict[str, bool] = {}
        for m in matches if _ROAD_WORD.search(text) else ():
            out[m.key] = out.get(m.key, True) and bool(_ROAD_AFTER.match(text, m.end))
        return {k for k, v in out.items() if v}

    def _senses(self, text: str, matches: list[_Match], ctx: _Context,
                named_for: set[str] = frozenset(), listed: set[int] = frozenset(),
                ) -> dict[str, tuple[int | None, float, bool]]:
        """One sense per name per article, resolved twice: first from names and qualifiers,
        then again with the first pass's places as spatial context."""
        by_start = {m.start: m for m in matches}
        groups: dict[str, list[_Match]] = {}
        for m in matches:
            if m.cands and (m.demonym is None or max(self.g.pop[x] for x in m.cands) >= 100_000):
                groups.setdefault(m.key, []).append(m)
        evidence = {}
        arabic = bool(_ARTICLE_ANY.search(text))
        for key, ms in groups.items():
            qual = next((q for q in (self._qualifier(text, m, by_start) for m in ms) if q), None)
            cue = any(self.lex.cues["before"].search(text[max(0, m.start - 25):m.start]) for m in ms)
            admin_after = any(self.lex.cues["admin_after"].match(text[m.end:m.end + 20])
                              or m.start in listed
                              or _PAREN_CLOSE.match(text, m.end)
                              and _PAREN_LAST.search(text, max(0, m.start - 80), m.start) for m in ms)
            owned = qual is not None and any(self._owner(text, m, by_start) is qual or self._town_of(text, m, qual)
                                             for m in ms)
            bracket = qual is not None and any(self._bracketed(text, m, by_start) is qual for m in ms)
            town_after = any(self.lex.cues["town_after"].match(text[m.end:m.end + 40])
                             or self.lex.cues["town_before"].search(text[max(0, m.start - 30):m.start]) for m in ms)
            article = arabic and any(_ARTICLE_BEFORE.search(text, max(0, m.start - 4), m.start) for m in ms)
            # "Kech district of Balochistan": an admin word between the name and its region
            admin_of = qual is not None and any(_ADMIN_OF.fullmatch(text, m.end, qual.start) for m in ms)
            evidence[key] = (ms[0], *ctx.without(key), qual, cue, admin_after, owned, bracket, town_after, article,
                             admin_of)
        coloc = self._colocation({key: ms[0].cands for key, ms in groups.items() if key not in named_for},
                                 {key for key, ms in groups.items() if self._evidence(ms[0]) == (None, None)})
        first = {key: self._resolve(*ev, near=lambda c, k=key: coloc(c, k)) for key, ev in evidence.items()}
        # a national capital is named for its government ("Washington said") wherever the story
        # is: a town near it is not therefore the one meant (Cambridge, Maryland)
        anchors = [(k, c) for k, (c, _, ok) in first.items()
                   if c is not None and ok and k not in named_for and self.g.fcode[c] != "PPLC"
                   and self.g.fcode[c] not in AREAL and self._placed(c)]
        if not anchors:
            return first
        out = {}
        for key, ev in evidence.items():
            if len(ev[0].cands) == 1:
                out[key] = first[key]
                continue
            near = self._nearness(anchors, key)
            out[key] = self._resolve(*ev, near=lambda c, k=key, near=near: near(c) + coloc(c, k))
        return out

    def _title_lines(self, text: str, toks) -> set[int]:
        """Starts of lines written in Title Case (headlines), where capitals say nothing."""
        per_line: dict[int, list[bool]] = {}
        for s, _, w in toks:
            if w.lower() in _CONNECTORS or w.lower() in {"a", "an", "in", "to", "for", "at", "on", "with"}:
                continue
            per_line.setdefault(text.rfind("\n", 0, s) + 1, []).append(_is_cap(w))
        return {k for k, v in per_line.items() if len(v) >= 3 and sum(v) / len(v) > 0.75}

    def _toponym(self, text: str, start: int, end: int, e: int, role: str, score: float,
                 point: tuple[float, float] | None = None) -> Toponym:
        g = self.g
        lat, lon = point or (g.lat[e], g.lon[e])
        return Toponym(start=start, end=end, text=text[start:end], name=g.name[e], geonameid=g.geonameid(e),
                       country=g.country[e], admin1=g.admin1_name(e), admin1_code=g.admin1[e], lat=lat,
                       lon=lon, feature=g.fcode[e], role=role, score=score)

    def lookup(self, name: str, country: str | None = None) -> Toponym | None:
        """Best gazetteer entry for a bare name, preferring `country` (ISO-3) when given."""
        key = fold(name)
        cands = self.g.index.get(key, ())
        if not cands and key in self.g.demonyms:
            return self._toponym(name, 0, len(name), self.g.demonyms[key], "demonym", 0.9)
        if not cands:
            return None
        ctx = Counter([country] * 3 if country else [])
        # the caller knows the country: a place of that name there, if there is one
        cands = tuple(c for c in cands if self.g.country[c] == country) or cands if country else cands
        m = _Match(0, len(name), 0, 0, key, cands, spelled=_spelling(name))
        c, score, _ = self._resolve(m, ctx, Counter(), None, False, False)
        return self._toponym(name, 0, len(name), c, "place", score)

    def is_demonym(self, word: str) -> bool:
        """A nationality word that names no place ("Indian", not "Karachi" or "Waziristan")."""
        key = fold(word)
        return key in self.g.demonyms and not self.g.index.get(key)

    def actor_countries(self, text: str) -> Counter:
        """Countries implied by armed groups and forces named in `text` (actor_countries.tsv):
        one vote per group, however often it is named."""
        # a substring test first: a regex led by \b scans the whole text, and most texts
        # name none of these groups; each distinct head is looked for once
        starts = set(_WORD_HEADS.findall(text))
        hit = {i for head in starts.intersection(self._actor_heads) for i in self._actor_heads[head]}
        actors = self.lex.actors
        return Counter(actors[i][1] for i in sorted(hit | self._actor_always) if actors[i][0].search(text))

    def admin1_toponym(self, country: str, code: str) -> Toponym | None:
        """The gazetteer entry of an admin1 region (ISO-3, GeoNames admin1 code), with no span."""
        e = self.g.admin1_entry.get((country, code))
        return None if e is None else self._toponym(self.g.name[e], 0, 0, e, "place", 1.0)

    def country_toponym(self, country: str) -> Toponym | None:
        """The gazetteer entry of a country (ISO-3), as a toponym with no span."""
        e = self.g.country_entry.get(country)
        return None if e is None else self._toponym(self.g.name[e], 0, 0, e, "place", 1.0)

    def capital_toponym(self, country: str) -> Toponym | None:
        """The gazetteer entry of a country's capital (ISO-3), as a toponym with no span."""
        e = self.g.capital.get(country)
        return None if e is None else self._toponym(self.g.name[e], 0, 0, e, "place", 1.0)

    def to_location(self, t: Toponym, precision: int | None = None) -> Location:
        """A model Location; precision defaults by feature (town 1, region or country 3)."""
        if precision is None:
            precision = 1 if (t.feature or "").startswith("PPL") else 3
        return Location(text=t.text, name=t.name, country=t.country, admin1=t.admin1, lat=t.lat,
                        lon=t.lon, geonameid=t.geonameid, feature=t.feature, geo_precision=precision,
                        start=t.start, end=t.end)


def geoparse_document(article: Article, geoparser: Geoparser) -> dict:
    """One `eventwire geoparse` JSON line for an article."""
    tops = geoparser.geoparse(article.text)
    return {"id": article.id, "toponyms": [t.model_dump() for t in tops]}
