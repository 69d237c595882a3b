"""Bulk intake of a releasing employer's staff list (issue #9).

1. :func:`preview` reads the file, checks every row and stores the import with a status
   per row (ready / invalid / already registered) — nothing is registered yet. The file is
   kept encrypted for step 2.
2. :func:`start` queues the import as a background job (``overstap.jobs``).
3. :func:`run` (the job handler) registers the ready rows in chunks of ``CHUNK_SIZE``. Each
   chunk is one transaction: the people, cases, work history, draft skills passports,
   timeline events and audit records, the :class:`IntakeRowKey` of every registered
   employee, the row statuses and the job's progress commit together. After a crash the job
   runs again and continues with the rows still "ready"; the keys make sure nobody is
   registered twice, also when the same or an overlapping file is imported again.
4. The rows to import are kept between the check and the import — encrypted (Fernet, ADR
   0007), the checked values only, never the uploaded file — and emptied when the import
   ends or is cancelled.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation
from overstap.bulkintake import parsing
from overstap.bulkintake.constants import (
    CHUNK_SIZE,
    MAX_ROWS,
    ImportStatus,
    Problem,
    RowStatus,
    RowWarning,
)
from overstap.bulkintake.models import ImportRow, IntakeRowKey, StaffListImport
from overstap.cases import access
from overstap.cases.constants import SignalSource
from overstap.cases.services import BulkPerson, RegistrationData, register_people_bulk
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.jobs import services as jobs
from overstap.jobs.constants import JobKind
from overstap.jobs.registry import JobContext, register
from overstap.passport.services import draft_passports_for_registrations
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.crypto import bsn_digest, normalise_bsn

if TYPE_CHECKING:
    from overstap.accounts.models import User

IMPORT_ROLES = (Role.ACCOUNT_MANAGER, Role.COORDINATOR)


# --- access ---------------------------------------------------------------------------------


def can_bulk_import(user: User) -> bool:
    """Account managers and coordinators who may register people ("no wrong door")."""
    return access.can_register(user) and user.role in IMPORT_ROLES


def releasing_employers(user: User) -> QuerySet[Organisation]:
    if not can_bulk_import(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.EMPLOYER,
        region_id=user.organisation.region_id,  # type: ignore[union-attr]
    ).order_by("name")


def visible_imports(user: User) -> QuerySet[StaffListImport]:
    """Imports of the user, and for coordinators every import of the region."""
    if not can_bulk_import(user):
        return StaffListImport.objects.none()
    scope = Q(created_by_id=user.pk)
    if user.role == Role.COORDINATOR:
        scope |= Q(region_id=user.organisation.region_id)  # type: ignore[union-attr]
    return StaffListImport.objects.filter(scope).select_related("employer", "created_by", "job")


def get_import(*, user: User, pk: int) -> StaffListImport:
    staff_import = visible_imports(user).filter(pk=pk).first()
    if staff_import is None:
        raise Http404
    return staff_import


# --- keys and coding ------------------------------------------------------------------------


def _digest(text: str) -> str:
    key = hashlib.sha256(("overstap-staff-list:" + settings.FIELD_ENCRYPTION_KEY).encode())
    return hmac.new(key.digest(), text.encode(), hashlib.sha256).hexdigest()


def row_key(employer_id: int, row: parsing.StaffRow) -> str:
    """The stable key of an employee of ``employer_id``: the personnel number, else the BSN,
    else name and date of birth. A keyed digest: it cannot be read back. Empty when the row
    has none of them."""
    if row.personnel_number:
        number = row.personnel_number.strip().lower().lstrip("0") or "0"
        return _digest(f"pnr|{employer_id}|{number}")
    if row.bsn:
        return _digest(f"bsn|{employer_id}|{bsn_digest(normalise_bsn(row.bsn))}")
    if row.birth_date and row.first_name and row.last_name:
        name = f"{row.first_name}|{row.full_last_name}".casefold()
        return _digest(f"nbd|{employer_id}|{name}|{row.birth_date.isoformat()}")
    return ""


def code_job_titles(titles: Iterable[str]) -> dict[str, int | None]:
    """Job title → occupation id when the match is confident: the title is a label of the
    occupation (any language, after normalising), or the best search hit matches it word
    for word (plurals and accents aside). Otherwise ``None``: a person codes it later."""
    from overstap.taxonomy import selectors as taxonomy
    from overstap.taxonomy.constants import ConceptKind, LabelKind
    from overstap.taxonomy.models import ConceptLabel
    from overstap.taxonomy.text import normalise, stems

    wanted = {title: normalise(title) for title in {t.strip() for t in titles} if title}
    rank: dict[str, int] = {
        LabelKind.PREFERRED: 0,
        LabelKind.ALTERNATIVE: 1,
        LabelKind.HIDDEN: 2,
    }
    exact: dict[str, tuple[int, int]] = {}
    for normalised, label_kind, occupation_id, replaced_by in ConceptLabel.objects.filter(
        kind=ConceptKind.OCCUPATION, normalised__in=set(wanted.values())
    ).values_list("normalised", "label_kind", "occupation_id", "occupation__replaced_by_id"):
        candidate = (rank.get(label_kind, 3), replaced_by or occupation_id)
        if normalised not in exact or candidate < exact[normalised]:
            exact[normalised] = candidate
    result: dict[str, int | None] = {}
    for title, normalised in wanted.items():
        if normalised in exact:
            result[title] = exact[normalised][1]
            continue
        result[title] = None
        target = stems(title)
        for hit in taxonomy.search_occupations(title, lang="nl", limit=5):
            if stems(hit.matched_label) == target:
                result[title] = hit.id
                break
    return result


# --- step 1: preview ------------------------------------------------------------------------


def _check(
    employer: Organisation, raw: bytes, filename: str
) -> tuple[parsing.Table, list[parsing.StaffRow], dict[str, int]]:
    table = parsing.read_table(raw, filename)
    if len(table.rows) > MAX_ROWS:
        raise DomainError(
            _("The file has more than %(max)s rows. Split it into smaller files.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
            code="too_many_rows",
        )
    if not table.rows:
        raise DomainError(_("The file has a header but no rows."), code="empty")
    columns = parsing.map_columns(table.header)
    today = timezone.localdate()
    rows = [parsing.parse_row(number, cells, columns, today) for number, cells in table.rows]
    return table, rows, columns


def preview(
    *,
    actor: User,
    employer: Organisation,
    raw: bytes,
    filename: str,
    bsn_legal_basis: str = "",
) -> StaffListImport:
    """Check a staff list and store it with a status per row; registers nobody yet."""
    if not can_bulk_import(actor):
        raise PermissionDenied(_("Your role cannot import staff lists."))
    if not releasing_employers(actor).filter(pk=employer.pk).exists():
        raise DomainError(_("Choose a releasing employer of your region."), code="employer")
    table, rows, columns = _check(employer, raw, filename)
    if any(row.bsn for row in rows) and not bsn_legal_basis:
        raise DomainError(
            _(
                "The file contains BSNs. Choose the legal basis for recording them, or remove "
                "the BSN column from the file."
            ),
            code="bsn_legal_basis",
        )
    keys = [row_key(employer.pk, row) for row in rows]
    known = set(
        IntakeRowKey.objects.filter(key__in=[k for k in keys if k]).values_list("key", flat=True)
    )
    codes = code_job_titles(row.job_title for row in rows)
    seen: set[str] = set()
    import_rows = []
    for row, key in zip(rows, keys, strict=True):
        problems = list(row.problems)
        if not key:
            problems.append(Problem.NO_IDENTIFIER)
        elif key in seen:
            problems.append(Problem.DUPLICATE_IN_FILE)
        seen.add(key)
        warnings = []
        occupation_id = codes.get(row.job_title.strip()) if row.job_title else None
        if not row.job_title:
            warnings.append(RowWarning.NO_JOB_TITLE)
        elif occupation_id is None:
            warnings.append(RowWarning.NOT_CODED)
        if problems:
            status = RowStatus.INVALID
        elif key in known:
            status = RowStatus.ALREADY
        else:
            status = RowStatus.READY
        import_rows.append(
            ImportRow(
                number=row.number,
                personnel_number=row.personnel_number,
                status=status,
                problems=[str(p) for p in dict.fromkeys(problems)],
                warnings=[str(w) for w in warnings],
                row_key=key,
                occupation_id=occupation_id,
            )
        )
    with transaction.atomic():
        staff_import = StaffListImport.objects.create(
            region_id=actor.organisation.region_id,  # type: ignore[union-attr]
            employer=employer,
            created_by=actor,
            filename=(filename or "")[-200:],
            file_format=table.file_format,
            # Only the checked rows that will be imported, not the file (see the module).
            content=json.dumps(
                [
                    row.as_dict()
                    for row, r in zip(rows, import_rows, strict=True)
                    if r.status == RowStatus.READY
                ]
            ),
            bsn_legal_basis=bsn_legal_basis if any(row.bsn for row in rows) else "",
            summary={"columns": sorted(columns)},
        )
        for import_row in import_rows:
            import_row.staff_import = staff_import
        ImportRow.objects.bulk_create(import_rows, batch_size=1000)
        _update_summary(staff_import)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            purpose=Purpose.REGISTRATION,
            obj=staff_import,
            details={"rows": len(rows), "employer": employer.pk},
        )
    return staff_import


def _update_summary(staff_import: StaffListImport) -> dict[str, int]:
    """Count the rows per status (and the uncoded job titles) into ``summary``."""
    counts: Counter[str] = Counter()
    not_coded = 0
    for status, warnings in ImportRow.objects.filter(staff_import=staff_import).values_list(
        "status", "warnings"
    ):
        counts[status] += 1
        if RowWarning.NOT_CODED in warnings and status in (RowStatus.READY, RowStatus.CREATED):
            not_coded += 1
    summary = dict(staff_import.summary)
    summary["counts"] = {status.value: counts.get(status.value, 0) for status in RowStatus}
    summary["rows"] = sum(counts.values())
    summary["not_coded"] = not_coded
    staff_import.summary = summary
    StaffListImport.objects.filter(pk=staff_import.pk).update(summary=summary)
    return summary["counts"]


# --- step 2: start --------------------------------------------------------------------------


def start(*, actor: User, staff_import: StaffListImport) -> StaffListImport:
    """Queue the import of the ready rows as a background job."""
    if not can_bulk_import(actor) or not visible_imports(actor).filter(pk=staff_import.pk):
        raise PermissionDenied(_("You cannot import this staff list."))
    with transaction.atomic():
        locked = StaffListImport.objects.select_for_update().get(pk=staff_import.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise DomainError(_("This staff list has already been imported or cancelled."))
        ready = ImportRow.objects.filter(staff_import=locked, status=RowStatus.READY).count()
        if not ready:
            raise DomainError(_("There are no rows to import."), code="nothing")
        job = jobs.enqueue(
            kind=JobKind.BULK_INTAKE,
            actor=actor,
            region=locked.region,
            params={"import_id": locked.pk},
            total=ready,
        )
        locked.status = ImportStatus.QUEUED
        locked.job = job
        locked.save(update_fields=["status", "job"])
    locked.refresh_from_db()
    return locked


def cancel(*, actor: User, staff_import: StaffListImport) -> None:
    """Drop a checked staff list that will not be imported; its stored rows are deleted."""
    if not can_bulk_import(actor) or not visible_imports(actor).filter(pk=staff_import.pk):
        raise PermissionDenied(_("You cannot import this staff list."))
    updated = StaffListImport.objects.filter(
        pk=staff_import.pk, status=ImportStatus.PREVIEWED
    ).update(status=ImportStatus.CANCELLED, content="", finished_at=timezone.now())
    if not updated:
        raise DomainError(_("This staff list has already been imported or cancelled."))


# --- step 3: the job ------------------------------------------------------------------------


def _after_chunk(staff_import: StaffListImport, chunk_number: int) -> None:
    """Called inside each chunk's transaction, after its rows are written (a test hook)."""


def _chunks(items: Sequence[ImportRow], size: int) -> Iterator[Sequence[ImportRow]]:
    for start_at in range(0, len(items), size):
        yield items[start_at : start_at + size]


def _bulk_person(
    staff_import: StaffListImport, row: parsing.StaffRow, occupation_id: int | None
) -> BulkPerson:
    start_year = row.start_date.year if row.start_date else None
    end_year = row.end_date.year if row.end_date else None
    if start_year and end_year and end_year < start_year:
        end_year = None
    return BulkPerson(
        data=RegistrationData(
            first_name=row.first_name,
            last_name=row.full_last_name,
            signal_source=SignalSource.RELEASING_EMPLOYER,
            birth_date=row.birth_date,
            email=row.email,
            phone=row.phone,
            bsn=row.bsn,
            bsn_legal_basis=staff_import.bsn_legal_basis if row.bsn else "",
            postcode=row.postcode,
            releasing_employer_id=staff_import.employer_id,
            note=_("Staff list %(file)s, row %(row)s")
            % {"file": staff_import.filename, "row": row.number},
        ),
        job_title=row.job_title,
        start_year=start_year,
        end_year=end_year,
        hours_per_week=row.hours,
        occupation_id=occupation_id,
    )


def _years(row: parsing.StaffRow, today: dt.date) -> int | None:
    if not row.start_date:
        return None
    end = min(row.end_date or today, today)
    return max(end.year - row.start_date.year, 0)


@register(JobKind.BULK_INTAKE)
def run(ctx: JobContext) -> dict[str, Any]:
    """Import the ready rows of a checked staff list, chunk by chunk (see the module)."""
    staff_import = StaffListImport.objects.select_related("employer", "created_by").get(
        pk=ctx.job.params["import_id"]
    )
    if staff_import.status not in (ImportStatus.QUEUED, ImportStatus.FAILED):
        raise jobs.JobError(_("This staff list is not waiting to be imported."))
    actor = staff_import.created_by
    if not can_bulk_import(actor):
        raise jobs.JobError(_("The person who started this import may no longer import."))
    if staff_import.status == ImportStatus.FAILED:
        StaffListImport.objects.filter(pk=staff_import.pk).update(status=ImportStatus.QUEUED)
    parsed = [parsing.StaffRow.from_dict(data) for data in json.loads(staff_import.content or "[]")]
    by_number = {row.number: row for row in parsed}
    pending = list(
        ImportRow.objects.filter(staff_import=staff_import, status=RowStatus.READY).order_by(
            "number"
        )
    )
    total = ctx.job.progress_total or len(pending)
    done = total - len(pending)
    ctx.progress(done, total)
    today = timezone.localdate()
    try:
        for chunk_number, chunk in enumerate(_chunks(pending, CHUNK_SIZE), start=1):
            with transaction.atomic():
                done += _import_chunk(staff_import, actor, chunk, by_number, today)
                ctx.progress(done, total)
                _after_chunk(staff_import, chunk_number)
    except Exception:
        # The chunks before this one are committed; the job's retry (or a restart) resumes.
        StaffListImport.objects.filter(pk=staff_import.pk).update(status=ImportStatus.FAILED)
        _update_summary(staff_import)
        raise
    with transaction.atomic():
        counts = _update_summary(staff_import)
        StaffListImport.objects.filter(pk=staff_import.pk).update(
            status=ImportStatus.DONE, content="", finished_at=timezone.now()
        )
    return {"import_id": staff_import.pk, **counts}


def _import_chunk(
    staff_import: StaffListImport,
    actor: User,
    chunk: Sequence[ImportRow],
    by_number: dict[int, parsing.StaffRow],
    today: dt.date,
) -> int:
    """Register one chunk of ready rows (in the caller's transaction); returns rows handled."""
    known = set(
        IntakeRowKey.objects.filter(key__in=[r.row_key for r in chunk]).values_list(
            "key", flat=True
        )
    )
    todo = []
    for import_row in chunk:
        if import_row.row_key in known:
            import_row.status = RowStatus.ALREADY
        else:
            todo.append(import_row)
    people = [_bulk_person(staff_import, by_number[r.number], r.occupation_id) for r in todo]
    result = register_people_bulk(
        actor=actor,
        releasing_employer_id=staff_import.employer_id,
        people=people,
        signal_source=SignalSource.RELEASING_EMPLOYER,
    )
    keys = []
    occupations: dict[int, tuple[int, int | None]] = {}
    for index, import_row in enumerate(todo):
        case = result.cases.get(index)
        if case is None:
            import_row.status = RowStatus.ERROR
            import_row.problems = [*import_row.problems, Problem.REGISTRATION_FAILED.value]
            continue
        import_row.status = RowStatus.CREATED
        import_row.case = case
        keys.append(
            IntakeRowKey(
                key=import_row.row_key,
                employer_id=staff_import.employer_id,
                staff_import=staff_import,
            )
        )
        if import_row.occupation_id:
            occupations[case.pk] = (
                import_row.occupation_id,
                _years(by_number[import_row.number], today),
            )
    IntakeRowKey.objects.bulk_create(keys)
    draft_passports_for_registrations(
        actor=actor, cases=list(result.cases.values()), occupations=occupations
    )
    # Write the chunk's rows back by deleting and inserting them: two statements, where
    # bulk_update builds a CASE expression per row and field (seconds per chunk).
    ImportRow.objects.filter(pk__in=[r.pk for r in chunk]).delete()
    for import_row in chunk:
        import_row.pk = None
    ImportRow.objects.bulk_create(list(chunk))
    return len(chunk)


# --- step 4: the report ---------------------------------------------------------------------


def problem_messages(codes: Iterable[str]) -> list[str]:
    labels = {**dict(Problem.choices), **dict(RowWarning.choices)}
    return [str(labels.get(code, code)) for code in codes]


def report_csv(*, actor: User, staff_import: StaffListImport) -> str:
    """The per-row report (row, personnel number, outcome, case, occupation, remarks)."""
    if not visible_imports(actor).filter(pk=staff_import.pk).exists():
        raise PermissionDenied(_("You cannot see this staff list."))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Row"),
            _("Personnel number"),
            _("Outcome"),
            _("Case number"),
            _("Occupation"),
            _("Problems and remarks"),
        ]
    )
    rows = (
        ImportRow.objects.filter(staff_import=staff_import)
        .select_related("case", "occupation")
        .order_by("number")
    )
    for row in rows:
        writer.writerow(
            [
                row.number,
                _csv_safe(row.personnel_number),
                row.get_status_display(),
                row.case.number if row.case else "",
                row.occupation.label_nl if row.occupation else "",
                " ".join(problem_messages([*row.problems, *row.warnings])),
            ]
        )
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        purpose=Purpose.REGISTRATION,
        obj=staff_import,
        details={"report": "per_row"},
    )
    return out.getvalue()


def _csv_safe(value: str) -> str:
    """No spreadsheet formulas from a cell that came from an uploaded file."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
