"""Reads of the regional service catalogue.

The catalogue holds no personal data, so these reads are not audited. Every function is
scoped to the user's own region: an offering of another region is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation
from overstap.cases.constants import ReferralStatus
from overstap.catalogue.models import Offering

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: Referral statuses that occupy a place of an offering's capacity (kept in step with
#: ``overstap.cases.services.referrals.OCCUPYING``, which enforces it when accepting).
OCCUPYING_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.STARTED)


@dataclass(frozen=True)
class OfferingFilters:
    """Search and filters of the catalogue list. Empty values filter nothing."""

    query: str = ""
    category: str = ""
    kind: str = ""
    funding: str = ""
    provider_id: int | None = None
    online: bool | None = None
    max_price: Decimal | None = None
    has_capacity: bool = False


def user_region_id(user: User) -> int | None:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return None
    return user.organisation.region_id  # type: ignore[union-attr]


def _annotated(qs: QuerySet[Offering]) -> QuerySet[Offering]:
    return qs.select_related("provider").annotate(
        places_used=Count(
            "referrals", filter=Q(referrals__status__in=OCCUPYING_STATUSES), distinct=True
        )
    )


def region_offerings(*, user: User, include_inactive: bool = False) -> QuerySet[Offering]:
    """All offerings of the user's region, annotated with ``places_used``."""
    region_id = user_region_id(user)
    if region_id is None:
        return Offering.objects.none()
    qs = Offering.objects.filter(region_id=region_id)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return _annotated(qs)


def region_offerings_for_case(*, region_id: int) -> QuerySet[Offering]:
    """The active offerings a case of ``region_id`` can be referred to, with ``places_used``."""
    return _annotated(Offering.objects.filter(region_id=region_id, is_active=True)).order_by(
        "category", "name", "pk"
    )


def offerings(*, user: User, filters: OfferingFilters | None = None) -> QuerySet[Offering]:
    """The active offerings of the user's region that match ``filters``."""
    filters = filters or OfferingFilters()
    qs = region_offerings(user=user)
    for word in filters.query.split():
        qs = qs.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(target_group__icontains=word)
            | Q(provider__name__icontains=word)
        )
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.funding:
        qs = qs.filter(funding_sources__code=filters.funding)
    if filters.provider_id:
        qs = qs.filter(provider_id=filters.provider_id)
    if filters.online is not None:
        qs = qs.filter(online=filters.online)
    if filters.max_price is not None:
        qs = qs.filter(price__lte=filters.max_price)
    if filters.has_capacity:
        qs = qs.filter(Q(capacity__isnull=True) | Q(capacity__gt=F("places_used")))
    return qs.prefetch_related("funding_sources").order_by("category", "name", "pk").distinct()


def get_offering(*, user: User, offering_id: int) -> Offering:
    """One offering of the user's region; inactive ones only for those who may edit them."""
    offering = (
        region_offerings(user=user, include_inactive=True)
        .prefetch_related("funding_sources")
        .filter(pk=offering_id)
        .first()
    )
    if offering is None or (not offering.is_active and not can_edit_offering(user, offering)):
        raise Http404
    return offering


def providers_with_offerings(*, user: User) -> QuerySet[Organisation]:
    """Providers that have active offerings in the user's region (for the filter)."""
    region_id = user_region_id(user)
    if region_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        offerings__region_id=region_id, offerings__is_active=True
    ).distinct()


def editable_providers(*, user: User) -> QuerySet[Organisation]:
    """Organisations whose offerings ``user`` may create and change.

    Coordinators: every service provider of their region. Provider staff: their own
    organisation. Everyone else: none.
    """
    region_id = user_region_id(user)
    if region_id is None:
        return Organisation.objects.none()
    if user.role == Role.COORDINATOR:
        return Organisation.objects.filter(
            region_id=region_id, kind=OrganisationKind.SERVICE_PROVIDER, is_active=True
        )
    if user.role == Role.PROVIDER_STAFF:
        return Organisation.objects.filter(pk=user.organisation_id or 0)
    return Organisation.objects.none()


def can_create_offerings(user: User) -> bool:
    """Whether ``user`` maintains offerings of any provider (else the edit pages are a 403)."""
    return editable_providers(user=user).exists()


def can_edit_offering(user: User, offering: Offering) -> bool:
    return (
        offering.region_id == user_region_id(user)
        and editable_providers(user=user).filter(pk=offering.provider_id).exists()
    )


def get_editable_offering(*, user: User, offering_id: int) -> Offering:
    """An offering ``user`` may change; 404 otherwise (ids cannot be probed)."""
    offering = (
        region_offerings(user=user, include_inactive=True)
        .prefetch_related("funding_sources")
        .filter(pk=offering_id)
        .first()
    )
    if offering is None or not can_edit_offering(user, offering):
        raise Http404
    return offering


@dataclass(frozen=True)
class ProviderProfile:
    """What this provider is good at: the categories it offers and its track record."""

    provider: Organisation
    categories: list[str]
    active_offerings: int
    referrals_completed: int


def provider_profile(*, provider: Organisation) -> ProviderProfile:
    from overstap.catalogue.constants import OfferingCategory

    active = provider.offerings.filter(is_active=True)
    codes = set(active.values_list("category", flat=True))
    categories = [str(choice.label) for choice in OfferingCategory if choice.value in codes]
    completed = provider.referrals_received.filter(status=ReferralStatus.COMPLETED).count()
    return ProviderProfile(
        provider=provider,
        categories=categories,
        active_offerings=active.count(),
        referrals_completed=completed,
    )


def places_free(offering: Offering) -> int | None:
    """Free places of an offering annotated with ``places_used``; ``None`` = no limit."""
    if offering.capacity is None:
        return None
    used = getattr(offering, "places_used", 0) or 0
    return max(offering.capacity - used, 0)
