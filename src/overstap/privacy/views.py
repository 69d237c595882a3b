"""The privacy officer's pages: search the audit log, export it, see who opened a person's
file, verify the hash chain; and the legal hold of a case (coordinators too)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.cases import access
from overstap.core import exceptions as domain
from overstap.privacy import audit, selectors, services
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.forms import AuditSearchForm, LegalHoldForm

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.privacy.models import AuditLogEntry

PAGE_SIZE = 50
FILTER_KEYS = ("person", "actor", "organisation", "action", "purpose", "date_from", "date_to")


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _search(request: HttpRequest) -> tuple[AuditSearchForm, selectors.PersonMatch, Any]:
    user = _user(request)
    selectors.require_privacy_officer(user)
    form = AuditSearchForm(request.GET or None)
    filters = form.filters()
    person = selectors.resolve_person(user=user, query=filters.person)
    entries = selectors.search_log(user=user, filters=filters, person=person)
    return form, person, entries


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, person, entries = _search(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: request.GET[k] for k in FILTER_KEYS if request.GET.get(k)})
    return render(
        request,
        "privacy/audit_log.html",
        {
            "nav_active": "audit_log",
            "form": form,
            "page": page,
            "person": person,
            "query": query,
        },
    )


def _csv_safe(value: Any) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


HEADER = (
    "id",
    "timestamp",
    "actor",
    "organisation",
    "role",
    "action",
    "purpose",
    "object_type",
    "object_id",
    "person_ref",
    "case_ref",
    "request_id",
    "details",
    "entry_hash",
)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(entries: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    entry: AuditLogEntry
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _csv_safe(v)
                for v in (
                    entry.pk,
                    entry.timestamp.isoformat(),
                    entry.actor_username,
                    entry.organisation_name,
                    entry.role,
                    entry.action,
                    entry.purpose,
                    entry.object_type,
                    entry.object_id,
                    entry.person_ref,
                    entry.case_ref,
                    entry.request_id,
                    entry.details,
                    entry.entry_hash,
                )
            ]
        )


@login_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered log as CSV. The export itself is logged (with ids, never a name)."""
    form, person, entries = _search(request)
    filters = form.filters()
    audit.record(
        actor=_user(request),
        action=AuditAction.EXPORT,
        purpose=Purpose.SUPERVISION,
        object_type="privacy.AuditLogEntry",
        details={
            "rows": entries.count(),
            "person_refs": person.person_refs if person.query else None,
            "actor": filters.actor,
            "organisation": filters.organisation,
            "action": filters.action,
            "purpose": filters.purpose,
            "date_from": filters.date_from.isoformat() if filters.date_from else None,
            "date_to": filters.date_to.isoformat() if filters.date_to else None,
        },
    )
    response = StreamingHttpResponse(_rows(entries), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response


@login_required
def person_access(request: HttpRequest, person_ref: int) -> HttpResponse:
    """Who opened this person's file, how often and when."""
    user = _user(request)
    selectors.require_privacy_officer(user)
    file = selectors.person_file(user=user, person_ref=person_ref)
    entries = selectors.search_log(
        user=user,
        filters=selectors.LogFilters(),
        person=selectors.PersonMatch(query=str(person_ref), person_refs=[person_ref]),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/person_access.html",
        {"nav_active": "audit_log", "file": file, "page": page},
    )


@login_required
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    """Recompute the hash chain and say whether the log is intact."""
    selectors.require_privacy_officer(_user(request))
    report = audit.verify_chain()
    if report.ok:
        messages.success(
            request,
            _("The audit log is intact: %(count)s entries checked, none changed or removed.")
            % {"count": report.checked},
        )
    else:
        messages.error(
            request,
            _(
                "The audit log has been tampered with: entry %(entry)s does not match the "
                "chain (%(count)s entries before it are intact). Report this as a data breach "
                "incident."
            )
            % {"entry": report.broken_at, "count": report.checked},
        )
    return redirect("privacy:audit_log")


@login_required
def legal_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or lift the legal hold of a case (coordinator or privacy officer of the region)."""
    user = _user(request)
    if user.role not in ("coordinator", "privacy_officer"):
        raise PermissionDenied
    posting = request.method == "POST"
    case = selectors.get_case_for_legal_hold(user=user, case_id=pk, for_update=posting)
    if posting:
        form = LegalHoldForm(request.POST)
        if form.is_valid():
            try:
                services.set_legal_hold(
                    actor=user,
                    case=case,
                    hold=form.cleaned_data["hold"],
                    reason=form.cleaned_data.get("reason") or "",
                )
            except domain.PermissionDenied as exc:
                raise PermissionDenied(exc.message) from exc
            except domain.DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("The legal hold is set: retention will keep this case.")
                    if form.cleaned_data["hold"]
                    else _("The legal hold is lifted: the normal retention period applies."),
                )
                return redirect("privacy:legal_hold", pk=case.pk)
    else:
        form = LegalHoldForm(
            initial={"hold": "on" if case.legal_hold else "off", "reason": case.legal_hold_reason}
        )
    back = None
    if access.is_privacy_officer(user):
        back = ("privacy:person_access", case.person_id)
    return render(
        request,
        "privacy/legal_hold.html",
        {
            "nav_active": "audit_log" if back else "caseload",
            "case": case,
            "form": form,
            "is_privacy_officer": back is not None,
        },
    )
