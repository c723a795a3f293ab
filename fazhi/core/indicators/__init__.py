"""The indicator registry: apps register figures; dashboards, bulletins and reports read them."""
