"""Consent purposes, channels and the versioned consent texts the person is shown.

The texts are plain language (B1) and versioned: a ``ConsentRecord`` stores the version
the person saw, so a changed text never changes what someone agreed to. Add a new
version instead of editing an existing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    """What the person's data may be shared for (one consent per purpose and recipient)."""

    SHARE_PROGRESS = "share_progress", _("Share progress with the former employer")
    INTRODUCTION = "introduction", _("Introduction to a new employer")
    REFERRAL = "referral", _("Share with a provider for a referral")
    RESEARCH = "research", _("Research")


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person (said yes in a conversation)")
    SIGNED = "signed", _("Signed form")
    ONLINE = "online", _("Online")


class ConsentState(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class IntroductionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested by the employer")
    CONSENT_ASKED = "consent_asked", _("Asking the person")
    ACCEPTED = "accepted", _("Accepted: the employer may contact the person")
    DECLINED = "declined", _("Declined")


#: Purposes that always name one recipient organisation; the others (research) name none.
PURPOSES_WITH_RECIPIENT = frozenset(
    {ConsentPurpose.SHARE_PROGRESS, ConsentPurpose.INTRODUCTION, ConsentPurpose.REFERRAL}
)
#: Suggested validity of a new consent (the person may choose a shorter or no end date).
DEFAULT_VALID_DAYS = 365


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    version: str
    text: str | Promise  # may contain %(recipient)s

    def render(self, recipient: str = "") -> str:
        return str(self.text) % {"recipient": recipient or str(_("the organisation"))}


CONSENT_TEXTS: tuple[ConsentText, ...] = (
    ConsentText(
        ConsentPurpose.SHARE_PROGRESS,
        "2026-1",
        _(
            "You worked at %(recipient)s. They want to know how you are doing. "
            "If you say yes, %(recipient)s can see: your name, whether you are still looking "
            "for work, which route you follow, the result (for example a new job) and the date "
            "of the last step. They do not see your notes, your talks with us or your "
            "private situation. You can say no. That has no effect on the help you get. "
            "You can stop this at any moment: tell your case manager. Then %(recipient)s "
            "sees nothing about you from that moment on."
        ),
    ),
    ConsentText(
        ConsentPurpose.INTRODUCTION,
        "2026-1",
        _(
            "%(recipient)s has a job that may suit you. They saw your skills, but not your "
            "name. If you say yes, %(recipient)s gets your name, phone number and e-mail "
            "address, so they can invite you for a talk. They get nothing else. You can say "
            "no. That has no effect on the help you get. You can stop this at any moment: "
            "tell your case manager."
        ),
    ),
    ConsentText(
        ConsentPurpose.REFERRAL,
        "2026-1",
        _(
            "We want to sign you up with %(recipient)s. They need your name and contact "
            "details, and a short note from your case manager on why this helps you. "
            "If you say yes, we send them this. You can say no, or stop it later: tell your "
            "case manager. Then %(recipient)s no longer sees your details."
        ),
    ),
    ConsentText(
        ConsentPurpose.RESEARCH,
        "2026-1",
        _(
            "Researchers want to learn what helps people find new work. If you say yes, "
            "they get facts about your route and its result, without your name, address or "
            "date of birth. Nobody can see from the research that it is about you. You can "
            "say no. That has no effect on the help you get. You can stop this at any moment."
        ),
    ),
)


def consent_text(purpose: str, version: str) -> ConsentText | None:
    for text in CONSENT_TEXTS:
        if text.purpose == purpose and text.version == version:
            return text
    return None


def current_text(purpose: str) -> ConsentText:
    """The newest version for ``purpose`` (the last one listed)."""
    return [text for text in CONSENT_TEXTS if text.purpose == purpose][-1]
