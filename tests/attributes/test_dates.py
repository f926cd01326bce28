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
