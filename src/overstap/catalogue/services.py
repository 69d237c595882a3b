"""Writes to the regional service catalogue.

The catalogue holds no personal data: these are simple transactions without audit
records. Coordinators maintain the offerings of every provider in their region; provider
staff maintain only their own organisation's offerings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from overstap.catalogue import selectors
from overstap.catalogue.models import FundingSource, Offering
from overstap.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from overstap.accounts.models import Organisation, User

#: The plain fields of an offering a form may set (``provider`` and funding are handled apart).
OFFERING_FIELDS = (
    "name",
    "kind",
    "category",
    "description",
    "target_group",
    "duration",
    "price",
    "capacity",
    "location",
    "online",
    "is_active",
)


def _validate(data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    price = data.get("price")
    if price is not None and Decimal(price) < 0:
        errors["price"] = _("The price cannot be negative.")
    capacity = data.get("capacity")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Capacity must be at least 1 place, or leave it empty for no limit.")
    if "name" in data and not str(data.get("name") or "").strip():
        errors["name"] = _("Give the offering a name.")
    if errors:
        raise ValidationError(errors)


def _check_provider(actor: User, provider: Organisation) -> None:
    if not selectors.editable_providers(user=actor).filter(pk=provider.pk).exists():
        raise PermissionDenied(_("You cannot manage the offerings of this provider."))


def _set_funding(offering: Offering, codes: Iterable[str]) -> None:
    sources = [FundingSource.objects.get_or_create(code=code)[0] for code in sorted(set(codes))]
    offering.funding_sources.set(sources)


def _apply(offering: Offering, data: Mapping[str, Any]) -> None:
    for name in OFFERING_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            if value is None and name in ("price",):
                value = Decimal(0)
            setattr(offering, name, value)


@transaction.atomic
def create_offering(*, actor: User, provider: Organisation, data: Mapping[str, Any]) -> Offering:
    """Add an offering of ``provider`` to the catalogue of the actor's region."""
    _check_provider(actor, provider)
    _validate(data)
    offering = Offering(region_id=provider.region_id, provider=provider)
    _apply(offering, data)
    offering.full_clean()
    offering.save()
    _set_funding(offering, data.get("funding_sources") or ())
    if "skills" in data:
        offering.skills.set(data["skills"] or ())
    return offering


@transaction.atomic
def update_offering(
    *,
    actor: User,
    offering: Offering,
    data: Mapping[str, Any],
    provider: Organisation | None = None,
) -> Offering:
    """Change an offering; ``provider`` moves it to another provider (coordinators)."""
    _check_provider(actor, offering.provider)
    if provider is not None and provider.pk != offering.provider_id:
        _check_provider(actor, provider)
        offering.provider = provider
    _validate(data)
    _apply(offering, data)
    offering.full_clean()
    offering.save()
    if "funding_sources" in data:
        _set_funding(offering, data["funding_sources"] or ())
    if "skills" in data:
        offering.skills.set(data["skills"] or ())
    return offering
