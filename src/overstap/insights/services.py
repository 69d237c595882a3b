"""Writes of the insight app: referral funding, budgets and the bottleneck register.

Referral funding changes a case's referral, so it follows the case services' rules: one
transaction that checks access, writes the timeline event and the audit record together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from overstap.accounts.constants import Role
from overstap.cases.constants import CaseEventKind, PriorProvision
from overstap.cases.models import Case, Referral
from overstap.cases.services.common import (
    audit_change,
    bump_version,
    log_event,
    require_case_access,
)
from overstap.catalogue.constants import FundingSourceCode
from overstap.catalogue.models import FundingSource
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.insights.models import Bottleneck, Budget
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import Region, User

#: Roles that work with the bottleneck register of their region.
BOTTLENECK_ROLES = frozenset({Role.COORDINATOR, Role.CASE_MANAGER, Role.ACCOUNT_MANAGER})


def check_funding_rule(
    *,
    funding_source: FundingSource | None,
    prior_provision_checked: bool,
    prior_provisions: Iterable[str],
) -> None:
    """The regional pooled budget pays only when no prior provision applies.

    Raises ``DomainError`` naming the provision that must pay first.
    """
    if funding_source is None or funding_source.code != FundingSourceCode.REGIONAL_BUDGET:
        return
    provisions = [p for p in prior_provisions if p in PriorProvision.values]
    if provisions:
        names = ", ".join(str(PriorProvision(p).label) for p in provisions)
        raise DomainError(
            _(
                "The regional pooled budget pays only when no prior provision applies. "
                "%(provisions)s applies to this person: that must pay first."
            )
            % {"provisions": names},
            code="prior_provision",
        )
    if not prior_provision_checked:
        raise DomainError(
            _(
                "The regional pooled budget pays only when no prior provision applies. "
                "First check the social plan, sector training fund, individual training budget, "
                "UWV and municipality, and confirm that none applies."
            ),
            code="prior_provision_unchecked",
        )


@transaction.atomic
def set_referral_funding(
    *,
    actor: User,
    referral: Referral,
    funding_source: FundingSource | None,
    cost: Decimal,
    prior_provision_checked: bool,
    prior_provisions: Sequence[str],
    expected_version: int | None = None,
) -> Referral:
    """Set who pays for a referral and what it costs; records the case's prior provisions."""
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    require_case_access(actor, case)
    if cost is None or cost < 0:
        raise DomainError(_("The cost cannot be negative."), code="negative_cost")
    unknown = [p for p in prior_provisions if p not in PriorProvision.values]
    if unknown:
        raise DomainError(_("Unknown prior provision."), code="unknown_provision")
    check_funding_rule(
        funding_source=funding_source,
        prior_provision_checked=prior_provision_checked,
        prior_provisions=prior_provisions,
    )
    bump_version(referral, expected_version)
    referral.funding_source = funding_source
    referral.cost = cost
    referral.save(update_fields=["funding_source", "cost", "updated_at"])
    provisions = sorted(set(prior_provisions))
    if provisions != sorted(case.prior_provisions or []):
        case.prior_provisions = provisions
        case.save(update_fields=["prior_provisions", "updated_at"])
    log_event(
        case=case,
        kind=CaseEventKind.REFERRAL,
        actor=actor,
        summary=_("%(offering)s: funding %(source)s, € %(cost)s")
        % {
            "offering": referral.offering.name,
            "source": funding_source or _("not set"),
            "cost": cost,
        },
        data={"referral": referral.pk, "funding": funding_source.code if funding_source else ""},
    )
    audit_change(
        actor=actor,
        case=case,
        obj=referral,
        purpose=Purpose.REFERRAL,
        fields=["cost", "funding_source", "prior_provisions"],
    )
    return referral


# --- budgets ---------------------------------------------------------------------------


def require_coordinator(actor: User) -> Region:
    if (
        not actor.is_authenticated
        or not actor.is_active
        or actor.role != Role.COORDINATOR
        or actor.organisation is None
    ):
        raise PermissionDenied(_("Only coordinators can do this."))
    return actor.organisation.region


@transaction.atomic
def set_budget(*, actor: User, funding_source: FundingSource, year: int, amount: Decimal) -> Budget:
    region = require_coordinator(actor)
    if amount < 0:
        raise DomainError(_("A budget cannot be negative."))
    budget, _created = Budget.objects.update_or_create(
        region=region, funding_source=funding_source, year=year, defaults={"amount": amount}
    )
    return budget


# --- bottlenecks -----------------------------------------------------------------------


def bottleneck_region(actor: User) -> Region:
    """The region whose register ``actor`` works with; ``PermissionDenied`` for others."""
    if (
        not actor.is_authenticated
        or not actor.is_active
        or actor.role not in BOTTLENECK_ROLES
        or actor.organisation is None
    ):
        raise PermissionDenied(_("Only coordinators and case managers use the register."))
    return actor.organisation.region


@transaction.atomic
def save_bottleneck(
    *, actor: User, bottleneck: Bottleneck | None, data: dict[str, Any], cases: Sequence[Case]
) -> Bottleneck:
    """Create or change a bottleneck of the actor's region. ``cases`` must be cases the
    actor may see (the view resolves case numbers through the access rules)."""
    region = bottleneck_region(actor)
    if bottleneck is None:
        bottleneck = Bottleneck(region=region, created_by=actor)
    elif bottleneck.region_id != region.pk:
        raise PermissionDenied(_("This bottleneck belongs to another region."))
    owner = data.get("owner")
    if owner is not None and (
        owner.organisation is None or owner.organisation.region_id != region.pk
    ):
        raise DomainError(_("The owner must work in your region."))
    for name in ("category", "title", "description", "affected_count", "status", "owner"):
        setattr(bottleneck, name, data[name])
    bottleneck.affected_count = max(bottleneck.affected_count or 0, len(cases))
    bottleneck.save()
    if cases:
        existing = set(bottleneck.cases.values_list("pk", flat=True))
        bottleneck.cases.add(*[c for c in cases if c.pk not in existing])
    from overstap.privacy import audit

    audit.record(
        actor=actor,
        action=AuditAction.UPDATE if bottleneck.pk else AuditAction.CREATE,
        purpose=Purpose.COORDINATION,
        obj=bottleneck,
        details={"cases_linked": len(cases)},
    )
    return bottleneck
