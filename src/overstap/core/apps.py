from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "overstap.core"
    label = "core"
