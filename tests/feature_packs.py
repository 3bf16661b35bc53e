"""Tiny inline theatre packs and a Claims-frame builder for the feature-family tests.

Sentences are real: from the seed (Panjshir, 2021) and written in the style of FA-KES
(Syrian war) reporting. Claim fields are filled the way the extractor fills them.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from features.schemas import BlackoutEvents, Claims
from features.theatre import TheatrePack


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def utc(value: str | None) -> pd.Timestamp:
    """A UTC timestamp (or NaT) at microsecond precision."""
    return pd.Timestamp(value, tz="UTC") if value else pd.NaT


def blackout_frame(rows: list[dict]) -> pd.DataFrame:
    """BlackoutEvents frame from dicts with region/start/partial_restoration/end as strings."""
    frame = pd.DataFrame(
        [
            {
                BlackoutEvents.event_id: row.get("event_id", hashlib.sha256(f"{row['region']}{row['start']}".encode()).hexdigest()[:16]),
                BlackoutEvents.region: row["region"],
                BlackoutEvents.start: utc(row["start"]),
                BlackoutEvents.partial_restoration: utc(row.get("partial_restoration")),
                BlackoutEvents.end: utc(row.get("end")),
                BlackoutEvents.source: row.get("source", "pack"),
                BlackoutEvents.evidence: row.get("evidence", "test row"),
            }
            for row in rows
        ],
        columns=list(BlackoutEvents.to_schema().columns),
    )
    for column in (BlackoutEvents.start, BlackoutEvents.partial_restoration, BlackoutEvents.end):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    for column in (BlackoutEvents.event_id, BlackoutEvents.region, BlackoutEvents.source, BlackoutEvents.evidence):
        frame[column] = frame[column].astype(str)
    return frame


def afghanistan_pack(blackouts: list[dict] | None = None, lexicon: list[dict] | None = None) -> TheatrePack:
    """A small Afghanistan 2021 pack: camps, a few sources, the Panjshir gazetteer."""
    camps = _frame(
        [
            {"camp": "resistance", "is_party": True, "opponents": ["taliban"], "description": "National Resistance Front and allies."},
            {"camp": "taliban", "is_party": True, "opponents": ["resistance"], "description": "The Taliban movement."},
            {"camp": "neutral", "is_party": False, "opponents": [], "description": "Wire services and foreign press."},
            {"camp": "unknown", "is_party": False, "opponents": [], "description": "Not in the registry."},
        ]
    )
    sources = _frame(
        [
            {"name": "National Resistance Front", "kind": "organisation", "aliases": ["NRF", "resistance", "Panjshir resistance"], "camp": "resistance", "reliability": "D", "parent": None, "anonymous": False},
            {"name": "Fahim Dashty", "kind": "person", "aliases": ["Dashty"], "camp": "resistance", "reliability": None, "parent": "National Resistance Front", "anonymous": False},
            {"name": "Ahmad Massoud", "kind": "person", "aliases": ["Massoud"], "camp": "resistance", "reliability": None, "parent": "National Resistance Front", "anonymous": False},
            {"name": "Taliban", "kind": "organisation", "aliases": ["Islamic Emirate"], "camp": "taliban", "reliability": "E", "parent": None, "anonymous": False},
            {"name": "Zabihullah Mujahid", "kind": "person", "aliases": ["Mujahid"], "camp": "taliban", "reliability": None, "parent": "Taliban", "anonymous": False},
            {"name": "some accounts", "kind": "group", "aliases": [], "camp": "unknown", "reliability": None, "parent": None, "anonymous": True},
            {"name": "reuters", "kind": "outlet", "aliases": ["Reuters"], "camp": "neutral", "reliability": "B", "parent": None, "anonymous": False},
            {"name": "tolonews", "kind": "outlet", "aliases": ["TOLOnews"], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "alemarah", "kind": "outlet", "aliases": ["Al Emarah"], "camp": "taliban", "reliability": "E", "parent": "Taliban", "anonymous": False},
            {"name": "nrf-twitter", "kind": "outlet", "aliases": [], "camp": "resistance", "reliability": "D", "parent": "National Resistance Front", "anonymous": False},
        ]
    )
    places = _frame(
        [
            {"name": "Afghanistan", "kind": "country", "aliases": [], "parent": None, "neighbours": []},
            {"name": "Panjshir", "kind": "province", "aliases": ["Panjsher", "Panjshir Valley", "Panjshir province"], "parent": "Afghanistan", "neighbours": ["Kapisa", "Parwan", "Badakhshan"]},
            {"name": "Kapisa", "kind": "province", "aliases": ["Kapisa province"], "parent": "Afghanistan", "neighbours": ["Panjshir", "Parwan"]},
            {"name": "Parwan", "kind": "province", "aliases": [], "parent": "Afghanistan", "neighbours": ["Panjshir", "Kapisa"]},
            {"name": "Badakhshan", "kind": "province", "aliases": [], "parent": "Afghanistan", "neighbours": ["Panjshir"]},
            {"name": "Kabul", "kind": "province", "aliases": [], "parent": "Afghanistan", "neighbours": ["Parwan", "Kapisa"]},
            {"name": "Khawak Pass", "kind": "pass", "aliases": ["Khawak"], "parent": "Panjshir", "neighbours": []},
            {"name": "Shotul", "kind": "district", "aliases": [], "parent": "Panjshir", "neighbours": ["Rah Tang"]},
            {"name": "Rah Tang", "kind": "district", "aliases": [], "parent": "Panjshir", "neighbours": ["Shotul"]},
            {"name": "Gulbahar", "kind": "town", "aliases": [], "parent": "Parwan", "neighbours": []},
            {"name": "Bazaar Shirkat", "kind": "district", "aliases": [], "parent": "Kapisa", "neighbours": []},
        ]
    )
    lexicon = _frame(
        lexicon
        or [
            {"category": "hedge", "phrase": "said to", "note": None},
            {"category": "hedge", "phrase": "reportedly", "note": None},
            {"category": "hedge", "phrase": "some accounts claim", "note": None},
            {"category": "approximator", "phrase": "at least", "note": None},
            {"category": "approximator", "phrase": "around", "note": None},
            {"category": "materiel", "phrase": "Humvees", "note": None},
            {"category": "materiel", "phrase": "Ford Ranger pickup trucks", "note": None},
            {"category": "unit", "phrase": "brigade", "note": None},
            {"category": "casualty", "phrase": "killed", "note": "killed"},
            {"category": "casualty", "phrase": "died", "note": "killed"},
            {"category": "casualty", "phrase": "injured", "note": "injured"},
            {"category": "denial", "phrase": "denied", "note": None},
            {"category": "denial", "phrase": "baseless", "note": None},
            {"category": "combatant", "phrase": "mujahideen", "note": "taliban"},
        ]
    )
    return TheatrePack.from_tables(
        "afghanistan-test", "0", "test pack", camps=camps, sources=sources, places=places, blackouts=blackout_frame(blackouts or []), lexicon=lexicon
    )


def syria_pack() -> TheatrePack:
    """A small Syria pack in the FA-KES style: government, opposition, neutral wires."""
    camps = _frame(
        [
            {"camp": "government", "is_party": True, "opponents": ["opposition", "isis"], "description": "Syrian government and allies."},
            {"camp": "opposition", "is_party": True, "opponents": ["government"], "description": "Armed opposition."},
            {"camp": "isis", "is_party": True, "opponents": ["government", "opposition"], "description": "Islamic State."},
            {"camp": "neutral", "is_party": False, "opponents": [], "description": "Wires and monitors."},
        ]
    )
    sources = _frame(
        [
            {"name": "sana", "kind": "outlet", "aliases": ["SANA"], "camp": "government", "reliability": "E", "parent": None, "anonymous": False},
            {"name": "etilaf", "kind": "outlet", "aliases": [], "camp": "opposition", "reliability": "D", "parent": None, "anonymous": False},
            {"name": "reuters", "kind": "outlet", "aliases": ["Reuters"], "camp": "neutral", "reliability": "B", "parent": None, "anonymous": False},
            {"name": "ahram", "kind": "outlet", "aliases": [], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "jordantimes", "kind": "outlet", "aliases": [], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "dailysabah", "kind": "outlet", "aliases": [], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "alaraby", "kind": "outlet", "aliases": [], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "arabiya", "kind": "outlet", "aliases": [], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "Syrian Arab Army", "kind": "organisation", "aliases": ["Syrian army", "army"], "camp": "government", "reliability": "E", "parent": None, "anonymous": False},
            {"name": "Syrian Observatory for Human Rights", "kind": "organisation", "aliases": ["Observatory", "SOHR"], "camp": "neutral", "reliability": "C", "parent": None, "anonymous": False},
            {"name": "Free Syrian Army", "kind": "organisation", "aliases": ["FSA"], "camp": "opposition", "reliability": "D", "parent": None, "anonymous": False},
            {"name": "activists", "kind": "group", "aliases": [], "camp": "opposition", "reliability": None, "parent": None, "anonymous": True},
        ]
    )
    places = _frame(
        [
            {"name": "Syria", "kind": "country", "aliases": [], "parent": None, "neighbours": []},
            {"name": "Aleppo", "kind": "governorate", "aliases": ["Aleppo province"], "parent": "Syria", "neighbours": ["Idlib"]},
            {"name": "Idlib", "kind": "governorate", "aliases": [], "parent": "Syria", "neighbours": ["Aleppo", "Hama"]},
            {"name": "Hama", "kind": "governorate", "aliases": [], "parent": "Syria", "neighbours": ["Idlib"]},
            {"name": "Aleppo city", "kind": "city", "aliases": [], "parent": "Aleppo", "neighbours": []},
            {"name": "Bustan al-Qasr", "kind": "district", "aliases": [], "parent": "Aleppo city", "neighbours": []},
            {"name": "Khan Sheikhoun", "kind": "town", "aliases": [], "parent": "Idlib", "neighbours": []},
        ]
    )
    lexicon = _frame(
        [
            {"category": "combatant", "phrase": "regime", "note": "government"},
            {"category": "combatant", "phrase": "government forces", "note": "government"},
            {"category": "combatant", "phrase": "rebels", "note": "opposition"},
            {"category": "combatant", "phrase": "terrorists", "note": "opposition"},
            {"category": "denial", "phrase": "denied", "note": None},
            {"category": "denial", "phrase": "fabricated", "note": None},
            {"category": "hedge", "phrase": "reportedly", "note": None},
            {"category": "approximator", "phrase": "at least", "note": None},
        ]
    )
    return TheatrePack.from_tables("syria-test", "0", "test pack", camps=camps, sources=sources, places=places, blackouts=blackout_frame([]), lexicon=lexicon)


CLAIM_DEFAULTS = {
    Claims.outlet: "unknown",
    Claims.published: "2021-09-01T12:00:00",
    Claims.theatre: "afghanistan-test",
    Claims.sentence_index: 0,
    Claims.span_start: 0,
    Claims.span_end: 1,
    Claims.speaker: "unknown",
    Claims.speaker_camp: "unknown",
    Claims.anonymous: False,
    Claims.attribution: "own_assertion",
    Claims.reporting_verb: None,
    Claims.event_date: None,
    Claims.claim_type: "other",
}


def quantity(value: float, counts: str, approximator: str | None = None, value_max: float | None = None, text: str | None = None) -> dict:
    """One quantity dict as the extractor writes it."""
    return {"value": float(value), "value_max": value_max, "counts": counts, "approximator": approximator, "text": text or f"{approximator + ' ' if approximator else ''}{value:g} {counts}"}


def make_claims(rows: list[dict]) -> pd.DataFrame:
    """A valid Claims frame: each row gives at least `text`; ids, lists and dates are filled in."""
    records = []
    for number, row in enumerate(rows):
        record = {**CLAIM_DEFAULTS, **row}
        record.setdefault(Claims.claim_id, f"c{number:05d}")
        record.setdefault(Claims.article_id, f"a{number:05d}")
        record.setdefault(Claims.sentence, record[Claims.text])
        record.setdefault(Claims.hedges, [])
        record.setdefault(Claims.quantities, [])
        record.setdefault(Claims.places, [])
        record[Claims.span_end] = max(record[Claims.span_end], len(record[Claims.text]))
        records.append(record)
    columns = list(Claims.to_schema().columns)
    frame = pd.DataFrame(records)[columns]
    for column in (Claims.published, Claims.event_date):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    frame[Claims.reporting_verb] = frame[Claims.reporting_verb].astype(object).where(frame[Claims.reporting_verb].notna(), None)
    return Claims.validate(frame)


def seed_claims() -> pd.DataFrame:
    """Claims of the seed article as the extractor records them (published Thursday 2021-09-02)."""
    published = "2021-09-02T08:00:00"
    nrf = {Claims.speaker: "National Resistance Front", Claims.speaker_camp: "resistance"}
    dashty = {Claims.speaker: "Fahim Dashty", Claims.speaker_camp: "resistance", Claims.reporting_verb: "claiming", Claims.attribution: "reported_speech"}
    rows = [
        {**nrf, Claims.text: "it has been able to hold off multiple attacks from Taliban forces", Claims.attribution: "reported_speech", Claims.reporting_verb: "claims", Claims.claim_type: "territory"},
        {Claims.text: "heavy fighting is reported between the Panjshir Valley-based resistance and Taliban fighters on the outskirts of Panjshir province and the neighbouring Kapisa and Parwan provinces",
         Claims.attribution: "passive", Claims.reporting_verb: "reported", Claims.places: ["Panjshir", "Kapisa", "Parwan"], Claims.claim_type: "other"},
        {Claims.text: "Taliban forces cut telephone and internet connections into the Panjshir Valley over the weekend", Claims.places: ["Panjshir"], Claims.claim_type: "communications"},
        {Claims.speaker: "pro-Taliban propagandists", Claims.speaker_camp: "taliban", Claims.anonymous: True, Claims.attribution: "reported_speech", Claims.reporting_verb: "claim",
         Claims.text: "skirmishes earlier this week were due to resistance forces attacking Taliban fighters that have taken positions around the entrances to the valley", Claims.claim_type: "other"},
        {**nrf, Claims.text: "they have beaten back Taliban advances", Claims.attribution: "reported_speech", Claims.reporting_verb: "says", Claims.claim_type: "territory"},
        {Claims.speaker: "some accounts", Claims.anonymous: True, Claims.attribution: "reported_speech", Claims.reporting_verb: "claim", Claims.hedges: ["some accounts claim"],
         Claims.text: "Bazaar Shirkat, Jamalagha, Deh Baba Ali and Kuhband districts of the neighbouring Kapisa province have been captured from the Taliban by the resistance",
         Claims.places: ["Bazaar Shirkat", "Kapisa"], Claims.claim_type: "territory"},
        {Claims.anonymous: True, Claims.attribution: "passive", Claims.reporting_verb: "said", Claims.hedges: ["said to"],
         Claims.text: "at least six resistance fighters said to have died in fighting for the district at the southern entrance to the valley",
         Claims.quantities: [quantity(6, "resistance fighters died", "at least", text="at least six")], Claims.places: ["Gulbahar"], Claims.claim_type: "casualties"},
        {**dashty, Claims.attribution: "direct_quote", Claims.reporting_verb: "stated", Claims.event_date: "2021-09-01",
         Claims.text: "Taliban forces attempting to move through the Khawak Pass “did not advance even a kilometer”", Claims.places: ["Khawak Pass"], Claims.claim_type: "territory"},
        {**dashty, Claims.event_date: "2021-09-01",
         Claims.text: "at least 40 Taliban fighters were killed and around 35 more injured in fighting for the Khawak Pass over the past 40 hours, with four Taliban Humvees and two Ford Ranger pickup trucks destroyed",
         Claims.quantities: [quantity(40, "Taliban fighters killed", "at least", text="at least 40"), quantity(35, "Taliban fighters injured", "around", text="around 35"),
                             quantity(4, "Taliban Humvees destroyed", text="four"), quantity(2, "Ford Ranger pickup trucks destroyed", text="two")],
         Claims.places: ["Khawak Pass"], Claims.claim_type: "casualties"},
        {**dashty, Claims.reporting_verb: "said", Claims.event_date: "2021-08-30",
         Claims.text: "there were captures of both Taliban fighters and their equipment", Claims.claim_type: "captures"},
    ]
    for number, row in enumerate(rows):
        row.setdefault(Claims.published, published)
        row[Claims.article_id] = "seed"
        row[Claims.claim_id] = f"seed{number:02d}"
        row[Claims.sentence_index] = number
    return make_claims(rows)
