"""To whom: the token that names the target of an event. The undergoer of a harm verb read as
passive ("Seven troops killed"), the object behind a collective or event object ("a series
of strikes on X"), the indirect object, recipient or governed clause ("aid to Mozambique",
"demanded that the US cancel ..."), and a country acted upon where it is named only as the
place ("lifted a curfew in Montenegro").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.naming import resolve_token
from eventwire.events.roles.sources import HARM_VERBS, _shared_passive, _stative
from eventwire.events.roles.syntax import _child, _help_phrase, _prep_object
from eventwire.model import Actor
from eventwire.parse import ent_type
from eventwire.resources import lexicon

_LEX = lexicon("roles")
TARGET_PREPS = set(_LEX["target_preps"])
UNDERGOER_VERBS = set(_LEX["undergoer_verbs"])
CONDITION_MARKS = set(_LEX["condition_marks"])
AIMED_VERBS = {"shoot", "fire"}  # intransitive with "at X": "troops fired at the crowd"
PLACE_TARGET_PREPS = {"in", "inside", "across", "within"}
_DWELLINGS = frozenset(_LEX["dwelling_nouns"])
_RECIPIENT_PREPS = TARGET_PREPS | {"for", "from", "by", "over"}


def undergoer(verb: Token) -> Token | None:
    """Who a harm verb happened to when the clause reads as passive: the passive subject,
    the noun a participle modifies ("four civilians killed by ..."), the subject of a
    headline participle with no object ("Seven troops killed", "Woman said killed") or
    of "die". None for an active clause."""
    passive = _child(verb, "nsubjpass")
    if passive is not None:
        return None if _stative(verb) else passive
    if _shared_passive(verb):
        return _child(verb.head, "nsubjpass")  # "was detained in Dushanbe and charged with ..."
    lemma = verb.lemma_.lower()
    if lemma in UNDERGOER_VERBS:
        return _child(verb, "nsubj")
    if lemma not in HARM_VERBS or _child(verb, "dobj", "aux") is not None or counted_object(verb) is not None:
        return None
    if lemma in AIMED_VERBS and _prep_object(verb, {"at", "on"}) is not None:
        return None  # "police shot at protesters": active, aimed at
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return verb.head
    subj = _child(verb, "nsubj")
    if subj is not None and verb.tag_ in ("VBN", "VBD"):
        return subj
    if subj is None and verb.dep_ == "xcomp" and verb.tag_ == "VBN":
        return _child(verb.head, "nsubj", "nsubjpass")
    return None


def counted_object(verb: Token) -> Token | None:
    """The object of "kidnapped up to 16 advisers", which the parser hangs on "up" as a
    particle with "to" as its preposition: an object all the same, so the clause is active."""
    for c in verb.children:
        if c.dep_ == "prt" and c.lower_ == "up" and c.i == verb.i + 1:
            obj = _prep_object(c, {"to"})
            if obj is not None and (obj.like_num or any(n.dep_ == "nummod" for n in obj.children)):
                return obj
    return None


def _object_fallback(verb: Token) -> Token | None:
    """A bare noun after the verb that the parser did not call an object: "kills Pakistani boy"."""
    for c in verb.children:
        if c.dep_ in ("npadvmod", "oprd") and c.i > verb.i and c.pos_ in ("NOUN", "PROPN") \
                and ent_type(c) not in ("DATE", "TIME"):
            return c
    return None


_LOCATIVE_PREPS = PLACE_TARGET_PREPS | {"at", "near", "on"}


def _struck_place(tok: Token, target: Actor, source: Actor | None, ctx: RoleContext) -> bool:
    """The target of an attack is only a thing placed in a country: "bombs tore through a
    market in north Pakistan", where the attack harmed people, not the Pakistani state.
    As with `_place_target`, a foreign attacker does strike that state: "a Turkish air strike
    on a camp in northern Iraq"."""
    if tok.lemma_.lower() in _DWELLINGS and _located_thing(tok, ctx):
        return True  # "bombed a house in Khost province": the people who live there, not the state
    if source is not None and source.country and source.country != target.country:
        return False
    return _located_thing(tok, ctx)


def _located_thing(tok: Token, ctx: RoleContext) -> bool:
    """The phrase names a thing that no party owns, placed by a country or place in a
    locative phrase: "a busy market in north Pakistan", "crowds at a bus stop in Kabul"."""
    where = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in _LOCATIVE_PREPS and c.i > tok.i), None)
    if where is None:
        return False
    # what comes before the place may still name whose thing it is: "positions of the
    # Palestinian security forces near Rafah"
    return ctx.resolver.resolve_span(tok.doc[tok.left_edge.i:where.i], offset=ctx.offset) is None


def _place_target(verb: Token, obj: Token | None, source: Actor | None, ctx: RoleContext, *,
                  harm: bool = False) -> Token | None:
    """A country acted upon where it is named only as the place: "lifted a curfew in
    Montenegro", "sought refuge in Germany", "Indian troops shelled villages in Pakistan's
    Kashmir". Never the source's own country (that is where it acts at home), and never a
    city, the capital included ("thousands marched in Paris" do not act on the French state).
    An attack (`harm`) strikes the state of the place only when a foreign source is named:
    "Blast kills 15 in Pakistan", "militants blow themselves up in Pakistan's Quetta" harm
    people there, not the Pakistani state."""
    if harm and (source is None or not source.country):
        return None
    for head in (verb, obj):
        if head is None:
            continue
        pobj = _prep_object(head, PLACE_TARGET_PREPS)
        if pobj is None:
            continue
        node = _child(pobj, "poss") if _child(pobj, "poss") is not None and not ctx.resolver.is_place_name(pobj.text) else pobj
        if not ctx.resolver.is_country_name(_name_text(node)):
            continue  # a capital named as the place is a city ("marched in Paris"), not its state
        found = resolve_token(node, ctx)
        if found is not None and found.country and (source is None or source.country != found.country):
            return node
    return None


def _name_text(tok: Token) -> str:
    """A proper name with the words compounded before its head: "Sri Lanka", "the Solomon
    Islands" (whose head alone, "Islands", names nothing)."""
    left = tok.i
    while left > 0 and tok.doc[left - 1].dep_ in ("compound", "flat") and tok.doc[left - 1].head.i in range(left, tok.i + 1) \
            and tok.doc[left - 1].pos_ == "PROPN":
        left -= 1
    return tok.doc[left:tok.i + 1].text


def _wider_targets(verb: Token, depth: int = 2) -> list[Token]:
    """Where else a verb event names its target, nearest first: the indirect object ("give
    Tanzania a grant"), the recipient of an object noun ("aid to Mozambique", "an appeal
    from the president"), and the governed clause: "offered to hand over to Britain",
    "demanded that the US cancel ..." (its subject)."""
    out: list[Token] = []
    out += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")]
    for c in verb.children:
        if c.dep_ == "dative" and c.pos_ == "ADP":
            out += [p for p in c.children if p.dep_ == "pobj"]
        if c.dep_ in ("dobj", "attr"):
            out += _recipients(c)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
            out += [p for o in c.children if o.dep_ == "pobj" for p in _recipients(o)]
    if depth:
        for c in verb.children:
            if c.dep_ == "ccomp" or c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                # "demanded that the US cancel ..."; "threatened to strike unless Israel withdrew"
                out += [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
            purpose = c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            if (c.dep_ in ("xcomp", "ccomp") or purpose) and c.pos_ in ("VERB", "AUX"):  # "... to allow aid to X"
                sub = [x for x in (_child(c, "dobj"), _prep_object(c, _RECIPIENT_PREPS)) if x is not None]
                out += sub + _wider_targets(c, depth - 1)
    return out


def _recipients(noun: Token) -> list[Token]:
    """Who an event noun is for or from: "aid for Romania", "calls by Kofi Annan"."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS
            for p in c.children if p.dep_ == "pobj" and not _help_phrase(c, p)]


def _deep_target(noun: Token) -> Token | None:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            p = _child(c, "pobj")
            if p is not None:
                return _prep_object(p, TARGET_PREPS)
        if c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike"):
            return _child(c, "dobj")
    return None
