"""The platform layer: Django apps holding the mechanisms every system (制度) plugs into.

They know no system. A system app declares its models, workflow and indicators and calls the
services here; it never reaches into these apps' models to change state.
"""
