"""Roles of a verb event: the order in which the sibling modules' decisions are tried for a
verb trigger (a passive harm and its attacker, a demand, subject and object, wider targets,
two-sided acts, a place acted on), then the passes over both roles: home countries, the pair
of states in a clash, a stray armed hand, complaints, fire across a contested line.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.claims import _claimant, _complaint, _enemy_losses
from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.countries import _across_line, _home_country
from eventwire.events.roles.demands import _demand_roles
from eventwire.events.roles.naming import (
    COLLECTIVE, OFFICE_SECTORS, PRONOUNS, _names_party, _same, phrase_tokens, resolve_token,
)
from eventwire.events.roles.sides import (
    FIGHT_WORDS, _coordinated_sides, _fight_pair, _fight_sides, _paired_states, _victims_both_sides,
)
from eventwire.events.roles.sources import (
    HARM_VERBS, _addressee, _attacker_tokens, _struck_device, _onslaught_clause, _stray_means, means_agents,
    subject_candidates,
)
from eventwire.events.roles.syntax import _child, _eventive, _looks_eventive, _prep_object, _reciprocal, by_agents
from eventwire.events.roles.targets import (
    TARGET_PREPS, _deep_target, counted_object, _object_fallback, _place_target, _struck_place,
    _wider_targets, undergoer,
)
from eventwire.model import Actor
from eventwire.resources import lexicon


# people named as such ("20 girls", "villagers", "students") are a party without a country
_DWELLINGS = frozenset(lexicon("roles")["dwelling_nouns"])
ACCORD_NOUNS = frozenset(lexicon("roles")["accord_nouns"])
_SENDING = frozenset(lexicon("roles")["sending_verbs"])
_PEOPLE_SECTORS = {"CVL", "EDU", "REL", "LAB", "HLH", "MED", "REF", "AGR", "PRO"}


def verb_roles(verb: Token, ctx: RoleContext, speaker: Token | None, *, harm: bool = False,
               ) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    """(source, target) actors of a verb event, and the tokens they came from; `harm`: the
    event is an attack or a fight."""
    roles = _home_country(*_verb_roles(verb, ctx, speaker, harm), ctx, harm=harm)
    violent = undergoer(verb) is not None or verb.lemma_.lower() in HARM_VERBS
    if verb.lemma_.lower() in FIGHT_WORDS or verb.lower_ in FIGHT_WORDS or violent and None in roles[:2]:
        roles = _fight_pair(*roles, verb, ctx, speaker)
    if violent and roles[0] is None:
        src_tok, source = _stray_means(verb, roles[3] if roles[3] is not None else verb, ctx)
        if source is not None:
            roles = (source, roles[1], src_tok, roles[3])
    if violent:
        roles = _across_line(*_complaint(*roles, verb, ctx), verb, ctx)
    elif roles[0] is None:
        # "accused North Korea of firing artillery shells": the accused did what it is
        # accused of, whether or not the act names a victim
        roles = _complaint(*roles, verb, ctx)
    return roles


def bare_participle(verb: Token, headline: bool = False) -> bool:
    """A past participle with no auxiliary: only a headline writes one with a subject, and it
    writes a passive ("Protesters Arrested", "Teen Accused Of Theft"). In a headline the
    tagger often reads it as a past tense ("Pak traffic cop shot dead in Karachi")."""
    return (verb.tag_ == "VBN" or headline and verb.tag_ == "VBD") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _bare_participle_subject(verb: Token) -> Token | None:
    """The subject of a bare past participle with no object: who it happened to."""
    if not bare_participle(verb) or _child(verb, "dobj") is not None:
        return None
    return _child(verb, "nsubj")


def _counted_kind(tok: Token) -> Token:
    """What a quantity counts: "hundreds of activists" names a party as "activists" does,
    "dozens of machine guns" none."""
    if tok.lemma_.lower() in COLLECTIVE:
        inner = _prep_object(tok, {"of"})
        if inner is not None:
            return inner
    return tok


def _fronted_participle_subject(verb: Token) -> Token | None:
    """"Released by their abductors on Sunday, three Chinese nationals have been handed over":
    a passive participle that opens the sentence is done to the main clause's subject, and
    its "by" phrase is who did it."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBN" or verb.i > verb.head.i \
            or any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in verb.children):
        return None
    return _child(verb.head, "nsubjpass", "nsubj")


def _from(verb: Token) -> set[str]:
    """{"from"} where the "from" phrase may name whom an act is done to ("recalled its envoy
    from Tehran"); none where the verb moves something on to another place ("crossed from
    Chad into West Darfur"): there it is only where the movement began."""
    if any(c.dep_ == "prep" and c.lower_ in ("into", "to", "toward", "towards") for c in verb.children):
        return set()
    return {"from"}


def _verb_roles(verb: Token, ctx: RoleContext, speaker: Token | None, harm: bool = False,
                ) -> tuple[Actor | None, Actor | None, Token | None, Token | None]:
    victim = undergoer(verb)
    if victim is not None:
        tgt_tok = victim
        src_tok, source = None, None
        # "Soldier martyred, woman dead in firing by Indian troops": the means may hang on a
        # coordinated participle of the same headline
        for cand in [c for v in (verb, *verb.conjuncts) for c in _attacker_tokens(v, ctx)] + _onslaught_clause(verb):
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
        if sides is not None and source is not None and (
                source.sector not in OFFICE_SECTORS or source.country not in (sides[0][0].country, sides[1][0].country)):
            sides = None  # "killed in a battle with terrorists along the Pak-Afghan border": the named foe
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
    patient = _bare_participle_subject(verb) or _fronted_participle_subject(verb)
    if patient is not None:
        # "British Teen Charged ...", "Black Teen Accused Of Shoplifting": a headline's bare
        # participle is a passive; its subject is who it happened to, its "by" who did it
        agent = next(iter(by_agents(verb)), None)
        return (resolve_token(agent, ctx, speaker) if agent is not None else None,
                resolve_token(patient, ctx, speaker), agent, patient)
    if harm and _struck_device(verb) is not None:
        subj = _child(verb, "nsubj")
        if subj is None:
            return None, None, None, None
        owner = _child(subj, "poss")
        target = resolve_token(subj, ctx, speaker)
        if target is None and owner is not None:
            return None, resolve_token(owner, ctx, speaker), None, owner
        return None, target, None, subj
    cands = [a for c in subject_candidates(verb) for a in (means_agents(c, ctx) if _eventive(c) else [c])]
    src_tok = cands[0] if cands else None
    # the first candidate is tried first, so unless one resolves the source is None
    source = None
    for cand in cands:  # "the incident was ..., expelling": skip subjects that name no actor
        source = resolve_token(cand, ctx, speaker)
        if source is not None:
            src_tok = cand
            break
        if cand.lower_ in PRONOUNS and cand.head.i == verb.i:
            break  # "as he left": the clause's own unresolved subject, not the main clause's
    tgt_tok = _child(verb, "dobj") or counted_object(verb)
    topic_only = False  # the object is a deal: what it is "on" is no party
    if tgt_tok is not None and (tgt_tok.lemma_.lower() in COLLECTIVE or _looks_eventive(tgt_tok)):
        inner = _prep_object(tgt_tok, TARGET_PREPS) or _deep_target(tgt_tok)
        tgt_tok = inner or tgt_tok
    elif tgt_tok is not None and tgt_tok.lemma_.lower() in _DWELLINGS:
        tgt_tok = _prep_object(tgt_tok, {"of"}) or tgt_tok  # "raided the homes of suspected extremists"
    elif tgt_tok is not None and tgt_tok.lower_ in ACCORD_NOUNS:
        # "signed agreements on energy and military training": the deal is no party, its
        # "on" phrase its topic; the partner is who it is "with"
        tgt_tok = _prep_object(tgt_tok, {"with"}) or _prep_object(verb, {"with"})
        topic_only = True
    if tgt_tok is None and not topic_only:
        # whom it calls on ("called on the Georgian authorities (on Monday) to release"); then
        # "recalled its envoy from Tehran"; but fire comes "from Yemen", where the shooter is
        tgt_tok = _addressee(verb) or _prep_object(verb, TARGET_PREPS if harm else TARGET_PREPS | _from(verb))
    if tgt_tok is None:
        tgt_tok = _object_fallback(verb)
    target = resolve_token(tgt_tok, ctx, speaker)
    if harm and target is not None and tgt_tok is not None and _struck_place(tgt_tok, target, source, ctx):
        target = None
    if target is not None and tgt_tok is not None and tgt_tok.dep_ == "dobj" and verb.lemma_.lower() in _SENDING \
            and target.sector in ("MIL", "COP") and (not target.country or source is None or target.country == source.country):
        # "deployed hundreds of soldiers across the border": one's own forces sent are the
        # means, not whom the act is done to; where they are sent may be ("sent 21 personnel
        # to Bosnia")
        tgt_tok = _prep_object(verb, {"to", "into"})
        target = resolve_token(tgt_tok, ctx, speaker) if tgt_tok is not None else None
    if target is not None and not target.country and target.sector != "IGO" and tgt_tok is not None \
            and tgt_tok.dep_ == "dobj" and not _names_party(_counted_kind(tgt_tok), ctx):
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
        alt = _prep_object(verb, TARGET_PREPS | (set() if harm else _from(verb)))  # (fire comes from where the shooter is)
        if alt is not None and alt.i != tgt_tok.i:  # Token objects are made per access: compare positions
            alt_actor = resolve_token(alt, ctx, speaker)
            # a named party stays: "abducted 20 girls from a school" (only a state or its
            # capital stands in for a party that names no country: "its envoy from Tehran")
            if alt_actor is not None and (target is None or alt_actor.country and (
                    target.sector not in _PEOPLE_SECTORS or ctx.resolver.is_place_name(alt.text))) \
                    and not (harm and _struck_place(alt, alt_actor, source, ctx)):
                # "kills 9 at money market in northern Afghanistan": a place struck, as above
                target, tgt_tok = alt_actor, alt
        elif target is None:
            # "targeting Baloch militant groups": a participle clause names the target
            for c in tgt_tok.children:
                if c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike"):
                    obj = _child(c, "dobj")
                    if obj is not None:
                        target = resolve_token(obj, ctx, speaker)
                        tgt_tok = obj
    # "India and China agreed to resume border patrols": a joint act's other party is the
    # co-subject, not a thing or a group of no country met in its clauses
    if (target is None or _same(source, target) or not target.country) and src_tok is not None and _reciprocal(verb):
        sides = _coordinated_sides(phrase_tokens(src_tok), ctx)
        if sides:
            return sides[0], sides[1], src_tok, src_tok
    if (target is None or _same(source, target)) and not topic_only:
        for cand in _wider_targets(verb):
            found = resolve_token(cand, ctx, speaker)
            if found is not None and not _same(source, found) and not _own_state(source, found, cand, ctx):
                return source, found, src_tok, cand
    if target is None:
        place = _place_target(verb, tgt_tok, source, ctx, harm=harm)
        if place is not None:
            return source, resolve_token(place, ctx), src_tok, place
    return source, target, src_tok, tgt_tok


def _own_state(source: Actor | None, found: Actor, tok: Token, ctx: RoleContext) -> bool:
    """The source's own country or capital, named bare in a clause it governs ("Niger's
    leader warned that Niamey would keep the border closed"): what the speaker says it will
    do itself, not whom the act is aimed at."""
    return source is not None and bool(source.country) and found.country == source.country \
        and ctx.resolver.is_place_name(tok.text)
