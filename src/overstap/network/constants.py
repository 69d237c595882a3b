"""Choices of the employer network (issue #5): profiles, registrations and proposals."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    """Size of an employer by number of employees (CBS size classes, grouped)."""

    MICRO = "micro", _("1–9 employees")
    SMALL = "small", _("10–49 employees")
    MEDIUM = "medium", _("50–249 employees")
    LARGE = "large", _("250 employees or more")


class RegistrationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Arrangement(models.TextChoices):
    """How people go from the releasing to the receiving employer."""

    LENDING = "lending", _("Temporary lending")
    SECONDMENT = "secondment", _("Secondment")
    PERMANENT = "permanent", _("Permanent move")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    INTRODUCED = "introduced", _("Introduced")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")


#: Allowed status changes of a proposal.
PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ProposalStatus.PROPOSED: frozenset({ProposalStatus.INTRODUCED, ProposalStatus.DECLINED}),
    ProposalStatus.INTRODUCED: frozenset({ProposalStatus.AGREED, ProposalStatus.DECLINED}),
    ProposalStatus.AGREED: frozenset(),
    ProposalStatus.DECLINED: frozenset(),
}
CLOSED_PROPOSAL_STATUSES = frozenset({ProposalStatus.AGREED, ProposalStatus.DECLINED})


class EventKind(models.TextChoices):
    """What happened on an employer's timeline."""

    PROFILE = "profile", _("Profile changed")
    LOCATION = "location", _("Location changed")
    CONTACT = "contact", _("Contact person changed")
    NOTE = "note", _("Note added")
    SURPLUS = "surplus", _("Surplus registration")
    SHORTAGE = "shortage", _("Shortage registration")
    PROPOSAL = "proposal", _("Proposal")


#: SBI 2008 sections (the letter) with their labels; an SBI code starts with two digits that
#: fall into one section. Used to label a profile's SBI code.
SBI_SECTIONS: tuple[tuple[str, range, Any], ...] = (
    ("A", range(1, 4), _("Agriculture, forestry and fishing")),
    ("B", range(6, 10), _("Mining and quarrying")),
    ("C", range(10, 34), _("Manufacturing")),
    ("D", range(35, 36), _("Energy supply")),
    ("E", range(36, 40), _("Water supply and waste management")),
    ("F", range(41, 44), _("Construction")),
    ("G", range(45, 48), _("Wholesale and retail trade")),
    ("H", range(49, 54), _("Transportation and storage")),
    ("I", range(55, 57), _("Accommodation and food service")),
    ("J", range(58, 64), _("Information and communication")),
    ("K", range(64, 67), _("Financial services")),
    ("L", range(68, 69), _("Real estate")),
    ("M", range(69, 76), _("Specialised business services")),
    ("N", range(77, 83), _("Renting and other business support services")),
    ("O", range(84, 85), _("Public administration")),
    ("P", range(85, 86), _("Education")),
    ("Q", range(86, 89), _("Health and social work")),
    ("R", range(90, 94), _("Culture, sports and recreation")),
    ("S", range(94, 97), _("Other service activities")),
    ("T", range(97, 99), _("Households as employers")),
    ("U", range(99, 100), _("Extraterritorial organisations")),
)

#: Score weights of an employer-to-employer proposal (they add up to 1).
WEIGHT_SKILLS = 0.5
WEIGHT_DISTANCE = 0.2
WEIGHT_TIMING = 0.2
WEIGHT_ARRANGEMENT = 0.1
#: Pairs whose skill fit is below this are not proposed (too little in common).
MIN_SKILL_FIT = 0.05
#: Distance at which the distance component reaches zero (km).
MAX_DISTANCE_KM = 60.0
#: Days outside the shortage period at which the timing component reaches zero.
TIMING_SLACK_DAYS = 90
#: Most headcount one line may hold.
MAX_HEADCOUNT = 10000
