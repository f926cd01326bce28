"""Which actor a noun phrase names, once a role has picked its head word: the extent of the
phrase, pronouns (through the speaker or the latest fitting actor), a party inside the phrase
of a head noun that names none ("support from the Assembly"), a people where it lives
("ethnic Albanians in Macedonia"), office holders out of office ("former president X" is an
elite, not the state).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.roles.context import RoleContext, is_trigger
from eventwire.events.roles.syntax import _child, _eventive
from eventwire.model import Actor
from eventwire.parse import doc_text, person_ranges
from eventwire.resources import lexicon

_LEX = lexicon("roles")
COLLECTIVE = set(_LEX["collective_nouns"])
PRONOUNS = _LEX["pronouns"]
REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
INNER_PARTY_PREPS = set(_LEX["inner_party_preps"])
NOT_THE_PARTY = set(_LEX["not_the_party_nouns"])
PART_NOUNS = frozenset(_LEX["part_nouns"])
FORMER_WORDS = set(_LEX["former_words"])
OFFICE_NOUNS = set(_LEX["office_nouns"])
OFFICE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
_RECORD_VERBS = frozenset(_LEX["record_verbs"])
_CORE_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "case", "flat", "appos", "punct", "quantmod", "advmod"}
PERSONAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "OPP", "PTY", "IGO", "REB", "MED", "NGO", "BUS", "REL"}


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head`, without relative clauses and trailing punctuation."""
    cut: set[int] = set()
    for t in head.subtree:
        if t.i in cut:
            continue
        # (Token objects are made per access: positions, not identity, tell the head)
        if t.i != head.i and t.dep_ in ("relcl", "acl") and (t.head.i != head.i or is_trigger(t)
                                                             or t.lemma_.lower() in _RECORD_VERBS) or (
            t.dep_ in ("relcl",) and t.head.i == head.i
        ):  # an event clause on the noun ("civilians killed by X") or a record ("a man accused
            # of ...") is not part of its name
            cut.update(x.i for x in t.subtree)  # its relative pronoun, read before it, too
    keep = [t for t in head.subtree if t.i not in cut]
    while keep and keep[-1].dep_ in ("punct", "cc") and not _closing(keep):
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
    return _without_predicate([head.doc[i] for i in range(lo, hi + 1)])


def _without_predicate(toks: list[Token]) -> list[Token]:
    """An adjective before the determiner or number is no part of the phrase: in "shot dead two
    police officers" the parser hangs the verb's "dead" on the officers."""
    while len(toks) > 1 and toks[0].dep_ == "amod" and toks[1].dep_ in ("det", "nummod", "predet"):
        toks = toks[1:]
    return toks


def core_tokens(head: Token) -> list[Token]:
    """The head noun with its modifiers and apposition, without prepositional tails:
    "Tehran" rather than "Tehran of serious consequences in wake of ..."."""
    keep = {head.i}
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for c in node.children:
            if c.dep_ in _CORE_DEPS or (node is not head and c.dep_ in ("prep", "pobj") and (
                    node.dep_ == "appos" or node.dep_ == "prep" and node.head.dep_ == "appos")) \
                    or c.dep_ == "npadvmod" and node.dep_ == "amod":  # "the US-led war", "Saudi-backed forces"
                if c.dep_ == "punct" and c.text not in (",", "'s", "-"):
                    continue
                keep.add(c.i)
                frontier.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of" and node.pos_ == "PROPN" and node.i == head.i:
                # names with "of": "Ministry of Foreign Affairs", "Government of Pakistan"
                obj = [t for t in c.subtree if t.i > c.i and not t.is_punct]
                if obj and obj[0].is_title and obj[0].i == c.i + 1:
                    # five words at most, not counting a possessive's "'s": "Command of
                    # China's People's Liberation Army" is one name
                    last = [t for t in obj if t.dep_ != "case"][:5][-1].i
                    if last + 1 < len(head.doc) and head.doc[last + 1].text == ")":
                        last += 1  # "(PLA)" whole
                    keep.update(t.i for t in c.subtree if t.i <= last)
    lo, hi = head.i, head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    toks = [head.doc[i] for i in range(lo, hi + 1)]
    while len(toks) > 1 and toks[-1].dep_ in ("punct", "cc") and not _closing(toks):
        toks.pop()
    while len(toks) > 1 and toks[0].dep_ in ("punct", "cc"):
        toks.pop(0)
    return _without_predicate(toks)


def _closing(toks: list[Token]) -> bool:
    """The last token closes a bracket the phrase opened: "the People's Liberation Army
    (PLA)" keeps it."""
    return toks[-1].text == ")" and any(t.text == "(" for t in toks)


_PLACE_KINDS = {"country", "capital", "demonym", "ethnic", "place"}


def _hidden_in_place(toks, fuller: Actor | None, ctx: RoleContext) -> str | None:
    """The country of the place named in a phrase when the phrase's actor took its country
    from a name inside that place name, not from the place; else None."""
    if fuller is None or not fuller.country:
        return None
    for start, end, country in ctx.places:
        if country == fuller.country or not any(start <= ctx.offset + t.idx < end for t in toks):
            continue
        name = toks[0].doc.text[start - ctx.offset:end - ctx.offset]
        if any(m.kind in _PLACE_KINDS for m in ctx.resolver.find(name)):
            continue  # "Trinidad", "Somali": the place's name is the country's own
        inside = ctx.resolver.resolve(name)
        if inside is not None and inside.country == fuller.country:
            return country
    return None


_WHERE_OF = {"of", "in", "at", "near", "from"}  # "priest of St. Mary's Church in Nkanu"


def _who_of(pron: Token, noun: Token) -> Token:
    """What "who" stands for: the parser hangs the clause on the last name before it, which
    in "Rev. Obiora, parish priest of St. Mary's Church in Nkanu East Local Government Area,
    who was abducted" is a place; a person is the top of the chain of names in which it is
    an object of a preposition (and of the apposition that chain describes)."""
    if pron.lower_ not in ("who", "whom") or noun.pos_ != "PROPN":
        return noun
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in _WHERE_OF \
            and noun.head.head is not noun.head:
        noun = noun.head.head
    return noun.head if noun.dep_ == "appos" else noun


def resolve_token(tok: Token | None, ctx: RoleContext, speaker: Token | None = None) -> Actor | None:
    """The actor a noun phrase headed by `tok` names (pronouns through discourse)."""
    if tok is None:
        return None
    if tok.lower_ in PRONOUNS or tok.lower_ in REL_PRONOUNS:
        if tok.lower_ in REL_PRONOUNS and tok.tag_ in ("WDT", "WP", "WP$"):
            # "the fighters who ..." stand for what the clause hangs on; a "that" the parser
            # took for an object ("reports that troops had clashed") stands for no one
            return resolve_token(_who_of(tok, tok.head.head), ctx) if tok.head.dep_ == "relcl" else None
        if speaker is not None and speaker is not tok and not _one_person_for_many(tok, speaker) \
                and not _speaks_for(speaker, tok):
            actor = resolve_token(speaker, ctx)
            # "The United States called for his release": "his" is a person, never the
            # state that speaks
            if actor is not None and (tok.lower_ not in PERSONAL_PRONOUNS or _fits(tok, PRONOUNS.get(tok.lower_, "pl"), actor, ctx)):
                return actor
        antecedent = _antecedent(tok, ctx)
        if antecedent is None:
            return None
        return antecedent.model_copy(update={"text": tok.text, "start": ctx.offset + tok.idx, "end": ctx.offset + tok.idx + len(tok.text)})
    if tok.lower_ in ("nobody", "none", "no-one") or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None  # "no civilians were harmed", "No crew members were injured": nobody
    told = _told_group(tok, ctx, speaker)
    if told is not None:
        return told
    whole = _whole_of_part(tok, ctx, speaker)
    if whole is not None:
        return whole
    national = _a_national(tok, ctx)
    if national is not None:
        return national
    core = core_tokens(tok)
    actor = ctx.resolver.resolve_span(tok.doc[core[0].i: core[-1].i + 1], offset=ctx.offset)
    if actor is None or actor.sector is None or actor.sector in OFFICE_SECTORS and not actor.country:
        body = _title_of(tok, ctx, speaker)
        if body is not None:
            return body
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
        # not into a second party coordinated with it ("between army and M23": the army is
        # not the M23's)
        cut = next((t.i for t in toks if t.head.i == tok.i and t.dep_ in ("cc", "conj") and t.i > tok.i), None)
        if cut is not None:
            kept = [t for t in toks if t.i < cut]
            while kept and (kept[-1].dep_ in ("punct", "cc", "advmod", "preconj", "det") or kept[-1].pos_ in ("CCONJ", "PUNCT")):
                kept.pop()  # "Police and fire departments, as well as ...": no "as well"
            toks = kept or toks
        if (toks[0].i, toks[-1].i) != (core[0].i, core[-1].i):
            fuller = ctx.resolver.resolve_span(tok.doc[toks[0].i: toks[-1].i + 1], offset=ctx.offset)
            hidden = _hidden_in_place(toks, fuller, ctx)
            if hidden is not None and actor is not None:
                # "a police station in Dera Ismail Khan": the country of a name hidden in a
                # place name (the Afghan Ismail Khan) is not the phrase's; the place's is
                fuller = ctx.resolver.relocated(fuller, hidden)
            if fuller is not None and (actor is None or fuller.country):
                actor = fuller
    acting = tok.dep_ == "nsubj" or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")
    if speaker is not None and acting and (actor is None or not actor.country):
        # "The Israeli army said its aircraft struck...", "Pakistan said its jets hit...":
        # "its"/"their" on the one who acts point back to the speaker, whose means (or
        # forces) they are; on an object ("withdraw its troops from Lebanon") they do not
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        owner = resolve_token(poss, ctx, speaker) if poss is not None else None
        if owner is not None and actor is None:
            return owner
        if owner is not None and owner.country:
            actor = ctx.resolver.relocated(actor, owner.country)
    if actor is None:
        # "a series of strikes by X", "groups of militants": the kind sits after "of"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in COLLECTIVE:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return resolve_token(p, ctx)
    if actor is not None and actor.country:
        actor = _residence(tok, actor, ctx)
    if actor is not None and actor.sector in OFFICE_SECTORS and not actor.country and _officer_of_nothing(tok, ctx):
        return None  # "the president of the football federation": an officer of a body, not a state
    if actor is not None and actor.sector in OFFICE_SECTORS:
        actor = _former(tok, core, actor, ctx)
    return actor


# nouns for a state itself: "the president of the republic" holds a state office
_STATE_NOUNS = {"republic", "country", "nation", "state", "kingdom", "commonwealth", "province", "region"}


def _title_of(tok: Token, ctx: RoleContext, speaker: Token | None) -> Actor | None:
    """The body a title is of: "two leaders of the Viv Ansanm gang coalition" are the gang's
    (not a government, as "leader" alone reads), "Slim Ben Ammar, a senior member of the
    opposition National Salvation Front" the opposition's."""
    for head in [tok, *(c for c in tok.children if c.dep_ == "appos")]:
        if not any(h.kind == "title" for h in ctx.resolver.find(head.text)):
            continue
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                body = _child(c, "pobj")
                found = resolve_token(body, ctx, speaker) if body is not None else None
                if found is not None and found.sector:
                    # its words are the whole phrase, title and body: "three members of IS"
                    start = min(t.idx for t in core_tokens(tok))
                    if found.end is not None and found.end - ctx.offset > start:
                        text = doc_text(tok.doc)[start:found.end - ctx.offset]
                        found = found.model_copy(update={"text": text, "start": ctx.offset + start})
                    return found
    return None


def _a_national(tok: Token, ctx: RoleContext) -> Actor | None:
    """"The Italian protested to the umpire", "an American was detained": one national, a
    person of that country, not its state (plural peoples are the dictionaries' civilians)."""
    if tok.tag_ in ("NNS", "NNPS") or not tok.text[:1].isupper():
        return None
    # a headline drops the article: "Colombian attacks, Slovenian counters", "Pakistani
    # killed in Indian firing"; not a word that shares a noun with another ("Thai,
    # Cambodian troops exchange fire")
    at = ctx.offset + tok.idx
    bare = tok.dep_ in ("nsubj", "nsubjpass", "dobj") \
        and not any(c.dep_ in ("conj", "cc", "det") for c in tok.children) \
        and not any(start <= at < end for start, end, _ in ctx.places)  # "Brunei says": the place's name
    if not bare and not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in tok.children) \
            or any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in tok.children):
        return None
    # "condemned the Indian shelling" parses "Indian" as the object and "shelling" apart:
    # a common noun or gerund right after it is what the word modifies
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if after is not None and after.tag_ in ("NN", "NNS", "VBG") and after.text[:1].islower():
        return None
    hits = ctx.resolver.find(tok.text)
    if not hits or any(h.kind != "demonym" for h in hits):
        return None
    country = ctx.resolver.resolve(tok.text)
    if country is None or not country.country:
        return None
    start = min([tok.idx] + [c.idx for c in tok.children if c.dep_ == "det"])
    return ctx.resolver.implied("CVL", country.country, text=doc_text(tok.doc)[start:tok.idx + len(tok.text)]).model_copy(
        update={"start": ctx.offset + start, "end": ctx.offset + tok.idx + len(tok.text)})


def _whole_of_part(tok: Token, ctx: RoleContext, speaker: Token | None) -> Actor | None:
    """The party a part belongs to: "a dissident faction of the former FARC rebels" is of the
    rebels, not the opposition its "dissident" alone would make it."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PART_NOUNS and tok.lower_ not in PART_NOUNS:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = _child(of, "pobj") if of is not None else None
    if obj is None:
        return None
    whole = resolve_token(obj, ctx, speaker)
    if whole is None or not whole.sector:
        return None
    toks = phrase_tokens(tok)
    lo, hi = toks[0], toks[-1]
    return whole.model_copy(update={"text": doc_text(tok.doc)[lo.idx:hi.idx + len(hi.text)],
                                    "start": ctx.offset + lo.idx, "end": ctx.offset + hi.idx + len(hi.text)})


def _officer_of_nothing(tok: Token, ctx: RoleContext) -> bool:
    """The office belongs to the common noun after "of", which names no party or place ("the
    president of the football federation", "the head of the company")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = _child(c, "pobj")
            return obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() not in _STATE_NOUNS \
                and resolve_token(obj, ctx) is None and not ctx.resolver.is_place_name(obj.text)
    return False


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
    if tok.pos_ == "PROPN" or tok.lower_ in PRONOUNS or ctx.resolver.find(tok.text):
        return True
    # a noun compound is one word: "police officers", "border guards", "a residential area" name
    # a party though "officers" alone may not; the hit must end on the head, so "government
    # building" does not
    compounds = []
    for c in reversed(list(tok.lefts)):
        if c.dep_ not in ("compound", "amod") or c.i != (compounds[0].i if compounds else tok.i) - 1:
            break
        compounds.insert(0, c)
    if not compounds:
        return False
    phrase = tok.doc[compounds[0].i: tok.i + 1].text
    # (an adjective counts only in a name of civilians the dictionaries hold whole, "a
    # residential area", "the chief editor": their entries of arms and bases, "heavy machine
    # guns", "military bases", name things of a force, not the force)
    whole = any(c.dep_ == "amod" for c in compounds)
    return any(m.end == len(phrase) and (not whole or m.start == 0 and ctx.resolver.codes.inter(m.sector) == _CIVILIANS)
               for m in ctx.resolver.find(phrase))


_CIVILIANS = 7  # ACLED's actor class of civilians, which sectors.tsv gives each sector


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


_TOLD_GROUP = frozenset(_LEX["told_group_nouns"])
_GROUP_SECTORS = {"REB", "UAF", "INS"}


def _told_group(tok: Token, ctx: RoleContext, speaker: Token | None = None) -> Actor | None:
    """"the group", "the group's naval forces": the armed group that speaks ("Houthi
    spokesman Yahya Saree said the group's naval forces had targeted the ship") or the one
    the report named before, not the army its words would make of "naval forces"."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    for node in (tok, owner):
        if node is None or node.lemma_.lower() not in _TOLD_GROUP or node.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in node.children) \
                or any(c.dep_ in ("compound", "nmod") or c.dep_ == "amod" and not c.is_lower for c in node.children):
            continue  # "the Wagner group", "the Islamist group"... : a name of its own
        # ("the paramilitary group", "the militant group" describe the one named before)
        at = ctx.offset + node.idx
        said = resolve_token(speaker, ctx) if speaker is not None and speaker is not tok else None
        for actor in [said] * (said is not None) + list(reversed(ctx.recent)):
            if actor.sector in _GROUP_SECTORS and (actor.start is None or actor.start < at):
                toks = phrase_tokens(tok)
                lo, hi = toks[0], toks[-1]
                return actor.model_copy(update={"text": doc_text(tok.doc)[lo.idx:hi.idx + len(hi.text)],
                                                "start": ctx.offset + lo.idx, "end": ctx.offset + hi.idx + len(hi.text)})
        return None
    return None


def _speaks_for(speaker: Token, pron: Token) -> bool:
    """"detained him ..., his spokesman said": a speaker called someone's ("his", "their") speaks
    for that one, who is the pronoun, not the speaker."""
    return pron.lower_ in PRONOUNS and any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in speaker.children)


def _one_person_for_many(pron: Token, speaker: Token) -> bool:
    """"Interior Minister Sarfraz Bugti said they would be arrested": one person, named or
    called by a singular office, is never "they" (a body may be: "the ministry said they")."""
    if pron.lower_ not in ("they", "them", "their") or speaker.tag_ not in ("NN", "NNP"):
        return False
    if speaker.lower_ in OFFICE_NOUNS or any(start <= speaker.idx < end for start, end in person_ranges(speaker.doc)):
        return True
    return speaker.tag_ == "NNP" and any(c.dep_ == "compound" and c.lower_ in OFFICE_NOUNS for c in speaker.children)


def _antecedent(pron: Token, ctx: RoleContext) -> Actor | None:
    """The latest actor a pronoun can stand for: "she"/"he" an official or a named person,
    "it" a state or organisation, "they"/"we" anyone."""
    number = PRONOUNS.get(pron.lower_, "pl")
    at = ctx.offset + pron.idx
    # a pronoun subject of a clause embedded in another stands for that clause's subject,
    # named before it: "Iran said it struck", "Pakistan reserved the right to respond, a
    # message it had conveyed" (an object pronoun never does: "police blocked them")
    embedded = pron.dep_ in ("nsubj", "nsubjpass") and pron.head.dep_ in ("ccomp", "relcl")
    for node in (pron.head.ancestors if embedded else ()):
        subj = _child(node, "nsubj")
        if subj is not None and subj.i < pron.i and subj.lower_ not in PRONOUNS and subj.lower_ not in REL_PRONOUNS \
                and not _one_person_for_many(pron, subj):
            actor = resolve_token(subj, ctx)
            if actor is not None and _fits(pron, number, actor, ctx):
                return actor
            break
    earlier = [a for a in reversed(ctx.recent) if a.start is None or a.start <= at]
    # (not one named after the pronoun: "a message it had conveyed to the Iranian government")
    role = {"nsubj": "agent", "nsubjpass": "patient", "dobj": "patient"}.get(pron.dep_)
    if pron.lower_ in ("they", "them") and role is not None:
        # "Militants ... took hundreds of passengers hostage, officials said. They blew up the
        # track": who acts goes on acting, and those it was done to go on undergoing ("gave
        # all migrants until Nov. 1 to leave ... they would be arrested"); the officials who
        # told of it do neither
        like = next((a for a in earlier if ctx.named_as(a, role) and _fits(pron, number, a, ctx)), None)
        if like is not None:
            return like
    return next((a for a in earlier if _fits(pron, number, a, ctx)), None)


def _fits(pron: Token, number: str, actor: Actor, ctx: RoleContext) -> bool:
    if number == "sg" and actor.sector not in PERSONAL_SECTORS:
        return False
    if number == "sg" and _plural_kind(actor):
        return False  # "it" is not "militants" or "Pakistani forces"
    if pron.lower_ in PERSONAL_PRONOUNS and ctx.resolver.is_place_name(actor.text):
        return False  # "he" is a person, never "Sudan" or "Kabul"
    return True


def _plural_kind(actor: Actor) -> bool:
    """The actor is named by a plural common noun ("militants", "Pakistani forces"), not by a
    state's or a group's own name ("the Philippines", "Rapid Support Forces")."""
    words = actor.text.split()
    last = words[-1] if words else ""
    return last.lower().endswith("s") and not last.lower().endswith("ss") and ":" not in actor.name \
        and actor.sector != "GOV"


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.country == b.country and a.sector == b.sector
