"""Fazhi (法治): the platform on which a local government runs law-based administration."""

__version__ = "0.1.0"
