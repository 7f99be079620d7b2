"""Columnar analytics: Parquet snapshots of the feedback store, aggregated with DuckDB."""
