"""Property tests for claim extraction: any text built from the words the rules react to extracts without error."""

from __future__ import annotations

import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st

from features.extract import _article_variants, articles_from_texts, detect_blackouts, extract_claims
from flows.packs import load_pack

# Pieces the rules react to: speakers (registry, group, pronoun, person-like names), reporting verbs and frames, quotation
# marks, parentheses, numbers, dates, places, hedges, contrast words and sentence ends.
PIECES = [
    "The Syrian Observatory for Human Rights", "SANA", "the Observatory", "activists", "a monitor", "rebels", "He", "It", "she",
    "Rami Abdel Rahman", "Dr Ahmed Ali", "Mr Smith", "Damascus", "Moscow", "Aleppo", "Idlib", "the group", "the Britain-based group",
    "said", "says", "told", "told reporters", "claimed", "denied", "according to", "quoted", "as saying", "reportedly", "is said to",
    "that", ",", ".", ";", ":", "(", ")", "-", "“", "”", '"', "'", "\n",
    "at least 40", "dozens of", "four", "30 to 40", "1,200", "2016", "10:30", "on Monday", "last week", "yesterday", "13 August 2016",
    "people were killed", "fighters", "wounded", "captured", "the town", "although", "while", "spokesman", "of the", "in", "by",
    "saying", "adding", "citing", "reporting", "and", "who", "which",
]


def _clause(pieces: list[str]) -> str:
    return " ".join(pieces)


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40).map(_clause))
@example('He said “ at least 40 people were killed')  # a quotation left open at the end of the text
@example("according to")
@example("Activists said that fighters killed dozens of")  # a vague number ending the clause ('dozens of')
@example("( ( said ) SANA")
def test_extract_claims_never_fails_on_text_made_of_rule_words(text):
    """Check that extraction returns well-formed claims (spans inside the text, the text at the span) for any such text."""
    claims = extract_claims(articles_from_texts([text], outlet="reuters", published="2016-09-20"), load_pack("syria"))
    for claim in claims.itertuples():
        assert 0 <= claim.span_start < claim.span_end <= len(text)
        assert text[claim.span_start:claim.span_end] == claim.text


@given(st.lists(st.sampled_from(PIECES + ["internet", "cut", "communications", "blackout", "restored", "phone lines"]), max_size=30).map(_clause))
def test_detect_blackouts_never_fails_on_text_made_of_rule_words(text):
    """Check that blackout detection returns events with a start for any text made of rule and blackout words."""
    events = detect_blackouts(articles_from_texts([text], outlet="reuters", published="2016-09-20"), load_pack("syria"))
    assert events["start"].notna().all()
    assert isinstance(events, pd.DataFrame)


def test_article_variants_spell_the_article_every_common_way_and_never_drop_it():
    """Check that a gazetteer alias's Arabic article is also matched as al-/el-/assimilated, capitalised, spaced or
    hyphenated to the word before, and that the article is never dropped ('al-Bab' is not 'Bab')."""
    variants = _article_variants("Deir ez-Zor")
    assert {"Deir al-Zor", "Deir el-Zor", "Deir Ez-Zor", "Deir Al Zor", "Deir-ez-Zor", "Deir az-Zor"} <= variants
    assert "Deir Zor" not in variants and "Bab" not in _article_variants("al-Bab")
    assert _article_variants("Tal Abyad") == {"Tal Abyad"}
