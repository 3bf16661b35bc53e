"""Helpers the extraction tests share: extract an invented Syria article, find the one claim holding a phrase."""

from __future__ import annotations

import pandas as pd

from features.extract import articles_from_texts, extract_claims
from flows.packs import load_pack


def syria_claims(text: str, outlet: str = "reuters", published: str = "2016-09-20") -> pd.DataFrame:
    """Claims of ``text`` as one article of ``outlet`` published on ``published``, with the syria pack."""
    return extract_claims(articles_from_texts([text], outlet=outlet, published=published), load_pack("syria"))


def claim_with(claims: pd.DataFrame, phrase: str) -> pd.Series:
    """The one claim whose text contains ``phrase``; fails the test, listing the claims, when there is none or several."""
    rows = claims[claims["text"].str.contains(phrase, regex=False)]
    assert len(rows) == 1, f"expected one claim containing {phrase!r}, found {len(rows)}: {claims['text'].tolist()}"
    return rows.iloc[0]
