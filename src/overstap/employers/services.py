"""Writes of vacancies: create, change, open or close, and import from files.

Every function checks that the actor may manage the employer's vacancies and runs in one
transaction. Vacancies hold no personal data, so there are no audit records. Business rules
raise ``ValidationError`` (field → messages), ``PermissionDenied`` or ``ConflictError``
(someone else saved the vacancy first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overstap.cases.constants import ContractType, WageBand
from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.core.validators import normalise_postcode, validate_postcode
from overstap.employers import importers, selectors
from overstap.employers.constants import (
    MAX_HOURS,
    MAX_POSITIONS,
    MIN_HOURS,
    ImportFormat,
    ImportStatus,
    Shift,
    SkillImportance,
    VacancySource,
    VacancyStatus,
)
from overstap.employers.models import Vacancy, VacancyImport, VacancySkill
from overstap.taxonomy import selectors as taxonomy
from overstap.taxonomy.constants import ConceptKind, LabelKind
from overstap.taxonomy.models import ConceptLabel, Occupation, Skill
from overstap.taxonomy.text import normalise, stems

if TYPE_CHECKING:
    from overstap.accounts.models import Organisation, User

__all__ = [
    "ImportPreview",
    "ImportResult",
    "VacancyData",
    "create_vacancy",
    "preview_import",
    "run_import",
    "set_vacancy_status",
    "start_import",
    "update_vacancy",
    "validate_vacancy",
]


@dataclass
class VacancyData:
    """What a vacancy says (everything but employer, status and bookkeeping)."""

    title: str
    occupation: Occupation | None = None
    description: str = ""
    hours_min: int | None = None
    hours_max: int | None = None
    wage_band: str = ""
    contract_type: str = ""
    postcode: str = ""
    place: str = ""
    shifts: list[str] = field(default_factory=list)
    start_date: dt.date | None = None
    positions: int = 1
    open_to_other_sectors: bool = True
    #: (skill, importance); a skill listed twice counts once, "must" winning.
    skills: list[tuple[Skill, str]] = field(default_factory=list)

    def skill_map(self) -> dict[int, tuple[Skill, str]]:
        chosen: dict[int, tuple[Skill, str]] = {}
        for skill, importance in self.skills:
            if skill.pk not in chosen or importance == SkillImportance.MUST:
                chosen[skill.pk] = (skill, importance)
        return chosen

    @property
    def has_must_skill(self) -> bool:
        return any(imp == SkillImportance.MUST for _skill, imp in self.skill_map().values())


#: The plain fields copied from :class:`VacancyData` onto a vacancy.
PLAIN_FIELDS = (
    "title",
    "occupation",
    "description",
    "hours_min",
    "hours_max",
    "wage_band",
    "contract_type",
    "postcode",
    "place",
    "shifts",
    "start_date",
    "positions",
    "open_to_other_sectors",
)


def validate_vacancy(
    data: VacancyData,
    *,
    status: str | None,
    is_new: bool,
    previous_start: dt.date | None = None,
    today: dt.date | None = None,
) -> dict[str, list[str]]:
    """The rule violations of ``data`` as field → messages (empty when all is well)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.title.strip():
        add("title", _("Give the vacancy a job title."))
    elif len(data.title) > 200:
        add("title", _("The job title can be at most 200 characters."))
    if data.positions is None or data.positions < 1:
        add("positions", _("A vacancy has at least 1 position."))
    elif data.positions > MAX_POSITIONS:
        add("positions", _("A vacancy has at most %(max)s positions.") % {"max": MAX_POSITIONS})
    for name in ("hours_min", "hours_max"):
        value = getattr(data, name)
        if value is not None and not MIN_HOURS <= value <= MAX_HOURS:
            add(
                name,
                _("Hours per week must be between %(min)s and %(max)s.")
                % {"min": MIN_HOURS, "max": MAX_HOURS},
            )
    if (
        data.hours_min is not None
        and data.hours_max is not None
        and data.hours_min > data.hours_max
        and "hours_min" not in errors
    ):
        add("hours_max", _("The maximum hours cannot be less than the minimum hours."))
    if (
        data.start_date
        and data.start_date < today
        and (is_new or data.start_date != previous_start)
    ):
        add("start_date", _("The start date cannot be in the past."))
    if data.postcode:
        try:
            validate_postcode(data.postcode)
        except ValidationError as exc:
            add("postcode", exc.messages[0])
    if data.wage_band and data.wage_band not in WageBand.values:
        add("wage_band", _("Choose a wage band from the list."))
    if data.contract_type and data.contract_type not in ContractType.values:
        add("contract_type", _("Choose a contract type from the list."))
    if any(s not in Shift.values for s in data.shifts):
        add("shifts", _("Choose shifts from the list."))
    if any(imp not in SkillImportance.values for _skill, imp in data.skills):
        add("skills", _("Each skill is a must-have or a nice-to-have."))
    if status is not None and status not in VacancyStatus.values:
        add("status", _("Choose a status from the list."))
    if status == VacancyStatus.OPEN and data.occupation is None and not data.has_must_skill:
        add(
            "status",
            _(
                "A vacancy can only be opened when it has an occupation or at least one "
                "must-have skill. Choose the occupation or add the skills it needs."
            ),
        )
    return errors


def _check_employer(actor: User, employer: Organisation) -> None:
    if not selectors.editable_employers(user=actor).filter(pk=employer.pk).exists():
        raise PermissionDenied(_("You cannot manage the vacancies of this employer."))


def _apply(vacancy: Vacancy, data: VacancyData) -> None:
    for name in PLAIN_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            value = value.strip()
        setattr(vacancy, name, value)
    vacancy.postcode = normalise_postcode(vacancy.postcode) if vacancy.postcode else ""
    vacancy.shifts = [s for s in Shift.values if s in data.shifts]


def _set_skills(vacancy: Vacancy, data: VacancyData) -> None:
    wanted = {pk: imp for pk, (_skill, imp) in data.skill_map().items()}
    current = {link.skill_id: link for link in vacancy.skill_links.all()}
    stale = [link.pk for pk, link in current.items() if pk not in wanted]
    if stale:
        VacancySkill.objects.filter(pk__in=stale).delete()
    new = []
    for pk, importance in wanted.items():
        link = current.get(pk)
        if link is None:
            new.append(VacancySkill(vacancy=vacancy, skill_id=pk, importance=importance))
        elif link.importance != importance:
            link.importance = importance
            link.save(update_fields=["importance"])
    VacancySkill.objects.bulk_create(new)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_vacancy(
    *,
    actor: User,
    employer: Organisation,
    data: VacancyData,
    status: str = VacancyStatus.DRAFT,
) -> Vacancy:
    """Add a vacancy of ``employer`` (entered on screen)."""
    _check_employer(actor, employer)
    _raise(validate_vacancy(data, status=status, is_new=True))
    vacancy = Vacancy(
        employer=employer,
        region_id=employer.region_id,
        status=status,
        source=VacancySource.UI,
        created_by=actor,
    )
    _apply(vacancy, data)
    vacancy.full_clean()
    vacancy.save()
    _set_skills(vacancy, data)
    return vacancy


@transaction.atomic
def update_vacancy(
    *,
    actor: User,
    vacancy: Vacancy,
    data: VacancyData,
    expected_version: int,
    status: str | None = None,
    employer: Organisation | None = None,
) -> Vacancy:
    """Change a vacancy. ``ConflictError`` when someone saved it after ``expected_version``."""
    _check_employer(actor, vacancy.employer)
    current = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this vacancy while you were editing it. Your changes are "
                "still in the form: check the current vacancy and save again."
            )
        )
    if employer is not None and employer.pk != current.employer_id:
        _check_employer(actor, employer)
        current.employer = employer
        current.region_id = employer.region_id
    new_status = status or current.status
    _raise(
        validate_vacancy(data, status=new_status, is_new=False, previous_start=current.start_date)
    )
    _apply(current, data)
    current.status = new_status
    current.version += 1
    current.full_clean()
    current.save()
    _set_skills(current, data)
    return current


@transaction.atomic
def set_vacancy_status(
    *, actor: User, vacancy: Vacancy, status: str, expected_version: int | None = None
) -> Vacancy:
    """Open, fill or close a vacancy (opening needs an occupation or a must-have skill)."""
    _check_employer(actor, vacancy.employer)
    current = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _("Someone else changed this vacancy in the meantime. Look at it again and retry.")
        )
    if status not in VacancyStatus.values:
        raise DomainError(_("Choose a status from the list."))
    if (
        status == VacancyStatus.OPEN
        and current.occupation_id is None
        and not current.skill_links.filter(importance=SkillImportance.MUST).exists()
    ):
        raise DomainError(
            _(
                "A vacancy can only be opened when it has an occupation or at least one "
                "must-have skill. Choose the occupation or add the skills it needs."
            )
        )
    if current.status != status:
        current.status = status
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
    return current


# --- looking up occupations and skills named in a file ---------------------------------------


class ConceptResolver:
    """Finds the occupation or skill a file means: by URI (ESCO or demo), else by label.

    Labels match exactly (ignoring case, accents and punctuation) or up to plurals; anything
    vaguer is reported with a suggestion rather than guessed.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.model: type[Occupation] | type[Skill] = (
            Occupation if kind == ConceptKind.OCCUPATION else Skill
        )
        self._cache: dict[str, tuple[Occupation | Skill | None, str]] = {}

    def resolve(self, ref: str) -> tuple[Occupation | Skill | None, str]:
        """(concept, "") when found, else (None, a suggested label or "")."""
        key = ref.strip()
        if key not in self._cache:
            self._cache[key] = self._lookup(key)
        return self._cache[key]

    def _current(self, concept: Occupation | Skill) -> Occupation | Skill:
        seen = 0
        while concept.replaced_by_id is not None and seen < 5:  # type: ignore[union-attr]
            concept = concept.replaced_by  # type: ignore[union-attr,assignment]
            seen += 1
        return concept

    def _lookup(self, ref: str) -> tuple[Occupation | Skill | None, str]:
        if not ref:
            return None, ""
        if ref.startswith(("http://", "https://", "urn:")):
            manager = self.model.objects.select_related("replaced_by")
            concept = manager.filter(uri=ref).first() or manager.filter(same_as_uri=ref).first()
            return (self._current(concept), "") if concept else (None, "")
        field_name = "occupation" if self.kind == ConceptKind.OCCUPATION else "skill"
        labels = list(
            ConceptLabel.objects.filter(kind=self.kind, normalised=normalise(ref))
            .select_related(f"{field_name}__replaced_by")
            .order_by("id")
        )
        rank = {LabelKind.PREFERRED: 0, LabelKind.ALTERNATIVE: 1, LabelKind.HIDDEN: 2}
        labels.sort(key=lambda row: rank.get(row.label_kind, 3))  # type: ignore[call-overload]
        if labels:
            return self._current(getattr(labels[0], field_name)), ""
        search = (
            taxonomy.search_occupations
            if self.kind == ConceptKind.OCCUPATION
            else taxonomy.search_skills
        )
        results = search(ref, limit=5)
        wanted = stems(ref)
        for result in results:
            if stems(result.matched_label) == wanted:
                concept = self.model.objects.select_related("replaced_by").get(pk=result.id)
                return self._current(concept), ""
        return None, results[0].label if results else ""


# --- imports --------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One vacancy of a file, checked: what it would do, or why it cannot be imported."""

    number: int
    external_id: str
    title: str
    errors: list[importers.RowError]
    data: VacancyData | None = None
    action: str = ""  # "new", "updated" or "unchanged"
    existing_id: int | None = None
    opens: bool = False

    @property
    def is_good(self) -> bool:
        return not self.errors and self.data is not None


@dataclass
class ImportPreview:
    format: str
    rows: list[ImportRow]
    notes: list[str]

    @property
    def good_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.is_good]

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.is_good]

    def count(self, action: str) -> int:
        return sum(1 for r in self.good_rows if r.action == action)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def drafts(self) -> int:
        return sum(1 for r in self.good_rows if r.action == "new" and not r.opens)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }

    def message(self) -> str:
        return summary_message(self.as_dict())


def summary_message(result: dict[str, int]) -> str:
    """ "0 new, 3 unchanged, 1 updated" (plus skipped rows when there were any)."""
    text = _("%(created)s new, %(unchanged)s unchanged, %(updated)s updated") % result
    if result.get("skipped"):
        text += "; " + ngettext(
            "%(count)s row with problems skipped",
            "%(count)s rows with problems skipped",
            result["skipped"],
        ) % {"count": result["skipped"]}
    return text


def _source(fmt: str) -> str:
    return VacancySource.JSONLD if fmt == ImportFormat.JSONLD else VacancySource.CSV


def _field(row: importers.RowInput, name: str) -> str:
    return row.fields.get(name, name)


def _row_data(
    row: importers.RowInput, occupations: ConceptResolver, skills: ConceptResolver
) -> VacancyData:
    occupation = None
    if row.occupation_ref:
        found, suggestion = occupations.resolve(row.occupation_ref)
        if found is None:
            row.error(
                _field(row, "occupation"),
                _unknown(ConceptKind.OCCUPATION, row.occupation_ref, suggestion),
            )
        occupation = found
    chosen: list[tuple[Skill, str]] = []
    for refs, importance, name in (
        (row.must_refs, SkillImportance.MUST, "must_skills"),
        (row.nice_refs, SkillImportance.NICE, "nice_skills"),
    ):
        for ref in refs:
            skill, suggestion = skills.resolve(ref)
            if skill is None:
                row.error(_field(row, name), _unknown(ConceptKind.SKILL, ref, suggestion))
            else:
                chosen.append((skill, str(importance)))  # type: ignore[arg-type]
    return VacancyData(
        title=row.title,
        occupation=occupation,  # type: ignore[arg-type]
        description=row.description,
        hours_min=row.hours_min,
        hours_max=row.hours_max,
        wage_band=row.wage_band,
        contract_type=row.contract_type,
        postcode=row.postcode,
        place=row.place,
        shifts=row.shifts,
        start_date=row.start_date,
        positions=row.positions,
        skills=chosen,
    )


def _unknown(kind: str, ref: str, suggestion: str) -> str:
    values = {"value": ref[:100], "suggestion": suggestion}
    if kind == ConceptKind.OCCUPATION:
        if suggestion:
            return _("Unknown occupation “%(value)s”. Did you mean “%(suggestion)s”?") % values
        return _("Unknown occupation “%(value)s”: no such URI or label in the taxonomy.") % values
    if suggestion:
        return _("Unknown skill “%(value)s”. Did you mean “%(suggestion)s”?") % values
    return _("Unknown skill “%(value)s”: no such URI or label in the taxonomy.") % values


def _signature(vacancy: Vacancy) -> tuple[object, ...]:
    values = [getattr(vacancy, "occupation_id" if n == "occupation" else n) for n in PLAIN_FIELDS]
    skills = sorted((link.skill_id, link.importance) for link in vacancy.skill_links.all())
    return (*values, tuple(skills))


def _data_signature(data: VacancyData) -> tuple[object, ...]:
    probe = Vacancy()
    _apply(probe, data)
    values = [getattr(probe, "occupation_id" if n == "occupation" else n) for n in PLAIN_FIELDS]
    skills = sorted((pk, imp) for pk, (_skill, imp) in data.skill_map().items())
    return (*values, tuple(skills))


def preview_import(
    *, employer: Organisation, fmt: str, text: str, today: dt.date | None = None
) -> ImportPreview:
    """Check every row of a file against the rules and the vacancies already imported.

    Writes nothing. ``DomainError`` when the file as a whole cannot be read.
    """
    parsed = importers.parse(fmt, text)
    source = _source(fmt)
    existing = {
        v.external_id: v
        for v in Vacancy.objects.filter(employer=employer, source=source)
        .exclude(external_id="")
        .prefetch_related("skill_links")
    }
    occupations = ConceptResolver(ConceptKind.OCCUPATION)
    skills = ConceptResolver(ConceptKind.SKILL)
    seen: dict[str, int] = {}
    rows: list[ImportRow] = []
    today = today or timezone.localdate()
    for raw in parsed.rows:
        if not raw.external_id:
            raw.error(
                _field(raw, "external_id"),
                _(
                    "Give every vacancy its own id, so importing the file again changes it "
                    "instead of adding it twice."
                ),
            )
        elif len(raw.external_id) > 200:
            raw.error(_field(raw, "external_id"), _("The id can be at most 200 characters."))
        elif raw.external_id in seen:
            raw.error(
                _field(raw, "external_id"),
                _("The id “%(id)s” is also used in row %(row)s.")
                % {"id": raw.external_id[:50], "row": seen[raw.external_id]},
            )
        else:
            seen[raw.external_id] = raw.number
        has_type_error = any(e.field == "@type" for e in raw.errors)
        data = None if has_type_error else _row_data(raw, occupations, skills)
        row = ImportRow(
            number=raw.number, external_id=raw.external_id, title=raw.title, errors=raw.errors
        )
        if data is not None:
            current = existing.get(raw.external_id)
            if (
                fmt == ImportFormat.JSONLD
                and data.start_date is None
                and raw.date_posted
                and raw.date_posted >= today
            ):
                data.start_date = raw.date_posted
            opens = data.occupation is not None or data.has_must_skill
            problems = validate_vacancy(
                data,
                status=None,
                is_new=current is None,
                previous_start=current.start_date if current else None,
                today=today,
            )
            for name, messages in problems.items():
                for message in messages:
                    row.errors.append(importers.RowError(_field(raw, name), message))
            row.data = data
            row.opens = opens
            if current is None:
                row.action = "new"
            else:
                row.existing_id = current.pk
                row.action = (
                    "unchanged" if _signature(current) == _data_signature(data) else "updated"
                )
        rows.append(row)
    return ImportPreview(format=parsed.format, rows=rows, notes=parsed.notes)


@transaction.atomic
def start_import(
    *, actor: User, employer: Organisation, raw: bytes, filename: str = "", fmt: str = ""
) -> VacancyImport:
    """Keep an uploaded file for preview and confirmation.

    ``DomainError`` when it is not UTF-8 or cannot be read as CSV or JSON at all.
    """
    _check_employer(actor, employer)
    text = importers.decode_upload(raw)
    fmt = fmt or importers.detect_format(filename, text)
    importers.parse(fmt, text)  # the file as a whole must be readable
    # Unconfirmed uploads of this user older than a day are no longer needed.
    VacancyImport.objects.filter(
        created_by=actor,
        status=ImportStatus.PENDING,
        created_at__lt=timezone.now() - dt.timedelta(days=1),
    ).delete()
    return VacancyImport.objects.create(
        employer=employer,
        format=fmt,
        filename=(filename or "")[:255],
        content=text,
        created_by=actor,
    )


@transaction.atomic
def run_import(*, actor: User, record: VacancyImport, good_rows_only: bool = False) -> ImportResult:
    """Import the vacancies of an upload, all or nothing.

    With problems in some rows nothing is imported unless ``good_rows_only`` confirms that
    the good rows should be imported without the others. Idempotent on (employer, source,
    external id): unchanged rows are left alone, changed rows update their vacancy.
    """
    record = VacancyImport.objects.select_for_update().select_related("employer").get(pk=record.pk)
    _check_employer(actor, record.employer)
    if record.status != ImportStatus.PENDING:
        raise DomainError(_("This file has already been imported."))
    preview = preview_import(employer=record.employer, fmt=record.format, text=record.content)
    good, bad = preview.good_rows, preview.bad_rows
    if not good:
        raise DomainError(_("No row can be imported. Correct the file and upload it again."))
    if bad and not good_rows_only:
        raise DomainError(
            ngettext(
                "%(count)s row has problems. Correct the file, or confirm that only the good "
                "rows should be imported.",
                "%(count)s rows have problems. Correct the file, or confirm that only the good "
                "rows should be imported.",
                len(bad),
            )
            % {"count": len(bad)}
        )
    source = _source(record.format)
    result = ImportResult(skipped=len(bad))
    for row in good:
        assert row.data is not None
        if row.action == "unchanged":
            result.unchanged += 1
            continue
        if row.action == "updated":
            vacancy = Vacancy.objects.select_for_update().get(pk=row.existing_id or 0)
            _apply(vacancy, row.data)
            vacancy.version += 1
            vacancy.full_clean()
            vacancy.save()
            _set_skills(vacancy, row.data)
            result.updated += 1
            continue
        vacancy = Vacancy(
            employer=record.employer,
            region_id=record.employer.region_id,
            status=VacancyStatus.OPEN if row.opens else VacancyStatus.DRAFT,
            source=source,
            external_id=row.external_id,
            created_by=actor,
        )
        _apply(vacancy, row.data)
        vacancy.full_clean()
        vacancy.save()
        _set_skills(vacancy, row.data)
        result.created += 1
    record.status = ImportStatus.DONE
    record.result = result.as_dict()
    record.save(update_fields=["status", "result", "updated_at"])
    return result
