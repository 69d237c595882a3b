"""Output serializers of the matching API (read only; one per response shape)."""

from __future__ import annotations

from rest_framework import serializers


class NoticeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable reason the list is empty.")
    message = serializers.CharField(help_text="What is missing and what to do next.")
    action_label = serializers.CharField()
    action_url = serializers.CharField()


class SkillLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    kind = serializers.CharField(help_text='"exact", "related", or "" for a missing skill.')
    via_id = serializers.IntegerField(allow_null=True)
    via_label = serializers.CharField()
    credit = serializers.FloatField()


class ConstraintLineSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=["hours", "wage", "distance", "contract", "shifts"])
    label = serializers.CharField()  # type: ignore[assignment]
    status = serializers.ChoiceField(choices=["met", "violated", "unknown", "not_set"])
    status_label = serializers.CharField()
    text = serializers.CharField()
    mode = serializers.ChoiceField(choices=["filter", "penalty"])
    penalty = serializers.FloatField()


class ScoreLineSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.FloatField()


class ExplanationSerializer(serializers.Serializer):
    score = serializers.FloatField()
    matched_primary = SkillLineSerializer(many=True, help_text="Must-have / essential skills.")
    matched_secondary = SkillLineSerializer(many=True, help_text="Nice-to-have / optional.")
    missing_primary = SkillLineSerializer(many=True)
    missing_secondary = SkillLineSerializer(many=True)
    constraints = ConstraintLineSerializer(many=True)
    breakdown = ScoreLineSerializer(many=True, help_text="Parts that add up to the score.")
    complete = serializers.BooleanField()


class VacancyFactsSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    employer_id = serializers.IntegerField()
    employer = serializers.CharField()
    occupation_id = serializers.IntegerField(allow_null=True)
    place = serializers.CharField()
    positions = serializers.IntegerField()
    wage_band = serializers.CharField()
    hours_min = serializers.IntegerField(allow_null=True)
    hours_max = serializers.IntegerField(allow_null=True)
    contract_type = serializers.CharField()
    shifts = serializers.ListField(child=serializers.CharField())


class VacancyMatchSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    other_sector = serializers.BooleanField()
    occupation_label = serializers.CharField()
    vacancy = VacancyFactsSerializer()
    explanation = ExplanationSerializer()


class OfferingRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    provider = serializers.CharField()


class GapSkillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    essential = serializers.BooleanField()
    offerings = OfferingRefSerializer(many=True, help_text="Offerings that teach this skill.")


class TrainingOptionSerializer(serializers.Serializer):
    offering = OfferingRefSerializer()
    covers = serializers.ListField(child=serializers.CharField(), help_text="Gap skills taught.")
    closed = serializers.FloatField(help_text="Weighted share of the gap it closes.")


class TransitionSerializer(serializers.Serializer):
    occupation_id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    open_positions = serializers.IntegerField()
    other_sector = serializers.BooleanField()
    wage_band = serializers.CharField()
    keeps_wage = serializers.BooleanField(allow_null=True)
    gap = GapSkillSerializer(many=True)
    training = TrainingOptionSerializer(many=True)


class PersonVacanciesSerializer(serializers.Serializer):
    case_id = serializers.IntegerField(source="case.pk")
    case_number = serializers.CharField(source="case.number")
    skills_count = serializers.IntegerField()
    open_vacancies = serializers.IntegerField()
    notice = NoticeSerializer(allow_null=True)
    results = VacancyMatchSerializer(many=True, source="matches")
    transitions = TransitionSerializer(many=True)
    transitions_notice = NoticeSerializer(allow_null=True)


class CandidateSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    case_id = serializers.IntegerField(source="case.pk")
    case_number = serializers.CharField(source="case.number")
    name = serializers.CharField(source="case.person.full_name")
    explanation = ExplanationSerializer()


class VacancyCandidatesSerializer(serializers.Serializer):
    vacancy_id = serializers.IntegerField(source="vacancy.pk")
    considered = serializers.IntegerField()
    notice = NoticeSerializer(allow_null=True)
    results = CandidateSerializer(many=True, source="candidates")


class OccupationTransitionsSerializer(serializers.Serializer):
    occupation_id = serializers.IntegerField(source="occupation.pk")
    occupation_uri = serializers.CharField(source="occupation.uri")
    wage_data = serializers.BooleanField()
    source_wage_band = serializers.CharField()
    hidden_without_wage = serializers.IntegerField()
    notice = NoticeSerializer(allow_null=True)
    results = TransitionSerializer(many=True, source="rows")
