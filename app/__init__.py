"""Claimsheet: an offline workbench that turns a news article into a fact-checking worksheet."""

__version__ = "0.1.0"
