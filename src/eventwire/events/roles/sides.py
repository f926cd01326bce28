"""Two-sided acts whose parties are the two states or sides named together rather than a
subject and an object: "Iran, Iraq clashes", "India-Pakistan firing", "talks between X and
Y", "Iraqi villager, Iranian soldier killed in border shelling".
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext
from eventwire.events.roles.countries import BORDER_WORDS
from eventwire.events.roles.naming import OFFICE_SECTORS, phrase_tokens, resolve_token
from eventwire.events.roles.syntax import (
    BETWEEN_PREPS, INSTRUMENT_NOUNS, _between_parties, _capitalised, _child, _eventive, _reciprocal, doc_words,
)
from eventwire.events.roles.targets import PLACE_TARGET_PREPS
from eventwire.model import Actor
from eventwire.parse import doc_text
from eventwire.resources import lexicon

_LEX = lexicon("roles")
FIGHT_WORDS = set(_LEX["fight_words"])
_EXCHANGE = frozenset(_LEX["exchange_verbs"])
_PAIR_JOINS = {",", "and", "-", "&", "/", "–"}


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


def _paired_states(tok: Token, ctx: RoleContext):
    """Two states named side by side in a sentence about an exchange of fire, however the
    parser hung them: "Iran, Iraq clashes", "as Iran and Iraq exchange fire", "Iran-Iraq
    fighting". Read from the words, since headline parses of such lists are unreliable."""
    doc = tok.doc
    text = doc_text(doc)
    fight = not doc_words(doc).isdisjoint(FIGHT_WORDS)
    hits = [h for h in ctx.resolver.find(text) if h.kind in ("country", "demonym") and h.country]
    for h1, h2 in zip(hits, hits[1:]):
        between = text[h1.end:h2.start].strip()
        if not (fight or between in _HYPHENS and _fire_follows(text, h2.end)):
            continue  # "India-Pakistan border shelling": a hyphened pair before fire is its two sides
        before = text[max(0, h1.start - 12):h1.start].lower().split()[-1:]
        after = text[h2.end:h2.end + 20].lower().split()[:1]
        if before and before[0] in PLACE_TARGET_PREPS | {"across", "near", "throughout", "at"} \
                and not (after and after[0].strip(".,;:") in FIGHT_WORDS | INSTRUMENT_NOUNS
                         or _fire_follows(text, h2.end)):
            continue  # "clashes in Syria, Iraq": places, not sides ("in Iran, Iraq clashes" is)
        if h1.country != h2.country and between in _PAIR_JOINS:
            a = ctx.resolver.resolve(text, h1.start, h1.end)
            b = ctx.resolver.resolve(text, h2.start, h2.end)
            if a is None or b is None:
                return None
            a_tok = next((t for t in doc if t.idx >= h1.start), tok)
            b_tok = next((t for t in doc if t.idx >= h2.start), tok)
            if _parties_of_another(a_tok, tok):
                continue  # "The fighting came amid talks between Turkish and Russian officials"
            return (_shift_actor(a, ctx.offset), a_tok), (_shift_actor(b, ctx.offset), b_tok)
    return None


_HYPHENS = {"-", "–"}


def _parties_of_another(party: Token, tok: Token) -> bool:
    """The pair is named "between" another act than the event word, one that is not its
    means: they are that act's parties (the talks'), not the sides of the fight; so are the
    subjects of another verb that is no fight ("Serbia and Kosovo traded accusations after a
    shootout", "Rwanda and Congo signed a peace agreement aimed at ending fighting")."""
    head = party.head if party.dep_ == "conj" else party
    verb = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and verb.i != tok.i and verb.pos_ in ("VERB", "AUX") \
            and verb.lemma_.lower() not in FIGHT_WORDS - _EXCHANGE \
            and not any(c.dep_ == "dobj" and (c.lemma_.lower() in FIGHT_WORDS | INSTRUMENT_NOUNS or c.i == tok.i)
                        for c in verb.children):
        return True
    if head.dep_ == "pobj" and head.head.dep_ == "agent" and verb.head.i != tok.i and verb.head.pos_ in ("VERB", "AUX") \
            and verb.head.lemma_.lower() not in FIGHT_WORDS:
        return True  # "a ceasefire mediated by Qatar and Turkiye": the mediators of another act
    for up in party.ancestors:
        if up.i == tok.i:
            return False
        if up.dep_ == "prep" and up.lower_ in BETWEEN_PREPS and _eventive(up.head) \
                and all(a.i != tok.i for a in up.head.ancestors):
            return True  # not the means of the event word itself ("killed in a shootout between ...")
    return False


def _fire_follows(text: str, at: int) -> bool:
    """A noun of fire (or of the border it crosses, then fire) right after `at`."""
    words = [w.strip(".,;:'\"").lower() for w in text[at:at + 40].split()[:2]]
    if words and words[0] in BORDER_WORDS - INSTRUMENT_NOUNS:
        words = words[1:]
    return bool(words) and words[0] in INSTRUMENT_NOUNS | FIGHT_WORDS


def _victims_both_sides(victim: Token, ctx: RoleContext):
    """Dead of two nations listed together in cross-border fire ("Iraqi villager, Iranian
    soldier killed in border shelling") name the two sides of the exchange."""
    if doc_words(victim.doc).isdisjoint(BORDER_WORDS):
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


def _coordinated_sides(toks: list[Token], ctx: RoleContext) -> tuple[Actor, Actor] | None:
    """Two sides named by one coordinated phrase ("India and Pakistan", "Indian, Pakistani
    troops", "India-Pakistan"), when they are of different countries, or of one country
    and opposed kinds ("Sudan's army and the Rapid Support Forces"; two arms of one state,
    "the army and police", are one side)."""
    if not toks:
        return None
    span = toks[0].doc[toks[0].i: toks[-1].i + 1]
    verb = next((t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"), None)
    if verb is not None and verb.dep_ == "acl" and verb.i - 1 > span.start and span.doc[verb.i - 1].text == ",":
        # "the commissions of Armenia and Azerbaijan, led by their deputy prime ministers":
        # a participle set off by a comma only describes the parties it follows
        span = span.doc[span.start: verb.i - 1]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in span):  # "the divided island" is a phrase
        # a clause, not a phrase: "Pakistani civilian killed in Indian shelling" (a headline
        # the parser hangs on the noun) names a victim and a shooter, not two sides
        return None
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
    for other in actors[1:]:
        if other.country == actors[0].country and _opposed(actors[0], other):
            return actors[0], other
    for other in actors[1:]:
        # "The government and the ELN signed a ceasefire": a side of no country word is of
        # the other's country when they are opposed kinds
        if bool(actors[0].country) != bool(other.country) and _opposed(actors[0], other):
            country = actors[0].country or other.country
            return tuple(a if a.country else ctx.resolver.relocated(a, country) for a in (actors[0], other))
    return None


def _opposed(a: Actor, b: Actor) -> bool:
    return bool(a.sector and b.sector and a.sector != b.sector
                and not {a.sector, b.sector} <= OFFICE_SECTORS)
