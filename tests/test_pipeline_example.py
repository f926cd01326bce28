"""The acceptance test: the example article read the way a careful analyst codes it
(see the bundled examples/ and the expected reading in the project brief)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest import iter_documents
from eventwire.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pakistan-iran-strikes.txt"


@pytest.fixture(scope="module")
def result(product_pipeline):
    article = next(d for d in iter_documents([str(EXAMPLE)]) if isinstance(d, Article))
    return article, product_pipeline.extract(article)


def _assaults(res):
    return [e for e in res.events if e.type == "ASSAULT" and e.status not in ("negated", "denied", "threatened", "hypothetical", "planned")]


def test_two_strikes_two_events(result):
    article, res = result
    assaults = _assaults(res)
    assert len(assaults) == 2, [(e.actor1, e.location) for e in assaults]


def test_pakistan_strike_in_sistan_and_baluchestan(result):
    article, res = result
    pak = [e for e in _assaults(res) if e.actor1 and e.actor1.country == "PAK"]
    assert len(pak) == 1
    e = pak[0]
    assert e.location is not None and e.location.country == "IRN"
    assert e.location.admin1 == "Sistan and Baluchestan"
    assert e.location.geo_precision == 3
    assert e.status == "confirmed"
    assert e.fatalities.best is None  # "a number of terrorists": no count invented
    assert e.mode == "aerial"
    assert e.cameo.startswith("19")
    assert e.acled_sub_event_type == "Air/drone strike"
    texts = " ".join(ev.text for ev in e.evidence if ev.role == "sentence")
    assert "launched multiple missiles" in texts
    assert "Pakistan Confirms Strikes In Iran" in texts
    assert "This morning Pakistan undertook" in texts
    assert e.mentions >= 4


def test_iran_strike_in_balochistan_killed_two(result):
    article, res = result
    irn = [e for e in _assaults(res) if e.location and e.location.country == "PAK"]
    assert len(irn) == 1
    e = irn[0]
    assert e.actor1 is not None and e.actor1.country == "IRN"
    assert e.location.admin1 == "Balochistan"
    assert e.fatalities.best == 2
    texts = " ".join(ev.text for ev in e.evidence if ev.role == "sentence")
    assert "two children were killed" in texts
    assert "Iran's airstrikes in Balochistan" in texts


def test_offsets_point_into_the_original_text(result):
    article, res = result
    for e in res.events:
        for ev in e.evidence:
            assert article.text[ev.start:ev.end] == ev.text


def test_diplomatic_events(result):
    article, res = result
    by_type = {}
    for e in res.events:
        by_type.setdefault(e.type, []).append(e)
    accuse = by_type.get("ACCUSE", [])
    assert any(e.actor1 and e.actor1.country == "PAK" and e.actor2 and e.actor2.country == "IRN" for e in accuse)
    sanctions = by_type.get("SANCTION", [])
    modes = {e.mode for e in sanctions if e.actor1 and e.actor1.country == "PAK"}
    assert "expel" in modes and "withdraw" in modes
    threats = [e for e in by_type.get("THREATEN", []) if e.actor1 and e.actor1.country == "PAK"]
    assert threats and all(t.status != "confirmed" for t in threats)


def test_traps(result):
    article, res = result
    for e in res.events:
        for a in (e.actor1, e.actor2):
            # Mumtaz Zahra Baloch is a spokesperson, never "Baloch militants"
            if a is not None and "Baloch" in (a.text or "") and "Zahra" in (a.text or ""):
                assert a.sector == "GOV"
        if e.location is not None:
            assert e.location.name not in ("New Delhi", "Davos", "Tehran", "Islamabad")
            assert e.location.country != "IRQ"
    # the threat to respond is not an attack
    for e in _assaults(res):
        assert not any("right to respond" in ev.text for ev in e.evidence if ev.role == "trigger")


def test_retaliation_link(result):
    article, res = result
    pak = next(e for e in _assaults(res) if e.actor1 and e.actor1.country == "PAK")
    irn = next(e for e in _assaults(res) if e.actor1 and e.actor1.country == "IRN")
    assert {"type": "retaliation_for", "event": irn.id}.items() <= pak.links[0].items()


def test_relative_dates_carry_low_precision(result):
    article, res = result
    pak = next(e for e in _assaults(res) if e.actor1 and e.actor1.country == "PAK")
    assert pak.date is not None and pak.date_precision in ("week", "month")


def test_batches_leave_the_callers_collector_setting(pipeline):
    """Batches run with the cyclic GC paused (it rescanned the loaded model for a few cycles);
    the caller's setting comes back either way, and the results are the same."""
    import gc

    article = Article(id="gc", text="Gunmen killed two policemen in Quetta on Monday, police said.")
    assert gc.isenabled()
    on = [r.model_dump() for r in pipeline.extract_many([article])]
    assert gc.isenabled()
    gc.disable()
    try:
        off = [r.model_dump() for r in pipeline.extract_many([article])]
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert on == off and on[0]["events"]


_MATCH_REPORT = """date 2025-03-03
Rockets hit Chelsea as Palmer strikes late

LONDON (PA) - Cole Palmer struck a late winner as Chelsea beat Brighton 2-1 on Monday, with the Seagulls' rocket of a free kick from Joao Pedro not enough to save them.

Brighton's manager said his side had been robbed by a controversial penalty decision.
"""
_RAID_REPORT = """date 2025-03-03
Militants storm police post in Kurram

PESHAWAR, Pakistan (AP) - Militants stormed a police post in the Kurram district before dawn on Monday and killed three officers, police said.

The attackers escaped into the mountains. A search operation was under way.
"""


def test_a_headline_attack_its_body_never_tells_is_a_figure_of_speech(pipeline):
    """A story's lede tells again what its headline announces; a violent headline over a
    match report is a pun, and a real raid's headline is told again by its body."""
    from eventwire.ingest.crawler import read_crawler_text

    match = read_crawler_text(_MATCH_REPORT, "match", "match.txt")[0]
    assert not [e for e in pipeline.extract(match).events if e.type in ("ASSAULT", "FIGHT")]
    raid = read_crawler_text(_RAID_REPORT, "raid", "raid.txt")[0]
    attacks = [e for e in pipeline.extract(raid).events if e.type in ("ASSAULT", "FIGHT")]
    assert len(attacks) == 1 and attacks[0].mentions >= 2 and attacks[0].fatalities.best == 3


@pytest.mark.parametrize("text, kept", [
    # a match report: its sieges, shots and blitzes are the game's
    ("Italy beat Wales 27-20 in Rome to open Six Nations title defence\nItaly held off a late Welsh siege to beat "
     "Wales 27-20 at the Stadio Olimpico on Thursday night, with winger Ange Capuozzo scoring two tries. Wales "
     "captain Jac Morgan said his side had been \"shot down\" by Italy's blitz defence in the opening half-hour.", False),
    # a vote's tally is no score
    ("The Security Council voted 13-0 on Monday to impose sanctions on the junta in Niger.", True),
    # a series levelled 1-1; police deployed for a derby are its security
    ("Mustafiz fires as Bangladesh shoot out Afghanistan for 112\nMustafizur Rahman took four for 19 as Bangladesh "
     "bowled Afghanistan out for 112 in Chattogram on Saturday, then chased the target down to level the "
     "three-match T20I series 1-1.", False),
    ("Superclasico passes peacefully as 2,200 police deployed\nRiver Plate beat Boca Juniors 2-1 at the Monumental "
     "on Sunday in a Superclasico that passed without incident, with 2,200 police officers deployed around the "
     "stadium. The city's security ministry said no arrests were made.", False),
    # police who fire on fans at a match are news
    ("Police fire tear gas at fans after Al Ahly beat Zamalek 2-1\nPolice in Cairo fired tear gas at hundreds of "
     "fans outside the stadium after Al Ahly beat Zamalek 2-1 on Friday, injuring 12 people.", True),
])
def test_a_match_reports_violence_is_the_games(product_pipeline, text, kept):
    events = product_pipeline.extract(Article(id="t", text=text, date=date(2026, 3, 1))).events
    assert bool(events) == kept


@pytest.mark.parametrize("text, kept", [
    # a market report: its cities rally and retreat, its stocks attack records
    ("Tokyo rallies, Seoul slides as chip stocks diverge - Nikkei Asia\nTokyo stocks rallied for a third straight "
     "session on Thursday, with the Nikkei 225 gaining 1.8%, while Seoul's Kospi slid 0.9%.", None),
    ("Tokyo retreats, Seoul advances as tech rally fades\nJapanese shares slipped on Thursday while South Korean "
     "stocks extended gains, with the Nikkei down 0.8% and the Kospi up 1.1%.", None),
    ("London stocks attack record high as miners rally\nThe FTSE 100 climbed 0.9% to 8,400 points.", None),
    # what moved the market is news
    ("Brent crude jumps as Israel strikes Iranian oil depot\nIsraeli jets struck an oil depot near Bandar Abbas "
     "overnight, Iranian state media said, sending Brent up 4%.", "ASSAULT"),
    ("Stocks slide as protesters rally in Paris against pension reform\nThousands of protesters rallied in Paris on "
     "Tuesday, and the CAC 40 fell 1.2%.", "PROTEST"),
])
def test_a_market_reports_moves_are_its_prices(product_pipeline, text, kept):
    events = product_pipeline.extract(Article(id="t", text=text, date=date(2026, 3, 1))).events
    types = {e.type for e in events}
    if kept is None:
        assert not events, [(e.type, e.actor1 and e.actor1.text) for e in events]
    else:
        assert kept in types or (kept == "ASSAULT" and "FIGHT" in types), types


@pytest.mark.parametrize("text", [
    # a sport's attacks, by players named by nationality
    "Pakistan pace attack blows away Sri Lanka as visitors seal series\nPakistan's pace attack ripped through Sri "
    "Lanka's top order as the visitors crushed the hosts by nine wickets in the second ODI in Colombo on Thursday.",
    "Uzbek prodigy's sacrificial attack topples Chinese No. 1 in Wijk aan Zee\nAn 18-year-old Uzbek grandmaster "
    "sacrificed a rook to launch a devastating kingside attack against China's top-rated player on Wednesday.",
    "Colombian attacks, Slovenian counters on Alpine summit finish\nA Colombian climber launched a blistering attack "
    "6km from the summit on Saturday, but the Slovenian race leader reeled him in and counter-attacked in the final "
    "kilometre to take the stage.",
    # history an exhibition recalls, a concert with no arrests, a photo shoot, commerce, an accident
    "New exhibition recreates 1939 assault on Westerplatte\nThe Museum of the Second World War in Gdansk has opened an "
    "exhibition recreating the German assault on the Westerplatte garrison in September 1939.",
    "Year-end concert ends without incident, police say\nThe Lagos State Police Command said the concert ended "
    "peacefully on Sunday, with no arrests or security incidents recorded.",
    "Mumbai label shoots summer collection on the shores of Pangong Lake\nMumbai fashion house Saanjh shot its summer "
    "campaign over five days at Pangong Lake in Ladakh. \"We were fighting the cold and the wind the whole time, but "
    "the light was worth it,\" the label's creative director said.",
    "Nordhavn Foods rejects hostile bid from Dutch rival\nDanish dairy group Nordhavn Foods said its board had "
    "unanimously rejected a hostile offer from Dutch rival Vreeland Group.",
    "Celebratory gunfire kills one in Karachi on New Year's Eve",
    "1,200 police deployed as 80,000 fans pack Lagos homecoming concert\nThe Lagos State Police Command deployed "
    "1,200 officers as about 80,000 fans packed the stadium for the homecoming concert on Saturday.",
    "Blast at fireworks factory kills eight workers\nFire officials said friction while mixing chemicals triggered the "
    "blast at the factory near Sivakasi.",
    # filming, a vaccination drive, a warning of scammers, a road accident, a burglar jailed, a takeover
    "Netflix series on Lahore's gang wars shoots final schedule in Karachi - The Express Tribune\nThe crime drama, "
    "set in the gang wars of 1990s Lahore, began shooting its final schedule in Karachi this week, with several "
    "scenes filmed around the old city and the port.",
    "Measles vaccination drive targets two million children in Kano\nHealth teams fanned out across Kano on Monday in "
    "a week-long campaign targeting two million children under five.",
    "Police warn of scammers posing as army officers\nPune police have warned residents about fraudsters who pose as "
    "army officers, offering to sell furniture and vehicles cheaply.",
    "14 killed as bus plunges into gorge in Himachal's Mandi - PTI\nFourteen passengers were killed and 22 injured "
    "when a private bus skidded off the road and plunged into a 200-metre gorge in Mandi district on Sunday "
    "evening, police said.",
    "Man jailed for burglaries targeting elderly neighbours - Yorkshire Evening Post\nA 34-year-old man who burgled "
    "the homes of three elderly neighbours in Leeds was jailed for four years at Leeds Crown Court on Thursday. The "
    "judge said he had targeted \"the most vulnerable people on his street.\"",
    "Cement giant launches hostile bid for rival in takeover battle - Mint\nAn Indian cement major on Monday "
    "launched a hostile bid for a smaller rival, offering shareholders a 22% premium. The target's board called "
    "the offer \"opportunistic\" and said it would defend the company's independence.",
    # a cricket report's fast bowlers, a court that jails a thief for theft, a campaign against locusts, police at
    # a derby
    "Pakistan pacers blow away Afghanistan in Sharjah - Dawn\nPakistan's fast bowlers fired out Afghanistan for 97 as "
    "the green shirts cruised to a 68-run win in the second T20 on Wednesday.",
    "Man jailed for avocado theft in Murang'a - The Star\nA Murang'a court on Tuesday sentenced a 34-year-old man "
    "to 18 months in prison for the theft of 300kg of avocados from a neighbour's farm.",
    "Somalia launches aerial offensive against desert locust swarms\nSomalia's agriculture ministry said on Monday it "
    "had launched an aerial spraying offensive against desert locust swarms in Bari region.",
    "Istanbul derby passes off peacefully as 7,500 police deployed\nSome 7,500 police officers were on duty around "
    "the stadium on Saturday as Galatasaray hosted Fenerbahce, and no incidents were reported.",
    # a driver's licence suspended
    "Dashcam video shows congressman surrendering his driver's license\nDuring a traffic stop, a North Carolina state "
    "trooper discovered the congressman's license was suspended.",
    # a find of the Bronze Age, a meeting postponed
    "Bronze Age 'battlefield' with 30 warriors found in northern Spain\nArchaeologists in the Spanish province of "
    "Burgos have uncovered the remains of at least 30 men who appear to have been killed in a single violent clash "
    "about 3,000 years ago.",
    "Armenia, Azerbaijan postpone border commission meeting - Armenpress\nYEREVAN - A meeting of the Armenian and "
    "Azerbaijani border delimitation commissions scheduled for Friday in Gabala has been postponed, the Armenian "
    "Deputy Prime Minister's office said on Thursday, without giving a reason.",
])
def test_ordinary_news_with_words_of_war_codes_nothing(product_pipeline, text):
    events = product_pipeline.extract(Article(id="t", text=text, date=date(2025, 10, 17))).events
    assert not events, [(e.type, e.actor1 and e.actor1.text, e.actor2 and e.actor2.text) for e in events]


@pytest.mark.parametrize("text, kind", [
    # a person named by nationality in a headline is a person; troops sharing a noun are troops
    ("Pakistani killed in Indian firing across LoC", ("PAK", "CVL")),
    ("Thai, Cambodian troops exchange fire near Chong Bok", None),
    # an act of this year stays; a company's dealings with a state stay
    ("Gunmen killed 12 villagers in Zamfara on Sunday, police said.", None),
    ("Huawei rejected US accusations of spying on Monday.", None),
    # police deployed against a protest are news
    ("Police deployed ahead of opposition rally in Nairobi\nKenyan police deployed 2,000 officers in Nairobi on "
     "Monday ahead of an opposition rally against tax rises.", None),
])
def test_persons_named_by_nationality_and_real_events_stay(product_pipeline, text, kind):
    events = product_pipeline.extract(Article(id="t", text=text, date=date(2025, 10, 17))).events
    assert events, text
    if kind is not None:
        assert any(e.actor2 is not None and (e.actor2.country, e.actor2.sector) == kind for e in events), \
            [(e.actor1, e.actor2) for e in events]


def test_an_ordinary_crime_arrest_is_no_political_event(pipeline):
    from eventwire.model import Article

    text = ("Gospel singer arrested over unpaid hotel bill in Mombasa\nPolice in Mombasa on Monday arrested gospel "
            "singer Esther Wambui over an unpaid Sh480,000 bill at a Nyali beach hotel.")
    assert not pipeline.extract(Article(id="t", text=text)).events
    # an arrest of protesters or a journalist names a party and stays
    text = "Police in Mombasa on Monday arrested 14 protesters and a journalist over the unpaid wages march."
    assert [e.type for e in pipeline.extract(Article(id="t", text=text)).events if e.type == "COERCE"]


def test_private_lives_and_space_experiments_are_no_political_events(pipeline):
    from eventwire.model import Article

    for text in [
        "Actor and ex-wife end bitter divorce battle with settlement\nHollywood actor Daniel Cross and former wife "
        "Elena Marsh have reached a settlement in their divorce, ending an 18-month court battle over custody and a "
        "Malibu property. Both sides agreed to share custody of their two children.",
        "Japanese probe fires impactor at asteroid to sample fresh material\nA small copper impactor fired from a "
        "Japanese spacecraft struck the surface of a near-Earth asteroid on Monday, blasting out a crater so the "
        "probe can collect subsurface samples.",
    ]:
        assert not pipeline.extract(Article(id="t", text=text)).events, text
    # civilians who accuse the police, or are freed, are news
    text = "Tribal women from three villages in Bijapur district have accused security forces of molestation."
    assert pipeline.extract(Article(id="t", text=text)).events


def test_a_foreigner_singled_out_does_not_place_the_story(product_pipeline):
    """"a British citizen", "the UK embassy": the story is in Tbilisi, where its dateline is."""
    text = ("Police clear Rustaveli Avenue with water cannon; 30 detained - Civil.ge\nTBILISI -- Riot police used "
            "water cannon early Sunday to clear demonstrators who had blocked Rustaveli Avenue, and 30 people were "
            "detained, the Interior Ministry said. One of those held was a British citizen, the UK embassy confirmed.")
    events = product_pipeline.extract(Article(id="t", text=text, date=date(2026, 2, 15))).events
    assert events and all(e.location is not None and e.location.country == "GEO" for e in events), \
        [(e.type, e.location) for e in events]
    # the police and the crowd are Georgia's too
    assert all(a.country == "GEO" for e in events for a in (e.actor1, e.actor2) if a is not None and a.sector), \
        [(e.actor1, e.actor2) for e in events]


def test_police_who_confirm_an_attack_tell_of_it(product_pipeline):
    text = ("Bandits kill 23 in Zamfara village raid; police put toll at 12 - Premium Times\nGUSAU -- Armed bandits "
            "on motorcycles killed at least 23 people in an attack on Kairu village in Maru Local Government Area of "
            "Zamfara State on Saturday evening, residents said. The state police command confirmed the attack but "
            "put the death toll at 12.")
    events = product_pipeline.extract(Article(id="t", text=text, date=date(2025, 12, 8))).events
    assert events and not any(e.actor1 is not None and e.actor1.sector == "COP" for e in events), \
        [(e.type, e.actor1) for e in events]
