from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "fazhi.core.ui"
    label = "ui"
    verbose_name = "界面"
