"""Write a validated :class:`~overstap.taxonomy.services.bundle.Bundle` into the database.

One transaction; every table is compared with what is already there, so a second import of
the same bundle creates, updates and deletes nothing. Writes use ``bulk_create`` /
``bulk_update`` in batches and work the same on SQLite and PostgreSQL.

Concepts are never deleted (people's passports and vacancies may point at them). Relations and
labels of the concepts in the bundle are replaced by the bundle's.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.taxonomy.constants import LANGUAGES, ConceptKind, LabelKind, Source
from overstap.taxonomy.models import (
    LABEL_MAX_LENGTH,
    ConceptLabel,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillRelation,
    TaxonomyState,
)
from overstap.taxonomy.services.bundle import Bundle, ConceptRecord, ProgressCallback, SkipRecord
from overstap.taxonomy.services.relink import RelinkReport, relink_demo_concepts
from overstap.taxonomy.text import normalise

BATCH = 2000
ID_CHUNK = 500


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
        }


@dataclass
class ImportReport:
    source: str
    layout: str
    languages: list[str]
    counts: dict[str, Counts] = field(default_factory=dict)
    skipped: list[SkipRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_read: dict[str, int] = field(default_factory=dict)
    relink: RelinkReport | None = None
    seconds: float = 0.0
    version: int = 0

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated + c.deleted for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.counts.values()) or bool(
            self.relink and self.relink.changed
        )

    def skipped_rows(self) -> int:
        return sum(s.count for s in self.skipped)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "layout": self.layout,
            "languages": self.languages,
            "counts": {name: c.as_dict() for name, c in self.counts.items()},
            "skipped": [
                {"file": s.file, "reason": s.reason, "count": s.count, "examples": s.examples}
                for s in self.skipped
            ],
            "warnings": self.warnings,
            "seconds": round(self.seconds, 2),
            "version": self.version,
        }


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return str(field.column)  # type: ignore[union-attr]


class _Writer:
    def __init__(self, bundle: Bundle, source: str, progress: ProgressCallback | None) -> None:
        self.bundle = bundle
        self.source = source
        self.progress = progress
        self.languages = [lang for lang in bundle.languages if lang in LANGUAGES]
        self._created: dict[str, set[int]] = {}
        self.report = ImportReport(
            source=source, layout=bundle.layout, languages=list(bundle.languages)
        )

    # ---- helpers --------------------------------------------------------------------------

    def _tick(self, phase: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(phase, done, total)

    def _create(self, model: type[models.Model], objects: list[Any], phase: str) -> None:
        total = len(objects)
        for done, chunk in enumerate(_chunks(objects, BATCH)):
            self._tick(phase, done * BATCH, total)
            model._default_manager.bulk_create(chunk, batch_size=BATCH)
        self._tick(phase, total, total)

    def _insert_rows(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        rows: list[tuple[Any, ...]],
        phase: str,
    ) -> None:
        """Plain ``INSERT`` with ``executemany``: for big link and label tables, where building
        model instances for ``bulk_create`` costs most of the import time."""
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 - names are ours
        total = len(rows)
        with connection.cursor() as cursor:
            for done, chunk in enumerate(_chunks(rows, BATCH * 5)):
                self._tick(phase, done * BATCH * 5, total)
                cursor.executemany(sql, chunk)
        self._tick(phase, total, total)

    def _delete_ids(self, model: type[models.Model], ids: list[int]) -> None:
        for chunk in _chunks(ids, ID_CHUNK):
            model._default_manager.filter(pk__in=chunk).delete()

    def _concept_values(self, record: ConceptRecord) -> dict[str, Any]:
        values: dict[str, Any] = {"code": record.code[:40]}
        for lang in self.languages:
            values[f"label_{lang}"] = record.labels.get(lang, "")[:LABEL_MAX_LENGTH]
            values[f"alt_labels_{lang}"] = "\n".join(record.alt_labels.get(lang, []))
            values[f"description_{lang}"] = record.descriptions.get(lang, "")
        return values

    def upsert(
        self,
        name: str,
        model: type[models.Model],
        desired: dict[str, dict[str, Any]],
        phase: str,
    ) -> dict[str, int]:
        """Create or update concepts by URI; returns uri → id for the whole table."""
        counts = self.report.counts.setdefault(name, Counts())
        if not desired:
            return dict(model._default_manager.order_by().values_list("uri", "id"))
        fields = list(next(iter(desired.values())).keys())
        existing = {
            row[1]: row
            for row in model._default_manager.order_by().values_list("id", "uri", *fields)
        }
        to_create, to_update = [], []
        for uri, values in desired.items():
            row = existing.get(uri)
            if row is None:
                to_create.append(model(uri=uri, **values))
            elif dict(zip(fields, row[2:], strict=True)) != values:
                to_update.append(model(id=row[0], uri=uri, **values))
            else:
                counts.unchanged += 1
        self._create(model, to_create, phase)
        if to_update:
            model._default_manager.bulk_update(to_update, fields, batch_size=500)
        counts.created += len(to_create)
        counts.updated += len(to_update)
        ids = dict(model._default_manager.order_by().values_list("uri", "id"))
        self._created.setdefault(name, set()).update(ids[obj.uri] for obj in to_create)  # type: ignore[attr-defined]
        return ids

    def set_foreign_key(
        self,
        name: str,
        model: type[models.Model],
        field_name: str,
        desired: dict[int, int | None],
    ) -> None:
        """Set ``field_name`` (an FK id) on the rows in ``desired``; counts real changes."""
        counts = self.report.counts.setdefault(name, Counts())
        current = dict(model._default_manager.order_by().values_list("id", field_name))
        changed = [
            model(pk=pk, **{field_name: value})
            for pk, value in desired.items()
            if current.get(pk) != value
        ]
        if changed:
            model._default_manager.bulk_update(changed, [field_name], batch_size=BATCH)
            # Rows created in this run were counted as created already.
            created = self._created.get(name, set())
            counts.updated += sum(1 for obj in changed if obj.pk not in created)

    def sync_pairs(
        self,
        name: str,
        through: type[models.Model],
        from_field: str,
        to_field: str,
        desired: set[tuple[int, int]],
        scope: set[int],
        phase: str,
    ) -> None:
        """Make the link rows whose ``from`` is in ``scope`` equal ``desired``."""
        counts = self.report.counts.setdefault(name, Counts())
        existing: dict[tuple[int, int], int] = {}
        for pk, a, b in through._default_manager.values_list("id", from_field, to_field):
            if a in scope:
                existing[(a, b)] = pk
        to_create = sorted(key for key in desired if key not in existing)
        stale = [pk for key, pk in existing.items() if key not in desired]
        self._insert_rows(
            through,
            [_column(through, f) for f in (from_field, to_field)],
            to_create,
            phase,
        )
        self._delete_ids(through, stale)
        counts.created += len(to_create)
        counts.deleted += len(stale)
        counts.unchanged += len(existing) - len(stale)

    def sync_valued_pairs(
        self,
        name: str,
        model: type[models.Model],
        fields: tuple[str, str],
        desired: dict[tuple[int, int], str],
        scope: set[int],
        phase: str,
    ) -> None:
        counts = self.report.counts.setdefault(name, Counts())
        a_field, b_field = fields
        existing: dict[tuple[int, int], tuple[int, str]] = {}
        for pk, a, b, relation in model._default_manager.values_list(
            "id", a_field, b_field, "relation"
        ):
            if a in scope:
                existing[(a, b)] = (pk, relation)
        to_create = []
        to_update: dict[str, list[int]] = {}
        for key, relation in desired.items():
            current = existing.get(key)
            if current is None:
                to_create.append((key[0], key[1], relation))
            elif current[1] != relation:
                to_update.setdefault(relation, []).append(current[0])
            else:
                counts.unchanged += 1
        stale = [pk for key, (pk, _rel) in existing.items() if key not in desired]
        to_create.sort()
        self._insert_rows(
            model,
            [_column(model, f) for f in (a_field, b_field)] + ["relation"],
            to_create,
            phase,
        )
        for relation, ids in to_update.items():
            for chunk in _chunks(ids, ID_CHUNK):
                model._default_manager.filter(pk__in=chunk).update(relation=relation)
        self._delete_ids(model, stale)
        counts.created += len(to_create)
        counts.updated += sum(len(ids) for ids in to_update.values())
        counts.deleted += len(stale)

    # ---- the import -------------------------------------------------------------------------

    def run(self) -> ImportReport:
        bundle = self.bundle
        phase_groups = _("Groups")

        # ISCO groups and skill groups (no source: they are ESCO structure).
        isco_ids = self.upsert(
            "isco_groups",
            IscoGroup,
            {uri: self._concept_values(r) for uri, r in bundle.isco_groups.items()},
            phase_groups,
        )
        self.set_foreign_key(
            "isco_groups",
            IscoGroup,
            "parent_id",
            {
                isco_ids[uri]: isco_ids.get(bundle.isco_parent.get(uri, ""))
                for uri in bundle.isco_groups
            },
        )
        group_values = {}
        for uri, record in bundle.skill_groups.items():
            values = self._concept_values(record)
            values["level"] = record.level
            group_values[uri] = values
        group_ids = self.upsert("skill_groups", SkillGroup, group_values, phase_groups)
        self.sync_pairs(
            "skill_group_hierarchy",
            SkillGroup.parents.through,
            "from_skillgroup_id",
            "to_skillgroup_id",
            {(group_ids[a], group_ids[b]) for a, b in bundle.group_parents},
            {group_ids[uri] for uri in bundle.skill_groups},
            phase_groups,
        )

        # Occupations.
        isco_by_code = dict(IscoGroup.objects.values_list("code", "id"))
        occupation_values = {}
        for uri, record in bundle.occupations.items():
            values = self._concept_values(record)
            values["source"] = self.source
            values["same_as_uri"] = record.same_as
            values["isco_group_id"] = isco_by_code.get(record.isco_code) or isco_ids.get(
                bundle.occupation_isco_broader.get(uri, "")
            )
            occupation_values[uri] = values
        occupation_ids = self.upsert("occupations", Occupation, occupation_values, _("Occupations"))
        self.set_foreign_key(
            "occupations",
            Occupation,
            "broader_id",
            {
                occupation_ids[uri]: occupation_ids.get(bundle.occupation_broader.get(uri, ""))
                for uri in bundle.occupations
            },
        )

        # Skills.
        skill_values = {}
        for uri, record in bundle.skills.items():
            values = self._concept_values(record)
            values["source"] = self.source
            values["same_as_uri"] = record.same_as
            values["skill_type"] = record.skill_type
            values["reuse_level"] = record.reuse_level
            values["collections"] = ",".join(sorted(record.collections))[:200]
            skill_values[uri] = values
        skill_ids = self.upsert("skills", Skill, skill_values, _("Skills"))
        skill_scope = {skill_ids[uri] for uri in bundle.skills}
        self.sync_pairs(
            "skill_hierarchy",
            Skill.broader_skills.through,
            "from_skill_id",
            "to_skill_id",
            {(skill_ids[a], skill_ids[b]) for a, b in bundle.skill_broader_skills},
            skill_scope,
            _("Skill hierarchy"),
        )
        self.sync_pairs(
            "skill_group_links",
            Skill.groups.through,
            "skill_id",
            "skillgroup_id",
            {(skill_ids[a], group_ids[b]) for a, b in bundle.skill_in_groups},
            skill_scope,
            _("Skill hierarchy"),
        )

        # Relations.
        occupation_scope = {occupation_ids[uri] for uri in bundle.occupations}
        self.sync_valued_pairs(
            "occupation_skills",
            OccupationSkill,
            ("occupation_id", "skill_id"),
            {
                (occupation_ids[o], skill_ids[s]): relation
                for (o, s), relation in bundle.relations.items()
            },
            occupation_scope,
            _("Relations"),
        )
        self.sync_valued_pairs(
            "skill_relations",
            SkillRelation,
            ("skill_id", "related_skill_id"),
            {
                (skill_ids[a], skill_ids[b]): relation
                for (a, b), relation in bundle.skill_relations.items()
            },
            skill_scope,
            _("Relations"),
        )

        # Labels for search.
        self.sync_labels(occupation_ids, skill_ids, occupation_scope, skill_scope)
        return self.report

    def _desired_labels(
        self, kind: str, records: dict[str, ConceptRecord], ids: dict[str, int]
    ) -> set[tuple[str, int, str, str, str, str]]:
        desired = set()
        for uri, record in records.items():
            concept_id = ids[uri]
            for lang in self.languages:
                seen: set[str] = set()
                preferred = record.labels.get(lang, "")
                entries = [(preferred, LabelKind.PREFERRED.value)] if preferred else []
                entries += [
                    (alt, LabelKind.ALTERNATIVE.value) for alt in record.alt_labels.get(lang, [])
                ]
                entries += [(h, LabelKind.HIDDEN.value) for h in record.hidden_labels.get(lang, [])]
                for text, label_kind in entries:
                    text = text[:LABEL_MAX_LENGTH]
                    if text.lower() in seen:
                        continue
                    seen.add(text.lower())
                    desired.add((kind, concept_id, lang, text, label_kind, normalise(text)))
        return desired

    def sync_labels(
        self,
        occupation_ids: dict[str, int],
        skill_ids: dict[str, int],
        occupation_scope: set[int],
        skill_scope: set[int],
    ) -> None:
        counts = self.report.counts.setdefault("labels", Counts())
        occupation_kind, skill_kind = ConceptKind.OCCUPATION.value, ConceptKind.SKILL.value
        desired = self._desired_labels(occupation_kind, self.bundle.occupations, occupation_ids)
        desired |= self._desired_labels(skill_kind, self.bundle.skills, skill_ids)
        existing: dict[tuple[str, int, str, str, str, str], int] = {}
        rows = ConceptLabel.objects.filter(language__in=self.languages).values_list(
            "id",
            "kind",
            "occupation_id",
            "skill_id",
            "language",
            "text",
            "label_kind",
            "normalised",
        )
        for pk, kind, occupation_id, skill_id, lang, text, label_kind, norm in rows:
            if kind == occupation_kind and occupation_id in occupation_scope:
                existing[(kind, occupation_id, lang, text, label_kind, norm)] = pk
            elif kind == skill_kind and skill_id in skill_scope:
                existing[(kind, skill_id, lang, text, label_kind, norm)] = pk
        to_create = sorted(
            (
                kind,
                concept_id if kind == occupation_kind else None,
                concept_id if kind == skill_kind else None,
                lang,
                text,
                label_kind,
                norm,
            )
            for (kind, concept_id, lang, text, label_kind, norm) in desired
            if (kind, concept_id, lang, text, label_kind, norm) not in existing
        )
        stale = [pk for key, pk in existing.items() if key not in desired]
        columns = [
            "kind",
            "occupation_id",
            "skill_id",
            "language",
            "text",
            "label_kind",
            "normalised",
        ]
        self._insert_rows(ConceptLabel, columns, to_create, _("Labels"))
        self._delete_ids(ConceptLabel, stale)
        counts.created += len(to_create)
        counts.deleted += len(stale)
        counts.unchanged += len(existing) - len(stale)


def import_bundle(
    bundle: Bundle,
    *,
    source: str = Source.ESCO,
    relink: bool = True,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import ``bundle`` atomically; re-link demo concepts to ESCO twins afterwards."""
    started = time.monotonic()
    with transaction.atomic():
        writer = _Writer(bundle, source, progress)
        report = writer.run()
        if relink:
            report.relink = relink_demo_concepts()
        report.skipped = sorted(bundle.skipped.values(), key=lambda s: (s.file, s.reason))
        report.warnings = list(bundle.warnings)
        report.files_read = dict(bundle.files_read)
        state, _created = TaxonomyState.objects.select_for_update().get_or_create(pk=1)
        if report.changed:
            state.version += 1
            state.token = uuid.uuid4().hex
            state.imported_at = timezone.now()
            report.seconds = time.monotonic() - started
            state.summary = report.as_dict()
            state.save()
        report.version = state.version
    report.seconds = time.monotonic() - started
    return report


def bump_version() -> int:
    """Invalidate search caches after a change made outside the importer."""
    with transaction.atomic():
        state, _created = TaxonomyState.objects.select_for_update().get_or_create(pk=1)
        state.version += 1
        state.token = uuid.uuid4().hex
        state.save(update_fields=["version", "token"])
        return state.version
