"""The skills passport as a PDF the person can take along (fpdf2, pure Python).

Uses DejaVu Sans when the Debian package fonts-dejavu-core is installed (all characters);
otherwise fpdf2's built-in Helvetica, with text folded to Latin-1.
Only what the person may show to others: confirmed skills, no internal notes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF

from overstap.cases.constants import ContractType, WageBand
from overstap.passport.constants import EVIDENCE_PLAIN, AmbitionKind, Shift

if TYPE_CHECKING:
    from overstap.cases.models import Person
    from overstap.passport.selectors import PassportOverview

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

_LATIN1_FOLD = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u2022": "-",
    "\u00ad": "",
}

PRIMARY = (21, 66, 115)
MUTED = (83, 83, 83)


def _fold_char(char: str) -> str:
    """A character outside Latin-1 as its base letter ("ź" → "z"), or "?"."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(ord(c) < 256 for c in base) else "?"


class _PassportPDF(FPDF):
    def __init__(self, unicode_font: bool) -> None:
        super().__init__(format="A4")
        self.unicode_font = unicode_font
        if unicode_font:
            self.add_font("DejaVu", "", str(FONT_REGULAR))
            self.add_font("DejaVu", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT_REGULAR))
            self.base_font = "DejaVu"
        else:
            self.base_font = "Helvetica"
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)

    def clean(self, text: object) -> str:
        value = str(text)
        if self.unicode_font:
            return value
        for char, replacement in _LATIN1_FOLD.items():
            value = value.replace(char, replacement)
        return "".join(ch if ord(ch) < 256 else _fold_char(ch) for ch in value)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.base_font, "", 8)
        self.set_text_color(*MUTED)
        text = _("Page %(page)s. This passport uses ESCO, the European list of jobs and skills.")
        self.cell(0, 6, self.clean(text % {"page": self.page_no()}), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self.base_font, "B", 13)
        self.set_text_color(*PRIMARY)
        self.multi_cell(0, 7, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(self.base_font, "", 11)

    def line_text(self, text: str, *, bold: bool = False, muted: bool = False) -> None:
        self.set_font(self.base_font, "B" if bold else "", 11)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, 6, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(self.base_font, "", 11)

    def bullet(self, text: str) -> None:
        self.set_x(self.l_margin + 3)
        self.multi_cell(0, 6, self.clean("- " + text), new_x="LMARGIN", new_y="NEXT")


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def render_passport(overview: PassportOverview, person: Person) -> bytes:
    """The PDF bytes of the passport of ``person``."""
    doc = _PassportPDF(unicode_font=FONT_REGULAR.exists())
    doc.set_title(_("Skills passport"))
    doc.set_lang("nl")
    doc.set_creator("Overstap")
    doc.add_page()
    doc.set_font(doc.base_font, "B", 20)
    doc.set_text_color(*PRIMARY)
    doc.multi_cell(0, 10, doc.clean(_("Skills passport")), new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    doc.set_font(doc.base_font, "B", 14)
    doc.multi_cell(0, 8, doc.clean(person.full_name), new_x="LMARGIN", new_y="NEXT")
    doc.line_text(_("Made on %(date)s.") % {"date": _date(timezone.localdate())}, muted=True)

    doc.heading(_("Work I have done"))
    if overview.occupations:
        for po in overview.occupations:
            label = po.occupation.label(overview.lang)
            if po.years:
                label += " - " + ngettext("%(count)s year", "%(count)s years", po.years) % {
                    "count": po.years
                }
            doc.bullet(label)
    else:
        doc.line_text(_("Nothing filled in yet."), muted=True)

    doc.heading(_("What I can do"))
    if overview.confirmed:
        for row in overview.confirmed:
            doc.bullet(f"{row.label} ({EVIDENCE_PLAIN[row.item.evidence]})")  # type: ignore[index]
    else:
        doc.line_text(_("Nothing filled in yet."), muted=True)

    if overview.certificates:
        doc.heading(_("Certificates and diplomas"))
        for certificate in overview.certificates:
            parts = [certificate.name]
            if certificate.issuer:
                parts.append(_("from %(issuer)s") % {"issuer": certificate.issuer})
            if certificate.obtained_on:
                parts.append(_("received %(date)s") % {"date": _date(certificate.obtained_on)})
            if certificate.expires_on:
                parts.append(_("valid until %(date)s") % {"date": _date(certificate.expires_on)})
            doc.bullet(", ".join(parts))

    if overview.learning:
        doc.heading(_("What I learned in practice"))
        for item in overview.learning:
            doc.bullet(f"{item.description} ({item.period})" if item.period else item.description)

    if overview.ambitions:
        doc.heading(_("What I am looking for"))
        for ambition in overview.ambitions:
            target = (
                ambition.occupation.label(overview.lang) if ambition.occupation else ambition.sector
            )
            doc.bullet(f"{AmbitionKind(ambition.kind).label}: {target}")

    constraints = overview.constraints
    if constraints is not None:
        lines = []
        if constraints.min_hours_per_week:
            lines.append(
                _("At least %(hours)s hours a week") % {"hours": constraints.min_hours_per_week}
            )
        if constraints.max_travel_minutes:
            lines.append(
                _("At most %(minutes)s minutes of travel")
                % {"minutes": constraints.max_travel_minutes}
            )
        if constraints.max_travel_km:
            lines.append(_("At most %(km)s km from home") % {"km": constraints.max_travel_km})
        if constraints.min_wage_band:
            lines.append(
                _("Wage at least: %(band)s") % {"band": WageBand(constraints.min_wage_band).label}
            )
        if constraints.shifts:
            lines.append(
                _("I can work: %(shifts)s")
                % {"shifts": ", ".join(str(Shift(s).label).lower() for s in constraints.shifts)}
            )
        if constraints.contract_types:
            lines.append(
                _("Contracts: %(types)s")
                % {
                    "types": ", ".join(
                        str(ContractType(c).label).lower() for c in constraints.contract_types
                    )
                }
            )
        if lines:
            doc.heading(_("What my work must fit"))
            for line in lines:
                doc.bullet(line)
    return bytes(doc.output())
