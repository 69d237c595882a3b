"""No wrong door: register a person at any partner, and merge duplicate records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from overstap.cases import access, selectors, services
from overstap.cases.constants import CaseStatus
from overstap.cases.forms.registration import DuplicateDecisionForm, MergeForm, RegistrationForm
from overstap.cases.services import PossibleDuplicate
from overstap.cases.views.common import add_validation_errors
from overstap.core import exceptions as domain
from overstap.privacy.crypto import mask_bsn

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.cases.models import Person


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- Registration -----------------------------------------------------------------------


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """Register a person. Possible duplicates are shown first; the user decides."""
    user = _user(request)
    if not access.can_register(user):
        raise PermissionDenied
    duplicates: list[dict[str, Any]] = []
    if request.method != "POST":
        form = RegistrationForm(user=user)
        return _render_register(request, form, duplicates)

    form = RegistrationForm(request.POST, user=user)
    decision = DuplicateDecisionForm(request.POST)
    if not form.is_valid() or not decision.is_valid():
        return _render_register(request, form, duplicates)
    data = form.registration_data()
    confirmed = bool(decision.cleaned_data["confirm"])
    existing_person_id = decision.cleaned_data["existing_person_id"]

    if not confirmed or existing_person_id:
        found = services.find_possible_duplicates(user=user, data=data)
        duplicates = _describe_duplicates(user, found)
        if existing_person_id:
            allowed = {d["person_id"] for d in duplicates if d["can_open_new_case"]}
            if existing_person_id not in allowed:
                form.add_error(
                    None,
                    _("You cannot open a new case for that record. Register the person anew."),
                )
                return _render_register(request, form, duplicates)
        elif duplicates:
            return _render_register(request, form, duplicates)

    try:
        case = services.register_person(
            actor=user,
            data=data,
            take_case=bool(form.cleaned_data.get("take_case")),
            existing_person_id=existing_person_id,
        )
    except domain.PermissionDenied as exc:
        raise PermissionDenied(exc.message) from exc
    except domain.DomainError as exc:
        form.add_error(None, exc.message)
        return _render_register(request, form, duplicates)
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return _render_register(request, form, duplicates)
    return redirect("cases:register_done", pk=case.pk)


def _describe_duplicates(user: User, found: list[PossibleDuplicate]) -> list[dict[str, Any]]:
    """What the duplicate panel shows, and whether a new case may be opened for the record."""
    visible_ids = [pk for d in found for pk in d.visible_case_ids]
    open_people: set[int] = set()
    if visible_ids:
        open_people = set(
            access.visible_cases(user)
            .filter(pk__in=visible_ids)
            .exclude(status=CaseStatus.CLOSED)
            .values_list("person_id", flat=True)
        )
    result = []
    for dup in found:
        sees_all = bool(dup.visible_case_ids) and len(dup.visible_case_ids) == len(dup.case_numbers)
        result.append(
            {
                "person_id": dup.person_id,
                "reasons": dup.reasons,
                "case_numbers": dup.case_numbers,
                "contact": dup.contact,
                "visible_case_id": dup.visible_case_ids[0] if dup.visible_case_ids else None,
                "can_open_new_case": sees_all and dup.person_id not in open_people,
            }
        )
    return result


def _render_register(
    request: HttpRequest, form: RegistrationForm, duplicates: list[dict[str, Any]]
) -> HttpResponse:
    return render(
        request,
        "cases/register.html",
        {"nav_active": "register", "form": form, "duplicates": duplicates},
    )


@login_required
def register_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Receipt of a registration: only for the person who registered it, name and number."""
    user = _user(request)
    case = selectors.get_registered_case(user=user, case_id=pk)
    return render(
        request,
        "cases/register_done.html",
        {
            "nav_active": "register",
            "case": case,
            "name": case.person.full_name,
            "is_case_manager": case.case_manager_id == user.pk,
            "in_queue": case.case_manager_id is None,
        },
    )


# --- Merging duplicate records ------------------------------------------------------------


def _person_id(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise Http404 from None


@login_required
def merge(request: HttpRequest) -> HttpResponse:
    """Compare two records of (possibly) one person side by side and merge them."""
    user = _user(request)
    if not access.can_merge_people(user):
        raise PermissionDenied
    if request.method == "POST":
        ids = (_person_id(request.POST.get("person_a")), _person_id(request.POST.get("person_b")))
    else:
        ids = (_person_id(request.GET.get("keep")), _person_id(request.GET.get("merge")))
    if ids[0] == ids[1]:
        raise Http404
    if request.method == "POST":
        form = MergeForm(request.POST, person_ids=ids)
        if form.is_valid():
            keep_id = form.cleaned_data["keep"]
            try:
                kept = services.merge_people(actor=user, keep_id=keep_id, merge_id=form.merge_id())
            except domain.PermissionDenied as exc:
                raise PermissionDenied(exc.message) from exc
            except domain.DomainError as exc:
                messages.error(request, exc.message)
                return redirect("cases:intake_queue")
            else:
                messages.success(
                    request,
                    _("The records are merged. All cases of %(name)s are now on one record.")
                    % {"name": kept.full_name},
                )
                newest = (
                    access.visible_cases(user)
                    .filter(person_id=kept.pk)
                    .order_by("-created_at", "-pk")
                    .values_list("pk", flat=True)
                    .first()
                )
                if newest is None:
                    return redirect("cases:intake_queue")
                return redirect("cases:case_detail", pk=newest)
    else:
        form = MergeForm(initial={"keep": ids[0]}, person_ids=ids)
    people = selectors.people_for_merge(user=user, person_ids=ids)
    return render(
        request,
        "cases/merge.html",
        {
            "nav_active": "queue",
            "form": form,
            "records": [_merge_record(p) for p in people],
            "ids": ids,
        },
    )


def _merge_record(person: Person) -> dict[str, Any]:
    return {
        "person": person,
        "masked_bsn": mask_bsn(person.bsn),
        "cases": list(person.cases.all()),
    }
