"""Claim spans around quantities: headlines and sub-headings run into the text further down an article."""

from __future__ import annotations

import pandas as pd
import pytest

from claim_helpers import claim_with, syria_claims


def _syria(text: str, outlet: str = "sana", published: str = "2016-05-12") -> pd.DataFrame:
    return syria_claims(text, outlet=outlet, published=published)


@pytest.mark.parametrize(
    ("text", "phrase", "opening", "quantities"),
    [
        ("Rocket shells hit the old market on Monday. Gunmen kill four shepherds near Daraa In another attack nine farmers "
         "were wounded by a roadside bomb near Hama.", "nine farmers", "In another attack", [(9.0, "injured")]),
        ("The army repelled an attack on Monday. Army Units Destroy Eleven Tanks in Homs Countryside The army units killed "
         "seven gunmen in the countryside of Homs.", "killed seven gunmen", "The army units", [(7.0, "killed")]),
    ],
)
def test_extract_claims_starts_a_sentence_after_a_headline_inside_the_article(text, phrase, opening, quantities):
    """Check that a headline run into the next sentence further down the article ends before a capitalised opener that
    starts running text, so the headline's counts stay out of the body's claim."""
    claim = claim_with(_syria(text), phrase)
    assert claim["sentence"].startswith(opening)
    assert [(q["value"], q["counts"].split()[-1]) for q in claim["quantities"]] == quantities


def test_extract_claims_keeps_a_title_case_headline_whole_inside_the_article():
    """Check that a capitalised opener inside a Title Case headline ('Car Bomb Kills Four .') starts no sentence."""
    claims = _syria("Shelling continued on Monday. Car Bomb Kills Four . Four people were killed in a car bomb in Homs.")
    assert claim_with(claims, "Car Bomb")["text"].endswith("Kills Four")


@pytest.mark.parametrize(
    ("text", "phrase", "quantities"),
    [
        ("A video shows the murder of three aid workers near Hama.", "three aid workers", [(3.0, "killed")]),
        ("Reports said 12 shepherds were murdered in the hills near Homs.", "12 shepherds", [(12.0, "killed")]),
        ("The siege ended with some 300 people dying of hunger in the town.", "300 people", [(300.0, "killed")]),
        ("Activists accused the army of gassing dozens of people in Douma.", "dozens of people", [(24.0, "casualties")]),
    ],
)
def test_extract_claims_reads_murder_dying_and_gassing_as_outcomes(text, phrase, quantities):
    """Check that the lexicon's 'murder', 'murdered', 'dying' (killed) and 'gassing' (casualties) give a count its outcome."""
    claim = claim_with(_syria(text), phrase)
    assert [(q["value"], q["counts"].split()[-1]) for q in claim["quantities"]] == quantities


@pytest.mark.parametrize(
    ("text", "phrase", "quantities"),
    [
        ("Militants Execute 14 Farmers near Palmyra.", "14 Farmers", [(14.0, "killed")]),
        ("Jihadists crucify 6 men in the main square of the town.", "6 men", [(6.0, "killed")]),
        ("The group beheads 3 soldiers in a new video.", "3 soldiers", [(3.0, "killed")]),
    ],
)
def test_extract_claims_reads_present_tense_execution_verbs_as_killed(text, phrase, quantities):
    """Check that the lexicon's headline verbs 'execute', 'crucify' and 'behead' make the count right after them killed."""
    claim = claim_with(_syria(text), phrase)
    assert [(q["value"], q["counts"].split()[-1]) for q in claim["quantities"]] == quantities


def test_extract_reads_among_the_deceased_as_killed():
    """Check that the lexicon's 'deceased' makes 'N ... among the deceased' a count of the killed."""
    claim = claim_with(syria_claims("Two teachers were among the deceased after the blast in Homs, the ministry said."), "teachers")
    assert [(q["value"], q["counts"]) for q in claim["quantities"]] == [(2.0, "teachers killed")]
