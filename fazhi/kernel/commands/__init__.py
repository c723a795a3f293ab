"""Command-line front ends of the kernel engines, dispatched by :mod:`fazhi.cli`.

Each module exposes ``main(argv: list[str]) -> int`` and imports no Django.
"""
