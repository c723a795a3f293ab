from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "fazhi.core.numbering"
    label = "numbering"
    verbose_name = "案号文号"
