"""Demands: "X says Y must Z" makes the speaker X the source and Y the target; a pronoun Y
stands for the party the demand is put to ("told Iraq it must cooperate").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.naming import PRONOUNS, _same, resolve_token
from eventwire.events.roles.sources import verb_subject
from eventwire.events.roles.syntax import _child
from eventwire.resources import lexicon

_LEX = lexicon("roles")
OBLIGATION_MODALS = set(_LEX["obligation_modals"])


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
