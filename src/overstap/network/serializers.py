"""Serializers of the employer network API (no contact persons: those stay on the staff pages)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from overstap.accounts.models import Organisation
from overstap.network.constants import MAX_HEADCOUNT, ProposalStatus
from overstap.network.models import (
    EmployerLocation,
    Proposal,
    ShortageLine,
    ShortageRegistration,
    SurplusLine,
    SurplusRegistration,
)


class OccupationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    label = serializers.SerializerMethodField()  # type: ignore[assignment]

    def get_label(self, obj: Any) -> str:
        return str(obj.label(self.context.get("lang", "nl")))


class LocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmployerLocation
        fields = ["id", "name", "postcode", "city"]


class EmployerSerializer(serializers.ModelSerializer):
    sbi_code = serializers.SerializerMethodField()
    sbi_section = serializers.SerializerMethodField()
    size_class = serializers.SerializerMethodField()
    account_manager = serializers.SerializerMethodField()
    locations = LocationSerializer(source="network_locations", many=True, read_only=True)
    has_open_surplus = serializers.SerializerMethodField()
    has_open_shortage = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kvk_number",
            "sector",
            "sbi_code",
            "sbi_section",
            "size_class",
            "account_manager",
            "locations",
            "has_open_surplus",
            "has_open_shortage",
        ]

    def _profile(self, obj: Organisation) -> Any:
        return getattr(obj, "network_profile", None)

    def get_sbi_code(self, obj: Organisation) -> str:
        profile = self._profile(obj)
        return profile.sbi_code if profile else ""

    def get_sbi_section(self, obj: Organisation) -> str:
        profile = self._profile(obj)
        section = profile.sbi_section if profile else None
        return section[0] if section else ""

    def get_size_class(self, obj: Organisation) -> str:
        profile = self._profile(obj)
        return profile.size_class if profile else ""

    def get_account_manager(self, obj: Organisation) -> str:
        profile = self._profile(obj)
        return str(profile.account_manager) if profile and profile.account_manager else ""

    def get_has_open_surplus(self, obj: Organisation) -> bool:
        return bool(getattr(obj, "has_surplus", False))

    def get_has_open_shortage(self, obj: Organisation) -> bool:
        return bool(getattr(obj, "has_shortage", False))


class LineOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    occupation = OccupationRefSerializer()
    headcount = serializers.IntegerField()


class ShortageLineOutSerializer(LineOutSerializer):
    skills = serializers.SerializerMethodField()

    def get_skills(self, obj: ShortageLine) -> list[str]:
        return [link.skill.uri for link in obj.skill_links.all()]


class EmployerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SurplusSerializer(serializers.ModelSerializer):
    employer = EmployerRefSerializer(read_only=True)
    lines = LineOutSerializer(many=True, read_only=True)

    class Meta:
        model = SurplusRegistration
        fields = [
            "id",
            "employer",
            "reason",
            "expected_date",
            "social_plan",
            "lending_possible",
            "status",
            "notes",
            "lines",
            "version",
            "created_at",
        ]


class ShortageSerializer(serializers.ModelSerializer):
    employer = EmployerRefSerializer(read_only=True)
    lines = ShortageLineOutSerializer(many=True, read_only=True)

    class Meta:
        model = ShortageRegistration
        fields = [
            "id",
            "employer",
            "period_start",
            "period_end",
            "open_to_other_sectors",
            "willing_to_train",
            "status",
            "notes",
            "lines",
            "version",
            "created_at",
        ]


class LineInSerializer(serializers.Serializer):
    occupation = serializers.CharField(help_text="Occupation id or URI (ESCO or demo).")
    headcount = serializers.IntegerField(
        help_text="Number of people, 1 or more.", max_value=MAX_HEADCOUNT
    )
    skills = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Skill ids or URIs (shortage)."
    )


class SurplusCreateSerializer(serializers.Serializer):
    employer = serializers.IntegerField()
    reason = serializers.CharField()
    expected_date = serializers.DateField()
    social_plan = serializers.BooleanField(default=False)
    lending_possible = serializers.BooleanField(default=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    lines = LineInSerializer(many=True, allow_empty=True)


class ShortageCreateSerializer(serializers.Serializer):
    employer = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    open_to_other_sectors = serializers.BooleanField(default=True)
    willing_to_train = serializers.BooleanField(default=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    lines = LineInSerializer(many=True, allow_empty=True)


class ProposalLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employer = EmployerRefSerializer(source="registration.employer")
    registration = serializers.IntegerField(source="registration_id")
    occupation = OccupationRefSerializer()
    headcount = serializers.IntegerField()


class ProposalSerializer(serializers.ModelSerializer):
    surplus_line = ProposalLineSerializer(read_only=True)
    shortage_line = ProposalLineSerializer(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "surplus_line",
            "shortage_line",
            "arrangement",
            "headcount",
            "status",
            "score",
            "people_moved",
            "result_note",
            "version",
            "created_at",
        ]


class ProposalUpdateSerializer(serializers.Serializer):
    """Either a new ``status``, or the result (``people_moved`` and ``result_note``)."""

    version = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(choices=ProposalStatus.choices, required=False)
    people_moved = serializers.IntegerField(required=False, min_value=0)
    result_note = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "status" not in attrs and "people_moved" not in attrs:
            raise serializers.ValidationError("Send a status or people_moved.")
        return attrs


__all__ = [
    "EmployerSerializer",
    "ProposalSerializer",
    "ProposalUpdateSerializer",
    "ShortageCreateSerializer",
    "ShortageSerializer",
    "SurplusCreateSerializer",
    "SurplusLine",
    "SurplusSerializer",
]
