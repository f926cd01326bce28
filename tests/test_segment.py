from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.model import Article
from eventwire.segment import SENTENCE_KINDS, dateline_place, segment, split_sentences

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
EXAMPLE = SHARED / "examples" / "pakistan-iran-strikes.txt"
FIXTURES = Path(__file__).parent / "ingest" / "fixtures"


def _check_offsets(article: Article) -> list:
    segments = segment(article)
    previous_end = 0
    for seg in segments:
        assert article.text[seg.start : seg.end] == seg.text
        assert seg.text and seg.text == seg.text.strip()
        assert seg.start >= previous_end
        previous_end = seg.end
    return segments


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared/examples is not available")
def test_example_article_segmented_exactly():
    article = Article(id="pakistan-iran-strikes", text=EXAMPLE.read_text(encoding="utf-8"))
    got = [(s.paragraph, s.kind, s.text) for s in _check_offsets(article)]
    expected_heads = [
        (0, "header", "date 2024-02-07"),
        (0, "furniture", "Advertisement"),
        (1, "dateline", "New Delhi"),
        (1, "body", "Pakistan on Thursday launched retaliatory attack"),
        (1, "body", "The attack follows Pakistan's warning to Tehran"),
        (2, "body", "There is no formal confirmation yet"),
        (3, "body", "Earlier, Pakistan strongly condemned"),
        (3, "body", "Pakistan's caretaker Foreign Minister, Jalil Abbas Jilani"),
        (4, "subheading", "Iran's Attack Targeted ‘Only Terrorists’"),
        (5, "body", "Iranian authorities clarified"),
        (5, "body", "While speaking at the World Economic Forum's"),
        (5, "body", "The Iranian minister said he had spoken"),
        (6, "body", "Provincial officials in Pakistan said two children"),
        (6, "body", "The violation was unprovoked and unacceptable"),
        (6, "body", "Pakistan reserved “the right to respond"),
        (6, "body", "Pakistan would not allow Iran’s ambassador"),
        (7, "subheading", "Operation Marg Bar Sarmachar: Pakistan Confirms Strikes In Iran"),
        (8, "body", "The Ministry of Foreign Affairs, Pakistan, confirmed"),
        (8, "body", "“This morning Pakistan undertook"),
        (8, "body", "A number of terrorists were killed"),
    ]
    assert [(p, k) for p, k, _ in got] == [(p, k) for p, k, _ in expected_heads]
    for (_, kind, text), (_, _, head) in zip(got, expected_heads):
        assert text == head if kind != "body" else text.startswith(head)
    bodies = [text for _, kind, text in got if kind == "body"]
    assert len(bodies) == 15
    assert bodies[0].endswith("claimed local media reports.")
    assert bodies[3].endswith("recalling its envoy from Tehran.")
    assert bodies[4].endswith("has a ‘right to respond.'")
    assert bodies[7].endswith('territorial integrity of Pakistan and Iraq."')
    assert bodies[-2].endswith("in Siestan-o-Baluchistan province of Iran.")
    assert bodies[-1].endswith("codenamed ‘Marg Bar Sarmachar,'” it reads.")


def test_crawler_fixture_with_headline_furniture_and_agency_dateline():
    text = (FIXTURES / "karachi-blast.txt").read_text(encoding="utf-8")
    got = [(s.paragraph, s.kind, s.text) for s in _check_offsets(Article(id="k", text=text))]
    assert got == [
        (0, "header", "date 2024-01-18"),
        (0, "furniture", "Advertisement"),
        (1, "headline", "Blast near Karachi police station kills three"),
        (2, "dateline", "KARACHI, Jan. 18 (Reuters)"),
        (2, "body", "A bomb exploded near a police station in Karachi on Wednesday, killing three people "
         "and wounding 12 others, police said."),
        (2, "body", "Senior Superintendent of Police Asad Raza told reporters that the device was planted "
         "on a motorcycle."),
        (2, "body", "No group has claimed responsibility."),
        (3, "furniture", "Also Read: Pakistan recalls envoy from Tehran"),
        (4, "subheading", "Security Tightened Across Sindh"),
        (5, "body", "The provincial government ordered extra checkpoints in the city."),
        (5, "body", '"We will find those responsible," Mr. Raza said.'),
        (5, "body", "The U.S. consulate in Karachi condemned the attack."),
        (6, "furniture", "(With inputs from agencies)"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Khan met Gen. Asim Munir on Monday. They spoke for an hour.",
         ["Mr. Khan met Gen. Asim Munir on Monday.", "They spoke for an hour."]),
        ("The U.S. State Department said it was monitoring. Officials in the U.S. declined to comment.",
         ["The U.S. State Department said it was monitoring.", "Officials in the U.S. declined to comment."]),
        ("He was born in the U.S. In 1990 he moved to Lahore.",
         ["He was born in the U.S.", "In 1990 he moved to Lahore."]),
        ("Talks end Jan. 21 at 5 p.m. local time. Both sides agreed.",
         ["Talks end Jan. 21 at 5 p.m. local time.", "Both sides agreed."]),
        ("Nuclear scientist A. Q. Khan was detained. Inflation rose 3.5 percent.",
         ["Nuclear scientist A. Q. Khan was detained.", "Inflation rose 3.5 percent."]),
        ('"We are scared," said one resident. “Why?” he asked. “They are shelling us.” Troops moved in.',
         ['"We are scared," said one resident.', "“Why?” he asked.", "“They are shelling us.”",
          "Troops moved in."]),
        ("At least 3.5 million people fled… Some returned home. Was it safe? Nobody knew!",
         ["At least 3.5 million people fled…", "Some returned home.", "Was it safe?", "Nobody knew!"]),
        ("The reactor at No. 4 unit was shut. Engineers arrived.",
         ["The reactor at No. 4 unit was shut.", "Engineers arrived."]),
    ],
)
def test_split_sentences(text, expected):
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("ISLAMABAD (Reuters) - Pakistan's army said it killed six militants.", "ISLAMABAD (Reuters)"),
        ("KARACHI, Jan 18 — Gunmen attacked a bus carrying workers, police said.", "KARACHI, Jan 18"),
        ("Islamabad [Pakistan], January 18 (ANI): Pakistan summoned the Iranian envoy.",
         "Islamabad [Pakistan], January 18 (ANI)"),
        ("GAZA CITY, Gaza Strip (AP) — Israeli strikes killed 12 people, officials said.",
         "GAZA CITY, Gaza Strip (AP)"),
        ("BEIJING -- At least 141 people are missing after heavy rain triggered a landslide.", "BEIJING"),
        ("Peshawar: A roadside bomb killed two policemen in the outskirts of the city on Sunday.", "Peshawar"),
        # a camp, its town and its province
        ("CAMP PERALTA, Jamindan, Capiz — Troops of the 62nd Infantry Battalion encountered armed men.",
         "CAMP PERALTA, Jamindan, Capiz"),
        # two bureaux
        ("ROME/BAMAKO, May 6 (Reuters) - JNIM has released an Italian missionary.", "ROME/BAMAKO, May 6 (Reuters)"),
    ],
)
def test_datelines(text, dateline):
    segments = segment(Article(id="d", text=text))
    assert [(s.kind, s.text) for s in segments][0] == ("dateline", dateline)
    assert segments[1].kind == "body" and segments[1].start > segments[0].end


@pytest.mark.parametrize(
    "text",
    [
        "Police: Bomb blast at mall in northwestern Pakistan kills 1 person, wounds 12",
        "Drone Wars: Pakistan",
        "Pakistan TV: Three killed by Indian firing along Kashmir Line of Control.",
        "By Staff Reporter - Karachi police arrested five suspects on Monday after a raid.",
        "Pakistan: 5 killed.",
        "Iran's Foreign Minister Hossein Amir-Abdollahian said no Pakistani citizens were targeted.",
    ],
)
def test_not_datelines(text):
    assert "dateline" not in [s.kind for s in segment(Article(id="n", text=text))]


def test_dateline_place():
    assert dateline_place("KARACHI, Jan. 18 (Reuters)") == "KARACHI"
    assert dateline_place("New Delhi") == "New Delhi"
    assert dateline_place("GAZA CITY, Gaza Strip (AP)") == "GAZA CITY"


def test_dateline_on_its_own_line():
    text = "Washington (CNN)\nRex Tillerson is the leading candidate for Secretary of State, sources said."
    assert [s.kind for s in segment(Article(id="c", text=text))] == ["dateline", "body"]


def test_hard_wrapped_block_is_joined_into_sentences():
    text = (
        "The ministry said the attack, which took place near the border at dawn,\n"
        "killed seven soldiers and wounded nine others. Officials blamed the\n"
        "Taliban for the strike, which came a day after talks in Doha broke\n"
        "down.\n"
    )
    got = [s.text for s in _check_offsets(Article(id="w", text=text))]
    assert got == [
        "The ministry said the attack, which took place near the border at dawn,\n"
        "killed seven soldiers and wounded nine others.",
        "Officials blamed the\nTaliban for the strike, which came a day after talks in Doha broke\ndown.",
    ]


def test_single_newline_paragraphs_from_html_extraction():
    text = (
        "Clashes erupt in Kashmir\n"
        "Indian and Pakistani troops exchanged fire on Tuesday.\n"
        "Fresh Fighting In Poonch\n"
        "Two soldiers were killed, officials said."
    )
    got = [(s.paragraph, s.kind) for s in segment(Article(id="h", text=text))]
    assert got == [(0, "headline"), (1, "body"), (2, "subheading"), (3, "body")]


def test_title_field_is_not_given_offsets():
    article = Article(id="j", text="Turkey recalled its ambassador to Vienna.", title="Turkey recalls envoy")
    segments = _check_offsets(article)
    assert [(s.kind, s.text) for s in segments] == [("body", "Turkey recalled its ambassador to Vienna.")]


def test_sentence_kinds_cover_prose():
    assert SENTENCE_KINDS == {"headline", "subheading", "body"}


def test_empty_and_blank_text():
    assert segment(Article(id="e", text="")) == []
    assert segment(Article(id="e", text=" \n\n\t \n")) == []


_ALPHABET = st.sampled_from(
    list("abc XYZ.!?…:;,-—–()[]\"'“”‘’\n\n\t\r 0123456789") + ["Mr.", "U.S.", "Jan.", "date 2024-02-07 ",
     "Advertisement", "ISLAMABAD (Reuters) - ", "New Delhi: ", "\u2028", "\xa0", "\ufeff"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_offsets_round_trip_on_random_text(text):
    _check_offsets(Article(id="r", text=text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_on_any_unicode(text):
    _check_offsets(Article(id="u", text=text))


def test_headlines_glued_with_a_bare_semicolon_are_split():
    from eventwire.segment import split_sentences

    text = "Security forces kill seven militants in Kech;Five soldiers killed in Quetta blast. Prices rose; shops shut."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Security forces kill seven militants in Kech",
        "Five soldiers killed in Quetta blast.",
        "Prices rose; shops shut.",
    ]


def test_wire_slug_is_furniture_not_headline():
    art = Article(id="s", text="UPDATE 2-Pakistan says 35 Indian troops killed, wounded.")
    kinds = [(s.kind, s.text) for s in segment(art)]
    assert kinds[0] == ("furniture", "UPDATE 2-")
    assert kinds[1][1] == "Pakistan says 35 Indian troops killed, wounded."
    assert segment(Article(id="s", text="Update on the talks: Pakistan and India agree to meet."))[0].kind != "furniture"


def test_menus_cookie_notices_promos_and_link_lists_are_furniture():
    """A crawled page: the site's menu, its cookie notice, a plea for support and a list of
    links to other stories are no prose (their headlines are other stories' events), and the
    dateline after them still opens the story."""
    text = ("AP News\nHome | U.S. | World | Politics | Sports | Entertainment\n"
            "We use cookies to personalise content and ads. Accept all | Manage settings\n\n"
            "Drone strike on Sudan market kills dozens\n\n"
            "CAIRO (AP) — A drone strike hit a crowded market in El Obeid on Sunday, killing 34 people.\n\n"
            "Support independent journalism in Sudan. Join our community.\n\n"
            "Read more:\n- Army retakes Bara from RSF\n- UN warns of famine in Darfur\n")
    segs = segment(Article(id="t", text=text))
    kinds = {s.text.split("\n")[0][:20]: s.kind for s in segs}
    assert kinds["Home | U.S. | World "] == "furniture"
    assert kinds["We use cookies to pe"] == "furniture"
    assert kinds["Support independent "] == "furniture"
    assert kinds["Read more:"] == "furniture"
    assert [s.text for s in segs if s.kind == "dateline"] == ["CAIRO (AP)"]
    assert [s.text[:14] for s in segs if s.kind == "body"] == ["A drone strike"]


@pytest.mark.parametrize("title, headline, site", [
    ("Israeli strike on car in south Lebanon kills one - L'Orient Today", "Israeli strike on car in south Lebanon kills one", "L'Orient Today"),
    ("Drone strike hits El Obeid market; RSF denies role - Sudan Tribune", "Drone strike hits El Obeid market; RSF denies role", "Sudan Tribune"),
    ("Gaza ceasefire holds | Reuters", "Gaza ceasefire holds", "Reuters"),
    # who says so, and a clause after an em dash, stay in the headline
    ("Indian shelling kills 15 Kashmiris - Pakistan", "Indian shelling kills 15 Kashmiris - Pakistan", None),
    ("Five killed in Quetta blast - police", "Five killed in Quetta blast - police", None),
    ("GOP Senators Refuse To Rule Out Supporting Trump Again \u2014 Even If He's Indicted",
     "GOP Senators Refuse To Rule Out Supporting Trump Again \u2014 Even If He's Indicted", None),
])
def test_a_page_titles_site_name_is_furniture(title, headline, site):
    text = title + "\nThe story's first sentence follows here."
    segs = segment(Article(id="t", text=text))
    assert segs[0].kind == "headline" and segs[0].text == headline
    found = [s.text for s in segs if s.kind == "furniture"]
    assert found == ([site] if site else [])
    for s in segs:
        assert text[s.start:s.end] == s.text
