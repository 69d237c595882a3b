"""The overview of one case: key facts, registration, plan summary, team and timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from overstap.cases import access, selectors, services
from overstap.cases.constants import OPEN_REFERRAL_STATUSES
from overstap.cases.forms.intake import age_on, mask_bsn
from overstap.cases.forms.plan import TeamMemberForm
from overstap.cases.models import Case, Intake, Outcome
from overstap.cases.views.common import case_context
from overstap.core.exceptions import DomainError

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: How many open actions the overview lists.
NEXT_ACTIONS = 5


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx made the request (set by django-htmx's middleware)."""
    return bool(getattr(request, "htmx", False))


def get_intake(case: Case) -> Intake | None:
    try:
        return case.intake
    except ObjectDoesNotExist:
        return None


def get_outcome(case: Case) -> Outcome | None:
    try:
        return case.outcome
    except ObjectDoesNotExist:
        return None


def team_context(case: Case, form: TeamMemberForm | None = None) -> dict[str, Any]:
    members = list(case.members.select_related("user__organisation").order_by("added_at"))
    if form is None and not case.is_closed:
        exclude = {m.user_id for m in members}
        if case.case_manager_id:
            exclude.add(case.case_manager_id)
        form = TeamMemberForm(case=case, exclude_ids=exclude)
    return {"members": members, "team_form": form}


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "GET":
        selectors.get_case(user=_user(request), case_id=pk, for_update=True)
        return HttpResponseNotAllowed(["GET"])
    case = selectors.get_case(user=_user(request), case_id=pk)
    context = case_context(request, case, "overview")
    person = case.person
    actions = case.actions.select_related("owner").filter(done_at__isnull=True)
    context.update(
        {
            "person": person,
            "age": age_on(person.birth_date, context["today"]),
            "bsn_masked": mask_bsn(person.bsn),
            "intake": get_intake(case),
            "outcome": get_outcome(case),
            "open_goals": list(case.goals.filter(achieved_at__isnull=True)),
            "next_actions": list(actions[:NEXT_ACTIONS]),
            "open_actions_count": actions.count(),
            "open_referrals": case.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).count(),
            "events": list(selectors.timeline(case=case)),
            "can_transfer": not case.is_closed and access.can_transfer_case(_user(request), case),
            **team_context(case),
        }
    )
    return render(request, "cases/case_detail.html", context)


@login_required
def case_team(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the team partial. POST ``team-user`` adds a colleague, ``remove`` removes one."""
    user = _user(request)
    if request.method == "GET":
        case = selectors.get_case(user=user, case_id=pk)
        if not is_htmx(request):
            return redirect("cases:case_detail", pk=case.pk)
        context = case_context(request, case, "overview", **team_context(case))
        return render(request, "cases/_case_team.html", context)
    if request.method != "POST":
        selectors.get_case(user=user, case_id=pk, for_update=True)
        return HttpResponseNotAllowed(["GET", "POST"])
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    form: TeamMemberForm | None = None
    if case.is_closed:
        messages.error(request, _("This case is closed. Reopen it first."))
    elif "remove" in request.POST:
        remove_id = request.POST["remove"]
        member = (
            case.members.select_related("user").filter(user_id=int(remove_id)).first()
            if remove_id.isdigit()
            else None
        )
        if member is not None:
            try:
                services.remove_case_member(actor=user, case=case, user=member.user)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("%(name)s is no longer on this case.") % {"name": member.user}
                )
                if not access.can_view_case(user, case):
                    if is_htmx(request):
                        return HttpResponseClientRedirect(reverse("cases:caseload"))
                    return redirect("cases:caseload")
    else:
        members = set(case.members.values_list("user_id", flat=True))
        if case.case_manager_id:
            members.add(case.case_manager_id)
        form = TeamMemberForm(request.POST, case=case, exclude_ids=members)
        if form.is_valid():
            colleague = form.cleaned_data["user"]
            try:
                services.add_case_member(actor=user, case=case, user=colleague)
            except DomainError as exc:
                form.add_error("user", exc.message)
            else:
                messages.success(
                    request, _("%(name)s was added to the case.") % {"name": colleague}
                )
                form = None
    if not is_htmx(request):
        if form is not None and form.errors:
            for error in form.errors.get("user", []):
                messages.error(request, str(error))
        return redirect("cases:case_detail", pk=case.pk)
    context = case_context(request, case, "overview", **team_context(case, form))
    return render(request, "cases/_case_team.html", context)
