"""Benchmarks: speed, memory and token measurements against baselines (run as modules)."""
