from django.apps import AppConfig


class ActsConfig(AppConfig):
    name = "fazhi.core.acts"
    label = "acts"
    verbose_name = "行政行为关联"
