"""Countries settled between the two roles once both are found. Parties that act only at home
(courts, opposition, protesters) take the country of the state or home party they face;
fire across a contested line (the LoC) comes from the state on the other side, which is
implied when the sentence does not name it.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.naming import OFFICE_NOUNS
from eventwire.events.roles.syntax import doc_words
from eventwire.model import Actor
from eventwire.parse import doc_text
from eventwire.resources import lexicon

_LEX = lexicon("roles")
HOME_SECTORS = set(_LEX["home_sectors"])
HOME_STATE = set(_LEX["home_state_sectors"])
INSURGENT_SECTORS = {"REB", "INS", "SEP"}
CONTESTED_LINES = {k.lower(): v for k, v in _LEX["contested_lines"].items() if not k.startswith("_")}
BORDER_WORDS = set(_LEX["border_words"])
SIDED_PLACES = {k.lower() for k in _LEX["sided_places"]}
_LINE_SIDES = {"GOV", "MIL", "COP", "CVL", "UAF"}
ABROAD_NOUNS = set(_LEX["abroad_nouns"])


def _abroad(actor: Actor) -> bool:
    """An embassy, a consulate, an envoy: a state's presence in another country, whose
    country says nothing of the people around it ("protesters torched the Iranian consulate
    in Najaf" are not Iranian)."""
    return any(w.strip(".,'’").lower() in ABROAD_NOUNS for w in (actor.text or "").split())


def _titled_name(text: str) -> bool:
    """"President Kagame", "Prime Minister Ali Hassan": an office with a person's name, the
    leader rebels rise against (a bare "government" or "police" may be anyone's)."""
    words = [w for w in text.split() if w[:1].isupper()]
    return len(words) >= 2 and words[0].lower() in OFFICE_NOUNS | {"prime", "pm"}


def _home_country(source: Actor | None, target: Actor | None, src_tok, tgt_tok, ctx: RoleContext, harm: bool = False):
    """Parties that only act at home share the country of the other side: a judge probing
    "Chilean officials" is Chilean; "opposition groups in Zimbabwe" make demands of their own
    President; a minister allowing an opposition leader to march is his country's. Armed
    groups cross borders ("Taliban attacks kill police"): only a titled leader they defy
    ("President Gbagbo") takes their country."""
    tok = src_tok if src_tok is not None else tgt_tok
    here = set()  # the countries of the places an attack's sentence names
    if harm and tok is not None:
        lo, hi = ctx.offset, ctx.offset + len(doc_text(tok.doc))
        here = {c for s, e, c in ctx.places if lo <= s and e <= hi}

    def adopt(actor: Actor | None, other: Actor | None) -> Actor | None:
        if actor is None or other is None or actor.country or not other.country or not actor.text or _abroad(other):
            return actor
        if here and other.country not in here:
            return actor  # "an Israeli air strike hit a school in Gaza City": the school is not Israel's
        if actor.sector in HOME_SECTORS and other.sector in HOME_STATE | HOME_SECTORS \
                or actor.sector in HOME_STATE and other.sector in HOME_SECTORS \
                or actor.sector == "GOV" and other.sector in INSURGENT_SECTORS and _titled_name(actor.text):
            return ctx.resolver.relocated(actor, other.country)
        return actor
    return adopt(source, target), adopt(target, source), src_tok, tgt_tok


def _line_pair(tok: Token) -> tuple[str, str, bool] | None:
    """The two states of a contested line the sentence names as the scene of cross-border
    fire ("Indian shelling across the LoC", "firing on the Kashmir border"), the first the
    side the event is on when the place names one ("in Azad Kashmir": sided)."""
    low = doc_text(tok.doc).lower()
    words = doc_words(tok.doc)
    for name, states in CONTESTED_LINES.items():
        at = low.find(name)
        if at >= 0 and (at == 0 or not low[at - 1].isalnum()) and (
                at + len(name) == len(low) or not low[at + len(name)].isalnum()):
            # a place on one side ("Azad Kashmir") says so itself; a shared name needs the border
            if name in SIDED_PLACES:
                return states[0], states[1], True
            return (states[0], states[1], False) if words & BORDER_WORDS else None
    return None


def _across_line(source: Actor | None, target: Actor | None, src_tok, tgt_tok, tok: Token, ctx: RoleContext):
    """Fire across a contested line comes from the other state: "Indian shelling kills woman
    in Kashmir" (the woman is on Pakistan's side), "Pakistani soldier killed in cross-border
    firing on the LoC" (India fired). The unnamed side is implied (no text, no offsets);
    insurgents and protesters are never moved across the line."""
    if (source is None) == (target is None) and not (
            source is not None and target is not None and not target.country):
        return source, target, src_tok, tgt_tok
    found = _line_pair(tok)
    if found is None:
        return source, target, src_tok, tgt_tok
    pair, sided = found[:2], found[2]
    if sided and (source is not None and source.country == pair[0] or target is not None and target.country == pair[1]):
        return source, target, src_tok, tgt_tok  # a state acting on its own side of the line
    def other(country: str | None) -> str | None:
        return pair[1] if country == pair[0] else pair[0] if country == pair[1] else None

    if source is not None and source.country in pair and source.sector in _LINE_SIDES - {"CVL"}:
        far = other(source.country)
        if target is None:
            target = ctx.resolver.implied("GOV", far)
        elif not target.country and target.sector in _LINE_SIDES:
            target = ctx.resolver.relocated(target, far)
    elif source is None and target is not None and target.country in pair and target.sector in _LINE_SIDES:
        source = ctx.resolver.implied("MIL", other(target.country))
    return source, target, src_tok, tgt_tok
