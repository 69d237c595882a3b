from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    """What a background job does. Each kind has one handler (``overstap.jobs.registry``)."""

    BULK_INTAKE = "bulk_intake", _("Bulk intake of a staff list")
    RETENTION = "retention", _("Retention run (anonymise closed cases)")
    REFRESH_DERIVED = "refresh_derived", _("Regenerate derived data")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)
