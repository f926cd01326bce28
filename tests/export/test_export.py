import csv
import io
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from eventwire.export import COLUMN_NAMES, FORMATS, write
from eventwire.export import acled, ucdp
from eventwire.export.flat import country_name, iso3
from eventwire.model import Count, Event, Location


@pytest.fixture
def events(example):
    return example[1].events


@pytest.fixture
def sources(example):
    article = example[0]
    ref = {"article_id": article.id, "source": article.source, "url": article.url,
           "title": article.title, "date": article.date}
    return {e.id: ref for e in example[1].events}


def by_id(rows, key="id"):
    return {r[key]: r for r in rows}


def test_jsonl_reads_back_as_events(events, tmp_path):
    path = tmp_path / "events.jsonl"
    assert write(events, path, "jsonl") == 3
    back = [Event.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert back == events


def test_csv_has_the_flat_columns(events, sources):
    out = io.StringIO()
    write(iter(events), out, "csv", sources=sources)  # a generator is fine
    rows = by_id(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows["e1"]) == list(COLUMN_NAMES)
    strike = rows["e1"]
    assert strike["actor1_name"] == "Military Forces of Iran" and strike["actor2_sector"] == "CVL"
    assert strike["location_country"] == "PAK" and strike["location_lat"] == "28.5"
    assert strike["fatalities_best"] == "2" and strike["fatalities_low"] == ""
    assert strike["article_source"] == "NDTV" and strike["article_date"] == "2024-02-07"
    assert strike["evidence_text"].startswith("The attack follows Pakistan's warning")
    assert rows["e2"]["fatalities_best"] == ""  # "A number of terrorists": unknown, not 0


def test_acled_columns_and_conventions(events, sources):
    out = io.StringIO()
    write(events, out, "acled", sources=sources)
    rows = by_id(csv.DictReader(io.StringIO(out.getvalue())), "event_id_cnty")
    iran_strike, pak_strike, expel = rows["PAK-e1"], rows["IRN-e2"], rows["PAK-e3"]
    assert iran_strike["event_type"] == "Explosions/Remote violence"
    assert iran_strike["sub_event_type"] == "Air/drone strike"
    assert iran_strike["time_precision"] == "2" and pak_strike["time_precision"] == "1"
    assert iran_strike["interaction"] == "78" and iran_strike["civilian_targeting"] == "Civilian targeting"
    # Pakistan's military striking in Iran: external forces (8) there, as ACLED codes them
    assert (pak_strike["inter1"], pak_strike["inter2"], pak_strike["interaction"]) == ("8", "2", "28")
    assert iran_strike["disorder_type"] == "Political violence"
    assert expel["disorder_type"] in ("", "Strategic developments")
    assert all(iran_strike[c] == "" for c in ("region", "admin2", "admin3", "timestamp", "source_scale"))
    assert iran_strike["country"] == "Pakistan" and pak_strike["country"] == "Iran"
    assert iran_strike["iso"] == "586" and iran_strike["geo_precision"] == "3"
    assert iran_strike["fatalities"] == "2" and pak_strike["fatalities"] == "0"
    assert "fatalities unknown" in pak_strike["tags"] and "status: confirmed" in pak_strike["tags"]
    assert iran_strike["source"] == "NDTV"
    assert expel["location"] == "" and expel["time_precision"] == "2"
    assert list(iran_strike) == list(acled.COLUMNS)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (Count(), 0),
        (Count(best=0), 0),
        (Count(best=12), 12),
        (Count(best=12, low=8, high=15), 8),
        (Count(low=3), 3),
        (Count(high=40), 0),
    ],
)
def test_acled_fatalities_take_the_most_conservative_figure(count, expected):
    assert acled.fatalities(count) == expected


def test_acled_interaction_codes():
    assert acled.interaction(1, 2) == 12
    assert acled.interaction(7, 3) == 37
    assert acled.interaction(6, None) == 60
    assert acled.interaction(None, None) is None


def test_ucdp_rows(events, sources):
    out = io.StringIO()
    write(events, out, "ucdp", sources=sources)
    rows = by_id(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows["e1"]) == list(ucdp.COLUMNS)
    strike = rows["e1"]
    assert strike["type_of_violence"] == "1" and strike["side_a"] == "Military Forces of Iran"
    # 2024-01-16 to the week: Monday 15th to Sunday 21st
    assert (strike["date_start"], strike["date_end"], strike["date_prec"]) == ("2024-01-15", "2024-01-21", "3")
    assert (strike["best"], strike["low"], strike["high"]) == ("2", "2", "2")
    assert strike["where_prec"] == "4" and strike["adm_1"] == "Balochistan"
    assert strike["source_article"] == "NDTV,2024-02-07,Pakistan strikes back at Iran"
    assert (rows["e2"]["best"], rows["e2"]["low"], rows["e2"]["date_prec"]) == ("", "", "1")


def test_ucdp_date_ranges():
    assert ucdp.date_range(date(2024, 2, 10), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert ucdp.date_range(date(2024, 2, 10), "year") == (date(2024, 1, 1), date(2024, 12, 31))
    assert ucdp.date_range(None, "day") == (None, None)


def test_plover_records(events, sources):
    out = io.StringIO()
    write(events, out, "plover", sources=sources)
    records = by_id(json.loads(line) for line in out.getvalue().splitlines())
    strike = records["e2"]
    assert strike["event"] == "ASSAULT" and strike["mode"] == "aerial"
    assert strike["source"] == [{"actorText": "Pakistan undertook", "actor": "Military Forces of Pakistan",
                                 "code": "PAK", "sector": "MIL"}]
    assert strike["target"][0]["sector"] == "REB"
    assert strike["eventDate"] == "2024-01-18" and strike["eventText"] == "precision military strikes"
    assert strike["eventLoc"]["placeName"] == "Sistan and Baluchestan"
    assert strike["fatalities"]["best"] is None and strike["article"] == "pakistan-iran-strikes"
    assert records["e3"]["eventLoc"] is None and records["e3"]["mode"] == "expel"


def test_parquet_round_trip(events, sources, tmp_path):
    path = tmp_path / "events.parquet"
    assert write(events, path, "parquet", sources=sources) == 3
    table = pq.read_table(path)
    assert table.column_names == list(COLUMN_NAMES)
    rows = by_id(table.to_pylist())
    assert rows["e1"]["date"] == date(2024, 1, 16) and rows["e1"]["fatalities_best"] == 2
    assert rows["e2"]["fatalities_best"] is None and rows["e3"]["location_lat"] is None
    assert str(table.schema.field("location_lat").type) == "double"
    empty = tmp_path / "empty.parquet"
    assert write([], empty, "parquet") == 0
    assert pq.read_table(empty).num_rows == 0


def test_geojson_is_a_valid_feature_collection(events, sources, tmp_path):
    path = tmp_path / "events.geojson"
    assert write(events, path, "geojson", sources=sources) == 2  # the expulsion has no place
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    features = by_id(doc["features"])
    assert set(features) == {"e1", "e2"}
    for feature in features.values():
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) == set(COLUMN_NAMES)
    assert features["e1"]["geometry"]["coordinates"] == [65.0, 28.5]  # [lon, lat]
    assert features["e1"]["properties"]["date"] == "2024-01-16"
    assert json.loads(_write_to_string([], "geojson")) == {"type": "FeatureCollection", "features": []}


def _write_to_string(events, fmt):
    out = io.StringIO()
    write(events, out, fmt)
    return out.getvalue()


def test_binary_streams_and_unknown_formats(events):
    buf = io.BytesIO()
    write(events, buf, "acled")
    assert buf.getvalue().decode("utf-8").startswith("event_id_cnty,")
    assert not buf.closed
    with pytest.raises(ValueError, match="unknown export format"):
        write(events, io.StringIO(), "xlsx")
    assert set(FORMATS) == {"jsonl", "csv", "acled", "ucdp", "plover", "parquet", "geojson"}


def test_country_names_and_codes():
    assert iso3("PK") == "PAK" and iso3("IRN") == "IRN" and iso3("Iran") == "IRN"
    assert country_name("IR") == "Iran" and country_name("RUS") == "Russia"
    assert country_name("COD") == "Democratic Republic of the Congo"
    # one country-name table (actors/countries.tsv): exports, actor names and merge agree
    from eventwire.actors.codes import CameoCodes
    from eventwire.resolve.merge import _country_name

    for code in ("PSE", "COD", "TUR", "RUS", "CIV", "BES"):
        assert country_name(code) == CameoCodes.load().country_name(code) == _country_name(code)
    assert country_name("BES") == "Bonaire, Saint Eustatius and Saba"
    assert iso3("Atlantis") is None and country_name("Atlantis") == "Atlantis"


def test_export_straight_from_the_store(example, tmp_path):
    from eventwire.store import Store

    article, result = example
    with Store(tmp_path / "db.duckdb") as store:
        store.add_result(article, result)
        out = io.StringIO()
        assert write(store.events(type="ASSAULT"), out, "acled", sources=store.event_sources()) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["source"] for r in rows} == {"NDTV"}
    assert {r["event_id_cnty"].split(":")[1] for r in rows} == {"e1", "e2"}


# The published codebooks' column lists, in their order (ACLED codebook; UCDP GED codebook).
ACLED_CODEBOOK = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp").split()
UCDP_GED_CODEBOOK = (
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name "
    "dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b "
    "number_of_sources source_article source_office source_date source_headline source_original where_prec "
    "where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country country_id "
    "region event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best "
    "high low gwnoa gwnob").split()


def test_export_columns_follow_the_codebooks():
    assert list(acled.COLUMNS) == ACLED_CODEBOOK
    assert list(ucdp.COLUMNS) == UCDP_GED_CODEBOOK


def test_acled_code_values(events, sources):
    rows = [acled.row(e, sources.get(e.id)) for e in events]
    for r in rows:
        assert r["inter1"] in {None, *range(1, 9)} and r["inter2"] in {None, *range(1, 9)}
        assert r["time_precision"] in {None, 1, 2, 3} and r["geo_precision"] in {None, 1, 2, 3}
        assert r["disorder_type"] in {None, "Political violence", "Demonstrations", "Strategic developments",
                                      "Political violence; Demonstrations"}
    assert acled.disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert acled.disorder_type("Riots", "Mob violence") == "Political violence"
    assert acled.disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert acled.disorder_type(None, None) is None


def test_ucdp_code_values(events, sources):
    rows = {r["id"]: r for r in (ucdp.row(e, sources.get(e.id)) for e in events)}
    strike = rows["e1"]  # Iran's strike in Balochistan: two children killed
    assert strike["year"] == 2024 and strike["dyad_name"] == "Military Forces of Iran - Civilians (Pakistan)"
    assert (strike["deaths_civilians"], strike["deaths_unknown"], strike["deaths_a"]) == (2, 0, None)
    assert strike["geom_wkt"] == "POINT (65.0 28.5)" and strike["priogrid_gid"] == ucdp.priogrid_gid(28.5, 65.0)
    assert strike["source_office"] == "NDTV" and strike["source_original"] == "Provincial officials in Pakistan"
    assert strike["number_of_sources"] == 1 and strike["where_coordinates"] == "Balochistan"
    for r in rows.values():
        assert r["date_prec"] in {None, 1, 2, 3, 4, 5} and r["where_prec"] in {None, *range(1, 8)}
        assert r["type_of_violence"] in {None, 1, 2, 3}
        if r["best"] is not None:
            assert r["deaths_civilians"] + r["deaths_unknown"] == r["best"]
    # PRIO-GRID: 0.5-degree cells numbered from (-90, -180), row by row, from 1
    assert ucdp.priogrid_gid(-90, -180) == 1 and ucdp.priogrid_gid(-89.9, -179.4) == 2
    assert ucdp.priogrid_gid(-89.4, -180) == 721 and ucdp.priogrid_gid(89.99, 179.99) == 259200
    assert ucdp.where_prec(Location(text="x", name="x", feature="PCLI", geo_precision=3)) == 6
