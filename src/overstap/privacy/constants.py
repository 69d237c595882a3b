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
    ANONYMISE = "anonymise", _("Anonymised")
    TRANSFER = "transfer", _("Moved to another region")


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
    SUPERVISION = "supervision", _("Privacy supervision (audit log)")
    RETENTION = "retention", _("Retention and erasure")
    # Issue #7 (consent): sharing with employers and the person's own right of access.
    SHARE_WITH_EMPLOYER = "share_with_employer", _("Sharing progress with the former employer")
    INTRODUCTION = "introduction", _("Introduction to a receiving employer")
    CONSENT = "consent", _("Consent administration")
    SUBJECT_ACCESS = "subject_access", _("The person's own data (right of access)")
    # Issue #9: anonymised aggregates of all regions for national bodies.
    NATIONAL_STATISTICS = "national_statistics", _("National statistics (anonymised)")


class BsnLegalBasis(models.TextChoices):
    """Why a BSN may be recorded: the BSN may only be processed where a law provides for it
    (Wet algemene bepalingen burgerservicenummer; UAVG article 46)."""

    SUWI = "suwi", _("Wet SUWI: work and income chain (UWV, municipality)")
    PARTICIPATION_ACT = "participatiewet", _("Participation Act (municipality)")
    UNEMPLOYMENT_ACT = "ww", _("Unemployment Insurance Act (UWV)")
    OTHER_LAW = "other_law", _("Another statutory task of the registering organisation")
