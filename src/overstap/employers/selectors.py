"""Reads of vacancies, and who may see and change them (the single source of these rules).

Rules (issue #3):

* employer users see and change their own organisation's vacancies, in every status;
  another employer's vacancy is a 404;
* account managers and coordinators see every vacancy of their region and create or change
  them for any employer of the region;
* case managers see the open vacancies of their region, read only (changing is a 403);
* everyone else sees no vacancies (the pages are a 403); another region is a 404.

Vacancies hold no personal data, so reads are not audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation
from overstap.employers.constants import VacancyStatus
from overstap.employers.models import Vacancy, VacancyImport, VacancySkill
from overstap.taxonomy import selectors as taxonomy
from overstap.taxonomy.constants import DEFAULT_LANGUAGE
from overstap.taxonomy.search import SearchResult

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: Roles that manage the vacancies of every employer in their region.
REGION_MANAGERS = frozenset({Role.ACCOUNT_MANAGER, Role.COORDINATOR})
#: Roles that read the open vacancies of their region.
REGION_READERS = frozenset({Role.CASE_MANAGER, Role.ACCOUNT_MANAGER, Role.COORDINATOR})


def user_region_id(user: User) -> int | None:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return None
    return user.organisation.region_id  # type: ignore[union-attr]


def _is_employer_user(user: User) -> bool:
    return (
        user.role == Role.EMPLOYER_USER
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.EMPLOYER
    )


def vacancy_scope(user: User) -> Q | None:
    """A filter on ``Vacancy`` for what ``user`` may read, or ``None`` for nothing at all."""
    region_id = user_region_id(user)
    if region_id is None:
        return None
    if user.role == Role.EMPLOYER_USER:
        return Q(employer_id=user.organisation_id) if _is_employer_user(user) else None
    if user.role in REGION_MANAGERS:
        return Q(region_id=region_id)
    if user.role in REGION_READERS:
        return Q(region_id=region_id, status=VacancyStatus.OPEN)
    return None


def can_use_vacancies(user: User) -> bool:
    """Whether ``user`` has vacancy pages at all (else they are a 403)."""
    return vacancy_scope(user) is not None


def editable_employers(*, user: User) -> QuerySet[Organisation]:
    """Employers whose vacancies ``user`` may create and change."""
    region_id = user_region_id(user)
    if region_id is None:
        return Organisation.objects.none()
    if _is_employer_user(user):
        return Organisation.objects.filter(pk=user.organisation_id or 0)
    if user.role in REGION_MANAGERS:
        return Organisation.objects.filter(
            region_id=region_id, kind=OrganisationKind.EMPLOYER, is_active=True
        )
    return Organisation.objects.none()


def can_create_vacancies(user: User) -> bool:
    return editable_employers(user=user).exists()


def can_edit_vacancy(user: User, vacancy: Vacancy) -> bool:
    return (
        vacancy.region_id == user_region_id(user)
        and editable_employers(user=user).filter(pk=vacancy.employer_id).exists()
    )


def visible_vacancies(user: User) -> QuerySet[Vacancy]:
    scope = vacancy_scope(user)
    if scope is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(scope)


def _with_skills(qs: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return qs.select_related("employer", "occupation", "region").prefetch_related(
        Prefetch(
            "skill_links",
            queryset=VacancySkill.objects.select_related("skill").order_by(
                "importance", "skill__label_nl", "skill__label_en"
            ),
        )
    )


def get_vacancy(*, user: User, vacancy_id: int) -> Vacancy:
    """A vacancy ``user`` may read; 404 otherwise (ids cannot be probed)."""
    vacancy = _with_skills(visible_vacancies(user)).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    return vacancy


class NotEditable(Exception):
    """The user may read the vacancy but not change it (views answer 403)."""


def get_editable_vacancy(*, user: User, vacancy_id: int) -> Vacancy:
    """A vacancy ``user`` may change. 404 when they cannot even read it, else
    :class:`NotEditable` when they may only read it."""
    vacancy = get_vacancy(user=user, vacancy_id=vacancy_id)
    if not can_edit_vacancy(user, vacancy):
        raise NotEditable
    return vacancy


@dataclass(frozen=True)
class VacancyFilters:
    """Search and filters of the vacancy list. Empty values filter nothing."""

    text: str = ""
    occupation_id: int | None = None
    employer_id: int | None = None
    contract_type: str = ""
    hours: str = ""
    status: str = ""


#: Hour filters: (lowest, highest) hours per week a vacancy's range must overlap.
HOUR_RANGES: dict[str, tuple[int, int]] = {
    "lt24": (1, 23),
    "24_32": (24, 32),
    "gte32": (32, 60),
}


def vacancies(*, user: User, filters: VacancyFilters | None = None) -> QuerySet[Vacancy]:
    """The vacancies ``user`` may read that match ``filters``, newest first."""
    filters = filters or VacancyFilters()
    qs = visible_vacancies(user)
    for word in filters.text.split():
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(place__icontains=word)
            | Q(employer__name__icontains=word)
            | Q(occupation__label_nl__icontains=word)
            | Q(occupation__label_en__icontains=word)
        )
    if filters.occupation_id:
        qs = qs.filter(occupation_id=filters.occupation_id)
    if filters.employer_id:
        qs = qs.filter(employer_id=filters.employer_id)
    if filters.contract_type:
        qs = qs.filter(contract_type=filters.contract_type)
    if filters.hours in HOUR_RANGES:
        low, high = HOUR_RANGES[filters.hours]
        qs = qs.filter(
            Q(hours_max__isnull=True) | Q(hours_max__gte=low),
            Q(hours_min__isnull=True) | Q(hours_min__lte=high),
        ).exclude(hours_min__isnull=True, hours_max__isnull=True)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return _with_skills(qs).order_by("-created_at", "-pk")


def employers_with_vacancies(*, user: User) -> QuerySet[Organisation]:
    """Employers of the vacancies ``user`` can read (for the filter)."""
    ids = visible_vacancies(user).values("employer_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def get_import(*, user: User, token: str) -> VacancyImport:
    """An upload of ``user`` (only the uploader sees it, and only while they may still
    import for its employer)."""
    try:
        record = VacancyImport.objects.select_related("employer").get(token=token, created_by=user)
    except (VacancyImport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not editable_employers(user=user).filter(pk=record.employer_id).exists():
        raise Http404
    return record


# --- suggesting an occupation from a job title --------------------------------------------

#: Words in job titles that say nothing about the occupation.
_NOISE = re.compile(
    r"\((?:[mvxdf]\s*/\s*)+[mvxdf]\)|\b(?:[mvxdf]/)+[mvxdf]\b|\b\d+\s*[-–]\s*\d+\s*(?:uur|u|hours?)\b"
    r"|\b\d+\s*(?:uur|u|hours?)\b",
    re.IGNORECASE,
)
_NOISE_WORDS = {
    "ervaren",
    "enthousiaste",
    "enthousiast",
    "allround",
    "junior",
    "medior",
    "senior",
    "fulltime",
    "parttime",
    "full-time",
    "part-time",
    "gezocht",
    "vacature",
    "leerling",
    "bbl",
    "oproepkracht",
    "tijdelijk",
    "vast",
    "per",
    "direct",
    "wij",
    "zoeken",
    "een",
    "experienced",
    "wanted",
    "urgent",
}


def clean_title(title: str) -> str:
    """A job title without gender markers, hours and words like "ervaren" or "gezocht"."""
    text = _NOISE.sub(" ", title or "")
    text = re.sub(r"[!|/•·]+", " ", text)
    words = [w for w in text.split() if w.casefold().strip(",.:;") not in _NOISE_WORDS]
    return " ".join(words).strip(" -–,.:")


def suggest_occupations(
    title: str, *, lang: str = DEFAULT_LANGUAGE, limit: int = 3
) -> list[SearchResult]:
    """The occupations that best fit a job title, best first.

    The cleaned title is searched as a whole; when that finds fewer than ``limit``
    occupations, its separate words fill the list ("Kok voor ons bedrijfsrestaurant").
    """
    query = clean_title(title)
    if not query:
        return []
    results = list(taxonomy.search_occupations(query, lang=lang, limit=limit))
    seen = {r.id for r in results}
    if len(results) < limit:
        extra: dict[int, SearchResult] = {}
        for word in query.split():
            if len(word) < 3:
                continue
            for result in taxonomy.search_occupations(word, lang=lang, limit=limit):
                if result.id in seen:
                    continue
                if result.id not in extra or result.score > extra[result.id].score:
                    extra[result.id] = result
        ranked = sorted(extra.values(), key=lambda r: (-r.score, len(r.label)))
        results.extend(ranked[: limit - len(results)])
    return results[:limit]
