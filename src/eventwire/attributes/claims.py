"""Claim status and attribution: who says an event happened, and how firmly.

Reporting verbs ("said", "claimed", "confirmed", "reads") and "according to" phrases are never
events themselves: the event is the clause they report, and they become its attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.resources import lexicon, table

_LEX = lexicon("claims")
# One list of reporting verbs for the detector and for claims (see the file's header).
REPORTING_STATUS: dict[str, str] = {r["lemma"]: r["status"] for r in table("taxonomy/reporting.tsv") if r["status"] != "-"}
ACCORDING_TO = _LEX["according_to"]
UNCONFIRMED = _LEX["unconfirmed_cues"]
HYPOTHETICAL = set(_LEX["hypothetical_modals"])
CONDITIONAL = set(_LEX["conditional_marks"])
FUTURE = set(_LEX["future_modals"])
PLANNED = set(_LEX["planned_cues"])
NEG_DETS = set(_LEX["negation_dets"])
OBLIGATION = set(_LEX["obligation_modals"])
ADVICE = set(_LEX["advice_modals"])
SCHEDULED = set(_LEX["schedule_cues"])
REFUSAL = set(_LEX["refusal_verbs"])
QUESTION = set(_LEX["question_marks"])
CLAUSE_ONLY = {lemma for lemma, status in REPORTING_STATUS.items() if status in _LEX["clause_only_status"]}
CLAIM_NOUNS = set(_LEX["claim_nouns"])
_RESPONSIBILITY = frozenset(lexicon("roles")["responsibility_nouns"])
SOURCE_TYPES: dict[str, list[str]] = _LEX["source_types"]
# A status seen in any mention makes the event at least this firm; denial and negation only
# stand when no mention asserts the event.
STATUS_RANK = ["negated", "denied", "hypothetical", "planned", "threatened", "claimed", "reported", "confirmed"]


@dataclass
class Claim:
    status: str = "reported"
    source: Token | None = None  # head token of who says so
    source_start: int | None = None  # char offsets in the sentence Doc
    source_end: int | None = None
    verb: Token | None = None
    unconfirmed: bool = False


def is_reporting(tok: Token) -> bool:
    """A speech-act verb whose reported clause is the event. Verbs of denial qualify only
    with a clause, a gerund or a claim noun: "denied that troops fired" reports, "rejected a call to
    withdraw" and "refused to talk" are refusals, events of their own."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma not in REPORTING_STATUS:
        return False
    if lemma not in CLAUSE_ONLY:
        return True
    if tok.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
        return True
    if any(c.dep_ == "xcomp" and c.tag_ == "VBG" for c in tok.children):
        return True  # "denied carrying out the strike": the act it denies, as a gerund
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CLAIM_NOUNS for c in tok.children)


def _speaker(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which"):
            return c
    for c in verb.children:  # "..., claimed local media reports" (object-like speaker)
        if c.dep_ == "dobj" and c.i > verb.i and c.lemma_.lower() in _LEX["reporting_nouns"]:
            return c
    return None


def _phrase_bounds(tok: Token) -> tuple[int, int]:
    toks = [t for t in tok.subtree if t.dep_ != "punct" or t.i not in (tok.left_edge.i, tok.right_edge.i)]
    toks = [t for t in toks if t.dep_ not in ("relcl",)] or [tok]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def reporting_frame(trigger: Token) -> Claim:
    """Walk from an event word up to the verb that reports it, if any."""
    claim = Claim()
    node = trigger
    hops = 0
    while hops < 6:
        hops += 1
        # a reporting verb attached after the event clause: "X attacked Y, claimed reports"
        for c in node.children:
            if c.dep_ in ("conj", "parataxis", "advcl", "ccomp") and c.i > trigger.i and is_reporting(c) and c is not trigger:
                if _speaker(c) is not None:
                    return _fill(claim, c)
        if node.dep_ in ("ccomp", "xcomp", "parataxis") and is_reporting(node.head):
            return _fill(claim, node.head)
        if node.dep_ == "dobj" and is_reporting(node.head) and node.head.lemma_.lower() in ("confirm", "claim", "deny", "admit", "acknowledge", "report", "announce"):
            return _fill(claim, node.head)
        if node.dep_ in ("acl", "ccomp") and node.head.lemma_.lower() in CLAIM_NOUNS \
                and node.head.dep_ in ("dobj", "nsubjpass") and is_reporting(node.head.head):
            # "denied reports that the leader would visit", "confirmed claims that troops
            # fired": the clause is what the claim says, framed by the verb that takes it
            return _fill(claim, node.head.head)
        verb = _claim_of(node)
        if verb is not None:
            return _fill(claim, verb)
        if node.dep_ == "ROOT" or node.head is node:
            break
        if node.dep_ == "conj" and node.tag_ in ("VB", "VBP", "VBZ", "VBD") and node.head.tag_ == "VBG":
            break  # "deny launching an offensive and accuse Russia": a finite verb is no second gerund
        node = node.head
        if node.lemma_.lower() in _RESPONSIBILITY:
            break  # "claimed responsibility for the blast": the blast is told, the claim is the claimant's
    return claim


def _claim_of(node: Token) -> Token | None:
    """The verb that frames a claim noun whose "of" phrase `node` is: "dismissing reports of
    shelling", "confirmed reports of clashes" tell the claim's content as a noun. The verb may
    be the noun's governor or, as the parser often reads a participle there, its modifier."""
    if node.dep_ not in ("pobj", "pcomp") or node.head.lower_ != "of":
        return None
    noun = node.head.head
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return None
    if noun.dep_ in ("dobj", "nsubjpass"):
        verb = noun.head
    else:
        verb = next((c for c in noun.children if c.dep_ == "amod" and c.tag_ == "VBG"), None)
    return verb if verb is not None and verb.lemma_.lower() in REPORTING_STATUS else None


def _in_a_claim(verb: Token) -> bool:
    """The verb tells what a claim of responsibility says: "claimed responsibility in a
    statement, saying it had killed more than 30 soldiers"."""
    head = verb.head
    return verb.dep_ in ("advcl", "xcomp", "conj") and head is not verb and head.lemma_.lower() in ("claim", "accept") \
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _RESPONSIBILITY for c in head.children)


def _fill(claim: Claim, verb: Token) -> Claim:
    claim.verb = verb
    claim.status = REPORTING_STATUS.get(verb.lemma_.lower(), "reported")
    if claim.status == "confirmed" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL:
        claim.status = "claimed"
    if claim.status == "reported" and _in_a_claim(verb):
        claim.status = "claimed"
    speaker = _speaker(verb)
    if speaker is not None and any(c.dep_ == "xcomp" and c.tag_ == "VBN" for c in verb.children):
        # "Woman said killed by Indian gunfire", "Three Pakistanis reported killed": headline
        # shorthand for "is said to have been killed"; the subject is who it befell, no teller
        speaker = None
    if speaker is not None:
        claim.source = speaker
        claim.source_start, claim.source_end = _phrase_bounds(speaker)
    return claim


def according_to(sent_text: str) -> tuple[int, int] | None:
    """Offsets of the source named in 'according to X' (up to the next comma)."""
    lower = sent_text.lower()
    for cue in ACCORDING_TO:
        pos = lower.find(cue + " ")
        if pos >= 0:
            start = pos + len(cue) + 1
            end = len(sent_text)
            for stop in (",", ";", ".", " that "):
                q = sent_text.find(stop, start)
                if 0 <= q < end:
                    end = q
            return start, end
    return None


def is_unconfirmed(sent_text: str) -> bool:
    lower = sent_text.lower()
    return any(cue in lower for cue in UNCONFIRMED)


def _chain(trigger: Token) -> list[Token]:
    """The event word and the words that govern its mood (up an xcomp/object chain)."""
    chain = [trigger]
    node = trigger
    while node.dep_ in ("xcomp", "aux", "conj", "pobj", "dobj", "prep") and node.head is not node and len(chain) < 4:
        node = node.head
        chain.append(node)
    return chain


def _without(chain: list[Token]) -> bool:
    return any(t.dep_ in ("pcomp", "pobj") and t.head.lower_ == "without" for t in chain)


def _none_given(trigger: Token) -> bool:
    """The act's own object is negated by its determiner ("giving no reason", "offered no
    details"), with no "not" or "never" on the verb."""
    return not any(c.dep_ == "neg" for c in trigger.children) and any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in NEG_DETS for d in c.children) for c in trigger.children)


def modality(trigger: Token) -> str | None:
    """'asked', 'negated', 'hypothetical' or 'planned' from the words governing the event word."""
    chain = _chain(trigger)
    # "no one has claimed responsibility for the blast": what no one claims still happened;
    # the words above the claim are the claim's, not the act's
    cut = next((i for i, t in enumerate(chain) if i and t.lemma_.lower() in _RESPONSIBILITY), None)
    if cut is not None:
        chain = chain[:cut]
    if any(c.dep_ == "mark" and c.lower_ in QUESTION for t in chain for c in t.children):
        return "asked"  # "refused to say whether the envoy had been recalled": neither told nor promised
    if any(c.dep_ == "det" and c.lower_ in NEG_DETS for c in trigger.children):
        return "negated"  # "ended peacefully, with no arrests or security incidents recorded"
    if _without(chain):
        return "negated"  # "closed the probe without imposing fines", "dispersed without arrests"
    for tok in chain:  # negation outranks modality: "would not allow" is a refusal
        for c in tok.children:
            if c.dep_ == "neg":
                return "negated"
            if c.dep_ in ("nsubjpass", "nsubj", "dobj") and any(
                d.dep_ == "det" and d.lower_ in NEG_DETS for d in c.children
            ):
                return "negated"
    for tok in chain:
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL:
                return "hypothetical"
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL:
                return "hypothetical"  # "if they strike": a condition, not an act
            if c.dep_ == "aux" and c.lower_ in FUTURE:
                return "planned"
        if tok is not trigger and tok.lemma_.lower() in PLANNED:
            return "planned"
        if _headline_infinitive(tok):
            return "planned"
    return None


def _headline_infinitive(verb: Token) -> bool:
    """Headlines tell what is to come with a bare infinitive as their main verb ("Biden to
    visit Israel", "Minister to be sacked"): a plan, which prose would write with "will"."""
    return verb.dep_ == "ROOT" and verb.tag_ in ("VB", "VBN") \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def frame(trigger: Token, modal: str | None, reported: bool) -> str | None:
    """How the sentence frames an act it does not report as done: 'demand' ("China must
    drop barriers", "X said Y should withdraw"), 'intent' ("will give", "is willing to
    withdraw", "would allow") or 'refuse' ("will not accept"). PLOVER codes these as
    DEMAND, AGREE/THREATEN and REJECT, not as the act itself."""
    for tok in _chain(trigger):
        for c in tok.children:
            if c.dep_ != "aux":
                continue
            if c.lower_ in OBLIGATION or (reported and c.lower_ in ADVICE):
                return "demand"
    if modal == "negated" and not _without(_chain(trigger)) and not _none_given(trigger):
        # ("without giving any toll" and "giving no reason" are no refusals: nothing was given)
        return "refuse"
    if any(t.lemma_.lower() in SCHEDULED for t in _chain(trigger)[1:]):
        return None  # "is scheduled to attend a summit": a timetable, not a promise
    if modal in ("planned", "hypothetical"):
        return "intent"
    return None


def source_type(text: str) -> str:
    words = text.lower().replace(",", " ").split()
    joined = " ".join(words)
    for kind, cues in SOURCE_TYPES.items():
        for cue in cues:
            if (" " in cue and cue in joined) or cue in words:
                return kind
    return "unknown"
