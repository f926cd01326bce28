"""Who did it: the token that names the source of an event. A verb's subject, inherited
through coordination and participle clauses; the hand inside an event or means noun
(possessor, "by"/"from", a party modifier: "Indian shelling"), never a place before an attack
word ("Karachi blast") or its victim ("school attack"); the attacker of a passive harm verb
("killed by X", "in Indian shelling"); and, when a headline's harm verb holds none, an armed
hand named on a means of attack elsewhere in the sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.naming import REL_PRONOUNS, resolve_token
from eventwire.events.roles.syntax import (
    INSTRUMENT_NOUNS, UNATTRIBUTED_NOUNS, _between_parties, _capitalised, _child, _eventive, _national, _place_word,
    _prep_object, _reciprocal,
)
from eventwire.model import Actor
from eventwire.parse import ent_type
from eventwire.resources import lexicon

_LEX = lexicon("roles")
HARM_VERBS = set(_LEX["harm_verbs"])
# verbs of saying, believing and blaming: their clause has a subject of its own (said, or
# left out: "terrorists they suspect were plotting to launch attacks"; "Drone strike ... kills
# 19, army blames RSF"), never theirs
_REPORTING_HEADS = ("say", "tell", "claim", "report", "confirm", "deny", "suspect", "believe", "think", "fear",
                    "allege", "expect", "blame", "accuse")
_WITNESSING = frozenset(_LEX["witnessing_verbs"])
PLACE_OR_HAND_NOUNS = set(_LEX["place_or_hand_nouns"])
STATEMENT_NOUNS = set(_LEX["statement_nouns"])
STATIVE_PARTICIPLES = set(_LEX["stative_participles"])
ONSLAUGHT_VERBS = set(_LEX["onslaught_verbs"])
PERPETRATION_VERBS = set(_LEX["perpetration_verbs"])
TARGET_SITES = set(_LEX["target_sites"])
GATHERING_NOUNS = set(_LEX["gathering_nouns"])
VIOLENT_NOUNS = INSTRUMENT_NOUNS | UNATTRIBUTED_NOUNS | set(_LEX["violence_nouns"])
PLACE_ENTS = {"GPE", "LOC", "FAC"}

# Who an attack word's modifier names when it is the victim, not the hand: "shrine bombing",
# "school attack", "polio team attack".
VICTIM_SECTORS = {"CVL", "REL", "EDU", "HLH", "LAB", "BUS", "MED", "REF", "AGR", "NGO", "PTY", "ELI"}

ARMED_SECTORS = {"MIL", "COP", "GOV", "REB", "INS", "SEP", "UAF", "SPY"}


def _is_place_modifier(mod: Token, noun: Token, ctx: RoleContext) -> bool:
    """A place name before an attack noun that names no hand: "Pak blast", "Karachi attack",
    "Pakistan shrine bombing", or before a gathering: "Paris rally". Adjectives of
    nationality ("Indian shelling") are not places."""
    words = {noun.lower_, noun.lemma_.lower()}
    # "Pakistan suicide attack", "Kabul bomb attack": a kind of attack no state carries out
    # makes the phrase as unattributed as "blast" is
    words |= {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
              and c is not mod} & UNATTRIBUTED_NOUNS
    if _capitalised(mod) and _national(mod, ctx, ("demonym", "place"), places=True) and _place_word(mod.text):
        # "Balochistan killings", "Karachi violence": a city or province the dictionaries file
        # under demonyms says where, before any act word; a state or a people names a hand
        return True
    if not words & (UNATTRIBUTED_NOUNS | PLACE_OR_HAND_NOUNS | GATHERING_NOUNS):
        return False
    if words & GATHERING_NOUNS and (mod.dep_ == "amod" or mod.tag_ == "JJ"):
        return False  # "Palestinian riots": an adjective of nationality is who gathers, "Paris rally" where
    state = ctx.resolver.is_place_name(mod.text)
    if not state and mod.pos_ != "PROPN":
        return False  # neither a country nor a proper name: no NER needed to say so
    if ent_type(mod) in ("NORP", "ORG", "PERSON"):
        return False
    city = not state and ent_type(mod) in PLACE_ENTS
    if words & (UNATTRIBUTED_NOUNS | GATHERING_NOUNS):
        return state or city
    return bool(words & PLACE_OR_HAND_NOUNS) and city


def _victim_modifier(mod: Token, noun: Token, ctx: RoleContext) -> bool:
    """A modifier that says who or what was hit, not who struck: "civilian killings", and
    before a noun of violence a building or gathering ("Texas School Shooting", "court
    suicide attack": in a title-case headline too, where the tagger reads it as a name), and
    what qualifies such a building ("Pakistan military checkpost attack", "army convoy
    attack": the parser hangs the whole run on the act noun)."""
    violent = bool({noun.lower_, noun.lemma_.lower()} & VIOLENT_NOUNS)
    if violent and any(c.lower_ in TARGET_SITES and c.dep_ in ("compound", "nmod") and mod.i < c.i < noun.i
                       for c in noun.children):
        return True
    if mod.dep_ not in ("compound", "nmod"):
        return False
    if mod.lower_ in TARGET_SITES and violent:
        return True
    if mod.pos_ != "NOUN":
        return False
    found = ctx.resolver.resolve_span(mod.doc[mod.i:mod.i + 1])
    return found is not None and found.sector in VICTIM_SECTORS


def means_agents(noun: Token, ctx: RoleContext) -> list[Token]:
    """Who acts inside an event or means noun, best first: the possessor, a "by"/"from"
    phrase, the parties "between" them, a modifier naming a party ("militant attack",
    "Indian shelling", "army operation"); never a place before an attack word."""
    out: list[Token] = []
    poss = _child(noun, "poss")
    if poss is not None and not _is_place_modifier(poss, noun, ctx):
        out.append(poss)
    inner = _prep_object(noun, {"by", "from", "with"})
    if inner is not None:
        out.append(inner)
    # "a bombing claimed by Islamic State", "an attack carried out by the Taliban"
    out += means_agents_by(noun)
    out += _between_parties(noun)
    # "Saudi-led coalition air strikes", parsed with "led" on the strikes: the leader acts
    out += [g for c in noun.children if c.dep_ == "amod" and c.lower_ == "led" and c.i < noun.i
            for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")]
    out += [m for m in noun.children if (m.dep_ in ("amod", "compound", "nmod") or m.dep_ == "nsubj" and noun.tag_ == "VBG") and m.i < noun.i
            and not _is_place_modifier(m, noun, ctx) and not _victim_modifier(m, noun, ctx)
            and (m.pos_ == "PROPN" or m.dep_ == "compound" and m.pos_ == "NOUN"
                 or _capitalised(m) and (ent_type(m) in ("NORP", "GPE", "ORG") or _national(m, ctx, ("demonym", "country"))))]  # not "intelligence-based"
    return out


def means_agents_by(noun: Token) -> list[Token]:
    """The agent of a participle of perpetration on a means noun: "a bomb planted by X"."""
    return [agent for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in PERPETRATION_VERBS and c.tag_ == "VBN"
            and (agent := _prep_object(c, {"by"})) is not None]


def _shared_passive(verb: Token) -> bool:
    """A bare participle coordinated with a passive verb shares its auxiliary: "has been
    detained in Dushanbe and charged with extremism" (he is charged, he charges no one)."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and _child(verb, "aux", "auxpass", "nsubj", "nsubjpass") is None \
        and _child(verb.head, "auxpass") is not None


def subject_candidates(verb: Token) -> list[Token]:
    """Subjects a verb may inherit, nearest first: its own, then through coordination and
    participle clauses ("..., expelling the ambassador"). Never through a reported clause."""
    out: list[Token] = []
    node, via = verb, None
    for _ in range(6):
        subj = _subject_child(node)
        if subj is None and _stative(node):
            subj = _child(node, "nsubjpass")
        if subj is not None:
            out.append(node.head if subj.lower_ in REL_PRONOUNS and node.dep_ == "relcl" else subj)
        elif _child(node, "nsubjpass") is not None and node is not verb:
            if via in ("conj", "xcomp") and verb.lemma_.lower() not in HARM_VERBS and not _shared_passive(verb):
                # "X was indicted ... and will resign", "X was asked to withdraw": X acts
                out.append(_child(node, "nsubjpass"))
            break
        via = node.dep_
        if node.dep_ == "acl" and node.head.lemma_.lower() in STATEMENT_NOUNS and node.head.dep_ == "dobj":
            node = node.head.head  # "X issued a statement demanding ...": X demands
            continue
        if node.dep_ == "advcl" and node.tag_ in ("VBP", "VBZ", "VBD"):
            # a finite verb with no subject of its own hung on a clause is a misparse, not a
            # participle sharing the clause's subject: "Pakistan cracks down on militants
            # post [VBP] Sindh shrine attack" (post = after)
            break
        if node.dep_ == "advcl" and verb.lemma_.lower() in HARM_VERBS and node.head.lemma_.lower() in _REPORTING_HEADS:
            # "Police say bomb explodes at a market, killing 7", parsed with "killing" under
            # "say": who tells of the deaths did not cause them
            break
        if node.dep_ == "xcomp" and (obj := _child(node.head, "dobj") or _addressee(node.head)) is not None \
                and obj.i < node.i:
            # "urged India to withdraw", "condemned the Indian [dobj] shelling [xcomp]",
            # "called on the Georgian authorities to release": the object of the verb above,
            # or whom it calls on, does the act, before that verb's own subject
            out.append(obj)
        if node.dep_ == "xcomp" and node.tag_ == "VBG" and node.head.lemma_.lower() in _WITNESSING:
            # "residents reported shelling in the hills": who reports it did not shell (but
            # "Pakistan forces claim killing 14", "denied launching an offensive" are their own)
            break
        if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head is not node:
            # "X is willing [acomp] to withdraw [xcomp]": the adjective's verb holds the subject
            node = node.head
            continue
        if node.dep_ == "ccomp" and node.head.pos_ in ("VERB", "AUX") and node.head.lemma_ not in _REPORTING_HEADS:
            node = node.head
            continue
        break
    return out


def _subject_child(verb: Token) -> Token | None:
    """The verb's subject; where the parser split one noun phrase into two subjects, a
    modifier and a name ("Sudan's paramilitary [Rapid Support Forces] seized ..."), the name."""
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    for a, b in zip(subs, subs[1:]):
        if b.i < verb.i and b.left_edge.i == a.right_edge.i + 1 and b.pos_ == "PROPN" and a.pos_ in ("ADJ", "NOUN"):
            return b
    return subs[0] if subs else None


def _stative(verb: Token) -> bool:
    """'is opposed to', 'is committed to', 'is determined to': a state of the subject, not
    something done to it."""
    if verb.lemma_.lower() not in STATIVE_PARTICIPLES or verb.tag_ != "VBN":
        return False
    return any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "against", "about", "on", "with")
               for c in verb.children)


def verb_subject(verb: Token) -> Token | None:
    cands = subject_candidates(verb)
    return cands[0] if cands else None


def _attacker_tokens(verb: Token, ctx: RoleContext) -> list[Token]:
    """Where a passive harm verb names the attacker, best first: "by X", and inside the
    means of the attack, "in Indian shelling", "in a clash with Rangers", "firing by troops"."""
    out: list[Token] = []
    fought = any(c.dep_ == "prep" and c.lower_ in ("in", "during", "amid") and (o := _child(c, "pobj")) is not None
                 and _eventive(o) and _reciprocal(o) for c in verb.children)
    for c in verb.children:
        if fought and c.dep_ == "prep" and c.lower_ == "with" and (o := _child(c, "pobj")) is not None:
            # "killed in a gun battle with terrorists", the parser hanging "with" on the verb:
            # the other side of the fight
            out.append(o)
            continue
        if c.dep_ not in ("prep", "agent") or c.lower_ not in ("by", "in", "during", "from", "amid"):
            continue
        obj = _child(c, "pobj", "pcomp")
        if obj is None:
            continue
        by = c.dep_ == "agent" or c.lower_ == "by"
        if _eventive(obj):
            out += means_agents(obj, ctx)
            if by:
                out.append(obj)
        elif by or obj.tag_ == "JJ" or _capitalised(obj) and (ent_type(obj) == "NORP" or _national(obj, ctx) or (
                _national(obj, ctx, ("country",)) and obj.i + 1 < len(obj.doc)
                and obj.doc[obj.i + 1].lower_ in INSTRUMENT_NOUNS)):  # "in Pak firing" parsed as "in Pak"
            out.append(obj)  # "killed by militants"; "in Indian [shelling]" parsed with the adjective as object
    return out


_STRUCK_DEVICE_VERBS = frozenset(_LEX["struck_device_verbs"])
_LYING_DEVICES = frozenset(_LEX["lying_devices"])


def _struck_device(verb: Token) -> Token | None:
    """The device a subject ran into ("their vehicle hit a roadside bomb", "stepped on a
    landmine"): the subject is its victim, not who laid it. None when the verb is no such."""
    if verb.lemma_.lower() not in _STRUCK_DEVICE_VERBS:
        return None
    obj = _child(verb, "dobj") or _prep_object(verb, {"on", "over", "into"})
    if obj is None or obj.lemma_.lower() not in _LYING_DEVICES:
        return None
    return obj


_WHEN_MARKS = {"when", "as", "after"}


def _onslaught_clause(verb: Token) -> list[Token]:
    """The attacker of a passive harm named in a clause of the attack itself: "five soldiers
    were killed when Taliban fighters stormed a checkpoint", "two policemen died as gunmen
    attacked their patrol"."""
    out = []
    for c in verb.children:
        if c.dep_ != "advcl" or not any(m.dep_ in ("mark", "advmod") and m.lower_ in _WHEN_MARKS for m in c.children):
            continue
        device = _struck_device(c)
        if device is not None:
            # "killed when their vehicle ran over a device planted by Boko Haram": who laid it
            out += means_agents_by(device)
            continue
        if c.lemma_.lower() not in ONSLAUGHT_VERBS:
            continue
        subj = _child(c, "nsubj")
        if subj is not None and _struck_device(c) is None:  # "when their vehicle hit a bomb": the victims
            out.append(subj)
    return out


def _stray_means(verb: Token, victim: Token, ctx: RoleContext) -> tuple[Token | None, Actor | None]:
    """Headline lists parse badly ("Woman killed, nine injured in firing by Indian troops"):
    when the harm verb holds no attacker, an armed hand named on a means of attack anywhere
    else in the sentence is the attacker."""
    skip = {t.i for t in victim.subtree}
    for t in verb.doc:
        if t.i in skip or t.lower_ not in INSTRUMENT_NOUNS:
            continue
        for cand in means_agents(t, ctx) + [x for x in (_prep_object(t, {"by"}),) if x is not None]:
            found = resolve_token(cand, ctx)
            if found is not None and found.country and found.sector in ARMED_SECTORS:
                return cand, found
    return None, None


_ADDRESSING = {verb: tuple(preps) for verb, preps in _LEX["addressing_verbs"].items()}


def _addressee(verb: Token) -> Token | None:
    """Whom a verb of asking addresses in its prepositional phrase ("called on the Georgian
    authorities"), or None."""
    preps = _ADDRESSING.get(verb.lemma_.lower(), ())
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = _child(c, "pobj")
            if obj is not None and ent_type(obj) not in ("DATE", "TIME"):  # not "on Monday"
                return obj
    return None
