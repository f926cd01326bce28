"""Roles of a noun event ("Iran's airstrikes on X", "Pakistan launched attacks"): possessor,
"by" phrase or party modifier as source, else the subject of the light verb that carries the
noun, else a claimant; "on/against X" as target; then the passes over both roles that verb
events also get: home countries, the pair of states in a clash, complaints, fire across a
contested line.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.claims import _claimant, _complaint
from eventwire.events.roles.context import RoleContext, is_trigger
from eventwire.events.roles.countries import _across_line, _home_country
from eventwire.events.roles.naming import COLLECTIVE, PART_NOUNS, resolve_token
from eventwire.events.roles.sides import FIGHT_WORDS, _coordinated_sides, _fight_pair
from eventwire.events.roles.sources import _is_place_modifier, _victim_modifier, verb_subject
from eventwire.events.roles.syntax import (
    INSTRUMENT_NOUNS, UNATTRIBUTED_NOUNS, _between_parties, _child, _place_word, _prep_object, _reciprocal,
)
from eventwire.events.roles.targets import TARGET_PREPS, _deep_target, _struck_place
from eventwire.model import Actor
from eventwire.parse import ent_type
from eventwire.resources import lexicon

_LEX = lexicon("roles")
LIGHT_VERBS = set(_LEX["light_verbs"])
RESPONSE_VERBS = set(_LEX["response_verbs"])
SOURCE_PREPS = set(_LEX["source_preps"])
PATIENT_OF_NOUNS = frozenset(_LEX["patient_of_nouns"])
ACCORD_NOUNS = frozenset(_LEX["accord_nouns"])
CULPRIT_VERBS = frozenset(_LEX["culprit_verbs"])
UNDERGONE_NOUNS = frozenset(_LEX["undergone_nouns"])
UNDERGOING_VERBS = frozenset(_LEX["undergoing_verbs"])
HARMED_POSSESSOR_NOUNS = frozenset(_LEX["harmed_possessor_nouns"])
PERSONAL_POSSESSORS = frozenset(_LEX["personal_possessors"])
CARRIER_REPORTING = {"confirm", "claim", "admit", "acknowledge", "announce"}
# who says, or names a thing as an act ("called the strikes an attack"), is no party to it
_TELLING = {"say", "tell", "report"} | set(_LEX["naming_verbs"])
_SPEAKER_HEADS = frozenset(_LEX["speaker_heads"])
_BEARING_WITNESS = {"confirm", "acknowledge", "announce"}
_ATTACK_NOUNS = frozenset(_LEX["told_attack_nouns"])
_ARMED_HANDS = {"MIL", "GOV", "REB", "UAF", "COP", "SPY"}
VIOLENCE_NOUNS = set(_LEX["violence_nouns"])


def noun_roles(noun: Token, ctx: RoleContext, speaker: Token | None, *, harm: bool = False,
               ) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    """(source, target) of a noun event: possessor/"by" for the source, "on/against X" for the
    target; `harm`: the event is an attack or a fight."""
    roles = _home_country(*_noun_roles(noun, ctx, speaker, harm), ctx, harm=harm)
    near = noun.doc[max(0, noun.i - 2): noun.i + 1]
    if ({noun.head.lemma_.lower()} | {t.lemma_.lower() for t in near} | {t.lower_ for t in near}) & FIGHT_WORDS:  # "clashes", "trade fire"
        roles = _fight_pair(*roles, noun, ctx, speaker)
    if noun.lemma_.lower() in INSTRUMENT_NOUNS | UNATTRIBUTED_NOUNS | VIOLENCE_NOUNS or noun.lower_ in INSTRUMENT_NOUNS:
        roles = _across_line(*_complaint(*roles, noun, ctx), noun, ctx)
    return roles


def _modifier_start(mod: Token) -> int:
    """Where a modifying word's own phrase starts: with the words that modify it in turn."""
    lo, own = mod.i, mod.left_edge.i
    while lo > own and mod.doc[lo - 1].dep_ in ("compound", "amod"):
        lo -= 1
    return lo


def _under_attack(noun: Token) -> Token | None:
    """The verb of "came under attack", "come under fire": an act that happened to the
    subject ("X is under attack" is as often a figure of speech: "democracy is under attack")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.dep_ != "prep":
        return None
    verb = prep.head
    return verb if verb.lemma_.lower() == "come" else None


_STANCE_WORDS = frozenset(lexicon("roles")["stance_prefixes"])
_AGAINST = frozenset({"anti"})  # a stance against: what it names is the act's target


def _stance(tok: Token, words: frozenset = _STANCE_WORDS) -> bool:
    """The word follows "anti-" or "pro-" (`words`): a stance towards what it names."""
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text in ("-", "\u2013") and doc[i - 2].lower_ in words:
        return True
    return i >= 1 and doc[i - 1].lower_ in words


def _patient(noun: Token, tgt_tok: Token | None, src_tok: Token | None, ctx: RoleContext,
             ) -> tuple[Token | None, Token | None]:
    """(target, source) of an act done to someone: its "of" phrase names who ("the arrest of
    the journalist"); with none, a person's name as possessor is that person ("Navalny's
    arrest"), and a personal pronoun ("called for his release") is never the hand."""
    patient = _prep_object(noun, {"of"})
    if patient is not None and patient.lemma_.lower() not in COLLECTIVE:
        return tgt_tok or patient, src_tok
    if src_tok is None or src_tok.dep_ != "poss":
        return tgt_tok, src_tok
    if src_tok.lower_ in PERSONAL_POSSESSORS:
        # who "his" is rarely stands among the parties named before (the official who spoke,
        # the state that called for it): left unnamed rather than given to one of them
        return tgt_tok, None
    if src_tok.pos_ == "PROPN" and (_a_person(src_tok, ctx) or noun.lemma_.lower() in HARMED_POSSESSOR_NOUNS):
        return tgt_tok or src_tok, _prep_object(noun, {"by"})  # "George Floyd's killing by police"
    return tgt_tok, src_tok


_SANCTION_NOUNS = frozenset(_LEX["sanction_nouns"])


def _sanctioned_country(noun: Token, ctx: RoleContext) -> tuple[Token, Token] | None:
    """(who adopts, whom they hit) for "EU adopts new Russia sanctions package": a country's
    name compounded before a sanction noun that has no "on"/"against" phrase of its own, in
    the object of a verb whose subject is another party."""
    if noun.lower_ not in _SANCTION_NOUNS or _prep_object(noun, TARGET_PREPS) is not None:
        return None
    country = next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                    and c.pos_ == "PROPN" and ctx.resolver.is_country_name(c.text)), None)
    if country is None:
        return None
    obj = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
    if obj.dep_ != "dobj":
        return None
    subj = _child(obj.head, "nsubj")
    if subj is None:
        return None
    adopter = resolve_token(subj, ctx)
    hit = ctx.resolver.resolve(country.text)
    if adopter is None or hit is None or adopter.country == hit.country:
        return None
    return subj, country


def _police(tok: Token, ctx: RoleContext) -> bool:
    actor = resolve_token(tok, ctx)
    return actor is not None and actor.sector == "COP"


def _listed_on(noun: Token) -> tuple[Token, Token] | None:
    """(verb, its object) of "added X to its sanctions list", "put X on the sanctions list"."""
    lst = noun.head
    if noun.lower_ not in _SANCTION_NOUNS or noun.dep_ != "compound" or lst.dep_ != "pobj" \
            or lst.lemma_.lower() not in ("list", "blacklist", "register"):
        return None
    prep = lst.head
    verb = prep.head
    while verb.dep_ in ("dobj", "conj") and verb.pos_ in ("NOUN", "PROPN"):
        verb = verb.head  # the parser may hang "to its list" on the object itself
    obj = _child(verb, "dobj")
    if prep.lower_ not in ("to", "on", "onto") or verb.pos_ != "VERB" or obj is None:
        return None
    return verb, obj


def _a_person(tok: Token, ctx: RoleContext) -> bool:
    """A name the dictionaries know as no state, force, group or organisation."""
    found = ctx.resolver.resolve_span(tok.doc[tok.left_edge.i:tok.i + 1], offset=ctx.offset)
    return found is None or found.sector not in _ARMED_HANDS | {"IGO", "NGO", "JUD", "BUS", "MED", "PTY", "OPP"} and not found.country


def _noun_roles(noun: Token, ctx: RoleContext, speaker: Token | None, harm: bool = False,
                ) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    if noun.lemma_.lower() in UNDERGONE_NOUNS and noun.dep_ == "dobj":
        # "Four soldiers embraced martyrdom": who embraces it is who was killed
        victim = verb_subject(noun.head)
        return None, resolve_token(victim, ctx, speaker) if victim is not None else None, None, victim
    obj = noun if noun.dep_ == "dobj" else noun.head if noun.dep_ == "compound" and noun.head.dep_ == "dobj" else None
    if obj is not None and obj.head.lemma_.lower() in UNDERGOING_VERBS:
        # "the prime minister survived an assassination attempt", "escaped an ambush by
        # gunmen": who survives it is who it was aimed at; its "by" phrase, who did it
        victim = verb_subject(obj.head)
        if victim is not None:
            hand = _child(noun, "poss") or _prep_object(noun, {"by"}) or _prep_object(obj, {"by"})
            source = resolve_token(hand, ctx, speaker) if hand is not None else None
            if hand is None:  # "survived a Taliban attack": a party named before the act
                for c in (c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i):
                    source = resolve_token(c, ctx, speaker)
                    if source is not None:
                        hand = c
                        break
            return source, resolve_token(victim, ctx, speaker), hand, victim
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in CULPRIT_VERBS:
        # "Local media attributed the attack to the CJNG", "police blamed the blast on the
        # TTP" (the parser hangs the phrase on either word): the one it is laid on is who did
        # it; who lays it only says so, and the phrase names no target
        culprit = _prep_object(noun.head, {"on", "to"}) or _prep_object(noun, {"on", "to"})
        # a party, not a cause ("blames Gaza violence on Hamas propaganda", "on the weather")
        if culprit is not None and (ctx.resolver.find(culprit.text) or culprit.lemma_.lower() in PART_NOUNS):
            return resolve_token(culprit, ctx, speaker), None, culprit, None
    src_tok = _child(noun, "poss") or _prep_object(noun, SOURCE_PREPS - {"from"})
    if src_tok is not None and src_tok.dep_ == "poss" and _is_place_modifier(src_tok, noun, ctx):
        src_tok = None  # "Pakistan's Karachi blast": where, not who
    parties = _between_parties(noun)
    if src_tok is None and parties:
        src_tok = parties[0]
    if src_tok is None and noun.dep_ == "dobj":
        # "dispersed a protest by hundreds of youths": the parser hangs the noun's "by" on
        # the active verb, right after the noun's phrase, where it can be no agent
        by = next((c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "by"
                   and c.i == noun.right_edge.i + 1), None)
        src_tok = _child(by, "pobj") if by is not None else None
    modifier: Actor | None = None
    # "EU adopts new Russia sanctions package": the country before "sanctions" is whom they
    # hit when another party adopts them; alone ("US sanctions") it imposes them
    src_tok, sanctioned = (_sanctioned_country(noun, ctx) if src_tok is None else None) or (src_tok, None)
    if src_tok is None:
        # an actor used as a modifier: "Israeli airstrikes", "army operation"
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and not _is_place_modifier(c, noun, ctx) \
                    and not (noun.lower_ in ACCORD_NOUNS and ctx.resolver.is_place_name(c.text)) \
                    and not _victim_modifier(c, noun, ctx) and not _stance(c):
                found = ctx.resolver.resolve_span(noun.doc[c.i:c.i + 1], offset=ctx.offset)
                lo = _modifier_start(c) if found is not None else c.i
                if found is None and c.left_edge.i < c.i and not _is_place_modifier(c.left_edge, noun, ctx):
                    # a word that names no party alone may with its own modifiers, if they
                    # name an armed hand: "US-led coalition air strikes" (not the people of
                    # "women university bus bomb blast")
                    wider = ctx.resolver.resolve_span(noun.doc[c.left_edge.i:c.i + 1], offset=ctx.offset)
                    if wider is not None and wider.sector in _ARMED_HANDS:
                        found = wider
                if lo < c.i:
                    # the word's own modifiers may name another party ("Suicide bomber
                    # strikes" parsed as one noun run: a suicide bomber, not a bomber plane)
                    found = ctx.resolver.resolve_span(noun.doc[lo:c.i + 1], offset=ctx.offset) or found
                if found is not None:
                    if found.country:
                        src_tok = c
                    else:
                        modifier = found
                    break
    # a deal is "with" its partner; what it is "on" is its topic ("agreements on military training")
    tgt_tok = _prep_object(noun, {"with"}) if noun.lower_ in ACCORD_NOUNS else _prep_object(noun, TARGET_PREPS) or _deep_target(noun)
    tgt_tok = tgt_tok or sanctioned
    if noun.lemma_.lower() in PATIENT_OF_NOUNS:
        tgt_tok, src_tok = _patient(noun, tgt_tok, src_tok, ctx)
    if tgt_tok is None:
        # "anti-Taliban offensive", "anti-government protests": aimed at the party named
        tgt_tok = next((c for c in noun.children if c.i < noun.i and c.dep_ in ("amod", "compound", "nmod")
                        and _stance(c, _AGAINST)), None)
    if tgt_tok is None and len(parties) > 1 and src_tok is parties[0]:
        tgt_tok = parties[1]  # "clashes between militants and troops"
    if tgt_tok is None and _reciprocal(noun):
        mods = [t for t in noun.subtree if t.i < noun.i and t.dep_ not in ("det", "nummod", "amod") or
                t.i < noun.i and t.dep_ == "amod" and (t.pos_ == "PROPN" or ent_type(t) in ("NORP", "GPE"))]
        sides = _coordinated_sides(mods, ctx) if len(mods) > 1 else None
        if sides:
            s_tok = mods[0]
            return sides[0], sides[1], s_tok, s_tok
    under = _under_attack(noun)
    if under is not None:
        # "the convoy came under attack from Taliban fighters": the subject is hit, and the
        # "from"/"by" phrase (of the act or of "came") is the attacker unless it is a place
        if src_tok is None:
            cand = _prep_object(noun, {"from", "by"}) or _prep_object(under, {"from", "by"})
            if cand is not None and not (ctx.resolver.is_place_name(cand.text)
                                         or cand.pos_ == "PROPN" and _place_word(cand.text)):
                src_tok = cand
        if tgt_tok is None:
            tgt_tok = _child(under, "nsubj")
    listed = _listed_on(noun)
    if listed is not None:
        # "Britain added a crypto exchange and two Kazakh firms to its Russia sanctions list":
        # who adds them sanctions them, whatever regime the list is named for
        verb, obj = listed
        src_tok, tgt_tok = verb_subject(verb), obj
    carrier = noun
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i and noun.head.dep_ == "dobj":
        # "announced a military aid package for Ukraine": the noun the event word classifies
        # carries its syntax, and names its recipient
        carrier = noun.head
        if tgt_tok is None:
            tgt_tok = _prep_object(carrier, TARGET_PREPS | {"for"})
    # climb "a series of strikes" / "launched attacks" to the verb that carries the event
    for _ in range(3):
        if carrier.dep_ == "pobj" and carrier.head.dep_ == "prep" and carrier.head.lower_ == "of" and carrier.head.head.lemma_.lower() in COLLECTIVE:
            carrier = carrier.head.head
            continue
        break
    verb = carrier.head if carrier.dep_ in ("dobj", "nsubjpass") else None
    if src_tok is None and verb is not None and carrier.dep_ == "dobj":
        lemma = verb.lemma_.lower()
        # "Police say bomb explodes": who only tells of the act is no party to it
        if lemma in LIGHT_VERBS or lemma in CARRIER_REPORTING or not (is_trigger(verb) or lemma in _TELLING):
            src_tok = verb_subject(verb)
            if lemma in CARRIER_REPORTING and src_tok is not None and src_tok.lemma_.lower() in _SPEAKER_HEADS:
                src_tok = None  # "the police command spokesman confirmed the attack": told, not done
            elif lemma in _BEARING_WITNESS and src_tok is not None and noun.lemma_.lower() in _ATTACK_NOUNS \
                    and _police(src_tok, ctx):
                # "The state police command confirmed the attack but put the toll at 12": the
                # police tell of an attack on others (a raid or an operation they confirm is theirs)
                src_tok = None
    if src_tok is None and carrier.dep_ == "pobj" and carrier.head.lower_ == "with" \
            and carrier.head.head.lemma_.lower() in RESPONSE_VERBS:
        src_tok = verb_subject(carrier.head.head)  # "Israel responded with strikes"
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
    if harm and target is not None and _struck_place(tgt_tok, target, source, ctx):
        target = None
    return source, target, src_tok, tgt_tok
