from __future__ import annotations

from datetime import date

from eventwire.attributes.dates import read_date

PUB = date(2024, 2, 7)  # a Wednesday


def test_weekday_before_a_crawl_date_is_week_precise():
    r = read_date("Pakistan on Thursday launched retaliatory attack", PUB, anchor_is_crawl=True)
    assert r.date == date(2024, 2, 1) and r.precision == "week"
    assert "Pakistan on Thursday launched"[r.start:r.end] == "Thursday"


def test_weekday_before_a_publication_date_is_day_precise():
    assert read_date("Gunmen attacked on Monday", PUB).precision == "day"
    assert read_date("Gunmen attacked on Monday", PUB).date == date(2024, 2, 5)


def test_explicit_dates():
    assert read_date("on January 18, 2024 in Quetta", PUB).date == date(2024, 1, 18)
    r = read_date("in March 2023 the army moved", PUB)
    assert (r.date, r.precision) == (date(2023, 3, 1), "month")


def test_relative_spans():
    assert read_date("clashes last week", PUB).precision == "week"
    assert read_date("earlier this month", PUB).precision == "month"
    assert read_date("This morning Pakistan undertook strikes", PUB).date == PUB


def test_earlier_is_not_the_publication_day():
    r = read_date("Earlier, Pakistan strongly condemned Iran's airstrikes", PUB)
    assert r.precision == "month"


def test_no_anchor_no_date():
    assert read_date("on Thursday", None).date is None


# The written-out forms are read without dateparser (15 ms a call); on every form the
# pattern accepts, the reading must be the one dateparser gives.
from datetime import timedelta  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from eventwire.attributes.dates import _EXPLICIT, _dateparser, _parse_explicit  # noqa: E402

_MONTH_WORDS = ["January", "Feb", "feb.", "March", "Apr", "May", "June", "Jul", "August", "Sept",
                "Sep", "October", "Nov", "December"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_MONTH_WORDS), st.integers(1, 31), st.integers(1990, 2030),
       st.integers(0, 12000), st.sampled_from(["", "th", "st"]), st.integers(0, 5))
def test_written_dates_read_as_dateparser_reads_them(month, day, year, offset, suffix, form):
    anchor = date(1995, 1, 1) + timedelta(days=offset)
    text = [f"{day}{suffix} {month} {year}", f"{month} {day}{suffix}, {year}", f"{month} {year}",
            f"{day} {month}", f"{month} {day}", f"{year}-{(day % 12) + 1:02d}-{day:02d}"][form]
    m = _EXPLICIT.search(text)
    if m is None:
        return
    assert _parse_explicit.__wrapped__(m.group(0), anchor) == _dateparser(m.group(0), anchor)


def test_yearless_leap_day_is_the_last_one_before_the_anchor():
    assert read_date("on 29 February", date(2023, 5, 1)).date == date(2020, 2, 29)


def test_words_that_begin_like_a_month_are_no_date():
    assert read_date("the government has released 30 separatist rebels", PUB).start is None
    assert read_date("9/11 Attacks Still Reverberate As U.S. Marks 21st Anniversary", PUB).start is None


def test_a_year_named_relatively_is_that_calendar_year():
    """"last year" is the year before publication, known to the year (it was dated the
    publication day, to the month); "last year's election" dates the election only."""
    r = read_date("Azerbaijan retook the region last year in a one-day offensive", PUB)
    assert (r.date, r.precision) == (date(2023, 1, 1), "year")
    assert read_date("Earlier this year, militants attacked a police station", PUB).precision == "year"
    r = read_date("Protesters demanded a recount of last year's election", PUB)
    assert r.precision != "year" and r.date == PUB


def test_a_past_year_told_alone_dates_the_act_to_that_year():
    r = read_date("Babur's army defeated Ibrahim Lodi's forces in 1526.", date(2026, 3, 20))
    assert (r.date, r.precision) == (date(1526, 1, 1), "year")
    # the year of the report, a season and a count are no such date
    assert read_date("Clashes broke out in 2026 in the capital.", date(2026, 3, 20)).date != date(2026, 1, 1)
    assert read_date("The league's matches in 2019-20 were played behind closed doors.", date(2026, 3, 20)).precision != "year"


def test_years_ago_dates_the_act_that_far_back():
    from eventwire.attributes.dates import read_date

    assert read_date("killed in a single violent clash about 3,000 years ago", date(2026, 3, 27)).date == date(1, 1, 1)
    found = read_date("the attack two decades ago", date(2026, 3, 27))
    assert (found.date, found.precision) == (date(2006, 1, 1), "year")
