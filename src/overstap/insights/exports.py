"""CSV and XLSX downloads, and the pseudonymised research export."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Substr, TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases.models import Case, Referral
from overstap.insights.figures import (
    COSTED_STATUSES,
    age_band_expression,
    function_group,
    with_releasing_job,
)
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUPPRESSED = "suppressed"
#: The smallest group shown: smaller cells are suppressed or shown as "<5".
MIN_CELL = 5
#: Quasi-identifiers whose combination must be shared by at least ``MIN_CELL`` people.
QUASI_IDENTIFIERS = ("age_band", "education_level", "sector", "route")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return value
    return str(value)


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV injection)."""
    value = _plain(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def csv_bytes(header: Sequence[Any], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Any], Sequence[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per (title, header, rows)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        sheet.append([_safe_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe_cell(v) for v in row])
        for column in sheet.columns:
            width = max((len(str(c.value or "")) for c in column), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31] or "Sheet"


def download(
    filename: str,
    fmt: str,
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "",
    extra_sheets: Sequence[tuple[str, Sequence[Any], Sequence[Sequence[Any]]]] = (),
) -> HttpResponse:
    if fmt == "xlsx":
        content = xlsx_bytes([(sheet or filename, header, rows), *extra_sheets])
        response = HttpResponse(content, content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_TYPE)
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


# --- research export -------------------------------------------------------------------


def pseudonym(export_key: str, person_id: int, *, length: int = 16) -> str:
    """HMAC-SHA256 keyed with the site secret plus the export key: stable for one key
    (one research project), unlinkable across keys, not reversible without the secret."""
    key = (settings.SECRET_KEY + export_key).encode("utf-8")
    digest = hmac.new(key, str(person_id).encode("ascii"), hashlib.sha256).hexdigest()
    return digest[:length]


RESEARCH_COLUMNS = [
    ("pseudonym", "pseudonym"),
    ("registration_month", "registration month"),
    ("signal_source", "signal source"),
    ("sector", "sector of releasing employer"),
    ("age_band", "age band"),
    ("education_level", "education level"),
    ("postcode_area", "postcode area"),
    ("tenure_band", "tenure band"),
    ("function_group", "function group"),
    ("route", "route"),
    ("status", "status"),
    ("outcome", "outcome"),
    ("outcome_month", "outcome month"),
    ("outcome_sector", "outcome sector"),
    ("changed_sector", "changed sector"),
    ("referrals", "referrals"),
    ("referral_costs", "referral costs (euro)"),
]


def research_rows(cases: QuerySet[Case], export_key: str) -> list[dict[str, Any]]:
    """One row per case: pseudonym, generalised quasi-identifiers, no direct identifiers.

    Combinations of ``QUASI_IDENTIFIERS`` shared by fewer than ``MIN_CELL`` people have
    those fields replaced by ``"suppressed"``.
    """
    today = timezone.localdate()
    queryset = (
        with_releasing_job(cases, today)
        .annotate(
            age_band=age_band_expression(today),
            postcode_area=Substr("person__postcode", 1, 2),
            registration_month=TruncMonth("created_at"),
            outcome_month=TruncMonth("outcome__date"),
            sector_value=F("releasing_employer__sector"),
        )
        .values(
            "pk",
            "person_id",
            "registration_month",
            "signal_source",
            "sector_value",
            "age_band",
            "intake__education_level",
            "postcode_area",
            "tenure_band",
            "job_title",
            "route__number",
            "status",
            "outcome__kind",
            "outcome_month",
            "outcome__sector",
            "outcome__changed_sector",
        )
        .order_by("pk")
    )
    referrals = {
        row["case_id"]: row
        for row in Referral.objects.filter(case__in=cases.values("pk"), status__in=COSTED_STATUSES)
        .values("case_id")
        .annotate(n=Count("pk"), total=Sum("cost"))
        .order_by()
    }
    rows = []
    for r in queryset:
        money: Any = referrals.get(r["pk"], {})
        rows.append(
            {
                "pseudonym": pseudonym(export_key, r["person_id"]),
                "registration_month": _month(r["registration_month"]),
                "signal_source": r["signal_source"],
                "sector": r["sector_value"] or "",
                "age_band": r["age_band"],
                "education_level": r["intake__education_level"] or "unknown",
                "postcode_area": r["postcode_area"] or "",
                "tenure_band": r["tenure_band"],
                "function_group": function_group(r["job_title"]),
                "route": r["route__number"] if r["route__number"] is not None else "",
                "status": r["status"],
                "outcome": r["outcome__kind"] or "",
                "outcome_month": _month(r["outcome_month"]),
                "outcome_sector": r["outcome__sector"] or "",
                "changed_sector": _yes_no(r["outcome__changed_sector"]),
                "referrals": money.get("n", 0),
                "referral_costs": money.get("total") or Decimal("0.00"),
            }
        )
    suppress(rows)
    return rows


def suppress(rows: list[dict[str, Any]], fields: Sequence[str] = QUASI_IDENTIFIERS) -> int:
    """Replace ``fields`` by "suppressed" in rows whose combination is rarer than MIN_CELL."""
    groups = Counter(tuple(row[f] for f in fields) for row in rows)
    suppressed = 0
    for row in rows:
        if groups[tuple(row[f] for f in fields)] < MIN_CELL:
            for f in fields:
                row[f] = SUPPRESSED
            suppressed += 1
    return suppressed


def _month(value: Any) -> str:
    return value.strftime("%Y-%m") if value else ""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def summary_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """Counts per outcome, with counts below MIN_CELL shown as "<5" (leaves the region)."""
    from overstap.insights.figures import mask_small

    counts = Counter(row["outcome"] or "none" for row in rows)
    return [[kind, mask_small(n, MIN_CELL)] for kind, n in sorted(counts.items())]


def research_export(
    *,
    actor: User,
    cases: QuerySet[Case],
    export_key: str,
    fmt: str,
    purpose_note: str = "",
    override_reason: str = "",
) -> HttpResponse:
    """The pseudonymised export of ``cases``.

    Issue #7: only people with an active research consent are included and the export says
    how many were left out, unless ``override_reason`` records a lawful basis (for example
    statistics by law); the override is stored as a ``consent.ConsentOverride`` and audited.
    """
    from overstap.consent import selectors as consent_selectors
    from overstap.consent import services as consent_services
    from overstap.consent.constants import ConsentPurpose

    left_out = 0
    if override_reason.strip():
        consent_services.record_override(
            actor=actor, purpose=ConsentPurpose.RESEARCH, reason=override_reason
        )
    else:
        cases, left_out = consent_selectors.research_consent_split(cases)
    rows = research_rows(cases, export_key)
    header = [label for _key, label in RESEARCH_COLUMNS]
    table = [[row[key] for key, _label in RESEARCH_COLUMNS] for row in rows]
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        purpose=Purpose.RESEARCH,
        object_type="insights.ResearchExport",
        details={
            "rows": len(rows),
            "format": fmt,
            # a fingerprint, so the key itself is not in the log
            "export_key_fingerprint": hashlib.sha256(export_key.encode()).hexdigest()[:12],
            "suppressed_rows": sum(1 for row in rows if row["age_band"] == SUPPRESSED),
            "note": purpose_note[:200],
            "left_out_without_consent": left_out,
            "override": bool(override_reason.strip()),
        },
    )
    stamp = timezone.localdate().isoformat()
    return download(
        f"overstap-research-{stamp}",
        fmt,
        header,
        table,
        sheet=_("Participants"),
        extra_sheets=[
            (_("Outcomes"), [_("Outcome"), _("People")], summary_rows(rows)),
            (
                _("Consent"),
                [_("Note"), _("People")],
                [
                    [_("Left out: no research consent"), left_out],
                    [_("Lawful basis instead of consent"), override_reason.strip()[:200] or "-"],
                ],
            ),
        ],
    )
