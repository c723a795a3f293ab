"""The Chinese UI shell: base templates, local static assets, navigation, list pages, Excel export."""
