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
    subs = {r["sub_event_type"] for r in read_table("acled_map.tsv")} - {""}  # "" = not an ACLED event
    assert len(subs) == 25


def test_ucdp_type_of_violence():
    assert TAX.ucdp("ASSAULT", IRN_MIL, BLA) == 1
    assert TAX.ucdp("FIGHT", BLA, TTP) == 2
    assert TAX.ucdp("ASSAULT", TTP, CIVILIANS) == 3
    assert TAX.ucdp("ACCUSE", PAK_GOV, IRN_MIL) is None


def test_acled_cue_words_pick_sub_event():
    # violent crowds are riots; lethal force on protesters is excessive force
    assert TAX.acled("PROTEST", "demo", "141", PROTESTERS, None, {"protesters", "pelted", "stones"})[1] == "Violent demonstration"
    assert TAX.acled("ASSAULT", None, "180", None, None, {"mob", "lynched"})[1] == "Mob violence"
    assert TAX.acled("ASSAULT", "firearms", "193", PAK_MIL, None,
                     {"security", "forces", "opened", "fire", "on", "protesters"})[1] == "Excessive force against protesters"
    # seized arms and defused bombs disrupt weapons use; a chemical plant is no chemical weapon
    assert TAX.acled("COERCE", "seize", "171", PAK_MIL, None, {"seized", "weapons", "ammunition"})[1] == "Disrupted weapons use"
    assert TAX.acled("ASSAULT", "explosives", "183", None, None, {"bomb", "defused"})[1] == "Disrupted weapons use"
    # a missile intercepted (one, in the singular) is a disrupted attack, not looting
    assert TAX.acled("COERCE", "seize", "171", None, None, {"the", "missile", "was", "intercepted"})[1] == \
        "Disrupted weapons use"
    assert TAX.acled("ASSAULT", "explosives", "183", None, None, {"chemical", "factory", "blast"})[1] != "Chemical weapon"
    # territory: a state taking ground regains it; bases set up are headquarters
    assert TAX.acled("COERCE", "seize", "192", PAK_MIL, TTP, {"captured"})[1] == "Government regains territory"
    assert TAX.acled("MOBILIZE", None, "150", PAK_MIL, None, {"set", "up", "observation", "post"})[1] == \
        "Headquarters or base established"


def test_diplomatic_sanctions_get_no_acled_type():
    assert TAX.acled("SANCTION", "expel", "166", PAK_GOV, IRN_MIL) == (None, None)
    assert TAX.acled("COERCE", "restrict", "163", PAK_GOV, IRN_MIL) == (None, None)


def test_framed_acts():
    assert TAX.framed("intent", "071") == "033"  # "will give aid": an intent to aid (AGREE)
    assert TAX.cameo(TAX.framed("intent", "190"))["plover_type"] == "THREATEN"
    assert TAX.cameo(TAX.framed("demand", "0841"))["plover_type"] == "REQUEST"
    assert TAX.cameo(TAX.framed("refuse", "030"))["plover_type"] == "REJECT"
    assert TAX.framed("intent", "111") is None and TAX.framed(None, "071") is None


# --- ACLED context rules ---------------------------------------------------------------

def test_arrests_need_a_political_context():
    from eventwire.events.taxonomy import Taxonomy
    from eventwire.model import Actor

    tax = Taxonomy.load()
    police = Actor(text="police", name="Police Forces", sector="COP")
    crime = {"police", "arrested", "ten", "counterfeit", "notes", "smuggling"}
    politics = {"police", "arrested", "opposition", "activists"}
    assert tax.acled("COERCE", "arrest", "173", police, None, crime) == (None, None)
    assert tax.acled("COERCE", "arrest", "173", police, None, politics)[1] == "Arrests"


def test_disaster_marker_blocks_acled_and_missiles_are_not_air_strikes():
    from eventwire.events.taxonomy import Taxonomy

    tax = Taxonomy.load()
    assert tax.acled("MOBILIZE", "troops", "154", None, None, {"ctx:disaster", "snow"}) == (None, None)
    assert tax.acled("ASSAULT", "aerial", "195", None, None, {"fired", "missiles"})[1] == "Shelling/artillery/missile attack"
    assert tax.acled("ASSAULT", "aerial", "195", None, None, {"jets", "missiles"})[1] == "Air/drone strike"


def test_agreement_needs_a_conflict_context():
    from eventwire.events.taxonomy import Taxonomy

    tax = Taxonomy.load()
    assert tax.acled("AGREE", None, "030", None, None, {"plans", "clean", "spill"}) == (None, None)
    assert tax.acled("AGREE", None, "057", None, None, {"agreed", "ceasefire"})[1] == "Agreement"
    assert tax.acled("SUPPORT", None, "057", None, None, {"resolution", "sanctions"}) == (None, None)
    rule = tax.acled_rule("ASSAULT", None, "190", None, None, set())
    assert rule is not None and not rule.cues and not rule.modes  # a guessed sub-event type


def test_acled_attacks_surrenders_and_withdrawals():
    # gunmen opening fire on people are an attack, not a battle between armed sides
    gunmen = actor("gunmen", None, "UAF")
    assert TAX.acled("ASSAULT", "firearms", "193", gunmen, None,
                     {"gunmen", "opened", "fire", "on", "a", "teahouse"})[1] == "Attack"
    assert TAX.acled("ASSAULT", None, "190", PAK_MIL, TTP, {"clashes"})[1] == "Armed clash"
    # a surrender ends fighting by agreement; forces pulling back change their activity
    assert TAX.acled("RETREAT", "disarm", "0874", TTP, PAK_MIL, {"rebels", "surrendered"})[1] == "Agreement"
    assert TAX.acled("RETREAT", "disarm", "0874", PAK_MIL, None, {"forces", "withdrawn", "from", "base"})[1] == \
        "Change to group/activity"
    assert TAX.acled("RETREAT", "disarm", "0874", PAK_MIL, None, {"handed", "over", "camp"})[1] == \
        "Non-violent transfer of territory"
    assert TAX.acled("RETREAT", "disarm", "0873", TTP, None, {"militants", "disarmed"})[1] == "Disrupted weapons use"
    # only a state regains ground: rebels retaking a village overtake it
    assert TAX.acled("COERCE", "seize", "192", TTP, PAK_MIL, {"militants", "recaptured", "village"})[1] == \
        "Non-state actor overtakes territory"
    assert TAX.acled("COERCE", "seize", "192", PAK_MIL, TTP, {"troops", "recaptured", "village"})[1] == \
        "Government regains territory"
