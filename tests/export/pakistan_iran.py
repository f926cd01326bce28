"""A hand-coded DocumentResult for an excerpt of the Pakistan/Iran strikes page (January
2024): the reading an analyst gives it, with every span's offsets computed from the text.
Shared by the store and export tests."""

from __future__ import annotations

from datetime import date

from eventwire.model import (
    Actor, Article, Attribution, Count, DocumentError, DocumentResult, Event, Evidence, Location, Span,
)

TEXT = """date 2024-02-07 Advertisement

New Delhi: Pakistan on Thursday launched retaliatory attack, targeting Baloch militant groups based in Iran, claimed local media reports. The attack follows Pakistan's warning to Tehran of "serious consequences" in wake of missile attacks on militant bases in Balochistan that killed two.

Earlier, Pakistan strongly condemned Iran's airstrikes in Balochistan and asserted that the incident was "completely unacceptable", expelling the Iranian ambassador and recalling its envoy from Tehran.

Provincial officials in Pakistan said two children were killed and several others injured in strikes near the Iran border.

The Ministry of Foreign Affairs, Pakistan, confirmed the missile attacks in Iran through an official release. \u201cThis morning Pakistan undertook a series of highly coordinated and specifically targeted precision military strikes against terrorist hideouts in Siestan-o-Baluchistan province of Iran. A number of terrorists were killed during the Intelligence-based operation \u2013 codenamed \u2018Marg Bar Sarmachar,'\u201d it reads.
"""


def span(fragment: str, role: str | None = None, after: int = 0):
    start = TEXT.index(fragment, after)
    end = start + len(fragment)
    if role is None:
        return Span(start=start, end=end, text=fragment)
    return Evidence(start=start, end=end, text=fragment, role=role)


def actor(fragment: str, name: str, country: str | None, sector: str, inter: int | None) -> Actor:
    s = span(fragment)
    return Actor(text=fragment, name=name, country=country, sector=sector, inter=inter, start=s.start, end=s.end)


def article(text: str = TEXT, id: str = "pakistan-iran-strikes") -> Article:
    return Article(id=id, text=text, date=date(2024, 2, 7), title="Pakistan strikes back at Iran",
                   source="NDTV", url="https://example.org/pakistan-iran", path="pakistan-iran-strikes.txt")


def result() -> DocumentResult:
    iran_strike_sentence = "Provincial officials in Pakistan said two children were killed and several others injured in strikes near the Iran border."
    iran_strike = Event(
        id="e1", type="ASSAULT", mode="aerial", cameo="195", goldstein=-10.0,
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike",
        ucdp_type_of_violence=1,
        actor1=actor("Iran's airstrikes", "Military Forces of Iran", "IRN", "MIL", 8),
        actor2=actor("two children", "Civilians (Pakistan)", "PAK", "CVL", 7),
        date=date(2024, 1, 16), date_precision="week",
        location=Location(text="Balochistan", name="Balochistan", country="PK", admin1="Balochistan",
                          lat=28.5, lon=65.0, geonameid=1183606, feature="ADM1", geo_precision=3,
                          start=span("Balochistan").start, end=span("Balochistan").end),
        fatalities=Count(best=2, victims="children", evidence=[span("killed two")]),
        injuries=Count(victims="civilians", evidence=[span("several others injured")]),
        status="reported",
        attribution=Attribution(text="Provincial officials in Pakistan", source_type="government",
                                start=span("Provincial officials").start),
        evidence=[span("The attack follows Pakistan's warning to Tehran of \"serious consequences\" in wake of missile attacks on militant bases in Balochistan that killed two.", "sentence"),
                  span(iran_strike_sentence, "sentence"),
                  span("airstrikes", "trigger")],
        confidence=0.8, mentions=3,
    )
    pakistan_strike = Event(
        id="e2", type="ASSAULT", mode="aerial", cameo="195", goldstein=-10.0,
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike",
        ucdp_type_of_violence=1,
        actor1=actor("Pakistan undertook", "Military Forces of Pakistan", "PAK", "MIL", 1),
        actor2=actor("terrorist hideouts", "Baloch separatists", "PAK", "REB", 2),
        date=date(2024, 1, 18), date_precision="day",
        location=Location(text="Siestan-o-Baluchistan province of Iran", name="Sistan and Baluchestan",
                          country="IR", admin1="Sistan and Baluchestan", lat=28.0, lon=60.0,
                          geonameid=1159456, feature="ADM1", geo_precision=3),
        fatalities=Count(victims="militants", evidence=[span("A number of terrorists were killed")]),
        status="confirmed",
        attribution=Attribution(text="The Ministry of Foreign Affairs, Pakistan", source_type="government"),
        evidence=[span("New Delhi: Pakistan on Thursday launched retaliatory attack, targeting Baloch militant groups based in Iran, claimed local media reports.", "sentence"),
                  span("A number of terrorists were killed during the Intelligence-based operation", "sentence"),
                  span("precision military strikes", "trigger")],
        confidence=0.7, mentions=4,
        links=[{"type": "retaliation_for", "event": "e1"}],
    )
    expel = Event(
        id="e3", type="SANCTION", mode="expel", cameo="166", goldstein=-8.0,
        actor1=actor("Pakistan strongly", "Pakistan", "PAK", "GOV", None),
        actor2=actor("Iranian ambassador", "Iranian ambassador", "IRN", "GOV", None),
        date=date(2024, 1, 17), date_precision="week", status="reported",
        evidence=[span("expelling the Iranian ambassador", "sentence")],
        confidence=0.6,
    )
    return DocumentResult(
        id="pakistan-iran-strikes", date=date(2024, 2, 7), events=[iran_strike, pakistan_strike, expel],
        errors=[DocumentError(id="pakistan-iran-strikes", stage="dates",
                              reason="relative date 'on Thursday' anchored to a crawl date")],
    )
