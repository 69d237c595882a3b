"""The pilot-style report: figures 7–13 of the pilot evaluation plus the funnel, from live
data, as HTML (template ``insights/report.html``) and PDF (fpdf2, bar charts drawn with
fpdf2 primitives).

Uses DejaVu Sans when ``/usr/share/fonts/truetype/dejavu/`` has it (all characters);
otherwise fpdf2's core Helvetica with text folded to Latin-1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.insights import finance
from overstap.insights.figures import Dashboard, Filters, Table, compute, funnel_table

if TYPE_CHECKING:
    from overstap.accounts.models import Region
    from overstap.insights.models import CaseFact

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

#: The pilot report's figures, in its order (section 3.1).
REPORT_TABLES = (
    "education",
    "age",
    "tenure",
    "function",
    "route",
    "services_category",
    "outflow",
    "outflow_sector",
)


@dataclass
class Report:
    region: Region
    filters: Filters
    employers: list[str]
    generated_at: dt.datetime
    tables: list[Table] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    cost_benefit: finance.CostBenefit | None = None

    @property
    def period(self) -> str:
        start = self.filters.date_from.isoformat() if self.filters.date_from else _("start")
        end = self.filters.date_to.isoformat() if self.filters.date_to else _("today")
        return f"{start} – {end}"


def build_report(
    *, region: Region, cases: QuerySet[CaseFact], filters: Filters, employers: list[str]
) -> Report:
    """The report over the cases behind ``cases`` (dashboard rows, filtered)."""
    from overstap.cases.models import Case

    dash: Dashboard = compute(cases)
    tables = [funnel_table(dash.totals)]
    for key in REPORT_TABLES:
        table = dash.table(key)
        if table is not None:
            tables.append(table)
    return Report(
        region=region,
        filters=filters,
        employers=employers,
        generated_at=timezone.localtime(),
        tables=tables,
        totals=dash.totals,
        cost_benefit=finance.cost_benefit(Case.objects.filter(pk__in=cases.values("case_id"))),
    )


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    end = first - dt.timedelta(days=1)
    return end.replace(day=1), end


# --- PDF -------------------------------------------------------------------------------


def render_pdf(report: Report) -> bytes:
    from fpdf import FPDF

    unicode_font = FONT_REGULAR.exists()

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(base, "", 8)
            self.set_text_color(110)
            self.cell(
                0,
                6,
                clean(
                    _("Overstap – %(region)s – page %(page)s")
                    % {"region": report.region.name, "page": self.page_no()}
                ),
                align="C",
            )

    def clean(text: Any) -> str:
        text = str(text)
        if unicode_font:
            return text
        text = text.replace("€", "EUR").replace("–", "-").replace("×", "x").replace("−", "-")
        return text.encode("latin-1", "replace").decode("latin-1")

    pdf = _Pdf(format="A4")
    pdf.set_title(clean(_("Overstap report")))
    pdf.set_author("Overstap")
    pdf.set_creation_date(report.generated_at)
    if unicode_font:
        pdf.add_font("DejaVu", "", str(FONT_REGULAR))
        pdf.add_font("DejaVu", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT_REGULAR))
        base = "DejaVu"
    else:
        base = "Helvetica"
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font(base, "B", 16)
    pdf.multi_cell(
        0,
        9,
        new_x="LMARGIN",
        new_y="NEXT",
        text=clean(_("Job to job: figures for %(region)s") % {"region": report.region.name}),
    )
    pdf.set_font(base, "", 10)
    pdf.multi_cell(
        0,
        6,
        new_x="LMARGIN",
        new_y="NEXT",
        text=clean(_("Period of registration: %(period)s") % {"period": report.period}),
    )
    employers = ", ".join(report.employers) if report.employers else _("all releasing employers")
    pdf.multi_cell(
        0,
        6,
        new_x="LMARGIN",
        new_y="NEXT",
        text=clean(_("Releasing employers: %(employers)s") % {"employers": employers}),
    )
    pdf.multi_cell(
        0,
        6,
        clean(
            _("Generated on %(date)s from the live data of Overstap.")
            % {"date": report.generated_at.strftime("%Y-%m-%d %H:%M")}
        ),
    )
    pdf.ln(3)
    for table in report.tables:
        _pdf_table(pdf, table, base, clean)
    if report.cost_benefit is not None:
        if pdf.get_y() > 230:
            pdf.add_page()
        pdf.set_font(base, "B", 12)
        pdf.multi_cell(0, 8, new_x="LMARGIN", new_y="NEXT", text=clean(_("Costs and benefits")))
        pdf.set_font(base, "", 10)
        for step in report.cost_benefit.steps:
            pdf.multi_cell(0, 6, new_x="LMARGIN", new_y="NEXT", text=clean(step))
    return bytes(pdf.output())


def _pdf_table(pdf: Any, table: Table, base: str, clean: Any) -> None:
    bar_rows = table.bars
    needed = 16 + 6 * len(table.rows) + 6 * len(bar_rows) + 10
    if pdf.get_y() + min(needed, 200) > 275:
        pdf.add_page()
    pdf.set_font(base, "B", 12)
    title = str(table.title)
    if table.figure:
        title = _("Figure %(n)s (pilot report). %(title)s") % {"n": table.figure, "title": title}
    pdf.multi_cell(0, 8, new_x="LMARGIN", new_y="NEXT", text=clean(title))
    # bar chart: label column, bar area, value
    left, label_w, bar_w = pdf.l_margin, 60, 100
    pdf.set_font(base, "", 9)
    for label, fraction, value in bar_rows:
        y = pdf.get_y()
        pdf.set_xy(left, y)
        pdf.cell(label_w, 5, clean(str(label))[:40])
        pdf.set_fill_color(31, 94, 140)
        width = max(bar_w * fraction, 0.3 if value else 0)
        if width:
            pdf.rect(left + label_w, y + 0.8, width, 3.6, style="F")
        pdf.set_xy(left + label_w + width + 2, y)
        pdf.cell(20, 5, clean(str(value)))
        pdf.ln(5.5)
    pdf.ln(2)
    # the table behind it
    columns = [clean(str(c)) for c in table.columns]
    widths = [70] + [max((180 - 70) / max(len(columns) - 1, 1), 20)] * (len(columns) - 1)
    pdf.set_font(base, "B", 9)
    pdf.set_fill_color(230, 236, 242)
    for width, name in zip(widths, columns, strict=False):
        pdf.cell(width, 6, name[:45], border=1, fill=True)
    pdf.ln()
    pdf.set_font(base, "", 9)
    for row in table.rows:
        for index, (width, value) in enumerate(zip(widths, row, strict=False)):
            pdf.cell(width, 6, clean(str(value))[:45], border=1, align="L" if index == 0 else "R")
        pdf.ln()
    if table.note:
        pdf.set_font(base, "", 8)
        pdf.multi_cell(0, 5, new_x="LMARGIN", new_y="NEXT", text=clean(str(table.note)))
    pdf.ln(4)


def write_files(report: Report, html: str, directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"overstap-report-{report.region.code}-{report.generated_at:%Y%m%d-%H%M}"
    html_path = directory / f"{stem}.html"
    pdf_path = directory / f"{stem}.pdf"
    html_path.write_text(html, encoding="utf-8")
    pdf_path.write_bytes(render_pdf(report))
    return html_path, pdf_path
