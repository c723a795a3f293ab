"""The deterministic demo county loaded by ``make demo``."""
