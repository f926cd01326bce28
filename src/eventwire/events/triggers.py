"""Event triggers: which verb or noun in a parsed sentence names which kind of event.

The lexicon (``data/taxonomy/triggers.tsv``) is the PETRARCH2 CAMEO verb dictionary turned
into dependency-context patterns, plus hand rows for the nouns and phrases news uses. A row
is ``lemma, pos, context, cameo, mode``; ``context`` holds constraints ``slot=alt|alt`` with
slots ``subj`` (the subject), ``obj`` (the object's own word: "executed a man", not the
"rebels" of "executed an operation against the rebels"), ``head`` (for a noun, the verb it
is the object of: "claimed responsibility"), ``any`` (objects, particles, modifiers) and ``prep`` (``prep`` or ``prep:object``); ``a+b`` needs all of its words. The most specific row whose
constraints hold wins, as in PETRARCH: ``launch`` alone is not an event, ``launch`` + attack
is 190, ``launch`` + investigation is 090. ``cameo`` ``=obj`` marks light verbs
("conducted airstrikes") whose event is their object noun; an empty ``cameo`` says the
pattern is explicitly not an event ("killed in an accident").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER

from eventwire.events.taxonomy import EventType, Taxonomy, read_table
from eventwire.resources import lexicon

_PACKAGES = frozenset(lexicon("roles")["package_nouns"])

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
# Dependents of a verb that carry its pattern words (objects, particles, complements).
VERB_ARG_DEPS = {"dobj", "obj", "prt", "advmod", "acomp", "attr", "oprd", "dative",
                 "npadvmod", "xcomp", "compound", "dep"}
# Dependents of a noun (or of a verb's object) that modify it.
MOD_DEPS = {"compound", "amod", "nmod", "npadvmod", "nummod", "poss", "acl", "relcl", "appos"}
OBJ_DEPS = {"dobj", "obj", "attr", "oprd", "nsubjpass"}
# A pattern's words are the phrase's own: not words of a clause hanging off its object
# ("demanded an admission that security forces murdered ..." is no appeal for security).
PHRASE_DEPS = MOD_DEPS - {"acl", "relcl"}
TIME_ENTS = {"DATE", "TIME"}
# Statements (CAMEO 01x) are not PLOVER events: a pattern coding them blocks weaker ones.
NO_EVENT_ROOTS = {"01"}


@dataclass(frozen=True)
class Pattern:
    lemma: str  # the word the token must have (a phrase's head word)
    rest: tuple[str, ...]  # other words of a multiword trigger
    pos: str
    constraints: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    cameo: str
    mode: str
    hand: bool
    order: int

    @property
    def specificity(self) -> int:
        return len(self.constraints) + len(self.rest)

    @property
    def detail(self) -> int:
        """Words the constraints need at the least: between two dictionary patterns of
        equal specificity, "issue" + "arrest warrants" (173) is a closer reading than
        "issue" + "warrant" (100). Hand rows still come first."""
        return sum(min((len(a) for a in alts), default=0) for _, alts in self.constraints)

    @cached_property
    def needs(self) -> tuple[frozenset[str], tuple[tuple[frozenset[str], ...], ...]]:
        """The words a sentence must contain for the pattern to match, wherever they stand:
        all of the multiword rest, and for each constraint the words of one alternative."""
        groups = []
        for slot, alts in self.constraints:
            options = []
            for alt in alts:
                if slot == "prep":
                    prep, _, obj = alt[0].partition(":")
                    alt = (prep, *([obj] if obj else []), *alt[1:])
                options.append(frozenset(alt))
            groups.append(tuple(options))
        return frozenset(self.rest), tuple(groups)

    @cached_property
    def _must(self) -> frozenset[str]:
        """Words every reading of the pattern needs: the rest, and what all alternatives of a
        constraint share (one set test rejects most patterns)."""
        rest, groups = self.needs
        return rest.union(*(frozenset.intersection(*group) for group in groups if group))

    def possible(self, words: set[str] | frozenset[str]) -> bool:
        if not self._must <= words:
            return False
        rest, groups = self.needs
        return all(any(alt <= words for alt in group) for group in groups)

    @property
    def phrase(self) -> str:
        return " ".join((self.lemma, *self.rest)) if self.pos == "VERB" else " ".join((*self.rest, self.lemma))


def _parse_context(context: str) -> tuple:
    out = []
    for item in context.split():
        slot, _, value = item.partition("=")
        out.append((slot, tuple(tuple(alt.split("+")) for alt in value.split("|") if alt)))
    return tuple(out)


def _words(token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def sentence_words(doc) -> frozenset[str]:
    """`_words` of every token of the parsed segment, once per segment."""
    found = doc.user_data.get(_SENTENCE_WORDS)
    if found is None:
        # from the doc's arrays: a Token object per word costs more than the words
        strings = doc.vocab.strings
        found = set()
        for lemma, lower in set(map(tuple, doc.to_array([LEMMA, LOWER]).tolist())):
            found.add(strings[lemma].lower())
            found.add(strings[lower])
        found = doc.user_data[_SENTENCE_WORDS] = frozenset(found)
    return found


_SENTENCE_WORDS = "eventwire.words"
_MAY_MEMO = 200_000  # (lemma, form) pairs whose `may_match` is kept (cleared when full)


class Context:
    """The words around a trigger token that patterns test, gathered once per token."""

    def __init__(self, token: "Token", pos: str):
        self.subj: set[str] = set()
        self.any: set[str] = set()
        self.preps: dict[str, set[str]] = {}
        self.own_preps: set[str] = set()  # prepositions hanging off the trigger itself
        self.objects: list = []
        # the verb a noun is the object of ("claimed [responsibility]")
        self.head: set[str] = _words(token.head) if pos != "VERB" and token.dep_ in OBJ_DEPS else set()
        if pos == "VERB":
            self._verb(token)
        else:
            self._noun(token)

    def _add_prep(self, prep) -> None:
        if any(c.dep_ == "pobj" and c.ent_type_ in TIME_ENTS for c in prep.children):
            return  # "on Tuesday", "in June": when, not part of what was done
        words = self.preps.setdefault(prep.lemma_.lower(), set())
        for t in prep.subtree:
            if t.i != prep.i and abs(t.i - prep.i) <= 6:
                words |= _words(t)
        self.any |= _words(prep) | words

    def _add_phrase(self, head, depth: int = 2) -> None:
        self.any |= _words(head)
        if depth == 0:
            return
        for c in head.children:
            if c.dep_ == "prep":
                self._add_prep(c)
            elif c.dep_ in PHRASE_DEPS or c.dep_ in {"conj", "prt"}:
                self._add_phrase(c, depth - 1)

    def _verb(self, token) -> None:
        for c in token.children:
            dep = c.dep_
            if dep in SUBJ_DEPS:
                self.subj |= _words(c)
                self.subj |= {w for m in c.children if m.dep_ in {"compound", "amod"} for w in _words(m)}
                if dep == "nsubjpass":
                    self.objects.append(c)
                    self._add_phrase(c)
                elif dep == "agent":
                    # "killed by a roadside bomb": the agent's noun is the logical subject
                    self.own_preps.add(c.lemma_.lower())
                    self._add_prep(c)
                    for n in c.children:
                        if n.dep_ == "pobj":
                            self.subj |= _words(n)
                            self.subj |= {w for m in n.children if m.dep_ in {"compound", "amod"} for w in _words(m)}
            elif dep in {"prep", "agent"}:
                self.own_preps.add(c.lemma_.lower())
                self._add_prep(c)
            elif dep == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                self._add_phrase(c, depth=1)  # "sworn to fight" parsed as a purpose clause
            elif dep in ("advcl", "ccomp") and (c.pos_ == "ADJ" or c.tag_ == "VBN") \
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                # "left scores of them dead", "left 20 people injured": the predicate parsed as a clause
                self.any |= _words(c)
            elif dep in VERB_ARG_DEPS:
                if dep in OBJ_DEPS:
                    self.objects.append(c)
                    # "left 20 people injured": the object's state, parsed as a clause on it
                    self.any |= {w for g in c.children if g.dep_ == "acl" and g.tag_ == "VBN" for w in _words(g)}
                self._add_phrase(c, depth=1 if dep == "xcomp" else 2)
        if token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN"}:
            self.objects.append(token.head)  # "the airstrikes carried out by ..."
            self.any |= _words(token.head)

    def _noun(self, token) -> None:
        for t in token.lefts:
            for s in t.subtree:
                self.any |= _words(s)
        for c in token.rights:
            if c.dep_ == "prep":
                self.own_preps.add(c.lemma_.lower())
                self._add_prep(c)
            elif c.dep_ in MOD_DEPS:
                self._add_phrase(c, depth=1)
        # hyphenated compounds the parser splits: "air-strike", "drone - strike"
        if token.i >= 2 and token.nbor(-1).text == "-":
            self.any |= _words(token.nbor(-2))

    def satisfies(self, slot: str, alts: tuple[tuple[str, ...], ...]) -> bool:
        if slot == "prep":
            for alt in alts:
                prep, _, obj = alt[0].partition(":")
                words = self.preps.get(prep)
                needed = ([obj] if obj else []) + list(alt[1:])
                if not needed and prep not in self.own_preps:
                    continue  # a bare "prep=for" is the trigger's own, not its subject's ("a camp for refugees was attacked")
                if words is not None and all(w in words for w in needed):
                    return True
            return False
        if slot == "obj":
            pool = {w for o in self.objects for w in _words(o)}
        elif slot == "head":
            pool = self.head
        else:
            pool = self.subj if slot == "subj" else self.any
        return any(all(w in pool for w in alt) for alt in alts)


class TriggerLexicon:
    """Trigger patterns indexed by (POS, lemma). Use ``TriggerLexicon.load()`` (cached)."""

    def __init__(self, rows: list[dict], reporting: list[dict], forms: list[dict],
                 taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._index: dict[tuple[str, str], list[Pattern]] = {}
        for order, r in enumerate(rows):
            words = r["lemma"].split()
            head, rest = (words[0], tuple(words[1:])) if r["pos"] == "VERB" else (words[-1], tuple(words[:-1]))
            p = Pattern(head, rest, r["pos"], _parse_context(r["context"]), r["cameo"],
                        r["mode"], r["source"] == "hand", order)
            self._index.setdefault((p.pos, head), []).append(p)
        for plist in self._index.values():
            plist.sort(key=lambda p: (-p.specificity, not p.hand, -p.detail, p.order))
        self._reporting = {r["lemma"]: r["kind"] for r in reporting if r["kind"] != "-"}  # "-": a claims-only row
        self._forms = {r["lemma"]: set(r["forms"].split()) for r in forms}
        self._form_lemmas: dict[str, set[str]] = {}
        for lemma, fs in self._forms.items():
            for f in fs:
                self._form_lemmas.setdefault(f, set()).add(lemma)
        self._heads = frozenset(head for _, head in self._index)
        self._may: dict[tuple[str, str], bool] = {}  # (lemma, form) -> `may_match`

    @classmethod
    def load(cls) -> "TriggerLexicon":
        return _load_lexicon()

    def patterns(self) -> Iterator[Pattern]:
        for plist in self._index.values():
            yield from plist

    def forms_of(self, lemma: str) -> set[str]:
        """Irregular forms of a head word listed in forms.tsv ("shot" for "shoot")."""
        return self._forms.get(lemma, set())

    # ------------------------------------------------------------------ matching
    def match_token(self, token: "Token") -> EventType | None:
        """The most specific event pattern this VERB or NOUN token satisfies, or None.

        Headlines drop the auxiliaries the tagger leans on: "Two shot dead in Peshawar",
        "Pakistan kills, wounds 35 soldiers", "Two soldiers martyred" come out with the
        verb tagged NOUN or ADJ. An inflected verb form ("shot", "kills", "martyred") with
        no noun reading of its own is read with the hand-written verb patterns."""
        pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
        if pos is None:
            # not an attributive participle: "the occupied territories", "wounded soldiers"
            if token.pos_ == "ADJ" and token.dep_ != "amod" and self._verb_lemmas(token):
                return self._match(token, "VERB", depth=0, hand_only=True)
            return None
        found = self._match(token, pos, depth=0)
        if found is None and pos == "NOUN" and not self._candidates(token, "NOUN") \
                and self._verb_lemmas(token):
            found = self._match(token, "VERB", depth=0, hand_only=True)
        return found

    def plain(self, token: "Token") -> EventType | None:
        """The word's reading with no context: the pattern without constraints ("attack" is
        an assault), which `match_token` passes over when the context fits a narrower one
        ("attack" + "government" is criticism)."""
        pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
        if pos is None:
            return None
        p = next((p for p in self._candidates(token, pos) if not p.constraints and not p.rest), None)
        if p is None or not p.cameo or p.cameo == "=obj" or p.cameo[:2] in NO_EVENT_ROOTS:
            return None
        return self._event_type(p)

    def may_match(self, lemma: str, lower: str) -> bool:
        """False when no pattern can match a word of this lemma and lower-cased form,
        whatever its tag and place in the parse: no key `_candidates` could look up (the
        lemma, the form, the stems and irregular lemmas `_verb_lemmas` may derive) heads a
        pattern. Most words head none, and the detector then needs no Token for them."""
        key = (lemma, lower)
        found = self._may.get(key)
        if found is None:
            keys = {lemma.lower(), lower, lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "y",
                    *self._form_lemmas.get(lower, ())}
            found = not self._heads.isdisjoint(keys)
            if len(self._may) >= _MAY_MEMO:
                self._may.clear()
            self._may[key] = found
        return found

    def _verb_lemmas(self, token) -> list[str]:
        """Verb lemmas an inflected form mistagged as a noun or adjective can stand for:
        "-s", "-ed" and the irregular forms of forms.tsv; a bare form only as the root of
        its sentence ("Militia kill spy"), not inside a noun phrase."""
        low = token.lower_
        out = list(self._form_lemmas.get(low, ()))
        if low.endswith("ed") and len(low) > 4:
            out += [low[:-2], low[:-1], low[:-3] if low[-3] == low[-4] else low[:-2]]
            if low.endswith("ied"):
                out.append(low[:-3] + "y")
        elif low.endswith("s") and not low.endswith("ss") and len(low) > 3 and token.pos_ != "ADJ":
            out += [low[:-1], low[:-2] if low.endswith("es") else low[:-1]]
            if low.endswith("ies"):
                out.append(low[:-3] + "y")
        if not out and token.dep_ == "ROOT" and token.pos_ != "ADJ":
            out.append(low)  # "Militia kill spy": a headline's bare verb parsed as its head noun
        return [w for w in dict.fromkeys(out) if (w != low or token.dep_ == "ROOT")
                and ("VERB", w) in self._index]

    def _candidates(self, token, pos: str) -> list[Pattern]:
        keys = [token.lemma_.lower(), token.lower_]
        if pos == "VERB" and token.pos_ not in {"VERB", "AUX"}:
            keys = self._verb_lemmas(token)
        elif pos == "VERB":
            keys += self._verb_lemmas(token)  # a lemmatizer slip: "raped" -> "rap"
        for key in dict.fromkeys(keys):
            found = self._index.get((pos, key))
            if found:
                return found
        return []

    def _match(self, token, pos: str, depth: int, hand_only: bool = False) -> EventType | None:
        candidates = self._candidates(token, pos)
        if hand_only:
            candidates = [p for p in candidates if p.hand]
        if not candidates:
            return None
        words = sentence_words(token.doc)
        # spares most Context walks; `_must` first, as `possible` does, without the call
        candidates = [p for p in candidates if p._must <= words and p.possible(words)]
        if not candidates:
            return None
        ctx = Context(token, pos)
        for p in candidates:
            if not self._rest_ok(token, p, ctx) or not all(ctx.satisfies(s, a) for s, a in p.constraints):
                continue
            if p.cameo == "=obj":
                if depth == 0:
                    inner = self._from_objects(token, ctx)
                    if inner is not None:
                        return inner.model_copy(update={
                            "trigger": f"{p.phrase} {inner.trigger}",
                            "score": min(1.0, inner.score + 0.05)})
                continue  # a light verb with no event object says nothing by itself
            if not p.cameo or p.cameo[:2] in NO_EVENT_ROOTS:
                return None
            return self._event_type(p)
        return None

    def _rest_ok(self, token, p: Pattern, ctx: Context) -> bool:
        if not p.rest:
            return True
        if p.pos == "NOUN":
            return all(w in ctx.any for w in p.rest)
        near = set(ctx.any)
        for t in token.doc[token.i + 1: token.i + 1 + len(p.rest) + 1]:
            near |= _words(t)
        for c in token.children:
            near |= _words(c)
        return all(w in near for w in p.rest)

    def _from_objects(self, token, ctx: Context) -> EventType | None:
        best = None
        for obj in ctx.objects:
            # "approved a new package of sanctions": the act is what the package bundles
            inner = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" and obj.lemma_.lower() in _PACKAGES
                     for g in c.children if g.dep_ == "pobj"]
            for cand in (obj, *[c for c in obj.children if c.dep_ == "conj"], *inner):
                if cand.pos_ not in {"NOUN", "PROPN"}:
                    continue
                found = self._match(cand, "NOUN", depth=1)
                if found and (best is None or found.score > best.score):
                    best = found
        return best

    def _event_type(self, p: Pattern) -> EventType | None:
        try:
            info = self.taxonomy.cameo(p.cameo)
        except KeyError:
            return None
        if not info["plover_type"]:
            return None
        score = min(0.95, 0.5 + 0.1 * p.specificity + (0.05 if p.hand else 0.0))
        return EventType(type=info["plover_type"], mode=p.mode or info["plover_mode"],
                         cameo=p.cameo, goldstein=info["goldstein"], trigger=p.phrase,
                         score=round(score, 3))

    # ------------------------------------------------------------------ reporting
    def is_reporting(self, token: "Token") -> bool:
        """True for speech-act verbs ('said', 'according to') the detector walks through.

        'announce', 'confirm', 'claim'... are reporting only when they take a clause
        ("confirmed that strikes hit ..."), events otherwise ("announced sanctions").
        """
        lemma = token.lemma_.lower()
        kind = self._reporting.get(lemma)
        if kind is None:
            phrasal = [f"{lemma} {c.lower_}" for c in token.children if c.dep_ == "prt"]
            kind = next((self._reporting[p] for p in phrasal if p in self._reporting), None)
        if kind is None:
            return False
        if kind == "reporting":
            return True
        return any(c.dep_ in {"ccomp", "parataxis"} for c in token.children) or token.dep_ == "parataxis"

    # ------------------------------------------------------------------ word forms
    def surface_forms(self) -> set[str]:
        """Lower-cased inflected forms of every trigger head word (headline truecasing reads them)."""
        return set(_surface_forms(self))


@lru_cache(maxsize=1)
def _surface_forms(lex: TriggerLexicon) -> frozenset[str]:
    out: set[str] = set()
    for (pos, lemma), patterns in lex._index.items():
        if not any(p.cameo for p in patterns):
            continue
        out |= inflections(lemma, pos)
        out |= lex._forms.get(lemma, set())
    for lemma in lex._reporting:
        head = lemma.split()[0]
        out |= inflections(head, "VERB") | lex._forms.get(head, set())
    return frozenset(w for w in out if w)


def inflections(word: str, pos: str) -> set[str]:
    """Regular English inflections (a superset is fine: it only feeds a prefilter)."""
    forms = {word}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    if pos == "VERB":
        stem = word[:-1] if word.endswith("e") and not word.endswith("ee") else word
        forms |= {stem + "ed" if not word.endswith("e") else word + "d", stem + "ing"}
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
        if word.endswith("y"):
            forms.add(word + "ing")
    return forms


@lru_cache(maxsize=1)
def _load_lexicon() -> TriggerLexicon:
    return TriggerLexicon(read_table("triggers.tsv"), read_table("reporting.tsv"),
                          read_table("forms.tsv"), Taxonomy.load())


# ---------------------------------------------------------------------- sentence helpers

def event_depth(token, lex: TriggerLexicon) -> int:
    """Dependency distance to the root, not counting reporting verbs walked through."""
    depth = 0
    while token.head.i != token.i:
        token = token.head
        if not lex.is_reporting(token):
            depth += 1
    return depth


def sentence_triggers(span, lex: TriggerLexicon | None = None) -> list[tuple["Token", EventType]]:
    """Every (token, event type) in a parsed sentence or doc, reporting verbs excluded."""
    lex = lex or TriggerLexicon.load()
    out = []
    for tok in span:
        if lex.is_reporting(tok):
            continue
        found = lex.match_token(tok)
        if found is not None:
            out.append((tok, found))
    return out


def best_trigger(span, lex: TriggerLexicon | None = None,
                 depth_penalty: float = 0.05) -> tuple["Token", EventType] | None:
    """The sentence's main event: highest score, preferring the root-most trigger after
    walking through reporting verbs ("X struck Y, officials said" -> struck)."""
    lex = lex or TriggerLexicon.load()
    found = sentence_triggers(span, lex)
    if not found:
        return None
    return max(found, key=lambda te: (te[1].score - depth_penalty * event_depth(te[0], lex), -te[0].i))
