"""patroltl: a deduplicated, source-attributed chronology from news articles."""

__version__ = "0.1.0"
