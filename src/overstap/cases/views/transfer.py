"""Moving a case to another region (issue #9): a coordinator of the case's region."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from overstap.cases import access, selectors, services
from overstap.cases.constants import OPEN_REFERRAL_STATUSES
from overstap.cases.forms.transfer import TransferForm
from overstap.cases.views.common import case_context
from overstap.core import exceptions as domain

if TYPE_CHECKING:
    from overstap.accounts.models import User


@login_required
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast("User", request.user)
    if request.method not in ("GET", "POST"):
        selectors.get_case(user=user, case_id=pk, for_update=True)
        return HttpResponseNotAllowed(["GET", "POST"])
    posting = request.method == "POST"
    case = selectors.get_case(user=user, case_id=pk, for_update=posting)
    if not access.can_transfer_case(user, case):
        raise PermissionDenied
    form = TransferForm(request.POST if posting else None, case=case)
    status = 200
    if posting and form.is_valid():
        to_region = form.cleaned_data["to_region"]
        try:
            services.transfer_case(
                actor=user,
                case=case,
                to_region=to_region,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except domain.ConflictError as exc:
            case.refresh_from_db(fields=["version"])
            data = request.POST.copy()
            data["expected_version"] = str(case.version)
            form = TransferForm(data, case=case)
            form.is_valid()
            form.add_error(None, exc.message)
            status = 409
        except domain.DomainError as exc:
            form.add_error(None, exc.message)
            status = 400
        else:
            messages.success(
                request,
                _(
                    "Case %(number)s moved to %(region)s. It is in the intake queue there; "
                    "this region no longer has access."
                )
                % {"number": case.number, "region": to_region.name},
            )
            return redirect("cases:intake_queue")
    elif posting:
        status = 400
    context = case_context(
        request,
        case,
        "overview",
        form=form,
        open_referrals=case.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).count(),
    )
    return render(request, "cases/transfer.html", context, status=status)
