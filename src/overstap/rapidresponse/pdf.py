"""The scenario ("where can these people go?") as a PDF for the regional board (fpdf2).

Uses DejaVu Sans when the fonts are installed (all characters); otherwise fpdf2's Helvetica
with text folded to Latin-1, like the passport and the pilot report.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from overstap.rapidresponse import planner

if TYPE_CHECKING:
    from overstap.rapidresponse.selectors import Scenario

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
PRIMARY = (21, 66, 115)
MUTED = (83, 83, 83)
_FOLD = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def category_label(category: str) -> str:
    return {
        planner.DIRECT: _("Direct"),
        planner.TRAINING: _("After short training"),
        planner.NOT_YET: _("Not yet"),
    }[category]


def wage_label(effect: str) -> str:
    return {
        planner.HIGHER: _("higher wage"),
        planner.SAME: _("same wage"),
        planner.LOWER: _("lower wage"),
        planner.UNKNOWN: _("wage unknown"),
    }[effect]


class _ScenarioPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.unicode_font = FONT_REGULAR.exists()
        if self.unicode_font:
            self.add_font("DejaVu", "", str(FONT_REGULAR))
            self.add_font("DejaVu", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT_REGULAR))
            self.base_font = "DejaVu"
        else:
            self.base_font = "Helvetica"
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(auto=True, margin=16)

    def clean(self, text: object) -> str:
        value = str(text)
        if self.unicode_font:
            return value
        for char, repl in _FOLD.items():
            value = value.replace(char, repl)
        out = []
        for ch in value:
            if ord(ch) < 256:
                out.append(ch)
            else:
                base = "".join(
                    c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
                )
                out.append(base if base and all(ord(c) < 256 for c in base) else "?")
        return "".join(out)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.base_font, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.clean(_("Page %(page)s") % {"page": self.page_no()}), align="C")

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(2)
        self.set_font(self.base_font, "B", size)
        self.set_text_color(*PRIMARY)
        self.multi_cell(0, 7, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(self.base_font, "", 10)

    def text_line(self, text: str, *, bold: bool = False, muted: bool = False) -> None:
        self.set_font(self.base_font, "B" if bold else "", 10)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, 5.5, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(self.base_font, "", 10)

    def bullet(self, text: str) -> None:
        self.set_x(self.l_margin + 3)
        self.multi_cell(0, 5.5, self.clean("- " + text), new_x="LMARGIN", new_y="NEXT")


def render_scenario(scenario: Scenario, *, region: str, source_label: str = "") -> bytes:
    """PDF bytes of a computed scenario (``scenario.plan`` must be set)."""
    plan = scenario.plan
    assert plan is not None
    doc = _ScenarioPDF()
    doc.set_title(_("Scenario: where can these people go?"))
    doc.add_page()
    doc.set_font(doc.base_font, "B", 18)
    doc.multi_cell(0, 9, doc.clean(_("Where can these people go?")), new_x="LMARGIN", new_y="NEXT")
    doc.text_line(
        _("Scenario for the regional board, %(region)s, %(date)s")
        % {"region": region, "date": formats.date_format(timezone.localdate(), "j F Y")},
        muted=True,
    )
    if source_label:
        doc.text_line(source_label, muted=True)
    doc.heading(_("Summary"))
    doc.text_line(
        _(
            "Of %(people)s people: %(direct)s can move directly, %(training)s after short "
            "training, %(not_yet)s not yet."
        )
        % {
            "people": plan.people,
            "direct": plan.direct,
            "training": plan.training,
            "not_yet": plan.not_yet,
        },
        bold=True,
    )
    doc.text_line(
        _(
            "Direct: fit of at least %(direct)s %% and no must-have skill missing. After short "
            "training: fit of at least %(training)s %% and the region's training teaches every "
            "missing must-have skill. People are counted against open vacancies and shortage "
            "registrations, best fit first; a place counts once."
        )
        % {"direct": round(plan.direct_fit * 100), "training": round(plan.training_fit * 100)},
        muted=True,
    )
    for source in plan.sources:
        doc.heading(
            _("%(occupation)s: %(people)s people")
            % {"occupation": source.line.label, "people": source.line.headcount}
        )
        doc.text_line(
            _("Direct %(direct)s · after training %(training)s · not yet %(not_yet)s")
            % {"direct": source.direct, "training": source.training, "not_yet": source.not_yet}
        )
        shown = [t for t in source.targets if t.moved or t.capacity][:8]
        if not shown:
            doc.text_line(
                _("No open vacancies or shortage registrations in fitting occupations."),
                muted=True,
            )
        for target in shown:
            doc.text_line(
                _(
                    "%(occupation)s – %(category)s, fit %(fit)s %%, %(moved)s of %(places)s "
                    "places, %(wage)s"
                )
                % {
                    "occupation": target.option.label,
                    "category": category_label(target.category),
                    "fit": round(target.option.fit * 100),
                    "moved": target.moved,
                    "places": target.capacity,
                    "wage": wage_label(target.wage_effect),
                },
                bold=bool(target.moved),
            )
            for place in target.places[:5]:
                doc.bullet(
                    _("%(employer)s: %(title)s (%(count)s)")
                    % {"employer": place.employer, "title": place.title, "count": place.count}
                )
    if plan.skills:
        doc.heading(_("Skills to train"))
        for need in plan.skills[:15]:
            offerings = ", ".join(f"{o.name} ({o.provider})" for o in need.offerings)
            doc.bullet(
                _("%(skill)s – %(people)s people – %(offerings)s")
                % {"skill": need.label, "people": need.people, "offerings": offerings}
            )
    if plan.employers:
        doc.heading(_("Receiving employers"))
        for employer in plan.employers:
            doc.bullet(
                _("%(employer)s: %(people)s people (%(occupations)s)")
                % {
                    "employer": employer.employer,
                    "people": employer.people,
                    "occupations": ", ".join(employer.occupations),
                }
            )
    return bytes(doc.output())
