"""In-process label search for occupations and skills.

The index is built once per process (per concept kind) from the label table and rebuilt when
:class:`~overstap.taxonomy.models.TaxonomyState` shows a newer import. It works the same on
SQLite and PostgreSQL and needs no database extension.

How a query is matched
----------------------
Labels and queries are cut into stems (:mod:`overstap.taxonomy.text`: lower case, no accents,
simple Dutch/English plural stripping). Every query stem is matched against the vocabulary of
label stems in four ways, best first:

1. the same stem ("koks" → "kok");
2. a stem that starts with it ("heftruck" → "heftruckchauffeur", "bevei" → "beveiliger");
3. a stem that contains it ("chauffeur" → "vrachtwagenchauffeur");
4. a similar stem by character trigrams, for typos ("beveiligr" → "beveiliger").

A label scores by how well all query stems are covered (in any order), with bonuses for an
exact label, a label that starts with the query, a preferred label, a label in the user's
language and a short label. A concept takes the score of its best label.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from overstap.taxonomy.constants import DEFAULT_LANGUAGE, ConceptKind, LabelKind
from overstap.taxonomy.text import compound_stems, normalise, stem, stems, trigrams

EXACT, PREFIX, SUBSTRING, FUZZY = 1.0, 0.85, 0.7, 0.8
FUZZY_THRESHOLD = 0.75  # difflib ratio between a query word and a label word
FUZZY_CANDIDATES = 60
SHORT_QUERY = 3  # shorter queries only match the start of labels
MAX_EXPANSION = 400  # vocabulary stems one query stem may expand to
_KIND_RANK = {
    LabelKind.PREFERRED.value: 0,
    LabelKind.ALTERNATIVE.value: 1,
    LabelKind.HIDDEN.value: 2,
}


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One concept found by a search."""

    id: int
    uri: str
    label: str
    language: str
    matched_label: str
    matched_language: str
    score: float
    source: str
    kind: str
    detail: str = ""

    @property
    def matched_other_label(self) -> bool:
        return self.matched_label.casefold() != self.label.casefold()

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "uri": self.uri,
            "label": self.label,
            "language": self.language,
            "matched_label": self.matched_label,
            "matched_language": self.matched_language,
            "score": round(self.score, 3),
            "source": self.source,
            "kind": self.kind,
            "detail": self.detail,
        }


@dataclass(slots=True)
class ConceptInfo:
    uri: str
    labels: dict[str, str]
    source: str
    detail: str


class LabelIndex:
    """The search index of one concept kind. Build with :meth:`from_rows`."""

    def __init__(self, kind: str = "") -> None:
        self.kind = kind
        self.concepts: dict[int, ConceptInfo] = {}
        self.label_concept: list[int] = []
        self.label_text: list[str] = []
        self.label_lang: list[str] = []
        self.label_rank: list[int] = []
        self.label_stems: list[tuple[str, ...]] = []
        self.postings: dict[str, list[int]] = {}
        self.vocabulary: list[str] = []
        self.trigram_postings: dict[str, list[int]] = {}
        self.label_starts: list[tuple[str, int]] = []

    @classmethod
    def from_rows(
        cls,
        concepts: dict[int, ConceptInfo],
        labels: list[tuple[int, str, str, str]],
        kind: str = "",
    ) -> LabelIndex:
        """``labels``: (concept id, language, text, label kind) for concepts in ``concepts``."""
        index = cls(kind)
        index.concepts = concepts
        postings: dict[str, list[int]] = {}
        starts: list[tuple[str, int]] = []
        for concept_id, lang, text, label_kind in labels:
            if concept_id not in concepts:
                continue
            label_id = len(index.label_concept)
            norm = normalise(text)
            tokens = tuple(stem(word) for word in norm.split())
            if not tokens:
                continue
            starts.append((norm, label_id))
            index.label_concept.append(concept_id)
            index.label_text.append(text)
            index.label_lang.append(lang)
            index.label_rank.append(_KIND_RANK.get(label_kind, 2))
            index.label_stems.append(tokens)
            extra = compound_stems(text) if "-" in text else ()
            for token in {*tokens, *extra}:
                postings.setdefault(token, []).append(label_id)
        index.postings = postings
        starts.sort()
        index.label_starts = starts
        index.vocabulary = sorted(postings)
        trigram_postings: dict[str, list[int]] = {}
        for token_id, token in enumerate(index.vocabulary):
            for gram in trigrams(token):
                trigram_postings.setdefault(gram, []).append(token_id)
        index.trigram_postings = trigram_postings
        return index

    # ---- matching -------------------------------------------------------------------------

    def _token_matches(self, query_token: str, is_last: bool) -> dict[str, float]:
        """Vocabulary stems matching one query stem, with a score in (0, 1]."""
        matches: dict[str, float] = {}
        if query_token in self.postings:
            matches[query_token] = EXACT
        # Prefix: every stem, but only the last query word may be unfinished when short.
        if len(query_token) >= 3 or is_last:
            start = bisect_left(self.vocabulary, query_token)
            for token in self.vocabulary[start : start + MAX_EXPANSION]:
                if not token.startswith(query_token):
                    break
                if token != query_token:
                    # Nearer in length is better: "kok" prefers "koks" over "kokosnoot".
                    extra = len(token) - len(query_token)
                    matches[token] = max(matches.get(token, 0), PREFIX - min(extra, 10) * 0.005)
        if len(query_token) < 3:
            return matches
        if matches:
            # The word exists: only add compounds that contain it ("chauffeur" in
            # "heftruckchauffeur"). Candidates must have the query's rarest inner trigrams.
            if len(query_token) >= 4:
                inner = [query_token[i : i + 3] for i in range(len(query_token) - 2)]
                rare = sorted(inner, key=lambda g: len(self.trigram_postings.get(g, ())))[:2]
                candidates = set(self.trigram_postings.get(rare[0], ()))
                for gram in rare[1:]:
                    candidates &= set(self.trigram_postings.get(gram, ()))
                for token_id in candidates:
                    token = self.vocabulary[token_id]
                    if token not in matches and query_token in token:
                        matches[token] = SUBSTRING
            return matches
        # Unknown word: a typo? Compare with the stems sharing the most trigrams.
        grams = trigrams(query_token)
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(self.trigram_postings.get(gram, ()))
        needed = max(2, int(len(grams) * 0.4))
        for token_id, shared in counts.most_common(FUZZY_CANDIDATES):
            if shared < needed:
                break
            token = self.vocabulary[token_id]
            if len(query_token) >= 4 and query_token in token:
                matches[token] = SUBSTRING
                continue
            ratio = SequenceMatcher(None, query_token, token, autojunk=False).ratio()
            if ratio >= FUZZY_THRESHOLD:
                matches[token] = FUZZY * ratio
        return matches

    def search(
        self, query: str, lang: str = DEFAULT_LANGUAGE, limit: int = 10
    ) -> list[SearchResult]:
        query_stems = stems(query)
        if not query_stems or sum(len(t) for t in query_stems) < 2:
            return []
        if len(query_stems) == 1 and len(query_stems[0]) < SHORT_QUERY:
            return self._search_start(normalise(query), lang, limit)
        n = len(query_stems)
        per_label: dict[int, list[float]] = {}
        for position, query_token in enumerate(query_stems):
            for token, token_score in self._token_matches(query_token, position == n - 1).items():
                for label_id in self.postings[token]:
                    scores = per_label.get(label_id)
                    if scores is None:
                        scores = per_label[label_id] = [0.0] * n
                    if token_score > scores[position]:
                        scores[position] = token_score
        query_tuple = tuple(query_stems)
        best: dict[int, tuple[float, int]] = {}
        for label_id, scores in per_label.items():
            coverage = sum(scores) / n
            if coverage < 0.5:
                continue
            tokens = self.label_stems[label_id]
            score = coverage * 10
            if tokens == query_tuple:
                score += 6
            elif tokens[:n] == query_tuple or (
                tokens[: n - 1] == query_tuple[:-1]
                and len(tokens) >= n
                and tokens[n - 1].startswith(query_tuple[-1])
            ):
                score += 3
            elif all(s >= EXACT for s in scores):
                score += 1
            score += (2 - self.label_rank[label_id]) * 0.5
            score -= min(max(len(tokens) - n, 0), 8) * 0.25
            if self.label_lang[label_id] == lang:
                score += 0.3
            concept_id = self.label_concept[label_id]
            current = best.get(concept_id)
            if current is None or score > current[0]:
                best[concept_id] = (score, label_id)
        return self._results(best, lang, limit)

    def _search_start(self, prefix: str, lang: str, limit: int) -> list[SearchResult]:
        """Very short queries ("ko"): labels that start with the text, shortest first."""
        start = bisect_left(self.label_starts, (prefix,))
        best: dict[int, tuple[float, int]] = {}
        for text, label_id in self.label_starts[start : start + 2000]:
            if not text.startswith(prefix):
                break
            score = 10 + (2 - self.label_rank[label_id]) * 0.5 - len(text) * 0.01
            if self.label_lang[label_id] == lang:
                score += 0.3
            concept_id = self.label_concept[label_id]
            if concept_id not in best or score > best[concept_id][0]:
                best[concept_id] = (score, label_id)
        return self._results(best, lang, limit)

    def _results(
        self, best: dict[int, tuple[float, int]], lang: str, limit: int
    ) -> list[SearchResult]:
        ranked = sorted(
            best.items(),
            key=lambda item: (-item[1][0], len(self._display(item[0], lang)), item[0]),
        )[:limit]
        results = []
        for concept_id, (score, label_id) in ranked:
            info = self.concepts[concept_id]
            label, label_lang = self._display_with_lang(concept_id, lang)
            results.append(
                SearchResult(
                    id=concept_id,
                    uri=info.uri,
                    label=label,
                    language=label_lang,
                    matched_label=self.label_text[label_id],
                    matched_language=self.label_lang[label_id],
                    score=score,
                    source=info.source,
                    kind=self.kind,
                    detail=info.detail,
                )
            )
        return results

    def _display(self, concept_id: int, lang: str) -> str:
        return self._display_with_lang(concept_id, lang)[0]

    def _display_with_lang(self, concept_id: int, lang: str) -> tuple[str, str]:
        labels = self.concepts[concept_id].labels
        if labels.get(lang):
            return labels[lang], lang
        for other, text in labels.items():
            if text:
                return text, other
        return self.concepts[concept_id].uri, lang


# ---- the per-process cache ---------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, tuple[str, LabelIndex]] = {}


def current_version() -> str:
    """The token of the last change (a rolled-back test transaction cannot reuse it)."""
    from overstap.taxonomy.models import TaxonomyState

    token = TaxonomyState.objects.filter(pk=1).values_list("token", flat=True).first()
    return token or ""


def build_index(kind: str) -> LabelIndex:
    """Build the index of ``kind`` ("occupation" or "skill") from the database."""
    from overstap.taxonomy.models import ConceptLabel, Occupation, Skill

    concepts: dict[int, ConceptInfo] = {}
    if kind == ConceptKind.OCCUPATION:
        for pk, uri, nl, en, source, code in Occupation.objects.filter(
            replaced_by__isnull=True
        ).values_list("id", "uri", "label_nl", "label_en", "source", "code"):
            concepts[pk] = ConceptInfo(
                uri=uri, labels={"nl": nl, "en": en}, source=source, detail=code
            )
        field = "occupation_id"
    else:
        for pk, uri, nl, en, source, skill_type in Skill.objects.filter(
            replaced_by__isnull=True
        ).values_list("id", "uri", "label_nl", "label_en", "source", "skill_type"):
            concepts[pk] = ConceptInfo(
                uri=uri, labels={"nl": nl, "en": en}, source=source, detail=skill_type
            )
        field = "skill_id"
    labels = list(
        ConceptLabel.objects.filter(kind=kind)
        .order_by(field, "label_kind", "id")
        .values_list(field, "language", "text", "label_kind")
    )
    return LabelIndex.from_rows(concepts, labels, kind)  # type: ignore[arg-type]


def get_index(kind: str) -> LabelIndex:
    """The cached index of ``kind``, rebuilt after an import changed the taxonomy."""
    version = current_version()
    cached = _cache.get(kind)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _cache.get(kind)
        if cached and cached[0] == version:
            return cached[1]
        index = build_index(kind)
        _cache[kind] = (version, index)
        return index


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def search(
    kind: str, query: str, lang: str = DEFAULT_LANGUAGE, limit: int = 10
) -> list[SearchResult]:
    return get_index(kind).search(query, lang=lang, limit=limit)
