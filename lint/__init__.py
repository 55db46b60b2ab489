"""reportlint: a linter for Chinese report drafts (公文)."""

__version__ = "0.1.0"
