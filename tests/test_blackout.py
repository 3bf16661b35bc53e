"""Blackout-context family and the KeepItOn shutdown-list parser."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from features.blackout import blackouts_from_shutdown_list, build_blackout_features, shutdown_list_rejects
from features.schemas import BlackoutEvents, BlackoutFeatures, Claims
from tests.feature_packs import afghanistan_pack, blackout_frame, make_claims

# "Taliban forces cut telephone and internet connections into the Panjshir Valley over the weekend"
PANJSHIR_CUT = [{"region": "Panjshir", "start": "2021-08-28", "partial_restoration": "2021-09-03", "end": "2021-09-10"}]


@pytest.fixture(scope="module")
def pack():
    return afghanistan_pack()


def _features(pack, rows, events=PANJSHIR_CUT):
    return build_blackout_features(make_claims(rows), pack, blackout_frame(events)).set_index(BlackoutFeatures.claim_id)


def test_blackout_place_inside_region_via_parent_chain(pack):
    """Check that a Khawak Pass claim on 2021-09-01 is in the Panjshir blackout, 4 days in, not yet restored."""
    row = _features(pack, [{Claims.text: "40 Taliban fighters were killed", Claims.places: ["Khawak Pass"], Claims.event_date: "2021-09-01"}]).iloc[0]
    assert row[BlackoutFeatures.in_blackout] and not row[BlackoutFeatures.near_blackout]
    assert row[BlackoutFeatures.blackout_days] == 4.0
    assert not row[BlackoutFeatures.partial_restoration]


def test_blackout_partial_restoration_after_reconnection(pack):
    """Check that a claim dated after the partial reconnection is flagged partial_restoration."""
    row = _features(pack, [{Claims.text: "fighting in Shotul", Claims.places: ["Shotul"], Claims.event_date: "2021-09-04"}]).iloc[0]
    assert row[BlackoutFeatures.in_blackout] and row[BlackoutFeatures.partial_restoration]


def test_blackout_neighbouring_province_is_near(pack):
    """Check that a Kapisa claim during the Panjshir blackout is near, not in."""
    row = _features(pack, [{Claims.text: "districts captured", Claims.places: ["Bazaar Shirkat"], Claims.event_date: "2021-09-01"}]).iloc[0]
    assert not row[BlackoutFeatures.in_blackout] and row[BlackoutFeatures.near_blackout]


def test_blackout_two_days_after_end_is_near_three_is_not(pack):
    """Check the ±2 day margin around the window: 2 days after the end is near, 3 days is neither."""
    rows = [
        {Claims.text: "claim", Claims.places: ["Panjshir"], Claims.event_date: "2021-09-12"},
        {Claims.text: "claim", Claims.places: ["Panjshir"], Claims.event_date: "2021-09-13"},
    ]
    features = _features(pack, rows)
    assert features[BlackoutFeatures.near_blackout].tolist() == [True, False]
    assert features[BlackoutFeatures.in_blackout].tolist() == [False, False]
    assert pd.isna(features[BlackoutFeatures.blackout_days].iloc[1])


def test_blackout_country_level_claim_not_in_regional_blackout(pack):
    """Check that a claim about all of Afghanistan is not in a Panjshir-only blackout."""
    row = _features(pack, [{Claims.text: "claim", Claims.places: ["Afghanistan"], Claims.event_date: "2021-09-01"}]).iloc[0]
    assert not row[BlackoutFeatures.in_blackout] and not row[BlackoutFeatures.near_blackout]


def test_blackout_falls_back_to_published_and_needs_a_date(pack):
    """Check that published stands in for a missing event_date, and a claim with neither is in no blackout."""
    rows = [
        {Claims.text: "claim", Claims.places: ["Panjshir"], Claims.published: "2021-09-02T08:00:00"},
        {Claims.text: "claim", Claims.places: ["Panjshir"], Claims.published: None},
    ]
    assert _features(pack, rows)[BlackoutFeatures.in_blackout].tolist() == [True, False]


def test_blackout_ongoing_event_has_no_end(pack):
    """Check that an event with a null end covers later dates."""
    events = [{"region": "Panjshir", "start": "2021-08-28"}]
    row = _features(pack, [{Claims.text: "claim", Claims.places: ["Rah Tang"], Claims.event_date: "2021-12-01"}], events).iloc[0]
    assert row[BlackoutFeatures.in_blackout] and row[BlackoutFeatures.blackout_days] == 95.0


KEEPITON = pd.DataFrame(
    {
        "start_date": ["2021-08-28", "9/1/2021", "not a date", "2021-09-05", "2021-09-01"],
        "end_date": ["2021-09-10", "", "", "2021-09-01", ""],
        "area_name": ["Panjshir Valley, Kapisa", "Atlantis", "Kabul", "Kabul", ""],
        "country": ["Afghanistan"] * 5,
        "shutdown_type": ["full network"] * 5,
        "geo_scope": ["regional", "regional", "regional", "regional", "national"],
    }
)


def test_shutdown_list_parses_keepiton_rows(pack):
    """Check that usable KeepItOn rows become one event per gazetteer area (alias 'Panjshir Valley'; national rows on the country)."""
    events = blackouts_from_shutdown_list(KEEPITON, pack, source="keepiton-2021.csv")
    assert events[BlackoutEvents.region].tolist() == ["Panjshir", "Kapisa", "Afghanistan"]
    assert events[BlackoutEvents.end].isna().tolist() == [False, False, True]
    assert set(events[BlackoutEvents.source]) == {"keepiton-2021.csv"}


def test_shutdown_list_rejects_name_every_unusable_row(pack):
    """Check that unknown areas, bad dates and end-before-start rows are listed with reasons, none lost."""
    rejects = shutdown_list_rejects(KEEPITON, pack)
    assert rejects["row"].tolist() == [1, 2, 3]
    assert "gazetteer" in rejects["reason"].iloc[0]
    assert "start_date" in rejects["reason"].iloc[1]
    assert "before" in rejects["reason"].iloc[2]


def test_shutdown_list_missing_column_raises(pack):
    """Check that a list without area_name is refused with the missing column named."""
    with pytest.raises(ValueError, match="area_name"):
        blackouts_from_shutdown_list(KEEPITON.drop(columns=["area_name"]), pack)


PROPERTY_PACK = afghanistan_pack()


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)), st.integers(-3, 30), st.sampled_from(["Panjshir", "Kabul", "Kapisa province", "Nowhere"])),
        min_size=1,
        max_size=12,
    )
)
def test_shutdown_list_every_row_is_an_event_or_a_reject(rows):
    """Check that each row yields an event or a reject, and every event ends on or after it starts."""
    pack = PROPERTY_PACK
    frame = pd.DataFrame(
        {
            "start_date": [start.isoformat() for start, _, _ in rows],
            "end_date": [(start + dt.timedelta(days=length)).strftime("%m/%d/%Y") for start, length, _ in rows],
            "area_name": [area for _, _, area in rows],
            "country": ["Afghanistan"] * len(rows),
        }
    )
    events = blackouts_from_shutdown_list(frame, pack)
    rejects = shutdown_list_rejects(frame, pack)
    distinct_usable = frame.drop(index=rejects["row"].tolist()).assign(area=lambda f: f["area_name"].str.split().str[0])[["area", "start_date"]].drop_duplicates()
    assert len(events) == len(distinct_usable)
    assert (events[BlackoutEvents.end] >= events[BlackoutEvents.start]).all()
    assert len(rejects) == sum(1 for _, length, area in rows if length < 0 or area == "Nowhere")


def test_shutdown_flow_stores_events_once(tmp_path, pack):
    """Check that loading a KeepItOn CSV stores its events, reports rejects, and a second load adds nothing."""
    from flows.config import load_settings
    from flows.shutdowns import load_shutdown_list, stored_blackouts

    path = tmp_path / "keepiton.csv"
    KEEPITON.to_csv(path, index=False)
    settings = load_settings(home=tmp_path / "home")
    first = load_shutdown_list(settings, path, pack, quiet=True)
    second = load_shutdown_list(settings, path, pack, quiet=True)
    assert (first.new, second.new) == (3, 0)
    assert first.reject_lines()[0].startswith(f"{path}:3: area_name")
    assert first.summary() == "keepiton.csv: 5 rows, 3 events (3 new), 3 rejected"
    assert sorted(stored_blackouts(settings)[BlackoutEvents.region]) == ["Afghanistan", "Kapisa", "Panjshir"]


def test_shutdown_flow_missing_file_names_path(tmp_path, pack):
    """Check that a missing shutdown list fails with its path in the message."""
    from flows.shutdowns import read_shutdown_list

    with pytest.raises(FileNotFoundError, match="nope.csv does not exist"):
        read_shutdown_list(tmp_path / "nope.csv", pack)


def test_cli_shutdowns_stores_events_once_and_names_bad_rows(tmp_path, home):
    """Check that `claimcred shutdowns` stores a list's events once, re-loading adds none, and a bad row is named."""
    from typer.testing import CliRunner

    from flows.cli import app

    listing = tmp_path / "keepiton.csv"
    pd.DataFrame(
        {"start_date": ["2021-08-28", "not a date"], "end_date": ["2021-09-04", ""], "area_name": ["Panjshir", "Panjshir"], "country": ["Afghanistan"] * 2}
    ).to_csv(listing, index=False)
    first = CliRunner().invoke(app, ["shutdowns", str(listing), "--theatre", "afghanistan-2021"])
    again = CliRunner().invoke(app, ["shutdowns", str(listing), "--theatre", "afghanistan-2021"])
    assert first.exit_code == 1 and "1 new" in first.output and f"{listing}:3:" in first.output
    assert "0 new" in again.output
