"""Choices of the employers app (vacancies of receiving employers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyStatus(models.TextChoices):
    """Where a vacancy is in its life: only open vacancies are shown to case managers."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class SkillImportance(models.TextChoices):
    """How much a vacancy needs a skill."""

    MUST = "must", _("Must have")
    NICE = "nice", _("Nice to have")


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")
    WEEKEND = "weekend", _("Weekend")


class VacancySource(models.TextChoices):
    """How a vacancy came into Overstap (imports are idempotent per source and external id)."""

    UI = "ui", _("Entered on screen")
    CSV = "csv", _("CSV upload")
    JSONLD = "jsonld", _("JobPosting JSON(-LD)")
    DEMO = "demo", _("Demo data")


class ImportFormat(models.TextChoices):
    CSV = "csv", _("CSV (spreadsheet)")
    JSONLD = "jsonld", _("schema.org JobPosting (JSON or JSON-LD)")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    DONE = "done", _("Imported")


#: Hours per week a vacancy may ask for.
MIN_HOURS, MAX_HOURS = 1, 60
#: Positions of one vacancy.
MAX_POSITIONS = 500
#: Upload limits.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
