"""Ledger storage: kernel ledger entries in the database, files stored by content digest."""
