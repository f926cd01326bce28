"""Entity kinds from the project's own knowledge, in place of spaCy's NER.

The stages ask NER a few narrow questions about single tokens ("is this capitalised word a
nationality, a place, an organisation, a date?") and one about spans (is this people's name
inside a personal name, "Mumtaz Zahra Baloch"?). The actor dictionaries, the article's
geoparse and the date lexicon answer them as well, for a dictionary lookup instead of a
second neural network per sentence (NER has its own tok2vec and cost as much as the parser).
`parse.ent_type` and `parse.person_ranges` consult this when the pipeline sets it
(`Pipeline.load(entities="lexicon")`); otherwise they run NER on demand.

    entities = LexicalEntities(resolver)
    entities.attach(doc, places=[(start, end), ...])   # the segment's toponyms, doc offsets
"""

from __future__ import annotations

from functools import lru_cache

from eventwire.parse import ENTITIES
from eventwire.resources import lexicon

_DATES = lexicon("dates")
# Words NER labels DATE or TIME when they head a phrase: weekdays, months, units, parts of day.
TIME_WORDS = frozenset(
    [*_DATES["weekdays"], *(w for phrase in _DATES["same_day"] for w in phrase.split()),
     "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "day", "days", "week", "weeks", "month", "months", "year",
     "years", "hour", "hours", "minute", "minutes", "morning", "afternoon", "evening", "night",
     "weekend", "decade", "decades", "today", "yesterday", "tomorrow", "tonight", "overnight"]
) - {"the", "a", "this", "last", "earlier", "previous"}
_LABELS = {"demonym": "NORP", "ethnic": "NORP", "country": "GPE", "capital": "GPE", "place": "GPE",
           "group": "ORG", "igo": "ORG", "org": "ORG", "person": "PERSON"}
# Dictionary kinds that make a capitalised run a name of something other than a person.
_NOT_PERSONAL = {"agent", "group", "igo", "org", "country", "capital", "place"}
_PEOPLES = {"demonym", "ethnic"}
_PLACES = "eventwire.places"


class LexicalEntities:
    def __init__(self, resolver):
        self.resolver = resolver
        self._kinds = lru_cache(maxsize=200_000)(self._word_kinds)

    def attach(self, doc, places: list[tuple[int, int]]) -> None:
        """Answer `doc`'s entity questions; `places` are what its article's geoparse found
        in it (character offsets into the doc)."""
        doc.user_data[_PLACES] = places
        doc.user_data[ENTITIES] = self

    def label(self, tok) -> str:
        """An NER-style label for one token, or ''."""
        if any(s <= tok.idx < e for s, e in tok.doc.user_data.get(_PLACES, ())):
            return "GPE"
        for kind in self._kinds(tok.text):
            if kind in _LABELS:
                return _LABELS[kind]
        if tok.lower_ in TIME_WORDS or tok.like_num and len(tok.text) == 4 and tok.text[:2] in ("19", "20"):
            return "DATE"
        return ""

    def persons(self, doc) -> tuple[tuple[int, int], ...]:
        """Runs of capitalised proper nouns with a word no dictionary knows and none that
        names an office, a group or a state: personal names ("Mumtaz Zahra Baloch")."""
        out, run = [], []
        for tok in [*doc, None]:
            if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                run.append(tok)
                continue
            if len(run) >= 2 and not self._kinds(run[0].text) & _PEOPLES:
                # a people's word opens the names of bodies ("Kenyan Union of Teachers",
                # "Pakistani Taliban"), and closes personal ones ("Mumtaz Zahra Baloch")
                kinds = [self._kinds(t.text) for t in run]
                places = doc.user_data.get(_PLACES, ())
                unknown = any(not k and not any(s <= t.idx < e for s, e in places) for k, t in zip(kinds, run))
                if unknown and not any(k & _NOT_PERSONAL for k in kinds):
                    out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
            run = []
        return tuple(out)

    def _word_kinds(self, word: str) -> frozenset[str]:
        """Dictionary kinds of an entry that is exactly `word`."""
        return frozenset(m.kind for m in self.resolver.find(word) if m.start == 0 and m.end == len(word))
