from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("Read")
    LIST = "list", _("Listed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    MERGE = "merge", _("Merged")
    ASSIGN = "assign", _("Assigned")
    DENIED = "denied", _("Access refused")


class Purpose(models.TextChoices):
    """Registered processing purposes: every access to personal data names one."""

    CASE_MANAGEMENT = "case_management", _("Case management")
    REGISTRATION = "registration", _("Registration (no wrong door)")
    INTAKE_QUEUE = "intake_queue", _("Intake queue and handover")
    REFERRAL = "referral", _("Referral to a service")
    DUPLICATE_CHECK = "duplicate_check", _("Duplicate check")
    COORDINATION = "coordination", _("Regional coordination")
    MATCHING = "matching", _("Matching")
    RESEARCH = "research", _("Research (pseudonymised export)")
