"""Bulk intake pages: upload and check a staff list, confirm, follow the import, report."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.accounts.constants import Role
from overstap.accounts.models import User
from overstap.bulkintake import services
from overstap.bulkintake.constants import ImportStatus, RowStatus
from overstap.bulkintake.forms import UploadForm
from overstap.bulkintake.models import ImportRow, StaffListImport
from overstap.core.exceptions import DomainError
from overstap.jobs.selectors import can_restart
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

NAV = "bulk_intake"
#: Row filters on the import page: name → statuses.
FILTERS = {
    "problems": [RowStatus.INVALID, RowStatus.ERROR],
    "already": [RowStatus.ALREADY],
    "ready": [RowStatus.READY],
    "created": [RowStatus.CREATED],
    "all": list(RowStatus),
}


def _user(request: HttpRequest) -> User:
    user = cast("User", request.user)
    if not services.can_bulk_import(user):
        raise DjangoPermissionDenied
    return user


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                staff_import = services.preview(
                    actor=user,
                    employer=form.cleaned_data["employer"],
                    raw=upload_file.read(),
                    filename=upload_file.name or "",
                    bsn_legal_basis=form.cleaned_data["bsn_legal_basis"],
                )
            except DomainError as exc:
                field = "bsn_legal_basis" if exc.code == "bsn_legal_basis" else "file"
                form.add_error(field, exc.message)
            else:
                return redirect("bulkintake:detail", staff_import.pk)
    else:
        initial = {}
        employer = request.GET.get("employer", "")
        if employer.isdigit():
            initial["employer"] = services.releasing_employers(user).filter(pk=employer).first()
        form = UploadForm(user=user, initial=initial)
    return render(
        request,
        "bulkintake/upload.html",
        {
            "form": form,
            "imports": list(services.visible_imports(user)[:10]),
            "nav_active": NAV,
        },
    )


def _rows_page(
    request: HttpRequest, user: User, staff_import: StaffListImport
) -> dict[str, object]:
    default = "problems" if staff_import.status == ImportStatus.PREVIEWED else "all"
    show = request.GET.get("show", default)
    if show not in FILTERS:
        show = default
    rows = (
        ImportRow.objects.filter(staff_import=staff_import, status__in=FILTERS[show])
        .select_related("case", "occupation")
        .order_by("number")
    )
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.problem_texts = services.problem_messages(row.problems)  # type: ignore[attr-defined]
        row.remark_texts = services.problem_messages(row.warnings)  # type: ignore[attr-defined]
    shown = [row for row in page.object_list if row.case_id]
    if shown:
        audit.record_many(
            actor=user,
            events=[
                audit.AuditEvent(
                    action=AuditAction.LIST,
                    purpose=Purpose.REGISTRATION,
                    object_type="cases.Case",
                    object_id=str(row.case_id),
                    person_id=row.case.person_id,  # type: ignore[union-attr]
                    case_id=row.case_id,
                )
                for row in shown
            ],
        )
    return {
        "page": page,
        "show": show,
        "filters": [
            ("problems", _("Problems")),
            ("already", _("Already registered")),
            (
                "ready" if staff_import.status == ImportStatus.PREVIEWED else "created",
                _("Ready to import")
                if staff_import.status == ImportStatus.PREVIEWED
                else _("Registered"),
            ),
            ("all", _("All rows")),
        ],
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    staff_import = services.get_import(user=user, pk=pk)
    job = staff_import.job
    counts = staff_import.summary.get("counts", {})
    context: dict[str, object] = {
        "staff_import": staff_import,
        "counts": counts,
        "job": job,
        "can_restart": bool(job and can_restart(user, job)),
        "links_to_cases": user.role == Role.COORDINATOR,
        "nav_active": NAV,
        **_rows_page(request, user, staff_import),
    }
    return render(request, "bulkintake/detail.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    staff_import = services.get_import(user=user, pk=pk)
    try:
        staff_import = services.start(actor=user, staff_import=staff_import)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if staff_import.status == ImportStatus.DONE:
            messages.success(request, _("The staff list has been imported."))
        else:
            messages.success(request, _("The import has started. You can follow it on this page."))
    return redirect("bulkintake:detail", pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    staff_import = services.get_import(user=user, pk=pk)
    try:
        services.cancel(actor=user, staff_import=staff_import)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("bulkintake:detail", pk)
    messages.success(request, _("The staff list has been cancelled and its data deleted."))
    return redirect("bulkintake:upload")


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    staff_import = services.get_import(user=user, pk=pk)
    content = services.report_csv(actor=user, staff_import=staff_import)
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="personeelslijst-{staff_import.pk}-rapport.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response
