"""Corroboration features: independent sources agreeing with or contradicting a claim.

| column | type | meaning |
|---|---|---|
| claim_id | str | Claims.claim_id. |
| independent_corroborations | int | Distinct originating sources, other than this claim's own, with an agreeing matching claim (a spokesperson quoted by ten outlets, or wire copy reprinted, is one source). |
| same_camp_corroborations | int | Of independent_corroborations, origins in the claim's own camp. |
| other_camp_corroborations | int | Of independent_corroborations, origins in another or unknown camp (independent = same + other). |
| corroborating_outlets | int | Distinct outlets other than this claim's outlet carrying an agreeing matching claim, echoes included. |
| cross_camp_confirmation | bool | An agreeing origin is in an opposing camp or a known non-party (neutral) camp; for a non-party claim, in any other known camp. |
| contradictions | int | Distinct other origins with a matching claim whose numbers are incompatible or that denies it. |
| first_reported | bool | No agreeing matching claim was published earlier (ties count as first; true when there are no matches). |
| article_corroborated_share | float | Share of the claims of this claim's article (0 to 1) with at least one independent corroboration; the article's account as a whole, joined back to each of its claims. |
| article_contradicted_share | float | Share of the claims of this claim's article (0 to 1) with at least one contradiction (incompatible numbers or a denial from another origin). |

**Match**: same ``claim_type``; overlapping places (one claim's place is the other's place or a
gazetteer ancestor of it below the country level — Khawak Pass matches Panjshir, not Kapisa;
a country matches only the country itself); claim dates (``event_date``, else ``published``)
at most ``window_days`` (3) apart; different articles. Claims without places or dates match
nothing. **Numbers**: quantities are compared when they count the same thing: the same
kind (killed, injured, captured, destroyed, displaced, else the counted noun) and the same camp
named in ``counts``. Each is an interval: exact value ±10 %; "at least/more than/over" open
above; "up to/at most/fewer than" open below; "around/about/nearly" ±20 %; vague words
("dozens") halved/doubled; ranges as given. Overlapping intervals are compatible.
**Agree** = a match where every comparable pair of quantities is compatible (claims that both
carry quantities need at least one comparable pair) and neither claim denies; **contradict** =
a match with an incompatible pair between claims naming the same place (a province toll and a
district toll may count different events, so across levels incompatible numbers are no match),
or where exactly one of the two carries a denial word (lexicon category ``denial``, else
"denied", "false", "fabricated", ...).

**Origins** (independence): a claim's origin is its named, non-anonymous speaker, canonical
through the registry (ten outlets quoting one spokesperson are one source); for anonymous
speakers and outlets' own assertions it is the normalised sentence (wire copy reprinted by many
outlets is one source). A match carrying the very same sentence is never independent. Links
are not chained (one shared sentence must not merge two spokespeople). An origin's camp is the
camp of its earliest claim (speaker camp, else outlet camp). Camps are counted separately in ``same_camp_corroborations`` and
``other_camp_corroborations``.

**Article shares**: the claims of one article are counted together over claims ∪ context_claims
(an article's claims all sit in ``claims`` when it is extracted whole), so every claim carries
how much of its article's account other origins confirm or dispute.

**As of publication** (``as_of_publication=True``): a claim is matched only against claims
published on the same UTC day or earlier (and never against claims without a publication date),
so its features are what could have been known when it was published. Training on a labelled
dataset split in time uses this, otherwise claims of the training period are corroborated by the
later test period and every feature would look into the future.

**Cost**: candidates are blocked by (claim_type, top region below the country, date bucket of
``window_days``), and only neighbouring buckets are compared, so work grows with the number of
claims times the typical block size, not with the square of all claims.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.blackout import claim_day
from features.hierarchy import PackIndex, normalise_name, pack_index, phrase_pattern
from features.partisan import camps_named, outlet_camp, speaker_camp
from features.schemas import CAMP_UNKNOWN, Claims, CorroborationFeatures
from features.specificity import VAGUE_WORDS
from features.theatre import TheatrePack

logger = logging.getLogger(__name__)

WINDOW_DAYS = 3
EXACT_TOLERANCE = 0.10
APPROXIMATE_TOLERANCE = 0.20
DEFAULT_DENIALS = ("denied", "denies", "deny", "false", "fabricated", "baseless", "untrue", "refuted", "rejected the claim", "no truth")
OPEN_ABOVE = {"at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "not less than", "above"}
OPEN_BELOW = {"up to", "at most", "less than", "fewer than", "under", "no more than", "below"}
QUANTITY_KINDS = {
    "killed": ("killed", "dead", "died", "deaths", "death", "death toll", "lost their lives", "fatalities", "martyred", "slain"),
    "injured": ("injured", "wounded", "hurt", "injuries"),
    "captured": ("captured", "detained", "arrested", "prisoners", "taken prisoner", "captures", "abducted", "kidnapped"),
    "destroyed": ("destroyed", "downed", "shot down", "burned", "damaged"),
    "displaced": ("displaced", "fled", "refugees", "evacuated"),
}
_KIND_PATTERNS = {kind: phrase_pattern(words) for kind, words in QUANTITY_KINDS.items()}


@dataclass(frozen=True)
class _Quantity:
    key: tuple[str, str]
    low: float
    high: float


def _interval(quantity: dict) -> tuple[float, float] | None:
    value = quantity.get("value")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(value)
    value_max = quantity.get("value_max")
    high = float(value_max) if value_max is not None and not (isinstance(value_max, float) and math.isnan(value_max)) else value
    approximator = " ".join(str(quantity.get("approximator") or "").lower().split())
    if VAGUE_WORDS.search(str(quantity.get("text") or "")):
        return value * 0.5, high * 2.0
    if approximator in OPEN_ABOVE:
        return value, math.inf
    if approximator in OPEN_BELOW:
        return 0.0, high
    if approximator:
        return value * (1 - APPROXIMATE_TOLERANCE), high * (1 + APPROXIMATE_TOLERANCE)
    return value * (1 - EXACT_TOLERANCE), high * (1 + EXACT_TOLERANCE)


def _quantity_key(counts: str, pack: TheatrePack) -> tuple[str, str]:
    camps = sorted(camps_named(counts, pack))
    camp = camps[0] if len(camps) == 1 else CAMP_UNKNOWN
    for kind, pattern in _KIND_PATTERNS.items():
        if pattern.search(counts):
            return kind, camp
    words = normalise_name(counts).split()
    return (words[-1] if words else "", camp)


def _quantities(cell: object, pack: TheatrePack, keys: dict | None = None) -> tuple[_Quantity, ...]:
    """Comparable intervals of a claim's quantities; ``keys`` memoises counts -> key across claims."""
    keys = {} if keys is None else keys
    result = []
    for quantity in cell if isinstance(cell, (list, tuple, np.ndarray)) else []:
        if not isinstance(quantity, dict):
            continue
        interval = _interval(quantity)
        if interval is not None:
            counts = str(quantity.get("counts") or "")
            key = keys.get(counts)
            if key is None:
                key = keys[counts] = _quantity_key(counts, pack)
            result.append(_Quantity(key, *interval))
    return tuple(result)


def _relation(first: tuple[_Quantity, ...], second: tuple[_Quantity, ...], denies_first: bool, denies_second: bool) -> int:
    """1 agree, -1 contradict, 0 no match (both carry numbers but about different things)."""
    if denies_first != denies_second:
        return -1
    if not first or not second:
        return 1
    comparable = False
    for a in first:
        for b in second:
            if a.key == b.key:
                comparable = True
                if a.low > b.high or b.low > a.high:
                    return -1
    return 1 if comparable else 0


def _normalised_text(values: pd.Series) -> np.ndarray:
    """Vectorised normalise_name: lower-case, punctuation and whitespace folded."""
    codes, distinct = pd.factorize(values.astype(str))  # once per distinct sentence (wire copy repeats them)
    text = pd.Series(distinct).str.lower().str.replace(r"[^\w]+", " ", regex=True).str.strip()
    return text.to_numpy(dtype=object)[codes]


def sentence_keys(pool: pd.DataFrame) -> pd.Series:
    """Code of each claim's normalised sentence (identical wire copy shares one code)."""
    codes, _ = pd.factorize(pd.Series(_normalised_text(pool[Claims.sentence])))
    return pd.Series(codes, index=pool.index, dtype=int)


def origins(pool: pd.DataFrame, index: PackIndex) -> pd.Series:
    """Origin code per claim: the registry-canonical speaker when named, else the normalised sentence.

    Not transitive on purpose: chaining 'same speaker' and 'same sentence' links would let one
    shared sentence merge two spokespeople, and at scale merge everything into one origin.
    Pairs that share a sentence are also never counted as independent (see ``_pair_table``).
    """
    if len(pool) == 0:
        return pd.Series([], dtype=int)
    speakers = pool[Claims.speaker].to_numpy(dtype=object)
    canonical = {name: normalise_name((index.source(name) or {}).get("name", name)) for name in pd.unique(speakers)}
    speaker_key = np.array(["speaker:" + canonical[name] for name in speakers], dtype=object)
    named = (
        ~pool[Claims.anonymous].to_numpy(dtype=bool)
        & (pool[Claims.attribution].to_numpy(dtype=object) != "own_assertion")
        & (speaker_key != "speaker:")
        & (speaker_key != "speaker:" + CAMP_UNKNOWN)
    )
    sentence_key = np.array(["sentence:" + text for text in _normalised_text(pool[Claims.sentence])], dtype=object)
    codes, _ = pd.factorize(pd.Series(np.where(named, speaker_key, sentence_key), dtype=object))
    return pd.Series(codes, index=pool.index, dtype=int)


def _place_sets(places: object, index: PackIndex) -> tuple[frozenset, frozenset, frozenset]:
    """(places, places with their non-root ancestors, blocking regions)."""
    named = {index.canonical_place(str(p)) or str(p) for p in (places if isinstance(places, (list, tuple, np.ndarray)) else [])}
    extended = set()
    for place in named:
        extended |= {a for a in index.ancestors(place) if not index.is_root(a)} | ({place} if index.is_root(place) else set())
    regions = {index.top_region(place) for place in named}
    return frozenset(named), frozenset(extended), frozenset(regions)


def _candidate_pairs(pool: pd.DataFrame, days: np.ndarray, regions: list, window_days: int) -> pd.DataFrame:
    """Pairs (left, right) sharing claim type and a region, in the same or adjacent date buckets."""
    rows = [(position, region) for position, claim_regions in enumerate(regions) for region in claim_regions if not np.isnan(days[position])]
    if not rows:
        return pd.DataFrame({"left": pd.Series([], dtype=int), "right": pd.Series([], dtype=int)})
    exploded = pd.DataFrame(rows, columns=["position", "region"])
    exploded["claim_type"] = pool[Claims.claim_type].to_numpy()[exploded["position"]]
    exploded["bucket"] = (days[exploded["position"]] // max(window_days, 1)).astype(np.int64)
    keys = ["claim_type", "region", "bucket"]
    shifted = exploded.assign(bucket=exploded["bucket"] + 1)
    same = exploded.merge(exploded, on=keys, suffixes=("_l", "_r"))
    adjacent = exploded.merge(shifted, on=keys, suffixes=("_l", "_r"))
    pairs = pd.concat(
        [
            same[["position_l", "position_r"]],
            adjacent[["position_l", "position_r"]],
            adjacent[["position_r", "position_l"]].set_axis(["position_l", "position_r"], axis=1),
        ],
        ignore_index=True,
    )
    pairs = pairs[pairs["position_l"] != pairs["position_r"]].drop_duplicates()
    return pairs.set_axis(["left", "right"], axis=1).reset_index(drop=True)


def pair_relations(pool: pd.DataFrame, pack: TheatrePack, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """Every matching pair in the pool with its relation (1 agree, -1 contradict), both directions."""
    index = pack_index(pack)
    days = claim_day(pool[Claims.event_date], pool[Claims.published]).to_numpy()
    memo: dict[tuple, tuple] = {}
    place_keys = []
    for places in pool[Claims.places]:
        key = tuple(places) if isinstance(places, (list, tuple, np.ndarray)) else ()
        if key not in memo:
            memo[key] = _place_sets(list(key), index)
        place_keys.append(key)
    place_sets = [memo[key] for key in place_keys]
    pairs = _candidate_pairs(pool, days, [sets[2] for sets in place_sets], window_days)
    left, right = pairs["left"].to_numpy(), pairs["right"].to_numpy()
    articles = pool[Claims.article_id].to_numpy()
    keep = (np.abs(days[left] - days[right]) <= window_days) & (articles[left] != articles[right])
    pairs = pairs[keep]
    denial = phrase_pattern(index.phrases("denial", DEFAULT_DENIALS))
    denies = pool[Claims.text].map(lambda text: bool(denial.search(text)) if denial and isinstance(text, str) else False).to_numpy()
    keys: dict = {}
    quantities = [_quantities(cell, pack, keys) for cell in pool[Claims.quantities]]
    # A pair's relation depends only on each side's places, quantities and denial: read it once per pair of those.
    profile_of: dict[tuple, int] = {}
    profiles = np.fromiter(
        (profile_of.setdefault((place_key, amounts, bool(denied)), len(profile_of)) for place_key, amounts, denied in zip(place_keys, quantities, denies)),
        dtype=np.int64, count=len(pool),
    )
    examples = {code: (memo[place_key], amounts, bool(denied)) for (place_key, amounts, denied), code in profile_of.items()}
    pair_codes = profiles[pairs["left"].to_numpy()] * max(len(profile_of), 1) + profiles[pairs["right"].to_numpy()]
    distinct, inverse = np.unique(pair_codes, return_inverse=True)
    relations = np.array([_profile_relation(examples[code // len(profile_of)], examples[code % len(profile_of)]) for code in distinct.tolist()], dtype=int)
    pairs = pairs.assign(relation=relations[inverse.reshape(-1)] if len(pairs) else np.zeros(0, dtype=int))
    return pairs[pairs["relation"] != 0].reset_index(drop=True)


def _profile_relation(first: tuple, second: tuple) -> int:
    """Relation of two claims given as (place sets, quantities, denies): 1 agree, -1 contradict, 0 not the same event."""
    (named_a, extended_a, _), quantities_a, denies_a = first
    (named_b, extended_b, _), quantities_b, denies_b = second
    if not (named_a & extended_b or named_b & extended_a):
        return 0
    relation = _relation(quantities_a, quantities_b, denies_a, denies_b)
    if relation == -1 and denies_a == denies_b and not named_a & named_b:
        relation = 0  # a governorate toll vs a district toll may count different events: not a contradiction
    return relation


def _pool(claims: pd.DataFrame, context_claims: pd.DataFrame | None) -> pd.DataFrame:
    if context_claims is None or context_claims.empty:
        return claims.reset_index(drop=True)
    own = set(claims[Claims.claim_id].to_numpy(dtype=object))  # a set: Series.isin is slow over Arrow-backed strings
    extra = context_claims[np.fromiter((claim_id not in own for claim_id in context_claims[Claims.claim_id].to_numpy(dtype=object)), dtype=bool, count=len(context_claims))]
    return pd.concat([claims, extra], ignore_index=True)


def _source_camps(pool: pd.DataFrame, index: PackIndex) -> pd.Series:
    speakers = speaker_camp(pool[Claims.speaker], pool[Claims.speaker_camp], index)
    outlets = outlet_camp(pool[Claims.outlet], index)
    return speakers.where(speakers.ne(CAMP_UNKNOWN), outlets)


def _origin_camps(origin: pd.Series, camps: pd.Series, published: pd.Series) -> pd.Series:
    order = pd.DataFrame({"origin": origin, "camp": camps, "published": published}).sort_values("published", kind="stable", na_position="last")
    first = order.groupby("origin", sort=False)["camp"].first()
    return origin.map(first)


# --- one function per output column (over the agreeing/contradicting pair table) ------------


def independent_corroborations(agree: pd.DataFrame, n: int) -> pd.Series:
    """Distinct other origins with an agreeing match."""
    other = agree[agree["origin_r"] != agree["origin_l"]]
    return other.groupby("left")["origin_r"].nunique().reindex(range(n), fill_value=0).astype(int)


def same_camp_corroborations(agree: pd.DataFrame, n: int) -> pd.Series:
    """Distinct other origins in the claim's own camp with an agreeing match."""
    other = agree[(agree["origin_r"] != agree["origin_l"]) & (agree["camp_r"] == agree["camp_l"]) & (agree["camp_l"] != CAMP_UNKNOWN)]
    return other.groupby("left")["origin_r"].nunique().reindex(range(n), fill_value=0).astype(int)


def other_camp_corroborations(independent: pd.Series, same_camp: pd.Series) -> pd.Series:
    """Distinct other origins in another or unknown camp with an agreeing match."""
    return (independent - same_camp).astype(int)


def corroborating_outlets(agree: pd.DataFrame, n: int) -> pd.Series:
    """Distinct other outlets carrying an agreeing match, echoes included."""
    other = agree[agree["outlet_r"] != agree["outlet_l"]]
    return other.groupby("left")["outlet_r"].nunique().reindex(range(n), fill_value=0).astype(int)


def cross_camp_confirmation(agree: pd.DataFrame, n: int, index: PackIndex) -> pd.Series:
    """An agreeing origin is in an opposing or known neutral camp (for a non-party claim: any other known camp)."""
    other = agree[agree["origin_r"] != agree["origin_l"]]
    decided: dict[tuple, bool] = {}  # few distinct camp pairs, many claim pairs

    def confirm(camp_l, camp_r) -> bool:
        return camp_r != camp_l and camp_r != CAMP_UNKNOWN and (not index.is_party(camp_l) or not index.is_party(camp_r) or camp_r in index.opponents(camp_l))

    confirms = [
        decided[pair] if pair in decided else decided.setdefault(pair, confirm(*pair))
        for pair in zip(other["camp_l"].to_numpy(dtype=object), other["camp_r"].to_numpy(dtype=object))
    ]
    hits = other.loc[np.asarray(confirms, dtype=bool), "left"].unique()
    return pd.Series(np.isin(np.arange(n), hits), dtype=bool)


def contradictions(contradict: pd.DataFrame, n: int) -> pd.Series:
    """Distinct other origins with an incompatible or denying match."""
    other = contradict[contradict["origin_r"] != contradict["origin_l"]]
    return other.groupby("left")["origin_r"].nunique().reindex(range(n), fill_value=0).astype(int)


def first_reported(agree: pd.DataFrame, n: int) -> pd.Series:
    """No agreeing match was published strictly earlier."""
    earlier = agree[agree["published_r"] < agree["published_l"]]
    return pd.Series(~np.isin(np.arange(n), earlier["left"].unique()), dtype=bool)


def article_corroborated_share(independent: pd.Series, article_ids: pd.Series) -> pd.Series:
    """Share of the claims of each claim's article with at least one independent corroboration."""
    return independent.gt(0).astype(float).groupby(article_ids.to_numpy()).transform("mean").astype(float)


def article_contradicted_share(contradicted: pd.Series, article_ids: pd.Series) -> pd.Series:
    """Share of the claims of each claim's article with at least one contradiction."""
    return contradicted.gt(0).astype(float).groupby(article_ids.to_numpy()).transform("mean").astype(float)


def known_by_publication(table: pd.DataFrame) -> pd.Series:
    """Rows of the pair table whose matching claim was published on the claim's own UTC day or earlier."""
    left = pd.to_datetime(table["published_l"], utc=True).dt.floor("D")
    right = pd.to_datetime(table["published_r"], utc=True).dt.floor("D")
    return (right.notna() & left.notna() & (right <= left)).astype(bool)


def _pair_table(pool: pd.DataFrame, pack: TheatrePack, window_days: int, as_of_publication: bool = False) -> pd.DataFrame:
    index = pack_index(pack)
    relations = pair_relations(pool, pack, window_days)
    attributes = pd.DataFrame(
        {
            "origin": origins(pool, index).to_numpy(),
            "sentence": sentence_keys(pool).to_numpy(),
            "outlet": pool[Claims.outlet].map(normalise_name).to_numpy(),
            "published": pool[Claims.published].to_numpy(),
        }
    )
    attributes["camp"] = _origin_camps(attributes["origin"], _source_camps(pool, index).reset_index(drop=True), attributes["published"]).to_numpy()
    left = attributes.add_suffix("_l").iloc[relations["left"].to_numpy()].reset_index(drop=True)
    right = attributes.add_suffix("_r").iloc[relations["right"].to_numpy()].reset_index(drop=True)
    table = pd.concat([relations.reset_index(drop=True), left, right], axis=1)
    # An echo of this very sentence is never an independent source, whoever it is attributed to.
    table.loc[table["sentence_l"] == table["sentence_r"], "origin_r"] = table["origin_l"]
    if as_of_publication:
        table = table[known_by_publication(table).to_numpy()].reset_index(drop=True)
    return table


@pa.check_types
def build_corroboration_features(
    claims: DataFrame[Claims],
    pack: TheatrePack,
    context_claims: DataFrame[Claims] | None = None,
    window_days: int = WINDOW_DAYS,
    as_of_publication: bool = False,
) -> DataFrame[CorroborationFeatures]:
    """Corroboration columns for each claim, matched against claims ∪ context_claims.

    Args:
        claims: the claims to compute features for.
        pack: the theatre pack (gazetteer, registry camps, denial lexicon).
        context_claims: other stored claims to match against; rows with a claim_id in ``claims`` are ignored.
        window_days: largest gap in days between matching claim dates.
        as_of_publication: match each claim only against claims published on its own UTC day or earlier
            (no look into the future; use it when features feed a split in time).

    Returns:
        One row per claim of ``claims``, columns of ``CorroborationFeatures``.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0, got {window_days}")
    index = pack_index(pack)
    pool = _pool(claims, context_claims)
    table = _pair_table(pool, pack, window_days, as_of_publication)
    n = len(pool)
    agree, contradict = table[table["relation"] == 1], table[table["relation"] == -1]
    independent = independent_corroborations(agree, n)
    same_camp = same_camp_corroborations(agree, n)
    contradicted = contradictions(contradict, n)
    article_ids = pool[Claims.article_id].reset_index(drop=True)
    features = pd.DataFrame(
        {
            CorroborationFeatures.claim_id: pool[Claims.claim_id].to_numpy(),
            CorroborationFeatures.independent_corroborations: independent.to_numpy(),
            CorroborationFeatures.same_camp_corroborations: same_camp.to_numpy(),
            CorroborationFeatures.other_camp_corroborations: other_camp_corroborations(independent, same_camp).to_numpy(),
            CorroborationFeatures.corroborating_outlets: corroborating_outlets(agree, n).to_numpy(),
            CorroborationFeatures.cross_camp_confirmation: cross_camp_confirmation(agree, n, index).to_numpy(),
            CorroborationFeatures.contradictions: contradicted.to_numpy(),
            CorroborationFeatures.first_reported: first_reported(agree, n).to_numpy(),
            CorroborationFeatures.article_corroborated_share: article_corroborated_share(independent, article_ids).to_numpy(),
            CorroborationFeatures.article_contradicted_share: article_contradicted_share(contradicted, article_ids).to_numpy(),
        }
    )
    features[CorroborationFeatures.claim_id] = features[CorroborationFeatures.claim_id].astype(str)
    logger.debug("corroboration over %d claims (%d in context): %d matching pairs", n, n - len(claims), len(table))
    return features.iloc[: len(claims)].reset_index(drop=True)
