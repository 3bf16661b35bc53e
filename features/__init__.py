"""Claim extraction and the feature families: pure functions on DataFrames.

Compiled builds of the extraction modules are used only while they match their source (``features._native``).
"""

from features._native import use_current_builds

use_current_builds(__name__, __path__[0])
