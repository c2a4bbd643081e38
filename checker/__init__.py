"""checker: find the numeric claims of news articles and cross-check them between sources."""

__version__ = "0.1.0"

from checker.api import explain  # noqa: E402  (re-exported: checker.explain)

__all__ = ["explain", "__version__"]
