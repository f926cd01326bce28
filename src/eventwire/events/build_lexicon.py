"""Derive the event-typing data files in ``eventwire/data/taxonomy`` from public references.

Run by developers, never at run time::

    python -m eventwire.events.build_lexicon REFERENCE_DIR   (or: make data)

Inputs (read-only, from the shared reference folder):

* ``plover/CAMEO2PLOVER-2021.txt`` (openeventdata/PLOVER, CC BY-SA 4.0): CAMEO code ->
  PLOVER type, mode, context.
* ``petrarch2-dictionaries/CAMEO.2.0.txt`` (openeventdata/petrarch2, MIT): the CAMEO verb
  dictionary, its synonym sets and its ``- pre * post [code]`` patterns.

Hand-written inputs committed next to the outputs (project data, MIT):
``cameo.hand.tsv`` (CAMEO names and Goldstein weights, the 01/02 rows PLOVER omits) and
``triggers.hand.tsv`` (noun triggers, phrases, modes, and corrections).

Outputs: ``cameo.tsv`` and ``triggers.tsv``. ``acled_map.tsv`` and ``reporting.tsv`` are
hand-written and only checked here.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "taxonomy"

# Goldstein weights of the two-digit CAMEO roots, as the reference README gives them.
ROOT_GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

# CAMEO2PLOVER-2021 still carries modes from drafts before manual v0.8; map them onto the
# v0.8 mode list (README table) so downstream code sees one vocabulary.
MODE_V08 = {
    "assassinate": "targeted", "return": "release", "ease": "", "ban": "restrict",
    "political": "restrict", "massacre": "", "cleansing": "", "pro_autocracy": "crowd-control",
}
# Codes whose CAMEO meaning names the v0.8 mode more precisely than the conversion table.
CODE_MODE = {"195": "aerial", "193": "firearms", "194": "heavy-weapons", "1823": "beat"}

# Older PLOVER drafts (and the gold standard records) split some v0.8 types.
LEGACY = {("ACCUSE", "investigate"): "INVESTIGATE", ("ACCUSE", "disapprove"): "DISAPPROVE",
          ("ACCUSE", "allege"): "DISAPPROVE", ("ACCUSE", ""): "DISAPPROVE",
          ("REQUEST", None): "DEMAND"}
# CAMEO 19x "fight" codes that become FIGHT when both sides are organised armed forces;
# aerial strikes (195) stay ASSAULT whoever the target is (see DATA_SOURCES.md).
ARMED_CLASH = {"190", "193", "194", "196"}


def quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def read_hand(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def parse_cameo2plover(path: Path) -> dict[str, dict]:
    """CAMEO code -> PLOVER type/mode/context from the conversion table."""
    out: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$", line)
        if not m:
            continue
        code, body, name = m.group(1), m.group(2), (m.group(3) or "").strip()
        if len(code) == 2 and "," in body:
            continue
        parts = [p.strip() for p in body.split(",")] + ["", ""]
        mode = parts[1].strip()
        mode = MODE_V08.get(mode, mode)
        out.setdefault(code, {"type": parts[0], "mode": CODE_MODE.get(code, mode),
                              "context": parts[2].replace(" ", ""), "name": name})
    return out


def build_cameo(reference: Path) -> list[dict]:
    plover = parse_cameo2plover(reference / "plover" / "CAMEO2PLOVER-2021.txt")
    hand = {r["code"]: r for r in read_hand("cameo.hand.tsv")}
    rows = []
    for code in sorted(set(hand) | set(plover), key=lambda c: (c[:2], c)):
        h, p = hand.get(code, {}), plover.get(code, {})
        ptype = p.get("type") or h.get("plover_type", "")
        pmode = p.get("mode", h.get("plover_mode", "")) or ""
        if ptype and len(code) == 2:
            pmode = ""
        goldstein = ROOT_GOLDSTEIN[code] if len(code) == 2 else float(h.get("goldstein") or ROOT_GOLDSTEIN[code[:2]])
        legacy = LEGACY.get((ptype, pmode), LEGACY.get((ptype, None), ptype))
        if code[:2] == "19" and ptype == "ASSAULT":
            legacy = "FIGHT"
        rows.append({
            "code": code, "name": h.get("name") or p.get("name", ""), "goldstein": f"{goldstein:.1f}",
            "quad": quad(code), "plover_type": ptype, "plover_mode": pmode,
            "plover_context": p.get("context", ""),
            "armed_clash_type": "FIGHT" if code in ARMED_CLASH or code == "19" else "",
            "legacy_type": legacy,
        })
    return rows


# ---------------------------------------------------------------- PETRARCH2 verb dictionary

def _word(tok: str) -> str:
    """A dictionary word as a matcher term: lower case, '_' joins words with '+'."""
    return tok.strip("_").lower().replace("_", "+")


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        line = line.split("#")[0].strip()
        if line.startswith("&"):
            current = line.split()[0].rstrip("_").upper()
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(_word(line[1:].split()[0]))
        elif not line:
            continue
        else:
            current = None
    return sets


def _alts(tok: str, synsets: dict[str, list[str]]) -> list[str]:
    """One dictionary token as its alternatives ('&AIRCRAFT' -> its synonym set)."""
    if tok.startswith("&"):
        return synsets.get(tok.rstrip("_").upper(), []) or [_word(tok[1:])]
    return [_word(tok)]


MAX_ALTERNATIVES = 60


def _conjoin(parts: list[list[str]]) -> str | None:
    """Words that must all be present, each with its alternatives, as 'a+b|c+b' (the
    product of the alternatives); None when the product is too large to list."""
    combos = [""]
    for alts in parts:
        combos = [f"{c}+{a}" if c else a for c in combos for a in alts]
        if len(combos) > MAX_ALTERNATIVES:
            return None
    return "|".join(dict.fromkeys(combos))


def parse_pattern(body: str, synsets: dict[str, list[str]]) -> str | None:
    """'- &AIRCRAFT * (AGAINST +) ATTACKS' -> 'subj=aircraft|plane any=attacks prep=against'.

    None when the pattern has no verb slot or a term cannot be expressed: dropping one of a
    pattern's words would make it match far more than PETRARCH's pattern does
    ("agree ON {&MILITARY PRESSURE}" must not become "agree on")."""
    if "*" not in body:
        return None
    pre, post = body.split("*", 1)
    constraints = []
    for tok in re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", pre):
        tok = tok.strip("{}")
        words = [_alts(t, synsets) for t in tok.split() if t not in "$+^%"]
        if words:
            term = _conjoin(words)
            if term is None:
                return None
            constraints.append("subj=" + term)
    for tok in re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", post):
        if tok.startswith("("):
            inner = [t for t in tok.strip("()").split() if t not in "$+^%"]
            if not inner:
                continue
            head, rest = inner[0], [_alts(t.strip("{}"), synsets) for t in inner[1:]]
            preps = [_word(p) for p in head.split("/")]
            if rest:
                objs = _conjoin(rest)
                if objs is None or len(preps) * len(objs.split("|")) > MAX_ALTERNATIVES:
                    return None
                constraints.append("prep=" + "|".join(f"{p}:{o}" for p in preps for o in objs.split("|")))
            else:
                constraints.append("prep=" + "|".join(preps))
        elif tok.startswith("{"):
            words = [_alts(t, synsets) for t in tok.strip("{}").split() if t not in "$+^%"]
            if words:
                term = _conjoin(words)
                if term is None:
                    return None
                constraints.append("any=" + term)
        elif tok not in "$+^%" and not tok.startswith("%"):
            constraints.append("any=" + "|".join(_alts(tok, synsets)))
    return " ".join(constraints)


def _code(bracket: str) -> str | None:
    """'[042:043]' -> '042'; '[:173]' -> '173'; '[---]' -> '' (explicitly not an event)."""
    parts = [p for p in bracket.strip("[]").split(":") if p]
    if not parts or parts[0].startswith("---"):
        return ""
    return parts[0] if re.fullmatch(r"\d{2,4}", parts[0]) else None


def parse_verbs(path: Path, forms: dict[str, set[str]] | None = None) -> list[dict]:
    lines = path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("####### VERB PATTERNS"))
    synsets = parse_synsets(lines[:start])
    rows: list[dict] = []
    block_verbs: list[str] = []
    own_codes: dict[str, str | None] = {}
    default: str | None = ""
    for raw in lines[start + 1:]:
        line = raw.split("#")[0].rstrip()
        author = {_word(w).replace("+", " ") for w in raw.partition("#")[2].replace(",", " ").split()}
        if not line.strip():
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+(\[[^\]]*\])", line)
            default = _code(m.group(2)) if m else ""
            block_verbs = []
            own_codes = {}
            continue
        bracket = re.search(r"\[[^\]]*\]", line)
        code = _code(bracket.group(0)) if bracket else None
        if line.startswith("-"):
            body = line[1:bracket.start()] if bracket else line[1:]
            if code == "" and " ".join(body.split()) in DROPPED_NULLS:
                continue
            context = parse_pattern(body, synsets)
            if context is None or code is None:
                continue
            for verb in block_verbs:
                if _serves(verb, code, author, own_codes.get(verb)):
                    rows.append({"lemma": verb, "pos": "VERB", "context": context, "cameo": code})
            continue
        word = line.strip().split()[0]
        verb = _word(word.lstrip("+")).replace("+", " ")
        if not re.fullmatch(r"[a-z][a-z' -]*", verb) or verb.endswith(" and") or verb.endswith(" or"):
            continue
        block_verbs.append(verb)
        braces = re.search(r"\{([^}]*)\}", line)
        if forms is not None and braces and " " not in verb:
            forms.setdefault(verb, set()).update(
                _word(f).replace("+", " ") for f in braces.group(1).split() if f.isalpha())
        own = code if bracket else default
        own_codes[verb] = own
        if own is not None:
            rows.append({"lemma": verb, "pos": "VERB", "context": "", "cameo": own})
    return rows


def _serves(verb: str, code: str, author: set[str], own: str | None) -> bool:
    """Whether a block pattern applies to one of the block's verbs. PETRARCH2 applies every
    pattern to every verb of a synonym block, which lets "PRESS * ON [190]" code "demanded
    ... on Tuesday" as a fight; here a pattern serves the verb it was written for (named
    in its comment), verbs whose own code shares its CAMEO root, and, when it says "not an
    event", all of them."""
    if not code or not author or verb in author or verb.split()[0] in author:
        return True
    return bool(own) and own[:2] == code[:2]


# "Not an event" patterns of PETRARCH2 not taken: `_serves` spreads such a pattern to every
# verb of its block, and these two blank plain violence there. "- * &AIRCRAFT" (written for
# FIGHT, against "fighter aircraft") made "attacked an army helicopter", "attacked rebel
# positions with drones" and "struck Russian aircraft" no events; "- * SINCE" (written for
# CLASH) made "has struck Gaza since Saturday" none.
DROPPED_NULLS = {"* &AIRCRAFT", "* SINCE"}

FORMS: dict[str, set[str]] = {}


def build_triggers(reference: Path, cameo: dict[str, dict]) -> list[dict]:
    derived = parse_verbs(reference / "petrarch2-dictionaries" / "CAMEO.2.0.txt", FORMS)
    hand = read_hand("triggers.hand.tsv")
    seen: set[tuple] = set()
    out = []
    for src, rows in (("hand", hand), ("petrarch2", derived)):
        for r in rows:
            key = (r["lemma"], r["pos"], r["context"])
            if key in seen:
                continue  # hand rows first: they correct or refine the derived ones
            seen.add(key)
            code = r["cameo"]
            if code and code != "=obj" and code not in cameo:
                continue
            out.append({"lemma": r["lemma"], "pos": r["pos"], "context": r["context"],
                        "cameo": code, "mode": r.get("mode", "") or "", "source": src})
    return out


def write_tsv(path: Path, rows: list[dict], header: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.exit("usage: python -m eventwire.events.build_lexicon REFERENCE_DIR")
    reference = Path(argv[0])
    cameo_rows = build_cameo(reference)
    write_tsv(DATA / "cameo.tsv", cameo_rows,
              "# Generated by eventwire.events.build_lexicon from PLOVER CAMEO2PLOVER-2021 "
              "(CC BY-SA 4.0) and cameo.hand.tsv (CAMEO names, standard Goldstein weights).\n")
    cameo = {r["code"]: r for r in cameo_rows}
    triggers = build_triggers(reference, cameo)
    write_tsv(DATA / "triggers.tsv", triggers,
              "# Generated by eventwire.events.build_lexicon from petrarch2 CAMEO.2.0.txt (MIT, "
              "Open Event Data Alliance) and triggers.hand.tsv (project, MIT).\n")
    with open(DATA / "forms.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Generated by eventwire.events.build_lexicon: irregular/listed inflections from "
                 "petrarch2 CAMEO.2.0.txt (MIT) plus forms.hand.tsv.\nlemma\tforms\n")
        for row in read_hand("forms.hand.tsv"):
            FORMS.setdefault(row["lemma"], set()).update(row["forms"].split())
        for lemma in sorted(FORMS):
            fh.write(f"{lemma}\t{' '.join(sorted(FORMS[lemma]))}\n")
    print(f"cameo.tsv: {len(cameo_rows)} codes; triggers.tsv: {len(triggers)} rows")


if __name__ == "__main__":
    main()
