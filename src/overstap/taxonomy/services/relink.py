"""Re-linking demo concepts to their ESCO twins.

Other apps store foreign keys to :class:`~overstap.taxonomy.models.Occupation` or
:class:`~overstap.taxonomy.models.Skill` (a passport's occupations, a vacancy's skills). They
register those fields once, typically in their ``AppConfig.ready()``::

    from overstap.taxonomy.services.relink import register_reference

    register_reference("passports.PassportSkill", "skill", kind="skill", unique_with=("passport",))

After an ESCO import, :func:`relink_demo_concepts` moves every registered reference from a demo
concept to the ESCO concept named in its ``same_as_uri`` and marks the demo concept replaced.
Rows whose move would break a uniqueness rule (the person already has the ESCO twin) are left
on the demo concept and counted as conflicts, so nothing a person entered is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction

from overstap.taxonomy.constants import ConceptKind, Source
from overstap.taxonomy.models import Occupation, Skill


@dataclass(frozen=True)
class Reference:
    model: str  # "app_label.ModelName"
    field: str
    kind: str
    unique_with: tuple[str, ...] = ()


_REGISTRY: list[Reference] = []


def register_reference(
    model: str | type[models.Model],
    field: str,
    *,
    kind: str,
    unique_with: tuple[str, ...] = (),
) -> None:
    """Register a foreign key to an occupation (``kind="occupation"``) or skill (``"skill"``).

    ``unique_with`` names the other fields of a uniqueness rule that includes ``field``.
    """
    if kind not in ConceptKind.values:
        raise ValueError(f"kind must be one of {ConceptKind.values}")
    label = model if isinstance(model, str) else model._meta.label
    reference = Reference(model=label, field=field, kind=kind, unique_with=tuple(unique_with))
    if reference not in _REGISTRY:
        _REGISTRY.append(reference)


def unregister_reference(model: str | type[models.Model], field: str) -> None:
    label = model if isinstance(model, str) else model._meta.label
    _REGISTRY[:] = [r for r in _REGISTRY if not (r.model == label and r.field == field)]


def registered_references() -> list[Reference]:
    return list(_REGISTRY)


@dataclass
class RelinkReport:
    replaced: dict[str, int] = field(default_factory=lambda: {"occupation": 0, "skill": 0})
    moved: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.replaced.values()) or any(self.moved.values())


def _twins(model: type[Occupation] | type[Skill]) -> dict[int, tuple[int, bool]]:
    """demo id → (ESCO twin id, already replaced?) for demo concepts whose twin exists."""
    demos = list(
        model.objects.filter(source=Source.DEMO)
        .exclude(same_as_uri="")
        .values_list("id", "same_as_uri", "replaced_by_id")
    )
    uris = {uri for _id, uri, _replaced in demos}
    twin_ids = dict(model.objects.filter(source=Source.ESCO, uri__in=uris).values_list("uri", "id"))
    return {
        demo_id: (twin_ids[uri], replaced == twin_ids[uri])
        for demo_id, uri, replaced in demos
        if uri in twin_ids
    }


def _move(reference: Reference, pairs: dict[int, int], report: RelinkReport) -> None:
    model = apps.get_model(reference.model)
    key = f"{reference.model}.{reference.field}"
    moved = conflicts = 0
    for demo_id, twin_id in pairs.items():
        rows = model._default_manager.filter(**{f"{reference.field}_id": demo_id})
        if not reference.unique_with:
            moved += rows.update(**{f"{reference.field}_id": twin_id})
            continue
        for row in rows:
            clash = model._default_manager.filter(
                **{f"{reference.field}_id": twin_id},
                **{
                    f: getattr(row, f"{f}_id", getattr(row, f, None)) for f in reference.unique_with
                },
            ).exists()
            if clash:
                conflicts += 1
            else:
                model._default_manager.filter(pk=row.pk).update(
                    **{f"{reference.field}_id": twin_id}
                )
                moved += 1
    report.moved[key] = report.moved.get(key, 0) + moved
    if conflicts:
        report.conflicts[key] = report.conflicts.get(key, 0) + conflicts


@transaction.atomic
def relink_demo_concepts() -> RelinkReport:
    """Point registered references at ESCO twins and mark the demo concepts replaced."""
    report = RelinkReport()
    for kind, model in ((ConceptKind.OCCUPATION, Occupation), (ConceptKind.SKILL, Skill)):
        twins = _twins(model)
        pairs = {demo_id: twin_id for demo_id, (twin_id, _done) in twins.items()}
        for reference in _REGISTRY:
            if reference.kind == kind:
                _move(reference, pairs, report)
        for demo_id, (twin_id, done) in twins.items():
            if not done:
                model.objects.filter(pk=demo_id).update(replaced_by_id=twin_id)
                report.replaced[kind.value] += 1
    return report
