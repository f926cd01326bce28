"""The dev-set figures guarded against regression, on a deterministic subsample small
enough for the test suite (tests/evaluate/test_eval_regression.py) and recorded as floors
by bench/eval_floors.py."""

from __future__ import annotations

from pathlib import Path

# Records per set (None = all): an even, deterministic spread that keeps the test < ~60 s.
SAMPLE = {"plover": None, "petrarch": None, "case": 300, "ucdp": 400, "bbc": None, "huffpost": 1000}
MARGIN = 0.03  # absolute: sampling noise on a few hundred records plus harmless churn

# (set, path into the result dict) of each guarded figure
GUARDED = {
    "plover.event_type.accuracy": ("plover", ["event_type", "accuracy"]),
    "plover.event_type.macro_f1": ("plover", ["event_type", "macro_f1"]),
    "plover.source_country.accuracy": ("plover", ["source_country", "accuracy"]),
    "plover.target_country.accuracy": ("plover", ["target_country", "accuracy"]),
    "plover.sector.accuracy": ("plover", ["sector", "accuracy"]),
    "petrarch.cameo_root.accuracy": ("petrarch", ["cameo_root", "accuracy"]),
    "petrarch.noevents.accuracy": ("petrarch", ["noevents", "accuracy"]),
    "petrarch.source_country.accuracy": ("petrarch", ["source_country", "accuracy"]),
    "case.acled_sub_event_type.accuracy": ("case", ["acled_sub_event_type", "accuracy"]),
    "case.acled_sub_event_type.macro_f1": ("case", ["acled_sub_event_type", "macro_f1"]),
    "case.null_gold_no_acled.accuracy": ("case", ["null_gold_no_acled", "accuracy"]),
    "ucdp.type_of_violence.accuracy": ("ucdp", ["type_of_violence", "accuracy"]),
    "ucdp.side_a_country.accuracy": ("ucdp", ["side_a_country", "accuracy"]),
    "ucdp.side_b_country.accuracy": ("ucdp", ["side_b_country", "accuracy"]),
    "ucdp.fatalities_best.accuracy": ("ucdp", ["fatalities_best", "accuracy"]),
    # ordinary news: the share of records left WITHOUT any / any violent event (higher is better)
    "bbc.any_event.accuracy": ("bbc", ["any_event", "accuracy"]),
    "bbc.violent_event.accuracy": ("bbc", ["violent_event", "accuracy"]),
    "huffpost.any_event.accuracy": ("huffpost", ["any_event", "accuracy"]),
    "huffpost.violent_event.accuracy": ("huffpost", ["violent_event", "accuracy"]),
    # where events happened (issue #15): placed at all, right country, right admin1
    "case.location.events_located": ("case", ["location", "events_located", "accuracy"]),
    "ucdp.location.events_located": ("ucdp", ["location", "events_located", "accuracy"]),
    "ucdp.location.country": ("ucdp", ["location", "country", "accuracy"]),
    "ucdp.location.admin1": ("ucdp", ["location", "admin1", "accuracy"]),
}

# Figures shown per tune/report part but not (yet) guarded by a floor.
REPORTED = {
    "ucdp.location.country_if_event": ("ucdp", ["location", "country_if_event", "accuracy"]),
    "ucdp.location.within_25km": ("ucdp", ["location", "within_25km", "accuracy"]),
}


def measure(extract, eval_dir: str | Path, part: str | None = None) -> dict[str, float | None]:
    from eventwire.evaluate import run_set

    results = {name: run_set(name, eval_dir, extract, sample, part) for name, sample in SAMPLE.items()}
    figures = {}
    for key, (name, path) in GUARDED.items():
        value = results[name]
        for step in path:  # a location figure is absent when no record has its gold
            value = value.get(step) if isinstance(value, dict) else None
        figures[key] = value
    return figures
