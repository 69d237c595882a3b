"""Pages of the employer network: employers, their registrations, proposals (issue #5).

Reads go through :mod:`overstap.network.selectors` (403 without the pages, 404 outside the
region), writes through :mod:`overstap.network.services`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.cases.views.common import add_validation_errors
from overstap.core.exceptions import ConflictError, DomainError
from overstap.employers.services import ConceptResolver
from overstap.network import forms, scoring, selectors, services
from overstap.network.constants import (
    PROPOSAL_TRANSITIONS,
    Arrangement,
    ProposalStatus,
    RegistrationStatus,
)
from overstap.network.models import (
    EmployerEvent,
    EmployerLocation,
    EmployerNote,
    ShortageLine,
    ShortageRegistration,
    SurplusLine,
    SurplusRegistration,
)
from overstap.taxonomy.constants import LANGUAGES, ConceptKind
from overstap.taxonomy.models import Occupation

if TYPE_CHECKING:
    from overstap.accounts.models import Organisation, User

PAGE_SIZE = 25
#: Occupation lines shown on a registration form (empty lines are ignored).
LINE_ROWS = 8
#: Ranked pairs shown before "show all".
SHOWN_PAIRS = 10
NAV = "network"


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _lang() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in LANGUAGES else "nl"


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    if value.lstrip("-").isdigit():
        return int(value)
    return None


def _fail(request: HttpRequest, form: BaseForm | None, exc: Exception) -> None:
    """Put a service error onto the form (or into messages without a form)."""
    if isinstance(exc, ValidationError):
        if form is not None:
            add_validation_errors(form, exc)
        else:
            for message in exc.messages:
                messages.error(request, message)
    elif isinstance(exc, DomainError):
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)


# --- employers ------------------------------------------------------------------------------


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    selectors.require_network(user)
    form = forms.EmployerFilterForm(request.GET or None, user=user)
    qs = selectors.employers(user=user, filters=form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "employers": page.object_list,
        "query_string": query.urlencode(),
        "nav_active": NAV,
    }
    if request.htmx and request.htmx.target == "employer-results":  # type: ignore[attr-defined]
        return render(request, "network/_employer_results.html", context)
    return render(request, "network/employer_list.html", context)


@login_required
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_employer(user=user, employer_id=pk)
    return _render_detail(request, user, employer, forms.NoteForm())


def _render_detail(
    request: HttpRequest, user: User, employer: Organisation, note_form: forms.NoteForm
) -> HttpResponse:
    profile = selectors.profile_of(employer)
    return render(
        request,
        "network/employer_detail.html",
        {
            "employer": employer,
            "profile": profile,
            "excluded": list(profile.excluded_employers.order_by("name")) if profile else [],
            "locations": list(EmployerLocation.objects.filter(employer=employer)),
            "contacts": selectors.contacts(user=user, employer=employer),
            "notes": list(EmployerNote.objects.filter(employer=employer).select_related("author")),
            "surpluses": list(selectors.surplus_registrations(user=user, employer=employer)),
            "shortages": list(selectors.shortage_registrations(user=user, employer=employer)),
            "proposals": list(selectors.proposals(user=user, employer=employer)),
            "events": list(
                EmployerEvent.objects.filter(employer=employer).select_related("actor")[:50]
            ),
            "can_manage": selectors.can_manage_network(user),
            "note_form": note_form,
            "lang": _lang(),
            "nav_active": NAV,
        },
    )


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_employer(user=user, employer_id=pk)
    selectors.require_manager(user)
    profile = selectors.profile_of(employer)
    if request.method == "POST":
        form = forms.ProfileForm(request.POST, employer=employer)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.save_profile(
                    actor=user,
                    employer=employer,
                    data=services.ProfileData(
                        kvk_number=data["kvk_number"],
                        sector=data["sector"],
                        sbi_code=data["sbi_code"],
                        size_class=data["size_class"],
                        account_manager=data["account_manager"],
                        exclude_same_sector=data["exclude_same_sector"],
                        excluded_employers=list(data["excluded_employers"]),
                    ),
                    expected_version=data.get("version") if profile else None,
                )
            except (ValidationError, DomainError) as exc:
                _fail(request, form, exc)
            else:
                messages.success(request, _("The profile has been saved."))
                return redirect("network:employer_detail", pk=employer.pk)
    else:
        form = forms.ProfileForm(
            employer=employer,
            initial={
                "kvk_number": employer.kvk_number,
                "sector": employer.sector,
                "sbi_code": profile.sbi_code if profile else "",
                "size_class": profile.size_class if profile else "",
                "account_manager": profile.account_manager_id if profile else None,
                "exclude_same_sector": profile.exclude_same_sector if profile else False,
                "excluded_employers": list(profile.excluded_employers.all()) if profile else [],
                "version": profile.version if profile else None,
            },
        )
    return render(
        request,
        "network/profile_form.html",
        {"form": form, "employer": employer, "nav_active": NAV},
    )


def _simple_form(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.LocationForm] | type[forms.ContactForm],
    save: Any,
    template: str,
    done: str,
) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_employer(user=user, employer_id=pk)
    selectors.require_manager(user)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=user, employer=employer, **form.cleaned_data)
        except (ValidationError, DomainError) as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, done)
            return redirect("network:employer_detail", pk=employer.pk)
    return render(request, template, {"form": form, "employer": employer, "nav_active": NAV})


@login_required
def location_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_form(
        request,
        pk,
        forms.LocationForm,
        services.add_location,
        "network/location_form.html",
        _("The location has been added."),
    )


@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_form(
        request,
        pk,
        forms.ContactForm,
        services.add_contact,
        "network/contact_form.html",
        _("The contact person has been added."),
    )


@login_required
@require_POST
def location_delete(request: HttpRequest, pk: int, location_pk: int) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_employer(user=user, employer_id=pk)
    selectors.require_manager(user)
    location = EmployerLocation.objects.filter(employer=employer, pk=location_pk).first()
    if location is None:
        raise Http404
    try:
        services.remove_location(actor=user, location=location)
        messages.success(request, _("The location has been removed."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("network:employer_detail", pk=employer.pk)


@login_required
@require_POST
def contact_delete(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_employer(user=user, employer_id=pk)
    selectors.require_manager(user)
    contact = selectors.get_contact(user=user, employer=employer, contact_id=contact_pk)
    try:
        services.remove_contact(actor=user, contact=contact)
        messages.success(request, _("The contact person has been removed."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("network:employer_detail", pk=employer.pk)


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_employer(user=user, employer_id=pk)
    selectors.require_manager(user)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(actor=user, employer=employer, text=form.cleaned_data["text"])
        except (ValidationError, DomainError) as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, _("The note has been added."))
            return redirect(f"{employer_url(employer)}#notes")
    return _render_detail(request, user, employer, form)


def employer_url(employer: Organisation) -> str:
    from django.urls import reverse

    return reverse("network:employer_detail", kwargs={"pk": employer.pk})


# --- registrations --------------------------------------------------------------------------


@login_required
def registrations(request: HttpRequest) -> HttpResponse:
    """Surplus and shortage registrations: an employer user's own, or the region's for staff."""
    user = _user(request)
    selectors.require_registrations(user)
    return render(
        request,
        "network/registrations.html",
        {
            "surpluses": list(selectors.surplus_registrations(user=user)[:100]),
            "shortages": list(selectors.shortage_registrations(user=user)[:100]),
            "own_employer": user.organisation if selectors.is_employer_user(user) else None,
            "is_staff": selectors.can_read_network(user),
            "nav_active": "registrations" if selectors.is_employer_user(user) else NAV,
        },
    )


@dataclass
class LineRow:
    """One occupation line of a registration form, as typed."""

    index: int
    occupation: Occupation | None
    text: str
    headcount: str
    error: str = ""
    count_error: str = ""

    @property
    def input_id(self) -> str:
        return f"line-{self.index}"

    @property
    def error_list(self) -> list[str]:
        return [self.error] if self.error else []


def _posted_lines(request: HttpRequest, lang: str) -> list[LineRow]:
    texts = request.POST.getlist("q")
    resolver = ConceptResolver(ConceptKind.OCCUPATION)
    rows = []
    for index in range(LINE_ROWS):
        text = texts[index].strip() if index < len(texts) else ""
        pk = _int(request.POST.get(f"line-{index}-occupation"))
        occupation = Occupation.objects.filter(pk=pk).first() if pk and text else None
        error = ""
        if occupation is None and text:
            found, suggestion = resolver.resolve(text)
            occupation = found if isinstance(found, Occupation) else None
            if occupation is None:
                error = (
                    _("“%(value)s” was not found. Did you mean “%(suggestion)s”?")
                    % {"value": text, "suggestion": suggestion}
                    if suggestion
                    else _("“%(value)s” was not found. Choose from the suggestions.")
                    % {"value": text}
                )
        headcount = request.POST.get(f"line-{index}-headcount", "").strip()
        count = _int(headcount)
        count_error = ""
        if headcount and count is None:
            count_error = _("Enter the number of people as a whole number.")
        elif count is not None and count < 1:
            count_error = _("The number of people must be 1 or more.")
        label = occupation.label(lang) if occupation else text
        rows.append(LineRow(index, occupation, label, headcount, error, count_error))
    return rows


def _line_data(rows: list[LineRow]) -> list[services.LineData]:
    return [
        services.LineData(occupation=row.occupation, headcount=_int(row.headcount))
        for row in rows
        if row.occupation is not None or row.text or row.headcount
    ]


def _registration_form(
    request: HttpRequest,
    pk: int,
    *,
    kind: str,
) -> HttpResponse:
    user = _user(request)
    employer = selectors.get_registering_employer(user=user, employer_id=pk)
    lang = _lang()
    form_class = forms.SurplusForm if kind == "surplus" else forms.ShortageForm
    line_errors: list[str] = []
    if request.method == "POST":
        form: forms.SurplusForm | forms.ShortageForm = form_class(request.POST)
        rows = _posted_lines(request, lang)
        row_problems = [
            _("Line %(number)s: %(problem)s") % {"number": row.index + 1, "problem": problem}
            for row in rows
            for problem in (row.error, row.count_error)
            if problem
        ]
        if form.is_valid() and not row_problems:
            data = form.cleaned_data
            try:
                if kind == "surplus":
                    registration: SurplusRegistration | ShortageRegistration = (
                        services.register_surplus(
                            actor=user,
                            employer=employer,
                            data=services.SurplusData.from_mapping(data, _line_data(rows)),
                        )
                    )
                    target = "network:surplus_detail"
                else:
                    registration = services.register_shortage(
                        actor=user,
                        employer=employer,
                        data=services.ShortageData.from_mapping(data, _line_data(rows)),
                    )
                    target = "network:shortage_detail"
            except ValidationError as exc:
                errors = dict(exc.message_dict) if hasattr(exc, "error_dict") else {}
                line_errors = errors.pop("lines", [])
                for message in line_errors:
                    form.add_error(None, message)
                if errors:
                    add_validation_errors(form, ValidationError(errors))
                elif not hasattr(exc, "error_dict"):
                    form.add_error(None, exc.messages)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The registration has been saved."))
                return redirect(target, pk=registration.pk)
        else:
            for problem in row_problems:
                form.add_error(None, problem)
            line_errors = row_problems
    else:
        form = form_class()
        rows = [LineRow(i, None, "", "") for i in range(LINE_ROWS)]
    return render(
        request,
        f"network/{kind}_form.html",
        {
            "form": form,
            "employer": employer,
            "rows": rows,
            "line_errors": line_errors,
            "is_staff": selectors.can_read_network(user),
            "nav_active": NAV if selectors.can_read_network(user) else "registrations",
        },
    )


@login_required
def surplus_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_form(request, pk, kind="surplus")


@login_required
def shortage_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _registration_form(request, pk, kind="shortage")


@login_required
def surplus_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.require_registrations(user)
    registration = selectors.get_surplus(user=user, registration_id=pk)
    return _registration_detail(request, user, registration, "surplus")


@login_required
def shortage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.require_registrations(user)
    registration = selectors.get_shortage(user=user, registration_id=pk)
    return _registration_detail(request, user, registration, "shortage")


def _registration_detail(
    request: HttpRequest,
    user: User,
    registration: SurplusRegistration | ShortageRegistration,
    kind: str,
) -> HttpResponse:
    is_staff = selectors.can_read_network(user)
    if is_staff:
        if kind == "surplus":
            proposals = selectors.proposals(user=user, surplus=registration)  # type: ignore[arg-type]
        else:
            proposals = selectors.proposals(user=user).filter(
                shortage_line__registration_id=registration.pk
            )
    else:
        proposals = None
    return render(
        request,
        f"network/{kind}_detail.html",
        {
            "registration": registration,
            "lines": list(registration.lines.all()),
            "proposals": list(proposals) if proposals is not None else None,
            "can_change": selectors.can_change_registration(user, registration),
            "can_propose": selectors.can_manage_network(user)
            and registration.status == RegistrationStatus.OPEN,
            "is_staff": is_staff,
            "open": RegistrationStatus.OPEN,
            "closed": RegistrationStatus.CLOSED,
            "lang": _lang(),
            "nav_active": NAV if is_staff else "registrations",
        },
    )


def _set_status(
    request: HttpRequest, registration: SurplusRegistration | ShortageRegistration
) -> None:
    user = _user(request)
    if not selectors.can_change_registration(user, registration):
        raise PermissionDenied
    try:
        services.set_registration_status(
            actor=user,
            registration=registration,
            status=request.POST.get("status", ""),
            expected_version=_int(request.POST.get("version")),
        )
        messages.success(request, _("The status of the registration has been changed."))
    except DomainError as exc:
        messages.error(request, exc.message)


@login_required
@require_POST
def surplus_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.require_registrations(user)
    _set_status(request, selectors.get_surplus(user=user, registration_id=pk))
    return redirect("network:surplus_detail", pk=pk)


@login_required
@require_POST
def shortage_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.require_registrations(user)
    _set_status(request, selectors.get_shortage(user=user, registration_id=pk))
    return redirect("network:shortage_detail", pk=pk)


# --- proposals ------------------------------------------------------------------------------


@login_required
def surplus_proposals(request: HttpRequest, pk: int) -> HttpResponse:
    """Ranked shortage lines for one surplus registration; POST creates a proposal."""
    user = _user(request)
    selectors.require_network(user)
    registration = selectors.get_surplus(user=user, registration_id=pk)
    arrangement = request.GET.get("arrangement", "")
    if arrangement not in Arrangement.values:
        arrangement = ""
    failed: forms.ProposalCreateForm | None = None
    if request.method == "POST":
        selectors.require_manager(user)
        form = forms.ProposalCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            s_line = SurplusLine.objects.filter(
                registration=registration, pk=data["surplus_line"]
            ).first()
            d_line = (
                ShortageLine.objects.filter(
                    pk=data["shortage_line"],
                    registration__employer__region_id=selectors.user_region_id(user) or 0,
                )
                .select_related("registration__employer")
                .first()
            )
            if s_line is None or d_line is None:
                raise Http404
            s_line.registration = registration
            try:
                proposal = services.create_proposal(
                    actor=user,
                    surplus_line=s_line,
                    shortage_line=d_line,
                    arrangement=data["arrangement"],
                    headcount=data["headcount"],
                )
            except (ValidationError, DomainError) as exc:
                _fail(request, form, exc)
            else:
                messages.success(request, _("The proposal has been made."))
                return redirect("network:proposal_detail", pk=proposal.pk)
        failed = form
    lines = selectors.open_shortage_lines(
        selectors.user_region_id(user) or 0, exclude_employer_ids=[registration.employer_id]
    )
    pairs = scoring.rank_pairs(registration, lines, arrangement=arrangement)
    total_pairs = len(pairs)
    show_all = request.GET.get("all") == "1" or failed is not None
    if not show_all:
        pairs = pairs[:SHOWN_PAIRS]
    failed_key = (
        (_int(request.POST.get("surplus_line")), _int(request.POST.get("shortage_line")))
        if failed is not None
        else None
    )
    rows = []
    for rank, pair in enumerate(pairs, 1):
        key = (pair.surplus_line.pk, pair.shortage_line.pk)
        form_for_pair = (
            failed
            if failed_key == key
            else forms.ProposalCreateForm(
                initial={
                    "surplus_line": pair.surplus_line.pk,
                    "shortage_line": pair.shortage_line.pk,
                    "arrangement": pair.arrangement,
                    "headcount": pair.suggested_headcount,
                },
                auto_id=f"id_pair{rank}_%s",
            )
        )
        rows.append({"rank": rank, "pair": pair, "form": form_for_pair})
    return render(
        request,
        "network/surplus_proposals.html",
        {
            "registration": registration,
            "rows": rows,
            "form": failed,
            "arrangement": arrangement,
            "arrangements": Arrangement.choices,
            "total_pairs": total_pairs,
            "hidden_pairs": total_pairs - len(pairs),
            "existing": list(selectors.proposals(user=user, surplus=registration)),
            "can_manage": selectors.can_manage_network(user)
            and registration.status == RegistrationStatus.OPEN,
            "lang": _lang(),
            "nav_active": NAV,
        },
    )


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.require_network(user)
    proposal = selectors.get_proposal(user=user, proposal_id=pk)
    status_form = forms.ProposalStatusForm(initial={"version": proposal.version})
    result_form = forms.ProposalResultForm.for_proposal(proposal)
    if request.method == "POST":
        selectors.require_manager(user)
        action = request.POST.get("action")
        form: forms.ProposalStatusForm | forms.ProposalResultForm
        if action == "result":
            form = result_form = forms.ProposalResultForm(request.POST)
        else:
            form = status_form = forms.ProposalStatusForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "result":
                    services.record_proposal_result(
                        actor=user,
                        proposal=proposal,
                        people_moved=data["people_moved"],
                        note=data.get("result_note") or "",
                        expected_version=data.get("version"),
                    )
                    done = _("The result has been recorded.")
                else:
                    services.change_proposal_status(
                        actor=user,
                        proposal=proposal,
                        status=data["status"],
                        expected_version=data.get("version"),
                    )
                    done = _("The status of the proposal has been changed.")
            except ConflictError as exc:
                form.add_error(None, exc.message)
            except (ValidationError, DomainError) as exc:
                _fail(request, form, exc)
            else:
                messages.success(request, done)
                return redirect("network:proposal_detail", pk=proposal.pk)
    next_statuses = [
        (value, label)
        for value, label in ProposalStatus.choices
        if value in PROPOSAL_TRANSITIONS[proposal.status]
    ]
    return render(
        request,
        "network/proposal_detail.html",
        {
            "proposal": proposal,
            "surplus": proposal.surplus_line.registration,
            "shortage": proposal.shortage_line.registration,
            "components": proposal.score.get("components", {}),
            "status_form": status_form,
            "result_form": result_form,
            "form": status_form if status_form.errors else result_form,
            "next_statuses": next_statuses,
            "can_manage": selectors.can_manage_network(user),
            "can_record": proposal.status in (ProposalStatus.AGREED, ProposalStatus.DECLINED),
            "lang": _lang(),
            "nav_active": NAV,
        },
    )
