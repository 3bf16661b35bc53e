"""The declared schema of every DataFrame that crosses a boundary in ``features/``.

One pandera ``DataFrameModel`` per boundary: articles (ingest → extract), claims
(extract → features), the four feature families (features → models), the
blackout events, and the theatre-pack tables. Name columns through the model
(``Claims.speaker``), never with bare strings.

List-valued columns (``hedges``, ``places``, ``quantities``) hold Python lists
in memory and JSON text in the store.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

ATTRIBUTIONS = ["direct_quote", "reported_speech", "according_to", "passive", "own_assertion"]
CLAIM_TYPES = [
    "casualties",
    "territory",
    "materiel",
    "captures",
    "communications",
    "stance",
    "negotiation",
    "other",
]
CAMP_UNKNOWN = "unknown"
RELIABILITY_LETTERS = ["A", "B", "C", "D", "E", "F"]


class Articles(pa.DataFrameModel):
    """One row per ingested article; `article_id` is derived from `content_hash`."""

    article_id: Series[str] = pa.Field(unique=True, description="First 16 hex digits of content_hash; stable id of the article.")
    content_hash: Series[str] = pa.Field(unique=True, str_length=64, description="SHA-256 of the normalised text (whitespace folded); the dedup key.")
    external_id: Series[str] = pa.Field(nullable=True, description="Id in the source dataset (e.g. FA-KES unit_id); null when the source has none.")
    outlet: Series[str] = pa.Field(description="Publishing outlet id (e.g. 'reuters', 'sana'); 'unknown' when not known.")
    url: Series[str] = pa.Field(nullable=True, description="Canonical URL of the article; null for local files without one.")
    title: Series[str] = pa.Field(description="Headline; empty string when the source has none.")
    published: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, nullable=True, description="Publication time in UTC; null when unknown."
    )
    text: Series[str] = pa.Field(description="Main text of the article, UTF-8.")
    language: Series[str] = pa.Field(description="ISO 639-1 language code ('en'); 'und' when unknown.")
    label: Series[float] = pa.Field(nullable=True, isin=[0.0, 1.0], description="Dataset label: 1 credible, 0 fake; null when unlabelled.")
    source: Series[str] = pa.Field(description="Where it was ingested from: file path, feed or page URL.")

    class Config:
        strict = True


class Claims(pa.DataFrameModel):
    """One row per extracted claim: a checkable assertion of fact with who asserts it."""

    claim_id: Series[str] = pa.Field(unique=True, description="Stable id: hash of article_id + span; same article and span give the same id.")
    article_id: Series[str] = pa.Field(description="Article the claim comes from (Articles.article_id).")
    outlet: Series[str] = pa.Field(description="Publishing outlet of the article (copied from Articles.outlet).")
    published: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, nullable=True, description="Publication time of the article in UTC; null when unknown."
    )
    theatre: Series[str] = pa.Field(description="Theatre pack name used for extraction (e.g. 'afghanistan-2021').")
    text: Series[str] = pa.Field(description="The asserted content (the clause, without the attribution frame).")
    sentence: Series[str] = pa.Field(description="The full sentence the claim was found in (evidence).")
    sentence_index: Series[int] = pa.Field(ge=0, description="0-based index of the sentence in the article text.")
    span_start: Series[int] = pa.Field(ge=0, description="Character offset where `text` starts in the article text.")
    span_end: Series[int] = pa.Field(ge=0, description="Character offset where `text` ends in the article text (exclusive).")
    speaker: Series[str] = pa.Field(description="Canonical actor or outlet asserting the claim; group/anonymous speakers kept as written ('some accounts').")
    speaker_camp: Series[str] = pa.Field(description="Camp of the speaker from the source registry; 'unknown' when not in the registry.")
    anonymous: Series[bool] = pa.Field(description="True when the speaker is anonymous or a vague group ('some accounts', 'residents').")
    attribution: Series[str] = pa.Field(isin=ATTRIBUTIONS, description="How the claim is attributed: " + ", ".join(ATTRIBUTIONS) + ".")
    reporting_verb: Series[str] = pa.Field(nullable=True, description="Reporting verb as written ('claimed', 'said'); null for own assertions without one.")
    hedges: Series[object] = pa.Field(description="List of hedge phrases found in the claim ('said to', 'reportedly'); empty list when none.")
    quantities: Series[object] = pa.Field(
        description="List of {value: float, value_max: float|null, counts: str, approximator: str|null, text: str} objects; empty list when none."
    )
    places: Series[object] = pa.Field(description="List of canonical gazetteer place names mentioned in the claim; empty list when none.")
    event_date: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, nullable=True, description="Date of the claimed event resolved against `published`; null when unresolved."
    )
    claim_type: Series[str] = pa.Field(isin=CLAIM_TYPES, description="Claim type: " + ", ".join(CLAIM_TYPES) + ".")

    class Config:
        strict = True


class BlackoutEvents(pa.DataFrameModel):
    """Communication blackouts: a region and a time window, detected or loaded from a list."""

    event_id: Series[str] = pa.Field(unique=True, description="Stable id: hash of region + start + source.")
    region: Series[str] = pa.Field(description="Canonical gazetteer name of the region cut off.")
    start: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the blackout began (UTC).")
    partial_restoration: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, nullable=True, description="When connections were partly restored; null if not reported."
    )
    end: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, nullable=True, description="When the blackout ended; null while it is ongoing or unknown."
    )
    source: Series[str] = pa.Field(description="Where the event comes from: 'pack', a shutdown-list file, or an article_id when detected.")
    evidence: Series[str] = pa.Field(description="The sentence or list row that establishes the event.")

    class Config:
        strict = True


class PartisanFeatures(pa.DataFrameModel):
    """Partisan-source family (features/partisan.py): who asserts the claim and whose side it serves."""

    claim_id: Series[str] = pa.Field(unique=True, description="Claims.claim_id.")
    speaker_camp: Series[str] = pa.Field(description="Camp of the speaker from the registry (Claims.speaker_camp, else a registry lookup of the speaker); 'unknown' when not registered.")
    outlet_camp: Series[str] = pa.Field(description="Camp of the publishing outlet (registry row of kind outlet matched on id or alias); 'unknown' when not registered.")
    speaker_is_party: Series[bool] = pa.Field(description="The speaker's camp is a party to the conflict (camps.is_party).")
    outlet_is_party: Series[bool] = pa.Field(description="The outlet's camp is a party to the conflict (state or partisan media).")
    self_serving: Series[bool] = pa.Field(description="The claim serves its side: losses, failures or blame of an opposing camp, or gains of its own camp.")
    against_interest: Series[bool] = pa.Field(description="The claim goes against its side: its own camp's losses or failures, or an opposing camp's gains.")
    anonymous: Series[bool] = pa.Field(description="The speaker is anonymous or a vague group (Claims.anonymous).")
    outlet_camp_matches_speaker: Series[bool] = pa.Field(description="Outlet and speaker are in the same known camp.")
    speaker_reliability: Series[str] = pa.Field(nullable=True, isin=RELIABILITY_LETTERS, description="Registry reliability letter A–F of the speaker; null when unrated.")
    outlet_reliability: Series[str] = pa.Field(nullable=True, isin=RELIABILITY_LETTERS, description="Registry reliability letter A–F of the outlet; null when unrated.")

    class Config:
        strict = True


class SpecificityFeatures(pa.DataFrameModel):
    """Specificity family (features/specificity.py): how much checkable detail the claim gives."""

    claim_id: Series[str] = pa.Field(unique=True, description="Claims.claim_id.")
    n_quantities: Series[int] = pa.Field(ge=0, description="Number of quantities in the claim.")
    n_precise_numbers: Series[int] = pa.Field(ge=0, description="Quantities that are exact, not round and not a range or vague word (37, 143, \"four\").")
    n_round_numbers: Series[int] = pa.Field(ge=0, description="Round, ranged or vague quantities (40, 100, 35, \"10-15\", \"dozens\", \"hundreds\").")
    n_named_places: Series[int] = pa.Field(ge=0, description="Distinct gazetteer places named in the claim.")
    n_named_units: Series[int] = pa.Field(ge=0, description="Named military units and materiel (lexicon categories unit and materiel: \"Humvees\", \"brigade\").")
    n_times: Series[int] = pa.Field(ge=0, description="Time expressions (\"on Wednesday\", \"over the past 40 hours\", \"last week\", \"at dawn\").")
    n_named_people: Series[int] = pa.Field(ge=0, description="Named people: registry persons and capitalised names after a role word (\"spokesperson Fahim Dashty\").")
    n_approximators: Series[int] = pa.Field(ge=0, description="Approximators on quantities (\"at least\", \"around\", \"about\").")
    n_hedges: Series[int] = pa.Field(ge=0, description="Distinct hedges on the claim (\"said to\", \"reportedly\", \"some accounts claim\").")
    specificity_score: Series[float] = pa.Field(ge=0.0, le=1.0, description="Bounded summary in [0, 1]: detail saturating, discounted by vagueness; formula in docs/features.md.")

    class Config:
        strict = True


class BlackoutFeatures(pa.DataFrameModel):
    """Blackout-context family (features/blackout.py): was the claim made about a region cut off at the time."""

    claim_id: Series[str] = pa.Field(unique=True, description="Claims.claim_id.")
    in_blackout: Series[bool] = pa.Field(description="A claim place, or a gazetteer ancestor of it, is the region of a blackout whose window holds the claim date.")
    near_blackout: Series[bool] = pa.Field(description="Not in a blackout, but a neighbouring region is in one at the claim date, or the claim's own region is within ±2 days of a window.")
    blackout_days: Series[float] = pa.Field(ge=0.0, nullable=True, description="Days from the start of the matching blackout to the claim date (0 when the date is just before it); null when not in or near one.")
    partial_restoration: Series[bool] = pa.Field(description="The matching in-blackout event had been partly restored on or before the claim date.")

    class Config:
        strict = True


class CorroborationFeatures(pa.DataFrameModel):
    """Corroboration family (features/corroboration.py): independent sources agreeing or contradicting."""

    claim_id: Series[str] = pa.Field(unique=True, description="Claims.claim_id.")
    independent_corroborations: Series[int] = pa.Field(
        ge=0, description="Distinct originating sources, other than this claim's own, with an agreeing matching claim (a spokesperson quoted by ten outlets, or wire copy reprinted, is one source)."
    )
    same_camp_corroborations: Series[int] = pa.Field(ge=0, description="Of independent_corroborations, origins in the claim's own camp.")
    other_camp_corroborations: Series[int] = pa.Field(ge=0, description="Of independent_corroborations, origins in another or unknown camp (independent = same + other).")
    corroborating_outlets: Series[int] = pa.Field(ge=0, description="Distinct outlets other than this claim's outlet carrying an agreeing matching claim, echoes included.")
    cross_camp_confirmation: Series[bool] = pa.Field(description="An agreeing origin is in an opposing camp or a known non-party (neutral) camp; for a non-party claim, in any other known camp.")
    contradictions: Series[int] = pa.Field(ge=0, description="Distinct other origins with a matching claim whose numbers are incompatible or that denies it.")
    first_reported: Series[bool] = pa.Field(description="No agreeing matching claim was published earlier (ties count as first; true when there are no matches).")
    article_corroborated_share: Series[float] = pa.Field(
        ge=0, le=1, description="Share of the claims of this claim's article (0 to 1) with at least one independent corroboration; the article's account as a whole, joined back to each of its claims."
    )
    article_contradicted_share: Series[float] = pa.Field(
        ge=0, le=1, description="Share of the claims of this claim's article (0 to 1) with at least one contradiction (incompatible numbers or a denial from another origin)."
    )

    class Config:
        strict = True


class ClaimFeatures(CorroborationFeatures, BlackoutFeatures, SpecificityFeatures, PartisanFeatures, Claims):
    """Every Claims column plus every column of the four families (shared columns once): features/assemble.py."""

    class Config:
        strict = True


# --- Theatre-pack tables (seeds/theatres/<name>/) ---------------------------------


class PackCamps(pa.DataFrameModel):
    """camps.csv: the sides of the conflict and who opposes whom."""

    camp: Series[str] = pa.Field(unique=True, description="Camp id ('resistance', 'taliban', 'neutral', 'unknown').")
    is_party: Series[bool] = pa.Field(description="The camp is a party to the conflict (its claims may be self-serving).")
    opponents: Series[object] = pa.Field(description="List of camp ids this camp fights; empty for neutral camps.")
    description: Series[str] = pa.Field(description="One line on who the camp is.")

    class Config:
        strict = True


class PackSources(pa.DataFrameModel):
    """sources.csv: the source registry of actors, outlets and groups."""

    name: Series[str] = pa.Field(unique=True, description="Canonical name ('National Resistance Front', 'Fahim Dashty', 'reuters').")
    kind: Series[str] = pa.Field(isin=["organisation", "person", "outlet", "group"], description="organisation, person, outlet or group (anonymous/vague group).")
    aliases: Series[object] = pa.Field(description="List of other spellings and short forms matched in text ('NRF', 'Dashty').")
    camp: Series[str] = pa.Field(description="Camp id from camps.csv.")
    reliability: Series[str] = pa.Field(nullable=True, isin=RELIABILITY_LETTERS, description="Admiralty reliability letter A–F where known; null when unrated.")
    parent: Series[str] = pa.Field(nullable=True, description="Canonical name of the parent organisation; null when none.")
    anonymous: Series[bool] = pa.Field(description="True for vague or anonymous groups ('some accounts', 'residents').")

    class Config:
        strict = True


class PackPlaces(pa.DataFrameModel):
    """gazetteer.csv: places with aliases, parent region and neighbours."""

    name: Series[str] = pa.Field(unique=True, description="Canonical place name ('Panjshir', 'Khawak Pass').")
    kind: Series[str] = pa.Field(description="country, province, governorate, district, city, town, village, pass, valley, region, ...")
    aliases: Series[object] = pa.Field(description="List of other spellings ('Panjsher', 'Panjshir Valley').")
    parent: Series[str] = pa.Field(nullable=True, description="Canonical name of the enclosing region; null for the country.")
    neighbours: Series[object] = pa.Field(description="List of canonical names of adjacent places of the same level.")

    class Config:
        strict = True


class PackLexicon(pa.DataFrameModel):
    """lexicon.csv: phrase lists that feed the matchers (one phrase per row)."""

    category: Series[str] = pa.Field(
        description="reporting_verb, hedge, approximator, unit, materiel, casualty, territory, capture, communications, "
        "negotiation, stance, denial, blackout, restoration, combatant, ..."
    )
    phrase: Series[str] = pa.Field(description="The word form as written (no lemmas are available): 'claimed', 'said to'.")
    note: Series[str] = pa.Field(nullable=True, description="Optional gloss (e.g. what a casualty word counts: 'killed').")

    class Config:
        strict = True
