"""Benchmarks for Møteplass: `make bench` (see bench/README.md)."""
