"""checker: find the numeric claims of news articles and cross-check them between sources."""

__version__ = "0.1.0"

__all__ = ["explain", "__version__"]


def __getattr__(name: str):
    """checker.explain, imported on first use: `checker --help` need not load the rule engine."""
    if name == "explain":
        from checker.api import explain

        return explain
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
