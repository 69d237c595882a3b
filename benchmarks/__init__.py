"""Benchmarks: each module has ``run() -> dict``; ``python -m benchmarks.<module>`` writes docs."""
