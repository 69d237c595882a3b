"""Consents for the demo region (issue #7). Idempotent: only adds what is missing.

* every demo referral gets the person's consent for its provider (so the demo provider
  still sees its referrals now that providers see only consented or overridden ones);
* two former staff of the demo employer (Peter Smulders, Cateringgroep Brabant) on the
  demo case manager's caseload share their progress with him; the third does not yet, so
  the journey "consent → the employer sees progress → withdrawal → counts only" can be
  shown with her (see docs/consent.md);
* about half of the demo case manager's people consent to research.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from overstap.accounts.models import Organisation, User
from overstap.cases.models import Case, Referral
from overstap.consent import services
from overstap.consent.constants import ConsentChannel, ConsentPurpose
from overstap.consent.models import ConsentOverride, ConsentRecord

if TYPE_CHECKING:
    from overstap.accounts.models import Region

EMPLOYER_USERNAME = "employer"
CASE_MANAGER_USERNAME = "casemanager"
#: How many of the employer's former staff on the demo caseload share their progress.
SHARING = 2


def demo_former_staff(region: Region) -> list[Case]:
    """The demo case manager's open cases of the demo employer's former staff, in a fixed
    order: the first ``SHARING`` share their progress, the next one is the journey's."""
    employer = User.objects.get(username=EMPLOYER_USERNAME).organisation
    return list(
        Case.objects.filter(
            region=region,
            releasing_employer=employer,
            case_manager__username=CASE_MANAGER_USERNAME,
        )
        .exclude(status="closed")
        .select_related("person", "case_manager")
        .order_by("pk")
    )


def build(region: Region) -> int:
    """Add the demo consents; return how many records were added."""
    added = 0
    for referral in Referral.objects.filter(case__region=region).select_related(
        "case", "case__person", "case__case_manager", "provider"
    ):
        actor = referral.case.case_manager
        if actor is None or not actor.is_active:
            continue
        exists = (
            ConsentRecord.objects.filter(
                person=referral.case.person,
                purpose=ConsentPurpose.REFERRAL,
                recipient=referral.provider,
            ).exists()
            or ConsentOverride.objects.filter(referral=referral).exists()
        )
        if not exists:
            services.give_consent(
                actor=actor,
                person=referral.case.person,
                purpose=ConsentPurpose.REFERRAL,
                recipient=referral.provider,
                channel=ConsentChannel.SIGNED,
            )
            added += 1
    staff = demo_former_staff(region)
    employer: Organisation | None = staff[0].releasing_employer if staff else None
    for case in staff[:SHARING]:
        if not ConsentRecord.objects.filter(
            person=case.person, purpose=ConsentPurpose.SHARE_PROGRESS, recipient=employer
        ).exists():
            services.give_consent(
                actor=case.case_manager,  # type: ignore[arg-type]
                person=case.person,
                purpose=ConsentPurpose.SHARE_PROGRESS,
                recipient=employer,
                channel=ConsentChannel.SIGNED,
                expires_on=timezone.localdate() + dt.timedelta(days=365),
            )
            added += 1
    cases = Case.objects.filter(
        region=region, case_manager__username=CASE_MANAGER_USERNAME
    ).select_related("person", "case_manager")
    for index, case in enumerate(cases.order_by("pk")):
        if (
            index % 2
            or ConsentRecord.objects.filter(
                person=case.person, purpose=ConsentPurpose.RESEARCH
            ).exists()
        ):
            continue
        services.give_consent(
            actor=case.case_manager,  # type: ignore[arg-type]
            person=case.person,
            purpose=ConsentPurpose.RESEARCH,
            channel=ConsentChannel.ONLINE,
        )
        added += 1
    return added
