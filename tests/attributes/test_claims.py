from __future__ import annotations

from eventwire.attributes import claims


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_reporting_verb_becomes_attribution(nlp):
    doc = nlp("Provincial officials in Pakistan said two children were killed in strikes.")
    c = claims.reporting_frame(_tok(doc, "killed"))
    assert c.status == "reported" and doc.text[c.source_start:c.source_end] == "Provincial officials in Pakistan"


def test_trailing_claim(nlp):
    doc = nlp("Pakistan on Thursday launched retaliatory attack, targeting Baloch militant groups based in Iran, claimed local media reports.")
    c = claims.reporting_frame(_tok(doc, "launched"))
    assert c.status == "claimed" and "media reports" in doc.text[c.source_start:c.source_end]


def test_confirmed(nlp):
    doc = nlp("The Ministry of Foreign Affairs confirmed the missile attacks in Iran.")
    assert claims.reporting_frame(_tok(doc, "attacks")).status == "confirmed"


def test_negation_and_modality(nlp):
    assert claims.modality(_tok(nlp("No Pakistani citizens had been targeted."), "targeted")) == "negated"
    assert claims.modality(_tok(nlp("Pakistan would not allow the ambassador to return."), "allow")) == "negated"
    assert claims.modality(_tok(nlp("The army could strike the camps."), "strike")) == "hypothetical"
    assert claims.modality(_tok(nlp("The army will strike the camps."), "strike")) == "planned"
    assert claims.modality(_tok(nlp("The army struck the camps."), "struck")) is None
    assert claims.modality(_tok(nlp("Nobody knows whether the army struck the camps."), "struck")) == "asked"
    # the event noun's own "no": "with no arrests or security incidents recorded"
    doc = nlp("The concert ended peacefully, with no arrests or security incidents recorded.")
    assert claims.modality(_tok(doc, "arrests")) == "negated"
    assert claims.modality(_tok(nlp("Police made several arrests at the concert."), "arrests")) is None


def test_according_to_and_unconfirmed():
    s = "There is no formal confirmation yet, but according to local media outlets, Pakistan launched missiles."
    start, end = claims.according_to(s)
    assert s[start:end] == "local media outlets"
    assert claims.is_unconfirmed(s)
    assert claims.source_type("local media outlets") == "media"
    assert claims.source_type("The Ministry of Foreign Affairs, Pakistan") == "government"


def test_one_list_of_reporting_verbs():
    """taxonomy/reporting.tsv is the only list of reporting verbs: the detector and claims read it."""
    from eventwire.events.triggers import TriggerLexicon
    from eventwire.resources import lexicon, table

    rows = table("taxonomy/reporting.tsv")
    assert len({r["lemma"] for r in rows}) == len(rows)
    assert all(r["kind"] in {"reporting", "both", "-"} for r in rows)
    assert all(r["status"] in {"reported", "claimed", "confirmed", "denied", "-"} for r in rows)
    assert all(r["kind"] != "-" or r["status"] != "-" for r in rows)
    assert "reporting_status" not in lexicon("claims")
    assert claims.REPORTING_STATUS == {r["lemma"]: r["status"] for r in rows if r["status"] != "-"}
    assert TriggerLexicon.load()._reporting == {r["lemma"]: r["kind"] for r in rows if r["kind"] != "-"}
    assert claims.CLAUSE_ONLY == {"deny", "dismiss", "refute", "reject", "rebut"}


def test_a_clause_of_denied_reports_is_denied(nlp):
    """"denied media reports that the leader would visit": the visit is what is denied."""
    doc = nlp("The Kremlin spokesman denied media reports that the Russian leader would visit Tehran this month.")
    claim = claims.reporting_frame(_tok(doc, "visit"))
    assert claim.status == "denied" and claim.source.text == "spokesman"
    doc = nlp("The army rejected claims that its soldiers shot protesters.")
    assert claims.reporting_frame(_tok(doc, "shot")).status == "denied"


def test_a_claim_told_as_a_noun_of_its_act(nlp):
    # the claim's content in its "of" phrase: denied, confirmed as the verb says
    doc = nlp("A government spokesman said on Thursday, dismissing reports of shelling near the border town as propaganda.")
    assert claims.reporting_frame(_tok(doc, "shelling")).status == "denied"
    doc = nlp("The army denied reports of clashes in the valley.")
    assert claims.reporting_frame(_tok(doc, "clashes")).status == "denied"
    doc = nlp("Troops received reports of clashes in the valley.")
    assert claims.reporting_frame(_tok(doc, "clashes")).verb is None


def test_a_declined_confirmation_confirms_nothing(nlp):
    doc = nlp("Officials declined to confirm that troops had shelled the village.")
    assert claims.reporting_frame(_tok(doc, "shelled")).status == "claimed"
    doc = nlp("Officials confirmed that troops had shelled the village.")
    assert claims.reporting_frame(_tok(doc, "shelled")).status == "confirmed"


def test_a_headline_said_killed_has_no_teller(nlp):
    # "Woman said killed" is "a woman is said to have been killed": she is no source
    doc = nlp("Woman said killed by Indian gunfire in Kashmir.")
    c = claims.reporting_frame(_tok(doc, "killed"))
    assert c.verb is not None and c.source_start is None
