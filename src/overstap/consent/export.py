"""Everything stored about one person, for the person (right of access): JSON and PDF.

``PERSON_DATA`` lists every model that holds data about a person with the lookup from
that model to ``cases.Person``. ``NOT_PERSONAL`` lists the models reachable from a person
that are left out, each with its reason. ``tests/consent/test_completeness.py`` walks every
foreign key to ``Person`` and ``Case`` (recursively) and fails when a model is in neither
list, so a new model with personal data cannot be forgotten here.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.consent.constants import consent_text
from overstap.privacy.models import AuditLogEntry

if TYPE_CHECKING:
    from overstap.cases.models import Person

#: model label -> lookup from that model to the person
PERSON_DATA: dict[str, str] = {
    "cases.Person": "pk",
    "cases.Case": "person",
    "bulkintake.ImportRow": "case__person",
    "cases.CaseMember": "case__person",
    "cases.Intake": "case__person",
    "cases.WorkHistoryEntry": "person",
    "cases.PlanGoal": "case__person",
    "cases.PlanAction": "case__person",
    "cases.Contact": "case__person",
    "cases.Referral": "case__person",
    "cases.ReferralUpdate": "referral__case__person",
    "cases.Outcome": "case__person",
    "cases.FollowUp": "case__person",
    "cases.CaseEvent": "case__person",
    "cases.CaseTransfer": "person",
    "passport.Passport": "person",
    "passport.PassportOccupation": "passport__person",
    "passport.PassportSkill": "passport__person",
    "passport.Certificate": "passport__person",
    "passport.CertificateSkill": "certificate__passport__person",
    "passport.LearningExperience": "passport__person",
    "passport.LearningSkill": "learning__passport__person",
    "passport.Ambition": "passport__person",
    "passport.PassportConstraints": "passport__person",
    "consent.ConsentRecord": "person",
    "consent.ConsentOverride": "person",
    "consent.IntroductionRequest": "case__person",
    # the bottleneck register names the cases a bottleneck affects
    "insights.Bottleneck": "cases__person",
    # the dashboard's read model: a derived copy (birth date, education, outcome) per case
    "insights.CaseFact": "case__person",
    # the front door's self-registration (what the person filled in themselves)
    "frontdoor.SelfRegistration": "case__person",
}

#: models reachable from a person that are not exported, with the reason
NOT_PERSONAL: dict[str, str] = {
    # (none yet: add "app.Model": "why it holds no data about the person")
}

#: fields never exported (internal bookkeeping, not data about the person)
SKIPPED_FIELDS = {"version"}


def _value(obj: models.Model, f: models.Field[Any, Any]) -> Any:
    if f.is_relation:
        related = getattr(obj, f.name, None)
        return str(related) if related is not None else None
    value = f.value_from_object(obj)
    if f.choices and value not in (None, ""):
        display = getattr(obj, f"get_{f.name}_display", None)
        if display is not None:
            return str(display())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _rows(model: type[models.Model], person: Person) -> list[dict[str, Any]]:
    lookup = PERSON_DATA[model._meta.label]
    qs = model._default_manager.filter(**{lookup: person.pk}).distinct().order_by("pk")
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS and not (f.primary_key and f.name == "id")
    ]
    return [{f.name: _value(obj, f) for f in fields} for obj in qs]


def person_data(person: Person) -> dict[str, Any]:
    """All data about ``person``: one section per model, the consents with their texts,
    and who accessed the data (from the audit log)."""
    sections = []
    for label in PERSON_DATA:
        try:
            model = apps.get_model(label)
        except LookupError:  # an optional app that is not installed
            continue
        rows = _rows(model, person)
        if rows:
            sections.append(
                {
                    "model": label,
                    "title": str(model._meta.verbose_name_plural).capitalize(),
                    "rows": rows,
                }
            )
    return {
        "generated_at": timezone.now().isoformat(),
        "person": person.full_name,
        "sections": sections,
        "consent_texts": _consent_texts(person),
        "access_log": access_log(person),
    }


def _consent_texts(person: Person) -> list[dict[str, str]]:
    from overstap.consent.models import ConsentRecord

    seen = []
    for record in ConsentRecord.objects.filter(person=person).select_related("recipient"):
        text = consent_text(record.purpose, record.text_version)
        if text is not None:
            seen.append(
                {
                    "purpose": record.get_purpose_display(),
                    "recipient": str(record.recipient or ""),
                    "version": record.text_version,
                    "text": text.render(str(record.recipient or "")),
                }
            )
    return seen


def access_log(person: Person) -> list[dict[str, str]]:
    """Who accessed the person's data: who, organisation, when, what and why."""
    case_ids = list(person.cases.values_list("pk", flat=True))
    qs = AuditLogEntry.objects.filter(
        models.Q(person_ref=person.pk) | models.Q(case_ref__in=case_ids)
    ).order_by("-timestamp", "-id")
    return [
        {
            "when": timezone.localtime(entry.timestamp).isoformat(timespec="minutes"),
            "who": entry.actor_username,
            "organisation": entry.organisation_name,
            "role": entry.role,
            "what": str(entry.get_action_display()),
            "object": entry.object_type,
            "purpose": str(entry.get_purpose_display()),
        }
        for entry in qs[:2000]
    ]


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def as_pdf(data: dict[str, Any]) -> bytes:
    """A readable PDF of ``person_data`` (fpdf2, the passport's PDF helpers)."""
    from overstap.passport.pdf import FONT_REGULAR, _PassportPDF

    class _DataPDF(_PassportPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(self.base_font, "", 8)
            self.cell(0, 6, self.clean(_("Page %(page)s") % {"page": self.page_no()}), align="C")

    doc = _DataPDF(unicode_font=FONT_REGULAR.exists())
    doc.set_title(_("What we store about you"))
    doc.set_lang("nl")
    doc.add_page()
    doc.set_font(doc.base_font, "B", 18)
    doc.multi_cell(0, 9, doc.clean(_("What we store about you")), new_x="LMARGIN", new_y="NEXT")
    doc.line_text(data["person"], bold=True)
    doc.line_text(_("Made on %(date)s") % {"date": data["generated_at"][:10]}, muted=True)
    for section in data["sections"]:
        doc.heading(section["title"])
        for row in section["rows"]:
            for key, value in row.items():
                if value not in (None, "", [], {}):
                    doc.bullet(f"{key}: {value}")
            doc.ln(2)
    doc.heading(_("Your consents"))
    if not data["consent_texts"]:
        doc.line_text(_("None."), muted=True)
    for text in data["consent_texts"]:
        doc.line_text(f"{text['purpose']} {text['recipient']} ({text['version']})", bold=True)
        doc.line_text(text["text"])
    doc.heading(_("Who looked at or changed your data"))
    for entry in data["access_log"]:
        doc.bullet(
            f"{entry['when']} {entry['who']} ({entry['organisation']}): "
            f"{entry['what']} - {entry['purpose']}"
        )
    return bytes(doc.output())
