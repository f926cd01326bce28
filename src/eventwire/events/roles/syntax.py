"""Small readings of the dependency parse that every role decision shares: a child by
dependency, the object of a preposition, whether a noun is an act or its means rather than a
party ("attack", "shelling"), whether an act is done to each other ("exchange fire"), the
parties "between" them, demonyms. No role is decided here.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext, is_trigger
from eventwire.events.triggers import sentence_words
from eventwire.resources import lexicon

_LEX = lexicon("roles")
INSTRUMENT_NOUNS = set(_LEX["instrument_nouns"])
UNATTRIBUTED_NOUNS = set(_LEX["unattributed_nouns"])
BETWEEN_PREPS = set(_LEX["between_preps"])
RECIPROCAL = set(_LEX["reciprocal_words"])
HELP_NOUNS = set(_LEX["help_nouns"])


def doc_words(doc) -> frozenset[str]:
    """Every word form and lemma of the sentence, lower-cased: several role rules ask
    whether a sentence speaks of a border or a fight, for each of its triggers. The trigger
    patterns read the same words, gathered once per sentence."""
    return sentence_words(doc)


def _child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def by_agents(verb: Token) -> list[Token]:
    """The nouns of a passive verb's "by" phrase ("was hit by a slump": the slump)."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _eventive(tok: Token) -> bool:
    """A noun for the act or its means rather than for a party: "attack", "blast", "shelling"."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    gerund = tok.tag_ == "VBG" and tok.dep_ in ("pobj", "nsubj", "csubj", "dobj") and low in INSTRUMENT_NOUNS  # "in Indian firing"
    return (tok.pos_ in ("NOUN", "PROPN") or gerund) and (
        is_trigger(tok) or low in INSTRUMENT_NOUNS or lemma in INSTRUMENT_NOUNS
        or low in UNATTRIBUTED_NOUNS or lemma in UNATTRIBUTED_NOUNS)


def _between_parties(noun: Token) -> list[Token]:
    """The parties named after "between"/"among": "clashes between militants and troops"."""
    out: list[Token] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in BETWEEN_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(p)
                    out += [x for x in p.conjuncts if x.i > p.i]
    return out


def _national(tok: Token, ctx: RoleContext, kinds: tuple[str, ...] = ("demonym",), places: bool = False) -> bool:
    """A demonym by the dictionaries ("Indian"), whatever NER says; a country name only where
    asked (before a means of attack, "India firing", not after "in"). The dictionaries file
    some cities and provinces under demonyms ("Karachi", "Waziristan"): a word the gazetteer
    knows as a place and not as a nationality names where, never who ("killed in Karachi");
    `places` keeps them, to ask whether the dictionaries file a word at all."""
    return any(h.kind in kinds and h.start == 0 and h.end == len(tok.text)
               and (places or not (h.kind == "demonym" and _place_word(tok.text)))
               for h in ctx.resolver.find(tok.text))


def _place_word(word: str) -> bool:
    """A name the gazetteer holds as a place and not as a nationality ("Karachi", not
    "Indian"); without a gazetteer, nothing is known to be a place."""
    from eventwire.geo import Geoparser

    geo = Geoparser.loaded()
    # the answer is cached only with a gazetteer: one asked before the gazetteer loads
    # must not keep its "no" once it has
    return geo is not None and _gazetteer_place(geo, word)


@lru_cache(maxsize=4096)
def _gazetteer_place(geo, word: str) -> bool:
    return not geo.is_demonym(word) and geo.lookup(word) is not None


def _prep_object(tok: Token, preps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            obj = _child(c, "pobj") or _stranded_object(c)
            if obj is not None and not _help_phrase(c, obj):
                return obj
    return None


def _help_phrase(prep: Token, obj: Token) -> bool:
    """"with Iranian support", "with the help of Russian jets", "with Albania's help": who
    helps the doer, neither the one acted on nor the doer itself."""
    return prep.lower_ == "with" and (obj.lemma_.lower() in HELP_NOUNS or obj.lower_ in HELP_NOUNS)


def _stranded_object(prep: Token) -> Token | None:
    """The object of a preposition the parser left without one, read as the subject of a
    participle after it: "granted asylum to [five officers] holed up in ...", where
    "officers" hangs on "holed", or "to [four dissidents] sheltering in ...". The noun phrase
    must start right after the preposition."""
    nxt = prep.i + 1
    if any(c.dep_ == "pobj" for c in prep.children):
        return None
    for c in prep.children:
        if c.dep_ == "pcomp":
            # "to [four dissidents] sheltering in ...": the participle's subject
            subj = _child(c, "nsubj")
            return subj if subj is not None and subj.left_edge.i == nxt and subj.pos_ in ("NOUN", "PROPN") else None
    if nxt >= len(prep.doc):
        return None
    for t in prep.doc[nxt:]:
        if t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == nxt and t.pos_ in ("NOUN", "PROPN") \
                and t.head.i > t.i and t.head.tag_ in ("VBN", "VBD", "VBG"):
            return t
        if t.i > nxt + 8:
            break
    return None


def _capitalised(tok: Token) -> bool:
    """Names of peoples, places and organisations are capitalised: a lower-case word needs
    no NER run to be told it is none of them."""
    return tok.text[:1].isupper()


def _reciprocal(tok: Token) -> bool:
    """An act both named parties do to each other: "exchange fire", "clash", "hold talks",
    "began joint exercises"."""
    words = {tok.lemma_.lower(), tok.lower_}
    obj = _child(tok, "dobj")
    if obj is not None:
        words |= {obj.lemma_.lower(), obj.lower_}
        if any(c.dep_ == "amod" and c.lower_ in ("joint", "bilateral", "mutual") for c in obj.children):
            return True
    return bool(words & RECIPROCAL)


def _looks_eventive(tok: Token) -> bool:
    return tok.lemma_.lower() in ("attack", "strike", "airstrike", "assault", "raid", "operation", "missile", "series")
