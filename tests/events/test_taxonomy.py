"""CAMEO/PLOVER/Goldstein lookups and the ACLED/UCDP rules."""

from eventwire.events.taxonomy import Taxonomy, read_table
from eventwire.model import Actor

TAX = Taxonomy.load()


def actor(name, country, sector):
    return Actor(text=name, name=name, country=country, sector=sector)


PAK_MIL = actor("Pakistani military", "PAK", "MIL")
IRN_MIL = actor("Iranian forces", "IRN", "MIL")
BLA = actor("Baloch Liberation Army", "PAK", "REB")
TTP = actor("Tehrik-i-Taliban", "PAK", "REB")
CIVILIANS = actor("civilians", "PAK", "CVL")
PROTESTERS = actor("protesters", "IRN", "PRO")
PAK_GOV = actor("Pakistan", "PAK", "GOV")


def test_goldstein_and_plover_values():
    assert TAX.cameo("161")["goldstein"] == -4.0
    assert TAX.cameo("166")["goldstein"] == -8.0
    assert TAX.cameo("174")["goldstein"] == -5.0
    assert TAX.cameo("195")["goldstein"] == -10.0
    assert TAX.cameo("195")["plover_type"] == "ASSAULT" and TAX.cameo("195")["plover_mode"] == "aerial"
    assert TAX.cameo("166")["plover_mode"] == "expel"
    assert TAX.cameo("111")["quad"] == 3 and TAX.cameo("057")["quad"] == 1
    assert TAX.cameo("13")["goldstein"] == -6.0


def test_every_code_is_complete():
    rows = read_table("cameo.tsv")
    assert len(rows) > 300
    for r in rows:
        assert r["name"], r["code"]
        assert -10.0 <= float(r["goldstein"]) <= 10.0
        if not r["code"].startswith("01"):
            assert r["plover_type"], r["code"]


def test_fight_depends_on_actors():
    assert TAX.event_type("190", PAK_MIL, BLA) == ("FIGHT", None)
    assert TAX.event_type("190", PAK_MIL, CIVILIANS)[0] == "ASSAULT"
    assert TAX.event_type("195", PAK_MIL, BLA)[0] == "ASSAULT"  # air strikes stay ASSAULT


def test_acled_explosions_and_battles():
    assert TAX.acled("ASSAULT", "aerial", "195", IRN_MIL, BLA) == (
        "Explosions/Remote violence", "Air/drone strike")
    assert TAX.acled("ASSAULT", None, "190", PAK_MIL, TTP, {"shelling"})[1] == "Shelling/artillery/missile attack"
    assert TAX.acled("ASSAULT", "suicide-attack", "1831", TTP, None)[1] == "Suicide bomb"
    assert TAX.acled("ASSAULT", None, "183", TTP, None, {"roadside", "bomb"})[1] == "Remote explosive/landmine/IED"
    assert TAX.acled("ASSAULT", None, "193", TTP, None, {"grenade"})[1] == "Grenade"
    assert TAX.acled("FIGHT", None, "190", PAK_MIL, TTP) == ("Battles", "Armed clash")
    assert TAX.acled("ASSAULT", None, "190", PAK_MIL, TTP, {"recaptured"})[1] == "Government regains territory"
    assert TAX.acled("ASSAULT", None, "190", TTP, PAK_MIL, {"overran"})[1] == "Non-state actor overtakes territory"


def test_acled_civilians_protests_and_strategic():
    assert TAX.acled("ASSAULT", None, "190", TTP, CIVILIANS) == ("Violence against civilians", "Attack")
    assert TAX.acled("ASSAULT", "abduct", "181", TTP, CIVILIANS)[1] == "Abduction/forced disappearance"
    assert TAX.acled("ASSAULT", "sexual", "1821", PAK_MIL, CIVILIANS)[1] == "Sexual violence"
    assert TAX.acled("PROTEST", "demo", "141", PROTESTERS, None) == ("Protests", "Peaceful protest")
    assert TAX.acled("PROTEST", "demo", "141", PROTESTERS, None, {"tear", "gas"})[1] == "Protest with intervention"
    assert TAX.acled("ASSAULT", "crowd-control", "175", PAK_MIL, PROTESTERS)[1] == "Excessive force against protesters"
    assert TAX.acled("PROTEST", "riot", "145", PROTESTERS, None) == ("Riots", "Violent demonstration")
    assert TAX.acled("PROTEST", "riot", "145", PROTESTERS, CIVILIANS)[1] == "Mob violence"
    assert TAX.acled("COERCE", "arrest", "173", PAK_GOV, BLA) == ("Strategic developments", "Arrests")
    assert TAX.acled("AGREE", None, "030", PAK_GOV, TTP)[1] == "Agreement"
    assert TAX.acled("MOBILIZE", "troops", "154", PAK_MIL, None)[1] == "Change to group/activity"
    assert TAX.acled("COERCE", "curfew", "1723", PAK_GOV, None)[1] == "Other"
    assert TAX.acled("CONSULT", "phone", "041", PAK_GOV, PAK_GOV) == (None, None)


def test_acled_covers_all_25_sub_event_types():
    subs = {r["sub_event_type"] for r in read_table("acled_map.tsv")}
    assert len(subs) == 25


def test_ucdp_type_of_violence():
    assert TAX.ucdp("ASSAULT", IRN_MIL, BLA) == 1
    assert TAX.ucdp("FIGHT", BLA, TTP) == 2
    assert TAX.ucdp("ASSAULT", TTP, CIVILIANS) == 3
    assert TAX.ucdp("ACCUSE", PAK_GOV, IRN_MIL) is None
