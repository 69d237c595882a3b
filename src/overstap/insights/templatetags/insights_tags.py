"""``{% referral_funding referral %}``: the costs-and-funding form on a case's referral."""

from __future__ import annotations

from typing import Any

from django import template

from overstap.insights.forms import FundingForm

register = template.Library()


@register.inclusion_tag("insights/_referral_funding.html", takes_context=True)
def referral_funding(context: template.Context, referral: Any, case: Any) -> dict[str, Any]:
    # a rejected submission (insights.views.referral_funding) comes back bound, with errors
    request = context.get("request")
    rejected = getattr(request, "funding_forms", {}).get(referral.pk)
    form = rejected or FundingForm(
        initial={
            "funding_source": referral.funding_source_id,
            "cost": referral.cost,
            "prior_provisions": case.prior_provisions or [],
            "prior_provision_checked": bool(case.prior_provisions)
            or getattr(referral.funding_source, "code", "") == "regional_budget",
            "version": referral.version,
        },
        auto_id=f"id_funding_{referral.pk}_%s",
    )
    return {
        "form": form,
        "rejected": rejected is not None,
        "referral": referral,
        "case": case,
        "can_work": context.get("can_work", False),
        "csrf_token": context.get("csrf_token"),
    }
