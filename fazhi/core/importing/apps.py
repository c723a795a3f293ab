"""The import framework: the registry of importers and the generic import page."""

from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "fazhi.core.importing"
    label = "importing"
    verbose_name = "批量导入"
