"""System apps: one Django app per 制度."""
