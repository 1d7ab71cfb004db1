"""Benchmark of the list, search and detail pages (see README.md)."""
