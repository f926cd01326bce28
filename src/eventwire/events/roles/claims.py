"""Who an act is laid to by what parties say about it: whoever claims responsibility for it
("the TTP claimed responsibility for the attack"), an armed party claiming the act itself, a
state reporting the other side's dead ("Pakistan says 35 Indian troops killed"), and
complaints: the accused did it, a state that summons an envoy or protests over it was its
target. (Attribution and claim status of the event itself are in attributes/claims.py.)
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.countries import _LINE_SIDES, _line_pair
from eventwire.events.roles.naming import resolve_token
from eventwire.events.roles.sources import verb_subject
from eventwire.events.roles.syntax import _child, _prep_object
from eventwire.model import Actor
from eventwire.parse import doc_text
from eventwire.resources import lexicon

_LEX = lexicon("roles")
CLAIM_VERBS = set(_LEX["claim_verbs"])
RESPONSIBILITY_NOUNS = set(_LEX["responsibility_nouns"])
ARMED_CLAIMANTS = set(_LEX["armed_claimant_sectors"])
COMPLAINT_WORDS = set(_LEX["complaint_words"])
AGGRIEVED_WORDS = set(_LEX["aggrieved_words"])


def _complaint_parties(tok: Token) -> tuple[Token | None, Token | None, Token | None]:
    """(complainer, accused, complaint word) when a violent act is what a party complains
    of: "Pakistan accuses India of shelling", "Pakistan summons Indian envoy over firing"."""
    node = tok
    if node.dep_ == "dobj" and node.head.dep_ == "pcomp":
        node = node.head  # "accused North Korea of firing artillery shells": the act is the verb's
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
    passive = _child(gov, "nsubjpass") if gov.pos_ in ("VERB", "AUX") else None
    if passive is not None:
        # "The Wagner group's fighters were accused of executing civilians": the subject is
        # the accused, the "by" phrase (if any) the one who complains
        return _prep_object(gov, {"by"}), passive, gov
    if gov.pos_ in ("VERB", "AUX"):
        complainer = verb_subject(gov)
    else:  # headline noun: "Pakistan summons Indian envoy ..."
        complainer = next((c for c in gov.children if c.dep_ in ("nsubj", "poss", "amod", "compound") and c.i < gov.i), None)
    accused = _child(gov, "dobj", "appos") or _prep_object(gov, {"with"})
    if accused is not None and accused.i in (tok.i, node.i):
        accused = None  # "condemned the attack on peacekeepers": the act condemned accuses no one
    for c in gov.children:  # "protest [xcomp] with Iraq"
        if accused is None and c.dep_ in ("xcomp", "dobj"):
            accused = _prep_object(c, {"with"})
    return complainer, accused, gov


def _complaint(source: Actor | None, target: Actor | None, src_tok, tgt_tok, tok: Token, ctx: RoleContext):
    """The accused of a complaint about violence did it; a state that summons an envoy or
    lodges a protest over it (or complains of fire across its border) was its target."""
    complainer, accused, gov = _complaint_parties(tok)
    if gov is None:
        if source is None and target is None:
            found = _summoned_envoy(tok, ctx)
            if found is not None:
                return found[0], found[1], None, None
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


# "Pakistan summons Indian envoy over ceasefire violations": headline parses of this read the
# verb as a noun and the envoy as an apposition, so the complaint is also read from the words
_SUMMONED = re.compile(
    r"\bsummon(?:s|ed|ing)?\s+(?:the\s+)?(?P<who>[A-Z][\w'-]*)\s+(?:(?:deputy|acting|top|senior)\s+)*"
    r"(?:envoy|envoys|diplomat|diplomats|ambassador|high\s+commissioner|charg[eé]\s+d'affaires|consul)\b")


VIOLENT_WORDS = frozenset(_LEX["violence_nouns"]) | set(_LEX["instrument_nouns"]) | set(_LEX["unattributed_nouns"]) \
    | set(_LEX["harm_verbs"])


def _summoned_envoy(tok: Token, ctx: RoleContext) -> tuple[Actor, Actor] | None:
    """(accused, aggrieved) when a state summons another's envoy over the violent act `tok`
    names: the envoy's state did it, the summoning state (named right before the verb)
    was hit. None unless both are states and differ."""
    if not {tok.lemma_.lower(), tok.lower_} & VIOLENT_WORDS:
        return None  # the protest itself, or talks, are not what the envoy's state did
    text = doc_text(tok.doc)
    m = _SUMMONED.search(text)
    if m is None or m.end() > tok.idx:
        return None  # the complaint must be about an act named after it
    hits = [h for h in ctx.resolver.find(text) if h.kind in ("country", "demonym", "capital") and h.country]
    accused = next((h for h in hits if h.start == m.start("who") and h.end == m.end("who")), None)
    aggrieved = next((h for h in hits if h.end <= m.start() and not text[h.end:m.start()].strip()), None)
    if accused is None or aggrieved is None or accused.country == aggrieved.country:
        return None
    actor = ctx.resolver.resolve(text, accused.start, accused.end)
    if actor is None or actor.country != accused.country:
        return None
    if actor.start is not None and ctx.offset:
        actor = actor.model_copy(update={"start": actor.start + ctx.offset, "end": actor.end + ctx.offset})
    return actor, ctx.resolver.implied("GOV", aggrieved.country)


def _claimant(tok: Token, ctx: RoleContext, speaker: Token | None) -> tuple[Token | None, Actor | None]:
    """Who owns an act with no stated hand: whoever claims responsibility for it ("the TTP
    claimed responsibility for the attack"), or an armed party claiming the act itself
    ("Indian troops claim 16 Pakistani soldiers killed"; residents claiming a toll are not
    its authors)."""
    head = tok.head
    # "claims responsibility of the attacks": South Asian English takes "of" where others take "for"
    if tok.dep_ in ("pobj", "pcomp") and head.lower_ in ("for", "of") and head.head.lemma_.lower() in RESPONSIBILITY_NOUNS:
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
