"""Fatalities and injuries: numbers attached to words of dying and wounding in a parse.

Unknown stays unknown: "a number of terrorists were killed" gives no count and the figure
is None, never 0. Zero only when the sentence says nobody died ("no casualties").

Each figure also keeps who gives it when its own clause says so ("police said 12 were
killed", "the group claimed 30 soldiers died", "officials put the toll at 15"): an article
often quotes conflicting tolls, and the merge keeps each with its source.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.attributes import claims
from eventwire.attributes.numbers import Figure, apply_cue, find_cue, vague_value, word_value
from eventwire.parse import doc_text
from eventwire.resources import lexicon

_LEX = lexicon("casualties")
DEATH_VERBS = set(_LEX["death_verbs"])
DEATH_NOUNS = set(_LEX["death_nouns"])
INJURY_VERBS = set(_LEX["injury_verbs"])
INJURY_NOUNS = set(_LEX["injury_nouns"])
_TOLL_LEMMAS = frozenset(DEATH_VERBS | DEATH_NOUNS | INJURY_VERBS | INJURY_NOUNS)
VICTIM_KIND = {w: kind for kind, words in _LEX["victims"].items() for w in words}
NONE_CUES = _LEX["none_cues"]
# "no one"/"nobody" tell a toll only with a word of harm after them ("no one was hurt", "nobody
# died in the blast"), not as the subject of anything else ("no one claimed responsibility")
_PERSON_CUES = {"no one", "nobody"}
_HARMED_AFTER = re.compile(r"(?:\s+[\w'’]+){0,3}?\s+(?:killed|hurt|injured|wounded|harmed|died|dead|"
                           r"perished|lost\s+(?:his|her|their)\s+li(?:fe|ves)|was\s+(?:killed|hurt|injured))\b")


@dataclass
class Casualty:
    """One figure read from a sentence: what happened to how many of whom."""

    what: str  # "fatalities" | "injuries"
    figure: Figure
    victims: str | None
    start: int  # offsets into the sentence's Doc text
    end: int
    anchor: int  # token index of the dying/wounding word
    tokens: list[int] = field(default_factory=list)
    # who gives this figure, when its own clause names them (offsets into the Doc text);
    # None: the sentence's attribution, if any, or the reporter
    source_start: int | None = None
    source_end: int | None = None
    status: str | None = None  # claim status of the figure's own reporting frame, if any


def _num_tokens(tok: Token) -> list[Token]:
    """A NUM token with its compound number parts ('twenty' 'five', '1,200')."""
    parts = [c for c in tok.children if c.dep_ in ("compound", "quantmod") and c.like_num]
    return sorted(parts + [tok], key=lambda t: t.i)


_RANGE_JOINERS = {"to", "-", "–", "or"}


def _range(num: Token, parts: list[Token]) -> Figure | None:
    """"3 to 4", "3-4", "10 or 12", "between 10 and 12" militants: a range, not one number
    made of two ("twenty five"). Its best figure is its low end, as ACLED codes a range."""
    joiner = next((c for c in num.children if c.lower_ in _RANGE_JOINERS and parts[0].i < c.i < num.i), None)
    if joiner is not None:
        low = word_value([t.text for t in parts if t.i < joiner.i])
        high = word_value([t.text for t in parts if t.i > joiner.i])
    else:
        other = next((c for c in num.children if c.dep_ == "conj" and c.like_num), None)
        if other is None or not any(c.lower_ == "between" for c in num.children):
            return None
        low, high = word_value([t.text for t in parts]), word_value([t.text for t in _num_tokens(other)])
    if low is None or high is None or low >= high:
        return None
    return Figure(low, low, high)


def _figure_for(noun: Token) -> tuple[Figure | None, list[Token]]:
    """The quantity a victim noun carries: its numeral, a vague word, or itself a numeral."""
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in noun.children) or noun.lower_ in ("none", "nobody"):
        return Figure(0, 0, 0), [noun]
    candidates = [noun] if noun.like_num or noun.pos_ == "NUM" else []
    candidates += [c for c in noun.children if c.dep_ in ("nummod", "amod", "det", "quantmod") and c.i < noun.i]
    for c in candidates:
        if c.like_num or c.pos_ == "NUM":
            parts = _num_tokens(c)
            span = _range(c, parts)
            if span is not None:
                return span, parts
            value = word_value([t.text for t in parts])
            if value is None:
                continue
            doc = noun.doc
            start = parts[0].i
            prefix = doc[max(0, start - 4):start].text
            cue = find_cue(prefix)
            return apply_cue(value, cue), parts
        vague = vague_value(c.lemma_) or vague_value(c.text)
        if vague is not None:
            return vague, [c]
    vague = vague_value(noun.lemma_) or vague_value(noun.text)
    if vague is not None:
        return vague, [noun]
    return None, []


def _one(noun: Token) -> tuple[Figure | None, list[Token]]:
    """"a policeman was killed": one. Only a victim noun with an indefinite article and
    nothing after it ("a family of five" counts its five, read before this)."""
    article = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
    if article is None or noun.tag_ != "NN" or _victims(noun) is None:
        return None, []
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return None, []
    return Figure(1, 1, 1), [article]


def _exact(figure: Figure | None) -> bool:
    return figure is not None and figure.best is not None and figure.best == figure.low == figure.high


def _add_conjuncts(noun: Token, figure: Figure, parts: list[Token]) -> tuple[Figure, list[Token]]:
    """"two soldiers and a civilian were killed": the toll is three. Summed only when every
    part is an exact count; otherwise the first part stands alone."""
    extra = [c for c in noun.conjuncts if c.i > noun.i]
    if not extra or not _exact(figure):
        return figure, parts
    total, toks = figure.best, list(parts)
    for c in extra:
        f, p = _figure_for(c)
        if f is None:
            f, p = _one(c)
        if not _exact(f):
            return figure, parts
        total += f.best
        toks += p + [c]
    return Figure(total, total, total), toks


# Verbs that give a toll its figure: "the toll rose to 13", "officials put the toll at 15",
# "the new deaths brought the toll to 20".
TOLL_VERBS = frozenset({"rise", "climb", "reach", "stand", "increase", "jump", "hit",
                        "put", "place", "raise", "revise", "bring", "take", "push"})


def _source(word: Token, victims: list[Token]) -> tuple[int | None, int | None, str | None]:
    """Who gives the figure that `word` (the dying/wounding word) carries: the speaker of
    the verb that reports its clause ("police said 12 were killed", "the group claimed 30
    soldiers died"), or whoever states a toll ("hospital officials put the toll at 15").
    (start, end, status) in Doc offsets; no offsets but a status when the reporting verb
    names nobody ("four were reported killed": the subject is the victims, not a source);
    (None, None, None) when no verb reports the figure."""
    frame = claims.reporting_frame(word)
    if frame.verb is not None:
        status = frame.status
        if status == "reported" and claims.is_unconfirmed(doc_text(word.doc)):
            status = "claimed"
        if frame.source is None or frame.source.i in {t.i for t in victims}:
            return None, None, status
        return frame.source_start, frame.source_end, status
    if word.lemma_.lower() == "toll" and word.dep_ == "dobj":
        for c in word.head.children:
            if c.dep_ == "nsubj":
                start, end = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
                if claims.source_type(doc_text(word.doc)[start:end]) != "unknown":
                    return start, end, "reported"
    return None, None, None


def _victim_noun(noun: Token) -> Token:
    """'number of terrorists' -> 'terrorists': the kind sits after a collective noun."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return noun


def _victims(noun: Token) -> str | None:
    # not a headline's attribution, which the parser hangs on the count as an apposition:
    # "Suicide attack kills 38: police", "... 12 dead - officials"
    for tok in [noun, *(c for c in noun.children if not _attribution(noun, c))]:
        kind = VICTIM_KIND.get(tok.lemma_.lower()) or VICTIM_KIND.get(tok.lower_)
        if kind:
            return kind
    return None


def _attribution(noun: Token, child: Token) -> bool:
    return child.dep_ == "appos" and child.i > noun.i and any(
        t.text in (":", "-", "\u2013", "\u2014") for t in noun.doc[noun.i + 1:child.i])


def _victim_nouns(word: Token) -> list[Token]:
    """Who died or was hurt, as governed by the word that says so."""
    out: list[Token] = []
    if _verbal(word):
        deps = ("nsubjpass", "dobj") if word.lemma_ not in ("die", "perish", "drown") else ("nsubj",)
        if word.dep_ == "conj":
            # "15 were killed and more than 20 wounded": the parser makes the second count a subject
            deps = deps + ("nsubj",)
        for c in word.children:
            if c.dep_ in deps:
                out.append(c)
                out.extend(cc for cc in c.conjuncts if cc.i > c.i)
        if not out and not any(c.dep_ in ("aux", "dobj") for c in word.children):
            # headline grammar drops the auxiliary: "Seven troops killed", "11 people killed";
            # the parser may hang a bare leading count on the verb some other way ("2 killed as...")
            out.extend(c for c in word.children if c.dep_ == "nsubj" or (
                c.i < word.i and c.pos_ == "NUM" and c.dep_ in ("meta", "npadvmod", "dep")))
        if not out and word.dep_ in ("acl", "relcl", "amod") and word.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "PRON"):
            if word.dep_ == "acl" or word.lemma_ in DEATH_VERBS | INJURY_VERBS and word.dep_ != "relcl":
                out.append(word.head)
        if not out and word.dep_ == "conj":
            # "two children were killed and several others injured": the second verb's own noun
            for c in word.head.children:
                if c.dep_ == "nsubjpass":
                    out.append(c)
        if not out and word.dep_ == "xcomp" and (word.tag_ == "VBN" or "nsubj" in deps):
            # a complement without its own subject shares its governor's: "four villagers were
            # reported killed", "Four said killed", "ten are feared to have died", "seven
            # militants reported killed" (the governor modifies the victims' noun)
            out.extend(_subjects(word.head))
    else:
        # nouns and adjectives: "13 deaths", "five dead", "death toll of 13"
        out.append(word)
        if word.dep_ == "amod" or word.dep_ == "acomp":
            out.append(word.head)
        if word.pos_ == "ADJ":
            # the adjective's own subject: "2 dead, 3 injured", "ends with four gunmen dead"
            out.extend(c for c in word.children if c.dep_ == "nsubj")
        if word.dep_ in ("oprd", "acomp") and word.head.pos_ in ("VERB", "AUX"):
            # a result or state of the verb's object or subject: "shot dead three shopkeepers",
            # "leaves two soldiers dead", "five policemen shot dead", "three people are dead"
            verb = word.head
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            out.extend(objects or [c for c in verb.children if c.dep_ == "nsubj"])
        for c in word.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "at"):
                out.extend(p for p in c.children if p.dep_ == "pobj")
        if word.head.lemma_ in TOLL_VERBS:
            for c in word.head.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "at"):
                    out.extend(p for p in c.children if p.dep_ == "pobj")
                if c.dep_ in ("dobj", "attr"):
                    out.append(c)
    return out


def _casualty_words(sent: SpacySpan) -> list[Token]:
    """The tokens `read_casualties` may read a toll from, by lemma and form off the doc's
    arrays: a Token object for every word of every sentence costs more than the test."""
    doc = sent.doc
    strings = doc.vocab.strings
    rows = doc.to_array([LEMMA, LOWER])[sent.start:sent.end].tolist()
    return [doc[i] for i, (lemma, lower) in enumerate(rows, sent.start) if _may_count(strings[lemma], strings[lower])]


def _may_count(lemma: str, lower: str) -> bool:
    """Whether `_lemma` can name a death or injury word, or the form is "dead", "wounded" or
    "injured": a gerund may stand for its verb."""
    lemma = lemma.lower()
    return lemma in _TOLL_LEMMAS or lemma.endswith("ing") or lower in ("dead", "wounded", "injured")


def _lemma(tok: Token) -> str:
    """The word's lemma, a gerund read as its verb: "the killing of eight militants",
    "the wounding of three guards" (the tagger lemmatises them as nouns)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma.endswith("ing") and lemma not in DEATH_NOUNS | INJURY_NOUNS:
        stem = lemma[:-3]
        for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
            if verb in DEATH_VERBS or verb in INJURY_VERBS:
                return verb
    return lemma


def _verbal(word: Token) -> bool:
    """A verb, or a death/injury verb the tagger took for a noun ("Air strike 'kills nine'")
    that still governs its object."""
    if word.pos_ in ("VERB", "AUX") or word.tag_.startswith("VB"):
        return True
    return (_lemma(word) in DEATH_VERBS | INJURY_VERBS and word.lower_ != _lemma(word)
            and any(c.dep_ == "dobj" for c in word.children))


def _subjects(verb: Token) -> list[Token]:
    """The subject of `verb`, or the noun it modifies when it is a reduced clause."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        subj = [verb.head]
    return subj


def read_casualties(sent: SpacySpan) -> list[Casualty]:
    """Every casualty figure in a parsed sentence (offsets relative to its Doc)."""
    found: list[Casualty] = []
    text_lower = doc_text(sent.doc)[sent.start_char:sent.end_char].lower()
    for tok in _casualty_words(sent):
        lemma = _lemma(tok)
        if lemma in DEATH_VERBS or (lemma in DEATH_NOUNS and tok.pos_ in ("NOUN", "ADJ")):
            what = "fatalities"
        elif lemma in INJURY_VERBS or (lemma in INJURY_NOUNS and tok.pos_ in ("NOUN", "ADJ")):
            what = "injuries"
        elif tok.lower_ in ("dead", "wounded", "injured") and tok.pos_ in ("ADJ", "NOUN"):
            what = "fatalities" if tok.lower_ == "dead" else "injuries"
        else:
            continue
        if lemma == "life" and not any(c.lemma_ in ("lose", "claim") for c in [tok.head]):
            continue
        for noun in _victim_nouns(tok):
            figure, parts = _figure_for(noun)
            victim = _victim_noun(noun)
            if figure is None and victim is not noun:
                figure, parts = _figure_for(victim)
            if figure is None:
                figure, parts = _one(noun)
            if figure is None:
                if noun.lower_ in ("no", "none", "nobody", "noone") or any(
                    c.lower_ == "no" and c.dep_ == "det" for c in noun.children
                ):
                    figure, parts = Figure(0, 0, 0), [noun]
                else:
                    continue
            span_toks = parts + [victim] if victim.i >= (parts[0].i if parts else victim.i) else parts
            if victim is noun:
                figure, summed = _add_conjuncts(noun, figure, span_toks)
                span_toks = sorted(set(summed), key=lambda t: t.i)
            start = min(t.idx for t in span_toks + [tok])
            end = max(t.idx + len(t.text) for t in span_toks + [tok])
            src_start, src_end, status = _source(tok, span_toks)
            found.append(Casualty(what, figure, _victims(victim), start, end, tok.i, [t.i for t in span_toks],
                                  src_start, src_end, status))
            break
    if not found:
        for cue in NONE_CUES:
            pos = text_lower.find(cue)
            if pos >= 0 and cue in _PERSON_CUES and not _HARMED_AFTER.match(text_lower, pos + len(cue)):
                continue  # "no one claimed responsibility", "nobody answered": no toll told
            if pos >= 0:
                what = "injuries" if "injur" in cue else "fatalities"
                start = sent.start_char + pos
                found.append(Casualty(what, Figure(0, 0, 0), None, start, start + len(cue), sent.root.i))
    return found
