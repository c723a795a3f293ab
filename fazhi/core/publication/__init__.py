"""The publication door: everything shown to the public passes redaction and is timed."""
