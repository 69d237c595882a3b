from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferingKind(models.TextChoices):
    SINGLE = "single", _("Single service")
    TRAJECTORY = "trajectory", _("Whole trajectory")


class OfferingCategory(models.TextChoices):
    TALENT_SCAN = "talent_scan", _("Talent scan")
    CAREER_TEST = "career_test", _("Interest or career test")
    GRIEF_COACHING = "grief_coaching", _("Grief coaching")
    APPLICATION_TRAINING = "application_training", _("CV and application training")
    LINKEDIN_TRAINING = "linkedin_training", _("LinkedIn and social media training")
    PITCH_VIDEO = "pitch_video", _("Pitch video")
    SELF_EMPLOYMENT = "self_employment", _("Support to start as self-employed")
    TRAINING = "training", _("(Re)training")
    EVC = "evc", _("Recognition of prior learning (EVC)")
    JOB_HUNTING = "job_hunting", _("Job hunting")
    COACHING = "coaching", _("Career coaching")
    OTHER = "other", _("Other")


class FundingSourceCode(models.TextChoices):
    REGIONAL_BUDGET = "regional_budget", _("Regional pooled budget")
    SOCIAL_PLAN = "social_plan", _("Employer's social plan")
    SECTOR_FUND = "sector_fund", _("Sector training fund")
    TRAINING_BUDGET = "training_budget", _("Individual training budget")
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("Municipality")
