"""Output formats: tables for people (tabulate), records for machines (JSON, JSON Lines, CSV)."""
