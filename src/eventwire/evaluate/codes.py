"""Normalising the gold sets' actor and label codes to what eventwire outputs.

The gold sets were coded under older conventions (CAMEO's pre-ISO country codes such as
`JAP`, sector suffixes such as `CVLalb`, PLOVER draft labels such as `DEMAND`, UCDP side
names such as `Government of India`). The tables live in `data/gold_codes.json`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pycountry

from eventwire.model import Actor, Event

_DATA = Path(__file__).parent / "data" / "gold_codes.json"


@lru_cache(maxsize=1)
def tables() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=512)
def _is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None or code == "XKX"


def gold_country(code: str | None) -> str | None:
    """A CAMEO-style gold code (`HUN`, `JAP`, `USAGOV`, `IGOUNO`, `---REB`) -> ISO-3 or a
    non-state token (`IGO`, `NGO`, `IMG`); None when it names no scorable country."""
    if not code:
        return None
    head = code[:3].upper()
    t = tables()
    if head in t["non_state_codes"]:
        return t["non_state_codes"][head]
    head = t["legacy_country_codes"].get(head, head)
    return head if _is_iso3(head) else None


def gold_sector(code: str | None) -> str | None:
    """`CVLalb` -> `CVL`, `CIV` -> `CVL`, `***` -> None: the first three letters, aliased."""
    if not code:
        return None
    head = code[:3].upper()
    aliases = tables()["sector_aliases"]
    return aliases[head] if head in aliases else head


def actor_code(actor: Actor | None) -> str | None:
    """What a predicted actor is compared on: its country, or for a stateless actor the
    non-state token its sector gives (an IGO is coded `IGO`, not a country)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country.upper()
    tokens = {v for v in tables()["non_state_codes"].values() if v}
    sector = (actor.sector or "").upper()
    return sector if sector in tokens else None


def plover_gsr_label(event: Event | None) -> str | None:
    """A v0.8 PLOVER prediction expressed in the gold standard records' draft label set."""
    if event is None:
        return None
    root = (event.cameo or "")[:2]
    for rule in tables()["plover_gsr_labels"]["rules"]:
        if rule["type"] != event.type:
            continue
        if "mode" in rule and event.mode not in rule["mode"]:
            continue
        if "cameo_root" in rule and root not in rule["cameo_root"]:
            continue
        return rule["label"]
    return event.type


def ucdp_side_country(side: str | None, record_country: str | None) -> str | None:
    """UCDP side name -> ISO-3. `Government of X` is country X; known groups take the
    country they fight in (table); `Civilians`, tribal lashkars and party supporters take
    the record's country; transnational groups (al-Qaida, IS) and unknown names -> None."""
    if not side:
        return None
    t = tables()
    if side.startswith("Government of "):
        return _country_by_name(side[len("Government of "):])
    if side in t["ucdp_groups"]:
        return t["ucdp_groups"][side]
    if side == "Civilians" or any(side.startswith(p) for p in t["ucdp_group_prefixes"] if not p.startswith("_")):
        return _country_by_name(record_country) if record_country else None
    return None


@lru_cache(maxsize=256)
def _country_by_name(name: str) -> str | None:
    alias = tables()["ucdp_government_aliases"].get(name)
    if alias:
        return alias
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None
