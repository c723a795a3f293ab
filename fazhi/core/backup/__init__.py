"""Backup and restore of a whole instance: the database and the stored files in one archive.

``fazhi backup PATH`` writes a ``.tar`` holding ``manifest.json`` (format version, database
vendor, migration state per app, creation time, row counts, the ledger head and every member
with its SM3 digest), one consistent snapshot of the database (``pg_dump`` custom format on
PostgreSQL, the SQLite online backup API on SQLite) and every stored file that snapshot
references. ``fazhi restore PATH`` checks the archive, refuses what it cannot restore safely,
loads it into an empty instance and runs the ledger verification. See ``docs/backup.md``.
"""
