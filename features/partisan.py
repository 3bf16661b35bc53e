"""Partisan-source features: who asserts the claim and whose side it serves.

| column | type | meaning |
|---|---|---|
| claim_id | str | Claims.claim_id. |
| speaker_camp | str | Camp of the speaker from the registry (Claims.speaker_camp, else a registry lookup of the speaker); 'unknown' when not registered. |
| outlet_camp | str | Camp of the publishing outlet (registry row of kind outlet matched on id or alias); 'unknown' when not registered. |
| speaker_is_party | bool | The speaker's camp is a party to the conflict (camps.is_party). |
| outlet_is_party | bool | The outlet's camp is a party to the conflict (state or partisan media). |
| self_serving | bool | The claim serves its side: losses, failures or blame of an opposing camp, or gains of its own camp. |
| against_interest | bool | The claim goes against its side: its own camp's losses or failures, or an opposing camp's gains. |
| anonymous | bool | The speaker is anonymous or a vague group (Claims.anonymous). |
| outlet_camp_matches_speaker | bool | Outlet and speaker are in the same known camp. |
| speaker_reliability | str, nullable | Registry reliability letter A–F of the speaker; null when unrated. |
| outlet_reliability | str, nullable | Registry reliability letter A–F of the outlet; null when unrated. |

**The side of a claim** is the speaker's camp when it is a party; otherwise (anonymous,
passive or unregistered speaker) the outlet's camp when it is a party; otherwise the camp
that a strict majority of the party speakers in the same article belong to (an article that
relays one side's claims: "at least six resistance fighters said to have died" in an article
quoting NRF spokesmen is reported by the resistance side). No party side: both flags False.

**Whose losses and gains** are read from the claim, not the speaker: camp words are the
camp ids, registry names and aliases of sources in party camps, and lexicon rows of category
``combatant`` whose note is a camp id ("regime" -> government, "rebels" -> opposition).
A camp named in a quantity's ``counts`` ("Taliban fighters killed") loses. In the text, each
event word is read with its nearest camp words: intransitive losses ("died", "retreated")
make the camp before them lose; transitive events ("killed", "captured", "beat back") make
the camp after them (object, "from X") lose and the camp before them gain, except in the
passive ("were killed", "have been captured from X by Y"), where the camp before loses, "from
X" loses and "by Y" gains; a negation ("did not advance", "failed to capture") turns the
subject's gain into a failure, and a negated or denied loss ("suffered no losses", "denied that
any Taliban vehicles had been destroyed") serves the would-be victim. Killing civilians counts against the camp that did it.
A claim can be both self-serving and against interest (it reports both sides' losses).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.hierarchy import PackIndex, normalise_name, pack_index, phrase_pattern
from features.schemas import CAMP_UNKNOWN, Claims, PackSources, PartisanFeatures
from features.theatre import TheatrePack

logger = logging.getLogger(__name__)

PASSIVE_MARKERS = {"was", "were", "been", "being", "be", "is", "are", "got", "get"}
NEGATIONS = {"not", "never", "failed", "unable", "no", "didn't", "couldn't", "cannot", "without"}
# A denial earlier in the clause negates the event it governs ("denied that any Taliban vehicles had been destroyed").
DENIALS = {"denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed", "dismisses"}
DENIAL_REACH = 15
TRANSITIVE_EVENTS = (
    "killed", "kill", "kills", "killing", "wounded", "injured", "destroyed", "destroy", "destroying",
    "captured", "capture", "captures", "capturing", "seized", "seize", "seizing", "took", "taken", "take",
    "took control of", "taken control of", "recaptured", "liberated", "overran", "overrun", "routed", "defeated",
    "repelled", "repulsed", "repel", "repulsion", "repulsion of", "beat back", "beaten back", "beating back",
    "held off", "hold off", "holding off", "pushed back", "push back", "drove back", "driven back",
    "shot down", "downed", "ambushed", "targeted", "shelled", "bombed", "struck",
)
LOSS_INTRANSITIVE = (
    "died", "dead", "deaths", "casualties", "losses", "lost", "fled", "retreated", "withdrew", "surrendered",
    "defected", "collapsed", "killed", "wounded", "injured",
)
GAIN_INTRANSITIVE = ("advanced", "advance", "advancing", "gained ground", "made gains", "broke through", "progressed", "held the line", "holding the line")
CIVILIAN_WORDS = ("civilians", "civilian", "children", "women", "residents", "villagers", "people", "students", "patients", "worshippers", "families")
DETERMINERS = {"the", "a", "an", "its", "their", "both", "all", "several", "some", "many", "dozens", "more"}
NO_OBJECT = {
    "in", "at", "on", "and", "or", "by", "during", "near", "while", "when", "after", "before", "as", "from", "with",
    "since", "over", "across", "into", "inside", "outside", "around", "but", "because", "following", "amid", "to",
}
_TOKEN = re.compile(r"[\w'’-]+|[;:.!?]")


@dataclass(frozen=True)
class _Vocabulary:
    camps: re.Pattern | None
    camp_of: dict[str, str]
    transitive: re.Pattern
    loss: re.Pattern
    gain: re.Pattern
    civilian: re.Pattern


_VOCABULARY_CACHE: dict[int, tuple[TheatrePack, _Vocabulary]] = {}


def _camp_words(index: PackIndex) -> dict[str, str]:
    """Normalised word -> party camp id, from camp ids, registry names/aliases and 'combatant' lexicon rows."""
    words: dict[str, str] = {}
    for camp, is_party in index.camp_is_party.items():
        if is_party:
            words.setdefault(normalise_name(camp), camp)
    for name, row in index.source_by_alias.items():
        camp = row[PackSources.camp]
        if index.is_party(camp) and row[PackSources.kind] != "outlet" and not row[PackSources.anonymous] and len(name) > 2:
            words.setdefault(name, camp)
    for phrase, camp in index.phrase_notes("combatant").items():
        if index.is_party(camp):
            words[normalise_name(phrase)] = camp
    return words


def _vocabulary(pack: TheatrePack) -> _Vocabulary:
    cached = _VOCABULARY_CACHE.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    index = pack_index(pack)
    camp_of = _camp_words(index)
    loss_words = (set(LOSS_INTRANSITIVE) | set(index.phrases("casualty"))) - set(TRANSITIVE_EVENTS)
    vocabulary = _Vocabulary(
        camps=phrase_pattern(sorted(camp_of)),
        camp_of=camp_of,
        transitive=phrase_pattern(TRANSITIVE_EVENTS),
        loss=phrase_pattern(sorted(loss_words)),
        gain=phrase_pattern(GAIN_INTRANSITIVE),
        civilian=phrase_pattern(index.phrases("civilian", CIVILIAN_WORDS)),
    )
    _VOCABULARY_CACHE[id(pack)] = (pack, vocabulary)
    return vocabulary


def _token_starts(text: str) -> list[int]:
    return [match.start() for match in _TOKEN.finditer(text)]


def _token_at(starts: list[int], offset: int) -> int:
    """Index of the token containing character ``offset`` (binary search)."""
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle + 1
        else:
            high = middle
    return max(low - 1, 0)


def _camp_mentions(text: str, vocabulary: _Vocabulary, starts: list[int]) -> list[tuple[int, int, str]]:
    """(first token, last token, camp) of each camp word; 'anti-X' is not a mention of X."""
    if vocabulary.camps is None:
        return []
    mentions = []
    for match in vocabulary.camps.finditer(text):
        if text[max(0, match.start() - 5) : match.start()].lower().endswith("anti-"):
            continue
        camp = vocabulary.camp_of.get(normalise_name(match.group(0)))
        if camp:
            mentions.append((_token_at(starts, match.start()), _token_at(starts, match.end() - 1), camp))
    return mentions


def _words(text: str) -> list[str]:
    return [match.group(0).lower() for match in _TOKEN.finditer(text)]


def _roles_in_text(text: str, vocabulary: _Vocabulary) -> tuple[set[str], set[str]]:
    """(losing camps, gaining camps) read from the event words of one claim text."""
    starts = _token_starts(text)
    tokens = _words(text)
    mentions = _camp_mentions(text, vocabulary, starts)
    losers: set[str] = set()
    gainers: set[str] = set()
    if not mentions:
        return losers, gainers
    events = []
    for kind, pattern in (("transitive", vocabulary.transitive), ("loss", vocabulary.loss), ("gain", vocabulary.gain)):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            events.append((_token_at(starts, match.start()), _token_at(starts, match.end() - 1), kind))
    claimed: set[tuple[int, int]] = set()
    for first, last, kind in sorted(events, key=lambda event: (event[0], -event[1])):
        if any(first >= a and last <= b for a, b in claimed):
            continue  # a shorter event word inside a longer one already read ("killed" in "took control of")
        claimed.add((first, last))
        _read_event(tokens, mentions, first, last, kind, text, starts, vocabulary, losers, gainers)
    return losers, gainers


def _read_event(tokens, mentions, first, last, kind, text, starts, vocabulary, losers, gainers) -> None:
    """Assign the camps around one event word to losers/gainers (rules in the module docstring)."""
    stop = {";", ".", "!", "?"}
    before_window = [m for m in mentions if first - 12 <= m[1] < first and not stop & set(tokens[m[1] + 1 : first])]
    before = before_window[-1][2] if before_window else None
    after = [m for m in mentions if last < m[0] <= last + 6 and not stop & set(tokens[last + 1 : m[0]])]
    preceding = set(tokens[max(0, first - 3) : first])
    clause = tokens[max(0, first - DENIAL_REACH) : first]
    clause = clause[max((i + 1 for i, token in enumerate(clause) if token in stop), default=0) :]
    negated = bool(preceding & NEGATIONS) or bool(set(clause) & DENIALS)
    passive = bool(preceding & PASSIVE_MARKERS)

    def preposition(mention) -> str:
        position = mention[0] - 1
        while position > last and tokens[position] in DETERMINERS:
            position -= 1
        return tokens[position] if position > last else ""

    by_agents = {m[2] for m in after if preposition(m) in ("by", "in")}
    from_losers = {m[2] for m in after if preposition(m) in ("from", "of")}
    objects = {m[2] for m in after if preposition(m) not in ("by", "in")}
    next_token = tokens[last + 1] if last + 1 < len(tokens) else ""
    has_object = bool(objects) or (next_token not in NO_OBJECT and next_token.isalnum())
    if kind == "gain":
        (losers if negated else gainers).update({before} - {None})
        return
    if kind == "loss" or (kind == "transitive" and (passive or not has_object)):
        victim = before
        if negated and victim is not None:
            gainers.add(victim)  # "suffered no losses", a denied loss: the claim serves the would-be victim
            return
        civilian_victim = victim is None and vocabulary.civilian is not None and vocabulary.civilian.search(
            text[starts[max(0, first - 6)] : starts[first]] if starts else ""
        )
        if civilian_victim:
            losers.update(by_agents)  # blamed for civilian deaths
        else:
            losers.update({victim} - {None})
            gainers.update(by_agents - {victim} - from_losers)
        losers.update(from_losers)
        return
    # Active transitive with a camp after it: the subject acts on the object.
    if negated:
        losers.update({before} - {None})
        return
    if before is not None:
        gainers.add(before)
    losers.update(objects - {before})
    if not objects and before is None:
        return
    civilian_object = vocabulary.civilian is not None and vocabulary.civilian.search(
        text[starts[last] : starts[min(len(starts) - 1, last + 6)] + 1] if starts else ""
    )
    if civilian_object and before is not None and not objects:
        losers.add(before)


def _roles_in_quantities(quantities: object, vocabulary: _Vocabulary) -> set[str]:
    """Camps named in what a quantity counts ("Taliban fighters killed") lose."""
    losers: set[str] = set()
    if not isinstance(quantities, list) or vocabulary.camps is None:
        return losers
    for quantity in quantities:
        counts = quantity.get("counts") if isinstance(quantity, dict) else None
        if not isinstance(counts, str):
            continue
        for match in vocabulary.camps.finditer(counts):
            camp = vocabulary.camp_of.get(normalise_name(match.group(0)))
            if camp:
                losers.add(camp)
    return losers


def _claim_roles(in_text: tuple[set[str], set[str]], quantities: object, vocabulary: _Vocabulary) -> tuple[set[str], set[str]]:
    """Roles of one claim: those read from its text (``_roles_in_text``, not changed here) and from its quantities."""
    losers = in_text[0] | _roles_in_quantities(quantities, vocabulary)
    return losers, in_text[1] - losers


def _map_unique(values: pd.Series, function) -> pd.Series:
    """``values.map(function)`` computed once per distinct value."""
    table = {value: function(value) for value in pd.unique(values.to_numpy(dtype=object))}
    return pd.Series([table[value] for value in values.to_numpy(dtype=object)], index=values.index, dtype=object)


def _registry_value(names: pd.Series, index: PackIndex, field: str, *, outlets_only: bool) -> pd.Series:
    lookup = index.outlet if outlets_only else index.source
    values = {name: (lookup(name) or {}).get(field) for name in pd.unique(names.to_numpy(dtype=object))}
    return pd.Series([values[name] for name in names.to_numpy(dtype=object)], index=names.index, dtype=object)


# --- one function per output column -------------------------------------------------


def speaker_camp(speaker: pd.Series, claimed_speaker_camp: pd.Series, index: PackIndex) -> pd.Series:
    """Camp of the speaker: the extractor's camp, else the registry camp of the speaker name."""
    looked_up = _registry_value(speaker, index, PackSources.camp, outlets_only=False)
    known = claimed_speaker_camp.where(claimed_speaker_camp.ne(CAMP_UNKNOWN) & claimed_speaker_camp.notna())
    return known.fillna(looked_up).fillna(CAMP_UNKNOWN).astype(str)


def outlet_camp(outlet: pd.Series, index: PackIndex) -> pd.Series:
    """Camp of the publishing outlet from the registry (kind outlet, id or alias)."""
    return _registry_value(outlet, index, PackSources.camp, outlets_only=True).fillna(CAMP_UNKNOWN).astype(str)


def speaker_is_party(speaker_camp: pd.Series, index: PackIndex) -> pd.Series:
    """The speaker's camp is a party to the conflict."""
    return _map_unique(speaker_camp, index.is_party).astype(bool)


def outlet_is_party(outlet_camp: pd.Series, index: PackIndex) -> pd.Series:
    """The outlet's camp is a party to the conflict."""
    return _map_unique(outlet_camp, index.is_party).astype(bool)


def claim_side(claims: pd.DataFrame, speaker_camp: pd.Series, outlet_camp: pd.Series, index: PackIndex) -> pd.Series:
    """The camp whose interest the claim is judged against (rule in the module docstring); None when no party side."""
    speaker_party = _map_unique(speaker_camp, index.is_party).astype(bool)
    side = speaker_camp.astype(object).where(speaker_party)
    side = side.fillna(outlet_camp.astype(object).where(_map_unique(outlet_camp, index.is_party).astype(bool)))
    attributed = speaker_party & ~claims[Claims.anonymous].astype(bool)
    majority = _article_majority(claims[Claims.article_id], speaker_camp, attributed)
    return side.fillna(majority).astype(object).where(lambda s: s.notna(), None)


def _article_majority(article_id: pd.Series, camps: pd.Series, counted: pd.Series) -> pd.Series:
    """Per row, the camp held by a strict majority of the counted rows of its article; None when there is none."""
    frame = pd.DataFrame({"article": article_id.to_numpy(dtype=object), "camp": camps.to_numpy(dtype=object)})[counted.to_numpy()]
    if frame.empty:
        return pd.Series(None, index=article_id.index, dtype=object)
    sizes = frame.groupby(["article", "camp"]).size().rename("n").reset_index().sort_values("n", ascending=False, kind="stable")
    totals = sizes.groupby("article")["n"].sum()
    top = sizes.drop_duplicates("article").set_index("article")
    winners = top.loc[top["n"] * 2 > totals.reindex(top.index), "camp"]
    return pd.Series(article_id.map(winners).to_numpy(dtype=object), index=article_id.index, dtype=object)


def self_serving(side: pd.Series, roles: pd.Series, index: PackIndex) -> pd.Series:
    """The claim reports opposing camps' losses or its own side's gains."""
    return pd.Series(
        [bool(s) and (s in gain or bool(loss & index.opponents(s))) for s, (loss, gain) in zip(side, roles)], index=side.index, dtype=bool
    )


def against_interest(side: pd.Series, roles: pd.Series, index: PackIndex) -> pd.Series:
    """The claim reports its own side's losses or opposing camps' gains."""
    return pd.Series(
        [bool(s) and (s in loss or bool(gain & index.opponents(s))) for s, (loss, gain) in zip(side, roles)], index=side.index, dtype=bool
    )


def outlet_camp_matches_speaker(speaker_camp: pd.Series, outlet_camp: pd.Series) -> pd.Series:
    """Outlet and speaker are in the same known camp."""
    return (speaker_camp.eq(outlet_camp) & speaker_camp.ne(CAMP_UNKNOWN)).astype(bool)


def speaker_reliability(speaker: pd.Series, index: PackIndex) -> pd.Series:
    """Registry reliability letter of the speaker; null when unrated."""
    return _registry_value(speaker, index, PackSources.reliability, outlets_only=False).astype(str)


def outlet_reliability(outlet: pd.Series, index: PackIndex) -> pd.Series:
    """Registry reliability letter of the outlet; null when unrated."""
    return _registry_value(outlet, index, PackSources.reliability, outlets_only=True).astype(str)


def claim_roles(claims: pd.DataFrame, pack: TheatrePack) -> pd.Series:
    """(losing camps, gaining camps) of each claim, read from its text and quantities."""
    vocabulary = _vocabulary(pack)
    texts = claims[Claims.text].to_numpy(dtype=object)
    # Read once per distinct text: wire copy and repeated sentences give many claims the same text.
    in_text: dict = {}
    for text in texts:
        if text not in in_text:
            in_text[text] = _roles_in_text(text if isinstance(text, str) else "", vocabulary)
    return pd.Series(
        [_claim_roles(in_text[text], quantities, vocabulary) for text, quantities in zip(texts, claims[Claims.quantities])],
        index=claims.index,
        dtype=object,
    )


@pa.check_types
def build_partisan_features(claims: DataFrame[Claims], pack: TheatrePack) -> DataFrame[PartisanFeatures]:
    """Partisan-source columns for each claim.

    Args:
        claims: extracted claims.
        pack: the theatre pack whose registry, camps and lexicon are used.

    Returns:
        One row per claim, columns of ``PartisanFeatures``.
    """
    index = pack_index(pack)
    speakers = speaker_camp(claims[Claims.speaker], claims[Claims.speaker_camp], index)
    outlets = outlet_camp(claims[Claims.outlet], index)
    side = claim_side(claims, speakers, outlets, index)
    roles = claim_roles(claims, pack)
    features = pd.DataFrame(
        {
            PartisanFeatures.claim_id: claims[Claims.claim_id],
            PartisanFeatures.speaker_camp: speakers,
            PartisanFeatures.outlet_camp: outlets,
            PartisanFeatures.speaker_is_party: speaker_is_party(speakers, index),
            PartisanFeatures.outlet_is_party: outlet_is_party(outlets, index),
            PartisanFeatures.self_serving: self_serving(side, roles, index),
            PartisanFeatures.against_interest: against_interest(side, roles, index),
            PartisanFeatures.anonymous: claims[Claims.anonymous].astype(bool),
            PartisanFeatures.outlet_camp_matches_speaker: outlet_camp_matches_speaker(speakers, outlets),
            PartisanFeatures.speaker_reliability: speaker_reliability(claims[Claims.speaker], index),
            PartisanFeatures.outlet_reliability: outlet_reliability(claims[Claims.outlet], index),
        }
    )
    logger.debug("partisan features for %d claims (pack %s)", len(features), pack.name)
    return features.reset_index(drop=True)


def camps_named(text: object, pack: TheatrePack) -> set[str]:
    """Party camps named in a text by camp word ('Taliban fighters killed' -> {'taliban'})."""
    vocabulary = _vocabulary(pack)
    if vocabulary.camps is None or not isinstance(text, str):
        return set()
    found = {vocabulary.camp_of.get(normalise_name(match.group(0))) for match in vocabulary.camps.finditer(text)}
    return found - {None}
