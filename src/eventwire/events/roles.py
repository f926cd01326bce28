"""Who did it and to whom: source and target actors from the dependency parse.

Verb events take their subject as source and object (or "against/on X") as target; passives
swap that ("were killed by X"). Noun events ("Iran's airstrikes on X") take a possessor or a
"by" phrase, else the subject of the light verb that carries them ("Pakistan launched attacks").
Pronouns resolve to the speaker of the reporting verb or the last actor named before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.model import Actor
from eventwire.parse import ent_type
from eventwire.resources import lexicon

_LEX = lexicon("roles")
LIGHT_VERBS = set(_LEX["light_verbs"])
TARGET_PREPS = set(_LEX["target_preps"])
SOURCE_PREPS = set(_LEX["source_preps"])
COLLECTIVE = set(_LEX["collective_nouns"])
PRONOUNS = _LEX["pronouns"]
REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
CARRIER_REPORTING = {"confirm", "claim", "admit", "acknowledge", "announce"}
HARM_VERBS = set(_LEX["harm_verbs"])
UNDERGOER_VERBS = set(_LEX["undergoer_verbs"])
INSTRUMENT_NOUNS = set(_LEX["instrument_nouns"])
UNATTRIBUTED_NOUNS = set(_LEX["unattributed_nouns"])
PLACE_OR_HAND_NOUNS = set(_LEX["place_or_hand_nouns"])
CLAIM_VERBS = set(_LEX["claim_verbs"])
CONDITION_MARKS = set(_LEX["condition_marks"])
RESPONSIBILITY_NOUNS = set(_LEX["responsibility_nouns"])
ARMED_CLAIMANTS = set(_LEX["armed_claimant_sectors"])
BETWEEN_PREPS = set(_LEX["between_preps"])
RECIPROCAL = set(_LEX["reciprocal_words"])
OBLIGATION_MODALS = set(_LEX["obligation_modals"])
INNER_PARTY_PREPS = set(_LEX["inner_party_preps"])
NOT_THE_PARTY = set(_LEX["not_the_party_nouns"])
STATEMENT_NOUNS = set(_LEX["statement_nouns"])
FORMER_WORDS = set(_LEX["former_words"])
OFFICE_NOUNS = set(_LEX["office_nouns"])
OFFICE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
STATIVE_PARTICIPLES = set(_LEX["stative_participles"])
PLACE_ENTS = {"GPE", "LOC", "FAC"}
AIMED_VERBS = {"shoot", "fire"}  # intransitive with "at X": "troops fired at the crowd"
TRIGGER_FLAG = "ew_trigger"


def is_trigger(tok: Token) -> bool:
    """Set by detection on the tokens it took as event words."""
    return bool(tok.doc.user_data.get(TRIGGER_FLAG, set()) & {tok.i})
_CUT_DEPS = {"relcl", "acl", "advcl", "punct", "cc"}


@dataclass
class RoleContext:
    """What roles need beyond the sentence: the resolver, offsets, the discourse so far."""

    resolver: object  # eventwire.actors.ActorResolver
    offset: int = 0  # where the parsed segment starts in the article text
    recent: list[Actor] = field(default_factory=list)  # actors named earlier, most recent last

    def remember(self, actor: Actor | None) -> None:
        if actor is not None and (actor.country or actor.sector):
            self.recent.append(actor)
            del self.recent[:-8]


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head`, without relative clauses and trailing punctuation."""
    keep: list[Token] = []
    cut: set[int] = set()
    for t in head.subtree:
        if t.i in cut:
            continue
        if t is not head and t.dep_ in ("relcl", "acl") and (t.head.i != head.i or is_trigger(t)) or (
            t.dep_ in ("relcl",) and t.head is head
        ):  # an event clause on the noun ("civilians killed by X") is not part of its name
            cut.update(x.i for x in t.subtree)
            continue
        keep.append(t)
    while keep and keep[-1].dep_ in ("punct", "cc"):
        keep.pop()
    while keep and keep[0].dep_ in ("punct", "cc"):
        keep.pop(0)
    if not keep:
        return [head]
    # a contiguous stretch around the head
    lo, hi = head.i, head.i
    idx = {t.i for t in keep}
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [head.doc[i] for i in range(lo, hi + 1)]


_CORE_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "case", "flat", "appos", "punct", "quantmod", "advmod"}


def core_tokens(head: Token) -> list[Token]:
    """The head noun with its modifiers and apposition, without prepositional tails:
    "Tehran" rather than "Tehran of serious consequences in wake of ..."."""
    keep = {head.i}
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for c in node.children:
            if c.dep_ in _CORE_DEPS or (node is not head and c.dep_ in ("prep", "pobj") and node.dep_ in ("appos",)) \
                    or c.dep_ == "npadvmod" and node.dep_ == "amod":  # "the US-led war", "Saudi-backed forces"
                if c.dep_ == "punct" and c.text not in (",", "'s", "-"):
                    continue
                keep.add(c.i)
                frontier.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of" and node.pos_ == "PROPN" and node.i == head.i:
                # names with "of": "Ministry of Foreign Affairs", "Government of Pakistan"
                obj = [t for t in c.subtree if t.i > c.i and not t.is_punct]
                if obj and obj[0].is_title and obj[0].i == c.i + 1:
                    keep.update(t.i for t in c.subtree if t.i < c.i + 6)
    lo, hi = head.i, head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    toks = [head.doc[i] for i in range(lo, hi + 1)]
    while len(toks) > 1 and toks[-1].dep_ in ("punct", "cc"):
        toks.pop()
    while len(toks) > 1 and toks[0].dep_ in ("punct", "cc"):
        toks.pop(0)
    return toks


def resolve_token(tok: Token | None, ctx: RoleContext, speaker: Token | None = None) -> Actor | None:
    """The actor a noun phrase headed by `tok` names (pronouns through discourse)."""
    if tok is None:
        return None
    if tok.lower_ in PRONOUNS or tok.lower_ in REL_PRONOUNS:
        if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl":
            return resolve_token(tok.head.head, ctx)
        if speaker is not None and speaker is not tok:
            actor = resolve_token(speaker, ctx)
            if actor is not None:
                return actor
        antecedent = _antecedent(tok, ctx)
        if antecedent is None:
            return None
        return antecedent.model_copy(update={"text": tok.text, "start": ctx.offset + tok.idx, "end": ctx.offset + tok.idx + len(tok.text)})
    core = core_tokens(tok)
    actor = ctx.resolver.resolve_span(tok.doc[core[0].i: core[-1].i + 1], offset=ctx.offset)
    if actor is None or not actor.country and actor.sector != "IGO" and (
            actor.sector is None or not _names_party(tok, ctx)):
        # "support from the Assembly", "the curfew on Palestinians", "a meeting of the Security
        # Council": a head noun that names no party points to one in its prepositional phrase
        inner = _inner_party(tok, ctx, speaker)
        if inner is not None:
            return inner
    if (actor is None or not actor.country) and not (actor is None and _eventive(tok)):
        # the fuller phrase may add the country: "Provincial officials in Pakistan"; not to
        # an act, whose phrase names where it happened ("shelling in Pakistani Kashmir")
        toks = phrase_tokens(tok)
        if (toks[0].i, toks[-1].i) != (core[0].i, core[-1].i):
            fuller = ctx.resolver.resolve_span(tok.doc[toks[0].i: toks[-1].i + 1], offset=ctx.offset)
            if fuller is not None and (actor is None or fuller.country):
                actor = fuller
    if actor is None:
        # "a series of strikes by X", "groups of militants": the kind sits after "of"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in COLLECTIVE:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return resolve_token(p, ctx)
    if actor is not None and actor.country:
        actor = _residence(tok, actor, ctx)
    if actor is not None and actor.sector in OFFICE_SECTORS:
        actor = _former(tok, core, actor, ctx)
    return actor


def _place_country(toks, ctx: RoleContext, but: str | None) -> str | None:
    """The first country named as a place (a country or capital, not a demonym) in `toks`."""
    if not toks:
        return None
    doc = toks[0].doc
    span = doc[toks[0].i: toks[-1].i + 1]
    for hit in ctx.resolver.find(span.text):
        if hit.kind in ("country", "capital") and hit.country and hit.country != but:
            return hit.country
    return None


def _residence(tok: Token, actor: Actor, ctx: RoleContext) -> Actor:
    """A people named where it lives takes that country: "ethnic Albanians in Macedonia", "the
    Albanians of southern Serbia". An "ethnic" group with no place in its phrase lives where
    the sentence's named country is ("ethnic Albanians demonstrated in Serbia")."""
    ethnic = "ethnic" in actor.text.lower().split()
    people = tok.pos_ == "PROPN" and actor.sector == "CVL" and ctx.resolver.resolve_span(
        tok.doc[tok.i:tok.i + 1]) is not None  # "the Albanians of ..."
    if not (ethnic or people):
        return actor
    where = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "inside", "within") and (ethnic or c.lower_ == "of"):
            where = where or _place_country(list(c.subtree), ctx, actor.country)
    if where is None and ethnic:
        where = _place_country(list(tok.doc), ctx, actor.country)
    if where is None:
        return actor
    return ctx.resolver.relocated(actor, where)


def _former(tok: Token, core: list[Token], actor: Actor, ctx: RoleContext) -> Actor:
    """"Former prime minister X", "ousted president X": out of office, an elite, not the state."""
    words = {t.lower_ for t in core}
    if not words & FORMER_WORDS and not any(t.lower_.startswith("ex-") for t in core):
        return actor
    if not (tok.pos_ == "PROPN" or tok.lemma_.lower() in OFFICE_NOUNS):
        return actor  # "the former Yugoslav army": the country is former, not the office
    codes = ctx.resolver.codes
    return actor.model_copy(update={"sector": "ELI", "inter": codes.inter("ELI"),
                                    "name": codes.display_name("ELI", actor.country)})


def _names_party(tok: Token, ctx: RoleContext) -> bool:
    """Whether the head word itself can name a party ("officials", "Iraq", "they"), as opposed
    to a thing that only a modifier ties to one ("the naval blockade")."""
    return tok.pos_ == "PROPN" or tok.lower_ in PRONOUNS or bool(ctx.resolver.find(tok.text))


def _inner_party(tok: Token, ctx: RoleContext, speaker: Token | None) -> Actor | None:
    """The party named in a prepositional phrase of a noun that names none itself, nearest
    first; places ("streets in Hong Kong") are left to the fuller phrase."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma in COLLECTIVE or lemma in NOT_THE_PARTY or _child(tok, "nummod") is not None:
        return None  # "scores of refugees", "supporters of X" are not X
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in INNER_PARTY_PREPS:
            continue
        for p in c.children:
            if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN", "PRON"):
                found = resolve_token(p, ctx, speaker)
                if found is not None and (found.country or found.sector):
                    return found
    return None


PERSONAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "OPP", "PTY", "IGO", "REB", "MED", "NGO", "BUS", "REL"}


def _antecedent(pron: Token, ctx: RoleContext) -> Actor | None:
    """The latest actor a pronoun can stand for: "she"/"he" an official or a named person,
    "it" a state or organisation, "they"/"we" anyone."""
    number = PRONOUNS.get(pron.lower_, "pl")
    for actor in reversed(ctx.recent):
        if number == "sg" and actor.sector not in PERSONAL_SECTORS:
            continue
        if pron.lower_ in PERSONAL_PRONOUNS and ctx.resolver.is_place_name(actor.text):
            continue  # "he" is a person, never "Sudan" or "Kabul"
        return actor
    return None


def _child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _is_place_modifier(mod: Token, noun: Token, ctx: RoleContext) -> bool:
    """A place name before an attack noun that names no hand: "Pak blast", "Karachi attack",
    "Pakistan shrine bombing". Adjectives of nationality ("Indian shelling") are not places."""
    words = {noun.lower_, noun.lemma_.lower()}
    if not words & (UNATTRIBUTED_NOUNS | PLACE_OR_HAND_NOUNS):
        return False
    state = ctx.resolver.is_place_name(mod.text)
    if not state and mod.pos_ != "PROPN":
        return False  # neither a country nor a proper name: no NER needed to say so
    if ent_type(mod) in ("NORP", "ORG", "PERSON"):
        return False
    city = not state and ent_type(mod) in PLACE_ENTS
    if words & UNATTRIBUTED_NOUNS:
        return state or city
    return bool(words & PLACE_OR_HAND_NOUNS) and city


# Who an attack word's modifier names when it is the victim, not the hand: "shrine bombing",
# "school attack", "polio team attack".
VICTIM_SECTORS = {"CVL", "REL", "EDU", "HLH", "LAB", "BUS", "MED", "REF", "AGR", "NGO", "PTY", "ELI"}


def _victim_modifier(mod: Token, ctx: RoleContext) -> bool:
    if mod.dep_ not in ("compound", "nmod") or mod.pos_ != "NOUN":
        return False
    found = ctx.resolver.resolve_span(mod.doc[mod.i:mod.i + 1])
    return found is not None and found.sector in VICTIM_SECTORS


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
    out += _between_parties(noun)
    out += [m for m in noun.children if (m.dep_ in ("amod", "compound", "nmod") or m.dep_ == "nsubj" and noun.tag_ == "VBG") and m.i < noun.i
            and not _is_place_modifier(m, noun, ctx) and not _victim_modifier(m, ctx)
            and (m.pos_ == "PROPN" or m.dep_ == "compound" and m.pos_ == "NOUN"
                 or _capitalised(m) and (ent_type(m) in ("NORP", "GPE", "ORG") or _national(m, ctx, ("demonym", "country"))))]  # not "intelligence-based"
    return out


def _national(tok: Token, ctx: RoleContext, kinds: tuple[str, ...] = ("demonym",)) -> bool:
    """A demonym by the dictionaries ("Indian"), whatever NER says; a country name only where
    asked (before a means of attack, "India firing", not after "in")."""
    return any(h.kind in kinds and h.start == 0 and h.end == len(tok.text)
               for h in ctx.resolver.find(tok.text))


def _prep_object(tok: Token, preps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            obj = _child(c, "pobj")
            if obj is not None:
                return obj
    return None


def subject_candidates(verb: Token) -> list[Token]:
    """Subjects a verb may inherit, nearest first: its own, then through coordination and
    participle clauses ("..., expelling the ambassador"). Never through a reported clause."""
    out: list[Token] = []
    node, via = verb, None
    for _ in range(6):
        subj = _child(node, "nsubj", "csubj")
        if subj is None and _stative(node):
            subj = _child(node, "nsubjpass")
        if subj is not None:
            out.append(node.head if subj.lower_ in REL_PRONOUNS and node.dep_ == "relcl" else subj)
        elif _child(node, "nsubjpass") is not None and node is not verb:
            if via in ("conj", "xcomp") and verb.lemma_.lower() not in HARM_VERBS:
                # "X was indicted ... and will resign", "X was asked to withdraw": X acts
                out.append(_child(node, "nsubjpass"))
            break
        via = node.dep_
        if node.dep_ == "acl" and node.head.lemma_.lower() in STATEMENT_NOUNS and node.head.dep_ == "dobj":
            node = node.head.head  # "X issued a statement demanding ...": X demands
            continue
        if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head is not node:
            # "X is willing [acomp] to withdraw [xcomp]": the adjective's verb holds the subject
            node = node.head
            continue
        if node.dep_ == "ccomp" and node.head.pos_ in ("VERB", "AUX") and node.head.lemma_ not in ("say", "tell", "claim", "report", "confirm", "deny"):
            node = node.head
            continue
        break
    return out


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


def undergoer(verb: Token) -> Token | None:
    """Who a harm verb happened to when the clause reads as passive: the passive subject,
    the noun a participle modifies ("four civilians killed by ..."), the subject of a
    headline participle with no object ("Seven troops killed", "Woman said killed") or
    of "die". None for an active clause."""
    passive = _child(verb, "nsubjpass")
    if passive is not None:
        return None if _stative(verb) else passive
    lemma = verb.lemma_.lower()
    if lemma in UNDERGOER_VERBS:
        return _child(verb, "nsubj")
    if lemma not in HARM_VERBS or _child(verb, "dobj", "aux") is not None:
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


def _attacker_tokens(verb: Token, ctx: RoleContext) -> list[Token]:
    """Where a passive harm verb names the attacker, best first: "by X", and inside the
    means of the attack, "in Indian shelling", "in a clash with Rangers", "firing by troops"."""
    out: list[Token] = []
    for c in verb.children:
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


def _capitalised(tok: Token) -> bool:
    """Names of peoples, places and organisations are capitalised: a lower-case word needs
    no NER run to be told it is none of them."""
    return tok.text[:1].isupper()


def _object_fallback(verb: Token) -> Token | None:
    """A bare noun after the verb that the parser did not call an object: "kills Pakistani boy"."""
    for c in verb.children:
        if c.dep_ in ("npadvmod", "oprd") and c.i > verb.i and c.pos_ in ("NOUN", "PROPN") \
                and ent_type(c) not in ("DATE", "TIME"):
            return c
    return None


def verb_roles(verb: Token, ctx: RoleContext, speaker: Token | None) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    """(source, target) actors of a verb event, and the tokens they came from."""
    roles = _home_country(*_verb_roles(verb, ctx, speaker), ctx)
    violent = undergoer(verb) is not None or verb.lemma_.lower() in HARM_VERBS
    if verb.lemma_.lower() in FIGHT_WORDS or verb.lower_ in FIGHT_WORDS or violent and None in roles[:2]:
        roles = _fight_pair(*roles, verb, ctx, speaker)
    if violent and roles[0] is None:
        src_tok, source = _stray_means(verb, roles[3] if roles[3] is not None else verb, ctx)
        if source is not None:
            roles = (source, roles[1], src_tok, roles[3])
    if violent:
        roles = _across_line(*_complaint(*roles, verb, ctx), verb, ctx)
    return roles


def _verb_roles(verb: Token, ctx: RoleContext, speaker: Token | None) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    victim = undergoer(verb)
    if victim is not None:
        tgt_tok = victim
        src_tok, source = None, None
        # "Soldier martyred, woman dead in firing by Indian troops": the means may hang on a
        # coordinated participle of the same headline
        for cand in [c for v in (verb, *verb.conjuncts) for c in _attacker_tokens(v, ctx)]:
            found = resolve_token(cand, ctx, speaker)
            if found is not None:
                src_tok, source = cand, found
                break
        if source is None:
            src_tok, source = _stray_means(verb, victim, ctx)
        if source is None:
            src_tok, source = _claimant(verb, ctx, speaker)
        target = resolve_token(tgt_tok, ctx, speaker)
        if source is None and speaker is not None and _enemy_losses(speaker, target, ctx):
            src_tok, source = speaker, resolve_token(speaker, ctx)
        sides = _fight_sides(verb, ctx) or _paired_states(verb, ctx) or _victims_both_sides(victim, ctx)
        if sides is not None:
            # "killed in Iran, Iraq clashes", "killed as Iran and Iraq exchange fire": the two
            # sides of the fight are the parties; victims of one side face the other
            (a, a_tok), (b, b_tok) = sides
            if target is not None and target.country == a.country:
                return b, target, b_tok, tgt_tok
            if target is not None and target.country == b.country:
                return a, target, a_tok, tgt_tok
            return a, b, a_tok, b_tok
        return source, target, src_tok, tgt_tok
    demand = _demand_roles(verb, ctx)
    if demand is not None:
        return demand
    cands = [a for c in subject_candidates(verb) for a in (means_agents(c, ctx) if _eventive(c) else [c])]
    src_tok = cands[0] if cands else None
    for cand in cands:  # "the incident was ..., expelling": skip subjects that name no actor
        if resolve_token(cand, ctx, speaker) is not None:
            src_tok = cand
            break
        if cand.lower_ in PRONOUNS and cand.head.i == verb.i:
            break  # "as he left": the clause's own unresolved subject, not the main clause's
    tgt_tok = _child(verb, "dobj")
    if tgt_tok is not None and (tgt_tok.lemma_.lower() in COLLECTIVE or _looks_eventive(tgt_tok)):
        inner = _prep_object(tgt_tok, TARGET_PREPS) or _deep_target(tgt_tok)
        tgt_tok = inner or tgt_tok
    if tgt_tok is None:
        tgt_tok = _prep_object(verb, TARGET_PREPS | {"from"})
    if tgt_tok is None:
        tgt_tok = _object_fallback(verb)
    source = resolve_token(src_tok, ctx, speaker)
    target = resolve_token(tgt_tok, ctx, speaker)
    if target is not None and not target.country and target.sector != "IGO" and tgt_tok is not None \
            and tgt_tok.dep_ == "dobj" and not _names_party(tgt_tok, ctx):
        target = None  # "tighten the naval blockade", "launch a military offensive": a thing, not a party
    subj = next(iter(subject_candidates(verb)), None)
    if subj is not None and _eventive(subj) and _reciprocal(subj):
        # "India-Pakistan firing kills civilians": both sides sit in the means
        mods = [t for t in subj.subtree if t.i < subj.i and t.dep_ not in ("det", "nummod")]
        sides = _coordinated_sides(mods, ctx) if len(mods) > 1 else None
        if sides:
            source, src_tok = sides[0], mods[0]
            if target is None:
                return source, sides[1], src_tok, mods[-1]
    if (target is None or not target.country) and tgt_tok is not None:
        # "recalling its envoy from Tehran": the object names no country; the place does
        alt = _prep_object(verb, TARGET_PREPS | {"from"})
        if alt is not None and alt is not tgt_tok:
            alt_actor = resolve_token(alt, ctx, speaker)
            if alt_actor is not None and (target is None or alt_actor.country):
                target, tgt_tok = alt_actor, alt
        elif target is None:
            # "targeting Baloch militant groups": a participle clause names the target
            for c in tgt_tok.children:
                if c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike"):
                    obj = _child(c, "dobj")
                    if obj is not None:
                        target = resolve_token(obj, ctx, speaker)
                        tgt_tok = obj
    if target is None or _same(source, target):
        for cand in _wider_targets(verb):
            found = resolve_token(cand, ctx, speaker)
            if found is not None and not _same(source, found):
                return source, found, src_tok, cand
    if (target is None or _same(source, target)) and src_tok is not None and _reciprocal(verb):
        sides = _coordinated_sides(phrase_tokens(src_tok), ctx)
        if sides:
            return sides[0], sides[1], src_tok, src_tok
    if target is None:
        place = _place_target(verb, tgt_tok, source, ctx)
        if place is not None:
            return source, resolve_token(place, ctx), src_tok, place
    return source, target, src_tok, tgt_tok


HOME_SECTORS = set(_LEX["home_sectors"])
HOME_STATE = set(_LEX["home_state_sectors"])
INSURGENT_SECTORS = {"REB", "INS", "SEP"}


def _titled_name(text: str) -> bool:
    """"President Kagame", "Prime Minister Ali Hassan": an office with a person's name, the
    leader rebels rise against (a bare "government" or "police" may be anyone's)."""
    words = [w for w in text.split() if w[:1].isupper()]
    return len(words) >= 2 and words[0].lower() in OFFICE_NOUNS | {"prime", "pm"}


def _home_country(source: Actor | None, target: Actor | None, src_tok, tgt_tok, ctx: RoleContext):
    """Parties that only act at home share the country of the other side: a judge probing
    "Chilean officials" is Chilean; "opposition groups in Zimbabwe" make demands of their own
    President; a minister allowing an opposition leader to march is his country's. Armed
    groups cross borders ("Taliban attacks kill police"): only a titled leader they defy
    ("President Gbagbo") takes their country."""
    def adopt(actor: Actor | None, other: Actor | None) -> Actor | None:
        if actor is None or other is None or actor.country or not other.country or not actor.text:
            return actor
        if actor.sector in HOME_SECTORS and other.sector in HOME_STATE | HOME_SECTORS \
                or actor.sector in HOME_STATE and other.sector in HOME_SECTORS \
                or actor.sector == "GOV" and other.sector in INSURGENT_SECTORS and _titled_name(actor.text):
            return ctx.resolver.relocated(actor, other.country)
        return actor
    return adopt(source, target), adopt(target, source), src_tok, tgt_tok


CONTESTED_LINES = {k.lower(): v for k, v in _LEX["contested_lines"].items() if not k.startswith("_")}
BORDER_WORDS = set(_LEX["border_words"])
SIDED_PLACES = {k.lower() for k in _LEX["sided_places"]}
_LINE_SIDES = {"GOV", "MIL", "COP", "CVL", "UAF"}


def _line_pair(tok: Token) -> tuple[str, str, bool] | None:
    """The two states of a contested line the sentence names as the scene of cross-border
    fire ("Indian shelling across the LoC", "firing on the Kashmir border"), the first the
    side the event is on when the place names one ("in Azad Kashmir": sided)."""
    low = tok.doc.text.lower()
    words = {t.lower_ for t in tok.doc} | {t.lemma_.lower() for t in tok.doc}
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


COMPLAINT_WORDS = set(_LEX["complaint_words"])
AGGRIEVED_WORDS = set(_LEX["aggrieved_words"])
VIOLENCE_NOUNS = set(_LEX["violence_nouns"])


def _complaint_parties(tok: Token) -> tuple[Token | None, Token | None, Token | None]:
    """(complainer, accused, complaint word) when a violent act is what a party complains
    of: "Pakistan accuses India of shelling", "Pakistan summons Indian envoy over firing"."""
    node = tok
    if node.dep_ in ("pobj", "pcomp") and node.head.dep_ == "prep" and node.head.lower_ in ("of", "over", "for", "against", "after", "about"):
        gov = node.head.head
    elif node.dep_ == "dobj":
        gov = node.head
    else:
        return None, None, None
    if gov.lemma_.lower() not in COMPLAINT_WORDS and gov.dep_ in ("xcomp", "dobj", "conj", "appos") \
            and (gov.head.lemma_.lower() in COMPLAINT_WORDS or gov.head.lower_ in COMPLAINT_WORDS):
        gov = gov.head  # "lodges [a protest] over ...", "summons [envoy over ...]"
    if gov.lemma_.lower() not in COMPLAINT_WORDS and gov.lower_ not in COMPLAINT_WORDS:
        return None, None, None
    if gov.pos_ in ("VERB", "AUX"):
        complainer = verb_subject(gov)
    else:  # headline noun: "Pakistan summons Indian envoy ..."
        complainer = next((c for c in gov.children if c.dep_ in ("nsubj", "poss", "amod", "compound") and c.i < gov.i), None)
    accused = _child(gov, "dobj", "appos") or _prep_object(gov, {"with"})
    for c in gov.children:  # "protest [xcomp] with Iraq"
        if accused is None and c.dep_ in ("xcomp", "dobj"):
            accused = _prep_object(c, {"with"})
    return complainer, accused, gov


def _complaint(source: Actor | None, target: Actor | None, src_tok, tgt_tok, tok: Token, ctx: RoleContext):
    """The accused of a complaint about violence did it; a state that summons an envoy or
    lodges a protest over it (or complains of fire across its border) was its target."""
    complainer, accused, gov = _complaint_parties(tok)
    if gov is None:
        return source, target, src_tok, tgt_tok
    if source is None and accused is not None:
        found = resolve_token(accused, ctx)
        if found is not None and found.country:
            source, src_tok = found, accused
    if complainer is None or target is not None and target.country:
        return source, target, src_tok, tgt_tok
    victim = resolve_token(complainer, ctx)
    aggrieved = gov.lemma_.lower() in AGGRIEVED_WORDS or gov.lower_ in AGGRIEVED_WORDS or _line_pair(tok) is not None
    if victim is None or not victim.country or not aggrieved or victim.sector not in ("GOV", "MIL") \
            or source is not None and source.country == victim.country:
        return source, target, src_tok, tgt_tok
    if target is None:
        target = ctx.resolver.implied("GOV", victim.country)
    elif target.sector in _LINE_SIDES:
        target = ctx.resolver.relocated(target, victim.country)
    return source, target, src_tok, tgt_tok


ARMED_SECTORS = {"MIL", "COP", "GOV", "REB", "INS", "SEP", "UAF", "SPY"}


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


def _fight_sides(verb: Token, ctx: RoleContext):
    """The two sides of an exchange that a harm verb's clause names as its means or setting:
    "in Iran, Iraq clashes", "in shelling between Iraqi, Iranian troops", "in worst Iran-Iraq
    fighting", "as Iran and Iraq exchange fire". ((actor, token), (actor, token)) or None."""
    for c in verb.children:
        phrase: list[Token] = []
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "during", "amid", "by"):
            obj = _child(c, "pobj")
            if obj is None or not (_eventive(obj) and _reciprocal(obj)):
                continue
            parties = _between_parties(obj)
            if parties:
                phrase = [t for p in parties for t in phrase_tokens(p)]
            else:
                phrase = [t for t in obj.subtree if t.i < obj.i and t.dep_ not in ("det", "nummod")
                          and not (t.dep_ == "amod" and not _capitalised(t))]
        elif c.dep_ == "advcl" and _reciprocal(c) and any(m.dep_ == "mark" for m in c.children):
            subj = _child(c, "nsubj")
            phrase = phrase_tokens(subj) if subj is not None else []
        if len(phrase) < 2:
            continue
        phrase = sorted(phrase, key=lambda t: t.i)
        sides = _coordinated_sides(phrase, ctx)
        if sides:
            return (sides[0], phrase[0]), (sides[1], phrase[-1])
    return None


FIGHT_WORDS = set(_LEX["fight_words"])
_PAIR_JOINS = {",", "and", "-", "&", "/", "–"}


def _paired_states(tok: Token, ctx: RoleContext):
    """Two states named side by side in a sentence about an exchange of fire, however the
    parser hung them: "Iran, Iraq clashes", "as Iran and Iraq exchange fire", "Iran-Iraq
    fighting". Read from the words, since headline parses of such lists are unreliable."""
    doc = tok.doc
    if not any(t.lemma_.lower() in FIGHT_WORDS or t.lower_ in FIGHT_WORDS for t in doc):
        return None
    hits = [h for h in ctx.resolver.find(doc.text) if h.kind in ("country", "demonym") and h.country]
    for h1, h2 in zip(hits, hits[1:]):
        between = doc.text[h1.end:h2.start].strip()
        before = doc.text[max(0, h1.start - 12):h1.start].lower().split()[-1:]
        after = doc.text[h2.end:h2.end + 20].lower().split()[:1]
        if before and before[0] in PLACE_TARGET_PREPS | {"across", "near", "throughout", "at"} \
                and not (after and after[0].strip(".,;:") in FIGHT_WORDS | INSTRUMENT_NOUNS):
            continue  # "clashes in Syria, Iraq": places, not sides ("in Iran, Iraq clashes" is)
        if h1.country != h2.country and between in _PAIR_JOINS:
            a = ctx.resolver.resolve(doc.text, h1.start, h1.end)
            b = ctx.resolver.resolve(doc.text, h2.start, h2.end)
            if a is None or b is None:
                return None
            a_tok = next((t for t in doc if t.idx >= h1.start), tok)
            b_tok = next((t for t in doc if t.idx >= h2.start), tok)
            return (_shift_actor(a, ctx.offset), a_tok), (_shift_actor(b, ctx.offset), b_tok)
    return None


def _victims_both_sides(victim: Token, ctx: RoleContext):
    """Dead of two nations listed together in cross-border fire ("Iraqi villager, Iranian
    soldier killed in border shelling") name the two sides of the exchange."""
    words = {t.lower_ for t in victim.doc} | {t.lemma_.lower() for t in victim.doc}
    if not words & BORDER_WORDS:
        return None
    heads = [victim] + ([victim.head] if victim.dep_ in ("conj", "appos") else [])
    heads += [c for h in list(heads) for c in h.children if c.dep_ in ("conj", "appos") and c.i != victim.i]
    found = []
    for h in heads:
        actor = resolve_token(h, ctx)
        if actor is not None and actor.country and all(actor.country != f[0].country for f in found):
            found.append((actor, h))
    return (found[1], found[0]) if len(found) == 2 else None


def _fight_pair(source, target, src_tok, tgt_tok, tok: Token, ctx: RoleContext, speaker: Token | None = None):
    """A clash word whose parse did not yield two states takes the pair named beside it."""
    if source is not None and target is not None and source.country and target.country \
            and source.country != target.country:
        return source, target, src_tok, tgt_tok
    sides = _paired_states(tok, ctx)
    if sides is None:
        # "Iran says 12 dead in border clashes with Iraq": a state reporting a clash with
        # another is the other side
        known = source if source is not None and source.country else target
        root = tok.doc[tok.i].sent.root
        if speaker is None and root.lemma_.lower() in ("say", "report", "claim", "tell", "confirm"):
            speaker = _child(root, "nsubj")
        if known is None or not known.country or (source is not None and target is not None) or speaker is None:
            return source, target, src_tok, tgt_tok
        spoken = resolve_token(speaker, ctx)
        if spoken is None or not spoken.country or spoken.country == known.country \
                or not ctx.resolver.is_place_name(speaker.text):
            return source, target, src_tok, tgt_tok
        return (spoken, known, speaker, tgt_tok) if known is target else (source, spoken, src_tok, speaker)
    (a, a_tok), (b, b_tok) = sides
    for known, known_tok in ((target, tgt_tok), (source, src_tok)):
        if known is not None and known.country == a.country:
            return b, known, b_tok, known_tok
        if known is not None and known.country == b.country:
            return a, known, a_tok, known_tok
    return a, b, a_tok, b_tok


def _shift_actor(actor: Actor, offset: int) -> Actor:
    if not offset or actor.start is None:
        return actor
    return actor.model_copy(update={"start": actor.start + offset, "end": actor.end + offset})


def _claimant(tok: Token, ctx: RoleContext, speaker: Token | None) -> tuple[Token | None, Actor | None]:
    """Who owns an act with no stated hand: whoever claims responsibility for it ("the TTP
    claimed responsibility for the attack"), or an armed party claiming the act itself
    ("Indian troops claim 16 Pakistani soldiers killed"; residents claiming a toll are not
    its authors)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in RESPONSIBILITY_NOUNS:
        subj = _claim_subject(head.head)
        if subj is not None:
            return subj, resolve_token(subj, ctx, speaker)
    subj = _claim_subject(tok)
    if subj is not None:
        actor = resolve_token(subj, ctx, speaker)
        if actor is not None and (actor.sector in ARMED_CLAIMANTS or ctx.resolver.is_place_name(subj.text)):
            return subj, actor  # armed forces, militants, or a state speaking for its forces
    return None, None


def _enemy_losses(speaker: Token, victims: Actor | None, ctx: RoleContext) -> bool:
    """A state or armed party reporting the other side's fighters killed reports its own
    kills: "Pakistan says 35 Indian troops killed", "the army said 12 militants died"."""
    if victims is None or victims.sector not in ARMED_CLAIMANTS:
        return False
    actor = resolve_token(speaker, ctx)
    if actor is None or not (actor.sector in ARMED_CLAIMANTS or ctx.resolver.is_place_name(speaker.text)):
        return False
    if victims.sector in ("MIL", "COP"):
        return bool(actor.country and victims.country and actor.country != victims.country)
    return actor.sector in ("MIL", "COP") or ctx.resolver.is_place_name(speaker.text)  # state vs militants


def _claim_subject(tok: Token) -> Token | None:
    """The subject of a claiming verb over `tok`: its head ("claimed [responsibility]",
    "claim [16 killed]"), or in headline parses a claim word hung on it as a compound
    ("Pakistan claims killing of ...")."""
    claims = [tok.head] if tok.dep_ in ("ccomp", "dobj", "xcomp") else []
    claims += [c for c in tok.children if c.dep_ == "compound"]
    for claim in claims:
        if claim.lemma_.lower() in CLAIM_VERBS and claim is not tok:
            subj = verb_subject(claim) or _child(claim, "nsubj")
            if subj is not None:
                return subj
    return None


PLACE_TARGET_PREPS = {"in", "inside", "across", "within"}


def _demand_governor(verb: Token) -> Token | None:
    """The saying verb above an obligation clause: 'said [Y must go]', 'issued a reminder
    [that it must cooperate]'; None when the verb carries no must/should."""
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return None
    if verb.dep_ not in ("ccomp", "acl", "relcl") or _child(verb, "nsubj") is None:
        return None
    gov = verb.head
    for _ in range(2):  # through the noun: "a reminder to Iraq that ...", "calls for ..."
        if gov.pos_ in ("VERB", "AUX"):
            return gov
        if gov.dep_ == "ROOT" or gov.head is gov:
            return None
        gov = gov.head
    return gov if gov.pos_ in ("VERB", "AUX") else None


def _addressee(gov: Token, verb: Token) -> Token | None:
    """Whom the demand is put to: 'told Iraq', 'a reminder to Iraq'."""
    for node in (gov, verb.head):
        obj = _child(node, "dobj", "dative")
        if obj is not None and obj.i != verb.head.i:
            return obj
        for prep in node.children:  # "to" parses as prep or as dative
            if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
                to = _child(prep, "pobj")
                if to is not None:
                    return to
    return None


def _demand_roles(verb: Token, ctx: RoleContext):
    """'X says Y must Z': the speaker X demands of Y (a pronoun Y stands for the addressee).
    A coordinated verb shares its first conjunct's modal and subject: 'Y must open ... or face'."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and _child(verb, "nsubj") is None:
        verb = verb.head
    gov = _demand_governor(verb)
    if gov is None:
        return None
    spk = verb_subject(gov)
    source = resolve_token(spk, ctx)
    if source is None:
        return None
    subj = _child(verb, "nsubj")
    if subj.lower_ in PRONOUNS:
        addressee = _addressee(gov, verb)
        target = resolve_token(addressee, ctx) if addressee is not None else None
        tgt_tok = addressee
        if target is None:
            target, tgt_tok = resolve_token(subj, ctx), subj
    else:
        target, tgt_tok = resolve_token(subj, ctx), subj
    if target is None or _same(source, target):
        return None
    return source, target, spk, tgt_tok


def _reciprocal(tok: Token) -> bool:
    """An act both named parties do to each other: "exchange fire", "clash", "hold talks"."""
    words = {tok.lemma_.lower(), tok.lower_}
    obj = _child(tok, "dobj")
    if obj is not None:
        words |= {obj.lemma_.lower(), obj.lower_}
    return bool(words & RECIPROCAL)


def _coordinated_sides(toks: list[Token], ctx: RoleContext) -> tuple[Actor, Actor] | None:
    """Two sides named by one coordinated phrase ("India and Pakistan", "Indian, Pakistani
    troops", "India-Pakistan"), when they are of different countries."""
    if not toks:
        return None
    span = toks[0].doc[toks[0].i: toks[-1].i + 1]
    actors = ctx.resolver.resolve_all(span, offset=ctx.offset)
    if len(actors) < 2:
        whole = ctx.resolver.resolve_span(span, offset=ctx.offset)
        sector = whole.sector if whole is not None else None
        actors = [a for a in (ctx.resolver.resolve_span(span.doc[t.i:t.i + 1], offset=ctx.offset)
                              for t in toks if t.pos_ in ("PROPN", "ADJ", "NOUN")) if a is not None and a.country]
        if sector:
            actors = [a.model_copy(update={"sector": sector, "inter": ctx.resolver.codes.inter(sector),
                                           "name": ctx.resolver.codes.display_name(sector, a.country)})
                      for a in actors]
    for other in actors[1:]:
        if actors[0].country and other.country and other.country != actors[0].country:
            return actors[0], other
    return None


def _place_target(verb: Token, obj: Token | None, source: Actor | None, ctx: RoleContext) -> Token | None:
    """A country acted upon where it is named only as the place: "lifted a curfew in
    Montenegro", "sought refuge in Germany", "troops shelled villages in Pakistan's Kashmir".
    Never the source's own country (that is where it acts at home)."""
    for head in (verb, obj):
        if head is None:
            continue
        pobj = _prep_object(head, PLACE_TARGET_PREPS)
        if pobj is None:
            continue
        node = _child(pobj, "poss") if _child(pobj, "poss") is not None and not ctx.resolver.is_place_name(pobj.text) else pobj
        if not ctx.resolver.is_place_name(node.text):
            continue
        found = resolve_token(node, ctx)
        if found is not None and found.country and (source is None or source.country != found.country):
            return node
    return None


_RECIPIENT_PREPS = TARGET_PREPS | {"for", "from", "by", "over"}


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.country == b.country and a.sector == b.sector


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
            for p in c.children if p.dep_ == "pobj"]


def _looks_eventive(tok: Token) -> bool:
    return tok.lemma_.lower() in ("attack", "strike", "airstrike", "assault", "raid", "operation", "missile", "series")


def _deep_target(noun: Token) -> Token | None:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            p = _child(c, "pobj")
            if p is not None:
                return _prep_object(p, TARGET_PREPS)
        if c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike"):
            return _child(c, "dobj")
    return None


def noun_roles(noun: Token, ctx: RoleContext, speaker: Token | None) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    """(source, target) of a noun event: possessor/"by" for the source, "on/against X" for the target."""
    roles = _home_country(*_noun_roles(noun, ctx, speaker), ctx)
    near = noun.doc[max(0, noun.i - 2): noun.i + 1]
    if ({noun.head.lemma_.lower()} | {t.lemma_.lower() for t in near} | {t.lower_ for t in near}) & FIGHT_WORDS:  # "clashes", "trade fire"
        roles = _fight_pair(*roles, noun, ctx, speaker)
    if noun.lemma_.lower() in INSTRUMENT_NOUNS | UNATTRIBUTED_NOUNS | VIOLENCE_NOUNS or noun.lower_ in INSTRUMENT_NOUNS:
        roles = _across_line(*_complaint(*roles, noun, ctx), noun, ctx)
    return roles


def _noun_roles(noun: Token, ctx: RoleContext, speaker: Token | None) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    src_tok = _child(noun, "poss") or _prep_object(noun, SOURCE_PREPS - {"from"})
    if src_tok is not None and src_tok.dep_ == "poss" and _is_place_modifier(src_tok, noun, ctx):
        src_tok = None  # "Pakistan's Karachi blast": where, not who
    parties = _between_parties(noun)
    if src_tok is None and parties:
        src_tok = parties[0]
    modifier: Actor | None = None
    if src_tok is None:
        # an actor used as a modifier: "Israeli airstrikes", "army operation"
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and not _is_place_modifier(c, noun, ctx) \
                    and not _victim_modifier(c, ctx):
                found = ctx.resolver.resolve_span(noun.doc[c.i:c.i + 1], offset=ctx.offset)
                if found is not None:
                    if found.country:
                        src_tok = c
                    else:
                        modifier = found
                    break
    tgt_tok = _prep_object(noun, TARGET_PREPS) or _deep_target(noun)
    if tgt_tok is None and len(parties) > 1 and src_tok is parties[0]:
        tgt_tok = parties[1]  # "clashes between militants and troops"
    if tgt_tok is None and _reciprocal(noun):
        mods = [t for t in noun.subtree if t.i < noun.i and t.dep_ not in ("det", "nummod", "amod") or
                t.i < noun.i and t.dep_ == "amod" and (t.pos_ == "PROPN" or ent_type(t) in ("NORP", "GPE"))]
        sides = _coordinated_sides(mods, ctx) if len(mods) > 1 else None
        if sides:
            s_tok = mods[0]
            return sides[0], sides[1], s_tok, s_tok
    carrier = noun
    # climb "a series of strikes" / "launched attacks" to the verb that carries the event
    for _ in range(3):
        if carrier.dep_ == "pobj" and carrier.head.dep_ == "prep" and carrier.head.lower_ == "of" and carrier.head.head.lemma_.lower() in COLLECTIVE:
            carrier = carrier.head.head
            continue
        break
    verb = carrier.head if carrier.dep_ in ("dobj", "nsubjpass") else None
    if src_tok is None and verb is not None and carrier.dep_ == "dobj":
        lemma = verb.lemma_.lower()
        if lemma in LIGHT_VERBS or lemma in CARRIER_REPORTING or not is_trigger(verb):
            src_tok = verb_subject(verb)
    if tgt_tok is None and verb is not None:
        tgt_tok = _prep_object(verb, TARGET_PREPS)
    source = resolve_token(src_tok, ctx, speaker) if src_tok is not None else None
    if modifier is not None:
        # "Pakistan undertook ... military strikes": country from the subject, sector from the modifier
        if source is not None and source.country and modifier.sector and modifier.sector != source.sector:
            source = source.model_copy(update={"sector": modifier.sector})
        elif source is None:
            source = modifier
    if source is None:
        src_tok, source = _claimant(noun, ctx, speaker)
    target = resolve_token(tgt_tok, ctx, speaker) if tgt_tok is not None else None
    return source, target, src_tok, tgt_tok
