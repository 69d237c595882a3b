from django.db import models
from django.utils.translation import gettext_lazy as _


class BottleneckCategory(models.TextChoices):
    REGULATION = "regulation", _("Regulation")
    FINANCE = "finance", _("Finance")
    PROCESS = "process", _("Process")
    PRIVACY = "privacy", _("Privacy")
    SYSTEMS = "systems", _("Systems")


class BottleneckStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ESCALATED = "escalated", _("Escalated")
    RESOLVED = "resolved", _("Resolved")
