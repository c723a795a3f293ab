"""Declared state machines and the one entry point that performs a transition."""
