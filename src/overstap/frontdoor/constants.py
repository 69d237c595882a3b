"""Choices of the front door (public pages, employer desk, schemes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    """A person's work situation, as they describe it and as scheme rules test it."""

    AT_RISK = "at_risk", _("I may lose my job")
    NOTICE_GIVEN = "notice_given", _("I have been given notice")
    UNEMPLOYED = "unemployed", _("I have lost my job")
    WANTS_CHANGE = "wants_change", _("I have a job but want something else")


#: The situations a resident can choose on the self-registration form (the guide's doors).
RESIDENT_SITUATIONS = [
    (Situation.AT_RISK.value, _("I may lose my job")),
    (Situation.NOTICE_GIVEN.value, _("I have been given notice")),
    (Situation.UNEMPLOYED.value, _("I have lost my job")),
    (Situation.WANTS_CHANGE.value, _("I have a job but want something else")),
]


class RegistrationKind(models.TextChoices):
    SELF_REGISTRATION = "registration", _("Self-registration")
    CONVERSATION = "conversation", _("Request for a career conversation")


class TimePreference(models.TextChoices):
    MORNING = "morning", _("In the morning")
    AFTERNOON = "afternoon", _("In the afternoon")
    EVENING = "evening", _("In the early evening")
    ANY = "any", _("Any time")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video call")
    IN_PERSON = "in_person", _("Face to face")


class DeskRequestKind(models.TextChoices):
    SURPLUS = "surplus", _("Too many staff (surplus)")
    SHORTAGE = "shortage", _("Too few staff (shortage)")
    VACANCY = "vacancy", _("Vacancy")


class DeskRequestStatus(models.TextChoices):
    NEW = "new", _("New")
    PICKED_UP = "picked_up", _("Picked up")
    DONE = "done", _("Done")


class SchemeScope(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")


class SchemeKind(models.TextChoices):
    TRAINING_BUDGET = "training_budget", _("Training budget")
    VOUCHER = "voucher", _("Voucher")
    SECTOR_FUND = "sector_fund", _("Sector fund")
    WAGE_SUPPORT = "wage_support", _("Wage support for the employer")
    TRIAL = "trial", _("Trial placement")
    GUIDANCE = "guidance", _("Guidance and advice")
    OTHER = "other", _("Other")
