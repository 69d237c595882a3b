"""Read and validate an ESCO CSV bundle into plain Python records (no database access).

Two layouts are supported:

* **v1.1.x**: ``occupationSkillRelations.csv`` without labels (language independent);
* **v1.2.x**: ``occupationSkillRelations_<lang>.csv`` with ``occupationLabel`` and
  ``skillLabel`` columns.

Everything is read and checked before the database is touched. Problems that make the
bundle unusable (missing files or columns, a wrong delimiter, bytes that are not UTF-8,
rows with the wrong number of fields) raise :class:`BundleError` listing all of them.
Problems with single rows (unknown URIs, duplicates, invalid values) are collected in
:attr:`Bundle.skipped` and reported; those rows are left out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from overstap.taxonomy.constants import RelationType, ReuseLevel, SkillType

# ESCO's conceptSchemes file has fields over 128 KiB, and descriptions can be long.
csv.field_size_limit(2**31 - 1)

RELATION_TYPES = {choice.value for choice in RelationType}
SKILL_TYPES = {choice.value for choice in SkillType}
REUSE_LEVELS = {choice.value for choice in ReuseLevel}

#: Required and optional columns per file kind.
COLUMNS: dict[str, tuple[set[str], set[str]]] = {
    "occupations": (
        {"conceptUri", "preferredLabel", "altLabels", "iscoGroup", "code"},
        {"hiddenLabels", "description", "status", "sameAs"},
    ),
    "skills": (
        {"conceptUri", "preferredLabel", "altLabels", "skillType", "reuseLevel"},
        {"hiddenLabels", "description", "status", "sameAs"},
    ),
    "ISCOGroups": ({"conceptUri", "code", "preferredLabel"}, {"altLabels", "description"}),
    "skillGroups": (
        {"conceptUri", "preferredLabel"},
        {"altLabels", "hiddenLabels", "description", "code"},
    ),
    "skillsHierarchy": (
        {f"Level {n} URI" for n in range(4)} | {f"Level {n} code" for n in range(4)},
        set(),
    ),
    "occupationSkillRelations": (
        {"occupationUri", "relationType", "skillUri"},
        {"skillType", "occupationLabel", "skillLabel"},
    ),
    "broaderRelationsOccPillar": (
        {"conceptType", "conceptUri", "broaderType", "broaderUri"},
        set(),
    ),
    "broaderRelationsSkillPillar": (
        {"conceptType", "conceptUri", "broaderType", "broaderUri"},
        set(),
    ),
    "skillSkillRelations": ({"originalSkillUri", "relationType", "relatedSkillUri"}, set()),
    "collection": ({"conceptUri", "preferredLabel"}, {"altLabels", "description"}),
}

LANGUAGE_INDEPENDENT = (
    "broaderRelationsOccPillar",
    "broaderRelationsSkillPillar",
    "skillSkillRelations",
)
COLLECTION_FILE = re.compile(r"^(?P<name>[A-Za-z]+)SkillsCollection_(?P<lang>[a-z]{2})\.csv$")
RELATIONS_LANG_FILE = re.compile(r"^occupationSkillRelations_(?P<lang>[a-z]{2})\.csv$")


class BundleError(Exception):
    """The bundle cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(slots=True)
class ConceptRecord:
    uri: str
    code: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    hidden_labels: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    same_as: str = ""
    # occupations
    isco_code: str = ""
    # skills
    skill_type: str = ""
    reuse_level: str = ""
    collections: set[str] = field(default_factory=set)
    # skill groups
    level: int | None = None


@dataclass
class SkipRecord:
    """Rows left out of the import for one reason (``examples`` holds up to five details)."""

    file: str
    reason: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class Bundle:
    path: Path
    layout: str
    languages: list[str]
    occupations: dict[str, ConceptRecord] = field(default_factory=dict)
    skills: dict[str, ConceptRecord] = field(default_factory=dict)
    isco_groups: dict[str, ConceptRecord] = field(default_factory=dict)
    skill_groups: dict[str, ConceptRecord] = field(default_factory=dict)
    relations: dict[tuple[str, str], str] = field(default_factory=dict)
    skill_relations: dict[tuple[str, str], str] = field(default_factory=dict)
    isco_parent: dict[str, str] = field(default_factory=dict)
    occupation_broader: dict[str, str] = field(default_factory=dict)
    occupation_isco_broader: dict[str, str] = field(default_factory=dict)
    skill_broader_skills: set[tuple[str, str]] = field(default_factory=set)
    skill_in_groups: set[tuple[str, str]] = field(default_factory=set)
    group_parents: set[tuple[str, str]] = field(default_factory=set)
    files_read: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[tuple[str, str], SkipRecord] = field(default_factory=dict)

    def skip(self, file: str, reason: str, example: str = "", count: int = 1) -> None:
        record = self.skipped.setdefault((file, reason), SkipRecord(file=file, reason=reason))
        record.count += count
        if example and len(record.examples) < 5 and example not in record.examples:
            record.examples.append(example)


ProgressCallback = Callable[[str, int, int], None]


def _split_lines(value: str | None) -> list[str]:
    if not value:
        return []
    seen: list[str] = []
    for line in value.replace("\r", "\n").split("\n"):
        line = line.strip().rstrip(",").strip()
        if line and line not in seen:
            seen.append(line)
    return seen


class _Reader:
    """Finds, decodes and header-checks the files of a bundle, collecting problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self._names = {p.name for p in path.iterdir() if p.is_file()} if path.is_dir() else set()

    def exists(self, name: str) -> bool:
        return name in self._names

    def names(self) -> set[str]:
        return self._names

    def check_header(self, name: str, kind: str) -> None:
        """Check encoding, delimiter and columns of one file (reads the whole file)."""
        text = self._decode(name)
        if text is None:
            return
        first_line = text.split("\n", 1)[0]
        header = next(csv.reader([first_line]), [])
        required, _optional = COLUMNS[kind]
        missing = sorted(required - set(header))
        if missing and len(header) <= 1:
            for delimiter, label in ((";", _("semicolons")), ("\t", _("tabs")), ("|", _("pipes"))):
                if delimiter in first_line:
                    self.problems.append(
                        _(
                            "%(file)s: the columns are separated by %(delimiter)s; ESCO files use "
                            "commas. Export the file again as comma-separated CSV."
                        )
                        % {"file": name, "delimiter": label}
                    )
                    return
        if missing:
            self.problems.append(
                _("%(file)s: missing columns: %(columns)s.")
                % {"file": name, "columns": ", ".join(missing)}
            )

    def _decode(self, name: str) -> str | None:
        data = (self.path / name).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self.problems.append(
                _(
                    "%(file)s: not valid UTF-8 (byte 0x%(byte)02x on line %(line)d). Save the "
                    "file as UTF-8."
                )
                % {"file": name, "byte": data[exc.start], "line": line}
            )
            return None
        if "\x00" in text:
            self.problems.append(
                _("%(file)s: contains NUL bytes; it is not a CSV text file.") % {"file": name}
            )
            return None
        return text.removeprefix("\ufeff")

    def rows(self, name: str) -> Iterator[dict[str, str]]:
        """Yield rows as dicts with stripped values; a malformed row is a problem."""
        text = self._decode(name)
        if text is None:
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            self.problems.append(_("%(file)s: the file is empty.") % {"file": name})
            return
        width = len(header)
        bad = 0
        try:
            for values in reader:
                if not values or values == [""]:
                    continue
                if len(values) < width:
                    # ESCO leaves out trailing empty fields (skillsHierarchy_*.csv does).
                    values += [""] * (width - len(values))
                if len(values) != width:
                    bad += 1
                    if bad <= 5:
                        self.problems.append(
                            _(
                                "%(file)s: record %(number)d has %(found)d fields; the header "
                                "has %(expected)d (an unquoted comma?)."
                            )
                            % {
                                "file": name,
                                "number": reader.line_num,
                                "found": len(values),
                                "expected": width,
                            }
                        )
                    continue
                yield {key: value.strip() for key, value in zip(header, values, strict=True)}
        except csv.Error as exc:
            self.problems.append(
                _("%(file)s: unreadable CSV near line %(line)d: %(error)s")
                % {"file": name, "line": reader.line_num, "error": str(exc)}
            )
        if bad > 5:
            self.problems.append(
                _("%(file)s: %(count)d more records with too many fields.")
                % {"file": name, "count": bad - 5}
            )


def _language_file(reader: _Reader, stem: str, languages: list[str]) -> str | None:
    """``stem.csv`` if present, else the first ``stem_<lang>.csv`` found."""
    if reader.exists(f"{stem}.csv"):
        return f"{stem}.csv"
    for lang in languages:
        if reader.exists(f"{stem}_{lang}.csv"):
            return f"{stem}_{lang}.csv"
    return None


def read_bundle(
    path: str | Path, languages: list[str], progress: ProgressCallback | None = None
) -> Bundle:
    """Read and validate the bundle at ``path`` for ``languages`` (first = most important)."""
    path = Path(path)
    reader = _Reader(path)
    if not path.is_dir():
        raise BundleError([_("%(path)s is not a folder.") % {"path": str(path)}])
    languages = list(dict.fromkeys(languages))
    relation_lang_files = sorted(n for n in reader.names() if RELATIONS_LANG_FILE.match(n))
    layout = "v1.2" if relation_lang_files else "v1.1"
    bundle = Bundle(path=path, layout=layout, languages=languages)

    # ---- 1. which files, and are their headers right? -------------------------------------
    plan: list[tuple[str, str, str | None]] = []  # (file, kind, lang)
    for lang in languages:
        name = f"occupations_{lang}.csv"
        if reader.exists(name):
            plan.append((name, "occupations", lang))
        else:
            reader.problems.append(_("Missing file: %(file)s.") % {"file": name})
    skill_langs = [lang for lang in languages if reader.exists(f"skills_{lang}.csv")]
    if not skill_langs:
        reader.problems.append(
            _("Missing file: skills_<language>.csv for at least one of: %(languages)s.")
            % {"languages": ", ".join(languages)}
        )
    for lang in skill_langs:
        plan.append((f"skills_{lang}.csv", "skills", lang))
    for lang in languages:
        if lang not in skill_langs and skill_langs:
            bundle.warnings.append(
                _(
                    "skills_%(lang)s.csv is not in the bundle: %(lang)s skill labels come only "
                    "from the *SkillsCollection_%(lang)s.csv files; other skills fall back to "
                    "another language."
                )
                % {"lang": lang}
            )
    if layout == "v1.2":
        # The relations are the same in every language; the labels come from the concept files.
        preferred = [f"occupationSkillRelations_{lang}.csv" for lang in languages]
        chosen = next((n for n in preferred if reader.exists(n)), relation_lang_files[0])
        plan.append((chosen, "occupationSkillRelations", None))
    elif reader.exists("occupationSkillRelations.csv"):
        plan.append(("occupationSkillRelations.csv", "occupationSkillRelations", None))
    else:
        reader.problems.append(
            _(
                "Missing file: occupationSkillRelations.csv (ESCO v1.1) or "
                "occupationSkillRelations_<language>.csv (ESCO v1.2)."
            )
        )
    for lang in languages:
        for stem_name, kind in (("ISCOGroups", "ISCOGroups"), ("skillGroups", "skillGroups")):
            name = f"{stem_name}_{lang}.csv"
            if reader.exists(name):
                plan.append((name, kind, lang))
    # Collections in every language: their membership is language independent; their labels
    # are used only for the requested languages.
    for name in sorted(reader.names()):
        match = COLLECTION_FILE.match(name)
        if match:
            plan.append((name, "collection", match["lang"]))
    hierarchy_files = [f"skillsHierarchy_{lang}.csv" for lang in languages]
    for lang, name in zip(languages, hierarchy_files, strict=True):
        if reader.exists(name):
            plan.append((name, "skillsHierarchy", lang))
    if reader.exists("skillsHierarchy.csv") and not any(map(reader.exists, hierarchy_files)):
        plan.append(("skillsHierarchy.csv", "skillsHierarchy", None))
    for stem_name in LANGUAGE_INDEPENDENT:
        found = _language_file(reader, stem_name, languages)
        if found:
            plan.append((found, stem_name, None))
        else:
            bundle.warnings.append(
                _("%(file)s is not in the bundle; that part is left as it is.")
                % {"file": f"{stem_name}.csv"}
            )
    for file_name, kind, _lang in plan:
        reader.check_header(file_name, kind)
    if reader.problems:
        raise BundleError(reader.problems)

    # ---- 2. read the rows -----------------------------------------------------------------
    total = len(plan)
    order = [
        "ISCOGroups",
        "skillGroups",
        "occupations",
        "skills",
        "collection",
        "skillsHierarchy",
        "occupationSkillRelations",
        "broaderRelationsOccPillar",
        "broaderRelationsSkillPillar",
        "skillSkillRelations",
    ]
    plan.sort(key=lambda item: order.index(item[1]))
    for done, (file_name, kind, file_lang) in enumerate(plan):
        if progress:
            progress(_("Reading files"), done, total)
        bundle.files_read[file_name] = _READERS[kind](bundle, reader, file_name, file_lang)
    if progress:
        progress(_("Reading files"), total, total)
    if reader.problems:
        raise BundleError(reader.problems)
    return bundle


# ---- row readers -------------------------------------------------------------------------


def _read_concepts(
    bundle: Bundle,
    reader: _Reader,
    name: str,
    lang: str,
    target: dict[str, ConceptRecord],
    extra: Callable[[ConceptRecord, dict[str, str]], None] | None = None,
) -> int:
    count = 0
    seen: set[str] = set()
    for row in reader.rows(name):
        count += 1
        uri = row.get("conceptUri", "")
        label = row.get("preferredLabel", "")
        if not uri:
            bundle.skip(name, _("row without a concept URI"), label)
            continue
        if uri in seen:
            bundle.skip(name, _("duplicate concept URI (first row kept)"), uri)
            continue
        seen.add(uri)
        record = target.get(uri)
        if record is None:
            record = target[uri] = ConceptRecord(uri=uri)
        if label:
            record.labels[lang] = label
        record.alt_labels[lang] = _split_lines(row.get("altLabels"))
        record.hidden_labels[lang] = _split_lines(row.get("hiddenLabels"))
        if row.get("description"):
            record.descriptions[lang] = row["description"]
        if row.get("code") and not record.code:
            record.code = row["code"]
        if row.get("sameAs"):
            record.same_as = row["sameAs"]
        if extra:
            extra(record, row)
    return count


def _read_occupations(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    def extra(record: ConceptRecord, row: dict[str, str]) -> None:
        if row.get("iscoGroup"):
            record.isco_code = row["iscoGroup"]

    return _read_concepts(bundle, reader, name, lang or "", bundle.occupations, extra)


def _read_skills(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    def extra(record: ConceptRecord, row: dict[str, str]) -> None:
        skill_type = row.get("skillType", "")
        if skill_type not in SKILL_TYPES:
            bundle.skip(name, _("unknown skill type (left empty)"), skill_type, count=1)
            skill_type = ""
        reuse = row.get("reuseLevel", "")
        if reuse not in REUSE_LEVELS:
            bundle.skip(name, _("unknown reuse level (left empty)"), reuse, count=1)
            reuse = ""
        record.skill_type = record.skill_type or skill_type
        record.reuse_level = record.reuse_level or reuse

    return _read_concepts(bundle, reader, name, lang or "", bundle.skills, extra)


def _read_isco_groups(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    return _read_concepts(bundle, reader, name, lang or "", bundle.isco_groups)


def _read_skill_groups(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    return _read_concepts(bundle, reader, name, lang or "", bundle.skill_groups)


def _read_collection(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    """Collections add labels (Dutch skill labels in v1.1.1) and membership to known skills."""
    match = COLLECTION_FILE.match(name)
    collection = match["name"] if match else name
    lang = lang or ""
    count = 0
    for row in reader.rows(name):
        count += 1
        uri = row.get("conceptUri", "")
        record = bundle.skills.get(uri)
        if record is None:
            bundle.skip(name, _("skill URI not in the skills file"), uri)
            continue
        record.collections.add(collection)
        if lang in bundle.languages and lang not in record.labels and row.get("preferredLabel"):
            record.labels[lang] = row["preferredLabel"]
            record.alt_labels[lang] = _split_lines(row.get("altLabels"))
            if row.get("description"):
                record.descriptions[lang] = row["description"]
    return count


def _read_hierarchy(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    count = 0
    for row in reader.rows(name):
        count += 1
        parent = ""
        for level in range(4):
            uri = row.get(f"Level {level} URI", "")
            if not uri:
                break
            record = bundle.skill_groups.get(uri)
            if record is None:
                # The top of the hierarchy (Level 0) is not in skillGroups_<lang>.csv.
                record = bundle.skill_groups[uri] = ConceptRecord(uri=uri)
                term = row.get(f"Level {level} preferred term", "")
                if term and lang:
                    record.labels[lang] = term
                elif term:
                    for language in bundle.languages[:1]:
                        record.labels[language] = term
            record.level = level
            code = row.get(f"Level {level} code", "")
            if code and not record.code:
                record.code = code
            if parent:
                bundle.group_parents.add((uri, parent))
            parent = uri
    return count


def _read_relations(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    count = 0
    for row in reader.rows(name):
        count += 1
        occupation, skill = row.get("occupationUri", ""), row.get("skillUri", "")
        relation = row.get("relationType", "")
        if relation not in RELATION_TYPES:
            bundle.skip(name, _("unknown relation type"), f"{relation!r} ({occupation})")
            continue
        if occupation not in bundle.occupations:
            bundle.skip(name, _("occupation URI not in the occupations file"), occupation)
            continue
        if skill not in bundle.skills:
            bundle.skip(name, _("skill URI not in the skills file"), skill)
            continue
        key = (occupation, skill)
        previous = bundle.relations.get(key)
        if previous is not None:
            if previous == relation:
                bundle.skip(name, _("duplicate row"), f"{occupation} {skill}")
            else:
                bundle.skip(
                    name,
                    _("conflicting duplicate (kept as essential)"),
                    f"{occupation} {skill}",
                )
                bundle.relations[key] = RelationType.ESSENTIAL.value
            continue
        bundle.relations[key] = relation
    return count


def _read_occ_broader(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    count = 0
    for row in reader.rows(name):
        count += 1
        kind, uri = row.get("conceptType", ""), row.get("conceptUri", "")
        broader_kind, broader = row.get("broaderType", ""), row.get("broaderUri", "")
        if kind == "ISCOGroup" and broader_kind == "ISCOGroup":
            if uri in bundle.isco_groups and broader in bundle.isco_groups:
                bundle.isco_parent[uri] = broader
            else:
                bundle.skip(name, _("unknown ISCO group URI"), f"{uri} → {broader}")
        elif kind == "Occupation":
            if uri not in bundle.occupations:
                bundle.skip(name, _("occupation URI not in the occupations file"), uri)
            elif broader_kind == "Occupation" and broader in bundle.occupations:
                bundle.occupation_broader[uri] = broader
            elif broader_kind == "ISCOGroup" and broader in bundle.isco_groups:
                bundle.occupation_isco_broader[uri] = broader
            else:
                bundle.skip(name, _("unknown broader URI"), f"{uri} → {broader}")
        else:
            bundle.skip(name, _("unknown concept type"), kind)
    return count


def _read_skill_broader(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    count = 0
    for row in reader.rows(name):
        count += 1
        uri, broader = row.get("conceptUri", ""), row.get("broaderUri", "")
        if uri in bundle.skills:
            if broader in bundle.skills:
                bundle.skill_broader_skills.add((uri, broader))
            elif broader in bundle.skill_groups:
                bundle.skill_in_groups.add((uri, broader))
            else:
                bundle.skip(name, _("unknown broader URI"), f"{uri} → {broader}")
        elif uri in bundle.skill_groups:
            if broader in bundle.skill_groups:
                bundle.group_parents.add((uri, broader))
            else:
                bundle.skip(name, _("unknown broader URI"), f"{uri} → {broader}")
        else:
            bundle.skip(name, _("skill or group URI not in the bundle"), uri)
    return count


def _read_skill_relations(bundle: Bundle, reader: _Reader, name: str, lang: str | None) -> int:
    count = 0
    for row in reader.rows(name):
        count += 1
        skill, related = row.get("originalSkillUri", ""), row.get("relatedSkillUri", "")
        relation = row.get("relationType", "")
        if relation not in RELATION_TYPES:
            bundle.skip(name, _("unknown relation type"), relation)
        elif skill not in bundle.skills or related not in bundle.skills:
            bundle.skip(name, _("skill URI not in the skills file"), f"{skill} → {related}")
        elif (skill, related) in bundle.skill_relations:
            bundle.skip(name, _("duplicate row"), f"{skill} → {related}")
        else:
            bundle.skill_relations[(skill, related)] = relation
    return count


_READERS: dict[str, Callable[[Bundle, _Reader, str, str | None], int]] = {
    "occupations": _read_occupations,
    "skills": _read_skills,
    "ISCOGroups": _read_isco_groups,
    "skillGroups": _read_skill_groups,
    "collection": _read_collection,
    "skillsHierarchy": _read_hierarchy,
    "occupationSkillRelations": _read_relations,
    "broaderRelationsOccPillar": _read_occ_broader,
    "broaderRelationsSkillPillar": _read_skill_broader,
    "skillSkillRelations": _read_skill_relations,
}
