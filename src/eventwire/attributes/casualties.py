"""Fatalities and injuries: numbers attached to words of dying and wounding in a parse.

Unknown stays unknown: "a number of terrorists were killed" gives no count and the figure
is None, never 0. Zero only when the sentence says nobody died ("no casualties").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.attributes.numbers import Figure, apply_cue, find_cue, vague_value, word_value
from eventwire.resources import lexicon

_LEX = lexicon("casualties")
DEATH_VERBS = set(_LEX["death_verbs"])
DEATH_NOUNS = set(_LEX["death_nouns"])
INJURY_VERBS = set(_LEX["injury_verbs"])
INJURY_NOUNS = set(_LEX["injury_nouns"])
VICTIM_KIND = {w: kind for kind, words in _LEX["victims"].items() for w in words}
NONE_CUES = _LEX["none_cues"]


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


def _num_tokens(tok: Token) -> list[Token]:
    """A NUM token with its compound number parts ('twenty' 'five', '1,200')."""
    parts = [c for c in tok.children if c.dep_ in ("compound", "quantmod") and c.like_num]
    return sorted(parts + [tok], key=lambda t: t.i)


def _figure_for(noun: Token) -> tuple[Figure | None, list[Token]]:
    """The quantity a victim noun carries: its numeral, a vague word, or itself a numeral."""
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in noun.children) or noun.lower_ in ("none", "nobody"):
        return Figure(0, 0, 0), [noun]
    candidates = [noun] if noun.like_num or noun.pos_ == "NUM" else []
    candidates += [c for c in noun.children if c.dep_ in ("nummod", "amod", "det", "quantmod") and c.i < noun.i]
    for c in candidates:
        if c.like_num or c.pos_ == "NUM":
            parts = _num_tokens(c)
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


def _victim_noun(noun: Token) -> Token:
    """'number of terrorists' -> 'terrorists': the kind sits after a collective noun."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return noun


def _victims(noun: Token) -> str | None:
    for tok in [noun, *noun.children]:
        kind = VICTIM_KIND.get(tok.lemma_.lower()) or VICTIM_KIND.get(tok.lower_)
        if kind:
            return kind
    return None


def _victim_nouns(word: Token) -> list[Token]:
    """Who died or was hurt, as governed by the word that says so."""
    out: list[Token] = []
    if word.pos_ in ("VERB", "AUX") or word.tag_.startswith("VB"):
        deps = ("nsubjpass", "dobj") if word.lemma_ not in ("die", "perish", "drown") else ("nsubj",)
        if word.dep_ == "conj":
            # "15 were killed and more than 20 wounded": the parser makes the second count a subject
            deps = deps + ("nsubj",)
        for c in word.children:
            if c.dep_ in deps:
                out.append(c)
                out.extend(cc for cc in c.conjuncts if cc.i > c.i)
        if not out and not any(c.dep_ in ("aux", "dobj") for c in word.children):
            # headline grammar drops the auxiliary: "Seven troops killed", "11 people killed"
            out.extend(c for c in word.children if c.dep_ == "nsubj")
        if not out and word.dep_ in ("acl", "relcl", "amod") and word.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "PRON"):
            if word.dep_ == "acl" or word.lemma_ in DEATH_VERBS | INJURY_VERBS and word.dep_ != "relcl":
                out.append(word.head)
        if not out and word.dep_ == "conj":
            # "two children were killed and several others injured": the second verb's own noun
            for c in word.head.children:
                if c.dep_ == "nsubjpass":
                    out.append(c)
    else:
        # nouns and adjectives: "13 deaths", "five dead", "death toll of 13"
        out.append(word)
        if word.dep_ == "amod" or word.dep_ == "acomp":
            out.append(word.head)
        for c in word.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "at"):
                out.extend(p for p in c.children if p.dep_ == "pobj")
        if word.head.lemma_ in ("rise", "climb", "reach", "stand", "increase", "jump", "hit"):
            for c in word.head.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "at"):
                    out.extend(p for p in c.children if p.dep_ == "pobj")
                if c.dep_ in ("dobj", "attr"):
                    out.append(c)
    return out


def read_casualties(sent: SpacySpan) -> list[Casualty]:
    """Every casualty figure in a parsed sentence (offsets relative to its Doc)."""
    found: list[Casualty] = []
    text_lower = sent.text.lower()
    for tok in sent:
        lemma = tok.lemma_.lower()
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
                if noun.lower_ in ("no", "none", "nobody", "noone") or any(
                    c.lower_ == "no" and c.dep_ == "det" for c in noun.children
                ):
                    figure, parts = Figure(0, 0, 0), [noun]
                else:
                    continue
            span_toks = parts + [victim] if victim.i >= (parts[0].i if parts else victim.i) else parts
            start = min(t.idx for t in span_toks + [tok])
            end = max(t.idx + len(t.text) for t in span_toks + [tok])
            found.append(Casualty(what, figure, _victims(victim), start, end, tok.i, [t.i for t in span_toks]))
            break
    if not found:
        for cue in NONE_CUES:
            pos = text_lower.find(cue)
            if pos >= 0:
                what = "injuries" if "injur" in cue else "fatalities"
                start = sent.start_char + pos
                found.append(Casualty(what, Figure(0, 0, 0), None, start, start + len(cue), sent.root.i))
    return found
