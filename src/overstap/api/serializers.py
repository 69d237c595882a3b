"""Request and response shapes of the partner API (also the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from overstap.cases.constants import (
    CaseStatus,
    ContractType,
    ReferralStatus,
    SignalSource,
    WageBand,
)
from overstap.employers.constants import Shift, SkillImportance, VacancyStatus
from overstap.privacy.constants import BsnLegalBasis
from overstap.taxonomy.constants import LANGUAGES

#: Largest id the databases store (bigint); larger numbers would crash the query.
MAX_ID = 2**63 - 1

# --- registrations ---------------------------------------------------------------------------


class RegistrationInSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=150)
    signal_source = serializers.ChoiceField(choices=SignalSource.choices)
    birth_date = serializers.DateField(required=False, allow_null=True)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    bsn = serializers.CharField(required=False, allow_blank=True, max_length=9)
    bsn_legal_basis = serializers.ChoiceField(
        choices=BsnLegalBasis.choices,
        required=False,
        allow_blank=True,
        help_text="Required with a BSN: the law that allows recording it.",
    )
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    municipality = serializers.CharField(required=False, allow_blank=True, max_length=100)
    releasing_employer_id = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class RegistrationOutSerializer(serializers.Serializer):
    """The receipt: what the registering organisation may know afterwards."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    in_intake_queue = serializers.BooleanField()


# --- cases -----------------------------------------------------------------------------------


class CaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    first_name = serializers.CharField(source="person.first_name")
    last_name = serializers.CharField(source="person.last_name")
    route = serializers.SerializerMethodField()
    case_manager = serializers.SerializerMethodField()
    releasing_employer = serializers.SerializerMethodField()
    next_contact_due = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_route(self, case: Any) -> int | None:
        return case.route.number if case.route_id else None

    def get_case_manager(self, case: Any) -> str | None:
        return str(case.case_manager) if case.case_manager_id else None

    def get_releasing_employer(self, case: Any) -> str | None:
        return case.releasing_employer.name if case.releasing_employer_id else None


# --- referrals -------------------------------------------------------------------------------


class ReferralOfferingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    version = serializers.IntegerField(help_text="Send it back as expected_version.")
    offering = ReferralOfferingSerializer()
    case_number = serializers.CharField(source="case.number")
    first_name = serializers.CharField(source="case.person.first_name")
    last_name = serializers.CharField(source="case.person.last_name")
    started_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField()


class ReferralUpdateSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.ChoiceField(choices=ReferralStatus.choices)
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    organisation = serializers.CharField()
    email = serializers.CharField()


class ReferralDetailSerializer(ReferralSerializer):
    motivation = serializers.CharField()
    phone = serializers.CharField(source="case.person.phone")
    email = serializers.CharField(source="case.person.email")
    case_manager = serializers.SerializerMethodField()
    updates = ReferralUpdateSerializer(many=True, source="update_list")

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_case_manager(self, referral: Any) -> dict[str, str] | None:
        manager = referral.case.case_manager
        if manager is None:
            return None
        return {
            "name": str(manager),
            "organisation": str(manager.organisation or ""),
            "email": manager.email,
        }


class ReferralStatusInSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(
        choices=ReferralStatus.choices,
        help_text=_("The new status; the current status with a note adds a progress note."),
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    expected_version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="The version you read.",
    )


# --- vacancies -------------------------------------------------------------------------------


class VacancySkillSerializer(serializers.Serializer):
    skill = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="Skill id (taxonomy)."
    )
    importance = serializers.ChoiceField(choices=SkillImportance.choices)


class VacancyInSerializer(serializers.Serializer):
    employer = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Employer organisation id; employers' own clients may leave it out.",
    )
    title = serializers.CharField(max_length=200)
    occupation = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
    description = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    hours_min = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    hours_max = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    wage_band = serializers.ChoiceField(choices=WageBand.choices, required=False, allow_blank=True)
    contract_type = serializers.ChoiceField(
        choices=ContractType.choices, required=False, allow_blank=True
    )
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    place = serializers.CharField(required=False, allow_blank=True, max_length=100)
    shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    positions = serializers.IntegerField(required=False, min_value=1, default=1)
    open_to_other_sectors = serializers.BooleanField(required=False, default=True)
    status = serializers.ChoiceField(
        choices=VacancyStatus.choices, required=False, default=VacancyStatus.DRAFT
    )
    skills = VacancySkillSerializer(many=True, required=False)


class VacancyUpdateSerializer(VacancyInSerializer):
    expected_version = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The version you read."
    )


class VacancySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    version = serializers.IntegerField()
    employer = serializers.IntegerField(source="employer_id")
    employer_name = serializers.CharField(source="employer.name")
    title = serializers.CharField()
    occupation = serializers.IntegerField(source="occupation_id", allow_null=True)
    description = serializers.CharField()
    hours_min = serializers.IntegerField(allow_null=True)
    hours_max = serializers.IntegerField(allow_null=True)
    wage_band = serializers.CharField()
    contract_type = serializers.CharField()
    postcode = serializers.CharField()
    place = serializers.CharField()
    shifts = serializers.ListField(child=serializers.CharField())
    start_date = serializers.DateField(allow_null=True)
    positions = serializers.IntegerField()
    open_to_other_sectors = serializers.BooleanField()
    status = serializers.ChoiceField(choices=VacancyStatus.choices)
    skills = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(VacancySkillSerializer(many=True))
    def get_skills(self, vacancy: Any) -> list[dict[str, Any]]:
        return [
            {"skill": link.skill_id, "importance": link.importance}
            for link in vacancy.skill_links.all()
        ]


# --- taxonomy --------------------------------------------------------------------------------


class ConceptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    language = serializers.ChoiceField(choices=[(code, code) for code in LANGUAGES])
    matched_label = serializers.CharField()
    score = serializers.FloatField()
    source = serializers.CharField()  # type: ignore[assignment]
