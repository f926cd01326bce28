"""Which sentences are worth a parse: those where some trigger pattern could match.

A trigger pattern (events/triggers.py) needs its head word and, for most dictionary rows,
more words of the sentence: "take" is an event only with "control", "hostage", "custody"...;
"say" only with "sorry". A sentence that lacks the words of every pattern of every head it
contains cannot yield an event, so it is not parsed. The test runs on the raw text with one
Aho-Corasick pass: every word is matched through its inflected and irregular forms, so the
filter only errs on the side of parsing.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from eventwire.events.triggers import NO_EVENT_ROOTS, Pattern, TriggerLexicon, inflections


class Prefilter:
    def __init__(self, lexicon: TriggerLexicon, irregular: dict[str, set[str]] | None = None):
        """`irregular` maps a lemma to irregular forms of it ("fight": {"fought"}), e.g.
        from the spaCy lemmatizer's exception tables (see `irregular_forms`)."""
        self.free: set[str] = set()  # heads with a pattern that needs no other word
        self.requirements: dict[str, dict[tuple, Pattern]] = {}  # head -> one pattern per distinct need
        words: set[str] = set()
        for pattern in lexicon.patterns():
            if not pattern.cameo or pattern.cameo == "=obj" or pattern.cameo[:2] in NO_EVENT_ROOTS:
                continue  # no event by itself ("=obj": the object noun is the trigger)
            head = pattern.lemma
            words.add(head)
            rest, groups = pattern.needs
            if not rest and not groups:
                self.free.add(head)
            else:
                self.requirements.setdefault(head, {}).setdefault(pattern.needs, pattern)
                words |= rest | {w for group in groups for alt in group for w in alt}
        for head in self.free:
            self.requirements.pop(head, None)
        self._auto = _automaton(words, lexicon, irregular or {})

    def __call__(self, text: str) -> bool:
        present = self.words_in(text.lower())
        if present & self.free:
            return True
        return any(p.possible(present) for head in present & self.requirements.keys()
                   for p in self.requirements[head].values())

    def words_in(self, lower: str) -> set[str]:
        """The lexicon words (lemmas) whose forms occur as whole words in `lower`."""
        found: set[str] = set()
        for end, (form, lemmas) in self._auto.iter(lower):
            start = end - len(form) + 1
            if (start == 0 or not lower[start - 1].isalnum()) and (end + 1 == len(lower) or not lower[end + 1].isalnum()):
                found |= lemmas
        return found


def irregular_forms(nlp) -> dict[str, set[str]]:
    """lemma → irregular forms, from the spaCy English lemmatizer's exception tables."""
    out: dict[str, set[str]] = {}
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, ValueError):
        return out
    for exceptions in table.values():
        for form, lemmas in exceptions.items():
            for lemma in lemmas:
                out.setdefault(lemma, set()).add(form)
    return out


def _automaton(words: Iterable[str], lexicon: TriggerLexicon, irregular: dict[str, set[str]]):
    forms: dict[str, set[str]] = {}
    for word in words:
        for form in _forms(word, lexicon, irregular):
            forms.setdefault(form, set()).add(word)
    auto = ahocorasick.Automaton()
    for form, lemmas in forms.items():
        auto.add_word(form, (form, frozenset(lemmas)))
    auto.make_automaton()
    return auto


def _forms(word: str, lexicon: TriggerLexicon, irregular: dict[str, set[str]]) -> set[str]:
    """Every surface form a token whose lemma or lower-cased text is `word` may have."""
    out = {word} | inflections(word, "VERB") | inflections(word, "NOUN")
    out |= lexicon.forms_of(word) | irregular.get(word, set())
    return {f.lower() for f in out if f.strip()}
