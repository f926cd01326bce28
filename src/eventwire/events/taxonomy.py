"""CAMEO / PLOVER / Goldstein lookups and the ACLED and UCDP classification rules.

All domain knowledge lives in ``eventwire/data/taxonomy/*.tsv`` (see DATA_SOURCES.md);
this module only reads those tables and applies their rules in order.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Iterable

from pydantic import BaseModel

from eventwire.model import Actor

VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT"})


class EventType(BaseModel):
    """An event type read off a trigger: PLOVER type and mode, CAMEO code, Goldstein weight."""

    type: str
    mode: str | None = None
    cameo: str
    goldstein: float
    trigger: str  # lemma or phrase matched
    score: float = 1.0


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV table; lines starting with '#' are provenance comments."""
    path = resources.files("eventwire") / "data" / "taxonomy" / name
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _alts(field: str) -> frozenset[str]:
    return frozenset(a.strip() for a in field.split("|") if a.strip())


class _Rule:
    """One row of acled_map.tsv / ucdp_map.tsv, compiled for matching."""

    def __init__(self, row: dict[str, str]):
        self.types = _alts(row.get("type", ""))
        self.modes = _alts(row.get("mode", ""))
        self.cameo = _alts(row.get("cameo", ""))
        self.cues = _alts(row.get("cues", "").lower())
        # a cue is met by the phrase itself or by all its words; one set test covers the
        # cues of one word (most of them: this test runs for every rule and every event)
        self._cue_single = frozenset(c for c in self.cues if " " not in c)
        self._cue_words = tuple((c, tuple(c.split())) for c in self.cues if " " in c)
        # a phrase cue is met only if the phrase or its first word is among the cues
        self._cue_leads = frozenset(x for c, ws in self._cue_words for x in (c, ws[0]))
        self.actor1 = _alts(row.get("actor1", ""))
        self.actor2 = _alts(row.get("actor2", ""))
        self.row = row

    @property
    def specific(self) -> bool:
        """Decided by more than the event type: a cue word, a mode, a code or the actors."""
        return bool(self.modes or self.cameo or self.cues or self.actor1 or self.actor2)

    def matches(self, type_, mode, cameo, cues: set[str], cls1, cls2) -> bool:
        if self.types and type_ not in self.types:
            return False
        if self.modes and mode not in self.modes:
            return False
        if self.cameo and not (cameo and any(cameo.startswith(c) for c in self.cameo)):
            return False
        if self.cues and self._cue_single.isdisjoint(cues) and (self._cue_leads.isdisjoint(cues) or not any(
                c in cues or all(w in cues for w in ws) for c, ws in self._cue_words)):
            return False
        return _actor_ok(self.actor1, cls1) and _actor_ok(self.actor2, cls2)


def _actor_ok(wanted: frozenset[str], classes: frozenset[str]) -> bool:
    return not wanted or bool(wanted & classes)


class Taxonomy:
    """CAMEO codebook plus ACLED/UCDP mappings. Use ``Taxonomy.load()`` (cached)."""

    def __init__(self, cameo_rows, acled_rows, ucdp_rows, class_rows, frame_rows=()):
        self._cameo = {r["code"]: r for r in cameo_rows}
        self._frames = {(r["frame"], r["root"]): r["cameo"] for r in frame_rows}
        self._acled = [_Rule(r) for r in acled_rows]
        # the rows that can match each event type, in table order (a row with no type matches all)
        self._acled_by_type: dict[str, list[_Rule]] = {}
        for t in {t for r in self._acled for t in r.types}:
            self._acled_by_type[t] = [r for r in self._acled if not r.types or t in r.types]
        self._acled_any = [r for r in self._acled if not r.types]
        self._ucdp = [_Rule(r) for r in ucdp_rows]
        self._classes = {r["key"]: frozenset(r["classes"].split()) for r in class_rows}

    @classmethod
    def load(cls) -> "Taxonomy":
        return _load_taxonomy()

    # ------------------------------------------------------------------ CAMEO
    def codes(self) -> Iterable[str]:
        return self._cameo.keys()

    def cameo(self, code: str) -> dict:
        """name, goldstein, quad, plover type/mode/context for a CAMEO code (KeyError if unknown)."""
        r = self._cameo[code]
        return {
            "code": code,
            "name": r["name"],
            "goldstein": float(r["goldstein"]),
            "quad": int(r["quad"]),
            "plover_type": r["plover_type"] or None,
            "plover_mode": r["plover_mode"] or None,
            "plover_context": r["plover_context"] or None,
            "armed_clash_type": r["armed_clash_type"] or None,
            "legacy_type": r["legacy_type"] or None,
        }

    def framed(self, frame: str | None, cameo: str | None) -> str | None:
        """The CAMEO code of an act framed as intended, demanded or refused ("will give aid"
        is 033, an intent to aid; "must release" 105, a demand; "will not accept" 12x); None
        when the frame leaves the code as it is."""
        if not frame or not cameo:
            return None
        return self._frames.get((frame, cameo[:2]))

    def actor_classes(self, actor: Actor | None) -> frozenset[str]:
        """Coarse classes (STATE, NONSTATE, ARMED, CIVILIAN...) of an actor; {'NONE'} if absent."""
        if actor is None:
            return frozenset({"NONE"})
        out: set[str] = set()
        if actor.sector:
            out |= self._classes.get(actor.sector.upper()[:3], frozenset())
            out |= self._classes.get(actor.sector.upper(), frozenset())
            out.add(actor.sector.upper())
        if actor.inter:
            out |= self._classes.get(f"inter:{actor.inter}", frozenset())
        if not out and actor.country:
            out |= {"STATE"}  # a bare country ("Pakistan") stands for its government
        return frozenset(out or {"UNKNOWN"})

    def event_type(self, cameo: str, actor1: Actor | None = None,
                   actor2: Actor | None = None) -> tuple[str | None, str | None]:
        """PLOVER (type, mode) for a CAMEO code given the actors.

        CAMEO 19x fights become FIGHT when both sides are organised armed actors, the
        convention of the PLOVER gold records; otherwise the CAMEO2PLOVER type stands.
        """
        info = self.cameo(cameo)
        if info["armed_clash_type"] and "ARMED" in self.actor_classes(actor1) \
                and "ARMED" in self.actor_classes(actor2):
            return info["armed_clash_type"], info["plover_mode"]
        return info["plover_type"], info["plover_mode"]

    # ------------------------------------------------------------------ ACLED / UCDP
    def acled(self, type: str, mode: str | None, cameo: str | None, actor1: Actor | None,
              actor2: Actor | None, cues: set[str] = frozenset()) -> tuple[str | None, str | None]:
        """ACLED (event type, sub-event type); (None, None) for events ACLED does not code.

        ``cues`` are lower-cased words or lemmas from the event's sentences ("shelling",
        "tear gas"); a multiword cue matches when it is one element of ``cues`` or all its
        words are.
        """
        return self.acled_codes(self.acled_rule(type, mode, cameo, actor1, actor2, cues))

    @staticmethod
    def acled_codes(rule: "_Rule | None") -> tuple[str | None, str | None]:
        """(event type, sub-event type) of an acled_map.tsv row found by `acled_rule`."""
        if rule is None:
            return None, None
        return rule.row["event_type"] or None, rule.row["sub_event_type"] or None

    def acled_rule(self, type: str, mode: str | None, cameo: str | None, actor1: Actor | None,
                   actor2: Actor | None, cues: set[str] = frozenset()) -> "_Rule | None":
        """The acled_map.tsv row that codes the event (its ``specific`` flag says whether
        words, a mode or actors decided it, or only the event type); None if no row."""
        words = {c.lower() for c in cues}
        cls1, cls2 = self.actor_classes(actor1), self.actor_classes(actor2)
        for rule in self._acled_by_type.get(type, self._acled_any):
            if rule.matches(type, mode, cameo, words, cls1, cls2):
                return rule
        return None

    def ucdp(self, type: str, actor1: Actor | None, actor2: Actor | None,
             cues: set[str] = frozenset()) -> int | None:
        """UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided; None if not violent.

        ``cues`` are lower-cased words of the event's sentences and victims:* markers (see
        ucdp_map.tsv): who died and where says whether an unnamed hand attacked the state,
        a rival group or civilians."""
        if type not in VIOLENT_TYPES:
            return None
        cls1, cls2 = self.actor_classes(actor1), self.actor_classes(actor2)
        words = {c.lower() for c in cues}
        for rule in self._ucdp:
            if rule.matches(type, None, None, words, cls1, cls2):
                return int(rule.row["type_of_violence"])
        return None


@lru_cache(maxsize=1)
def _load_taxonomy() -> Taxonomy:
    return Taxonomy(read_table("cameo.tsv"), read_table("acled_map.tsv"),
                    read_table("ucdp_map.tsv"), read_table("actor_classes.tsv"),
                    read_table("frames.tsv"))
