"""checker: find the numeric claims of news articles and cross-check them between sources."""

__version__ = "0.1.0"

__all__ = ["compare", "explain", "extract", "__version__"]


def __getattr__(name: str):
    """checker.explain, .extract and .compare, imported on first use: `checker --help` need not load the rule
    engine."""
    if name in ("compare", "explain", "extract"):
        from checker import api

        return getattr(api, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
