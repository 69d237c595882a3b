"""API serializers of rapid response: separate input and output shapes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from overstap.rapidresponse.constants import MAX_PEOPLE, SignalKind, TaskStatus
from overstap.rapidresponse.models import Signal, SignalTask


class TaskOutSerializer(serializers.ModelSerializer):
    signal = serializers.IntegerField(source="signal_id")
    owner_organisation = serializers.CharField(source="owner_organisation.name", default=None)
    owner_organisation_id = serializers.IntegerField(default=None)
    owner_user = serializers.CharField(default=None)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = SignalTask
        fields = [
            "id",
            "signal",
            "title",
            "description",
            "partner_kind",
            "owner_organisation",
            "owner_organisation_id",
            "owner_user",
            "due_date",
            "status",
            "overdue",
            "version",
        ]

    def get_overdue(self, task: SignalTask) -> bool:
        return task.is_overdue_on(self.context["today"])


class SignalOutSerializer(serializers.ModelSerializer):
    employer = serializers.CharField(source="employer.name", default=None)
    employer_id = serializers.IntegerField(default=None)
    open_tasks = serializers.IntegerField(required=False)
    overdue_tasks = serializers.IntegerField(required=False)

    class Meta:
        model = Signal
        fields = [
            "id",
            "kind",
            "employer",
            "employer_id",
            "sector",
            "people_affected",
            "received_on",
            "first_contract_end",
            "description",
            "status",
            "version",
            "open_tasks",
            "overdue_tasks",
        ]


class SignalDetailSerializer(SignalOutSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta(SignalOutSerializer.Meta):
        fields = [*SignalOutSerializer.Meta.fields, "tasks"]

    @extend_schema_field(TaskOutSerializer(many=True))
    def get_tasks(self, signal: Signal) -> list[dict[str, object]]:
        return TaskOutSerializer(self.context["tasks"], many=True, context=self.context).data  # type: ignore[return-value]


class SignalInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SignalKind.choices)
    employer_id = serializers.IntegerField(required=False, allow_null=True)
    sector = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")
    people_affected = serializers.IntegerField(max_value=MAX_PEOPLE)
    received_on = serializers.DateField()
    first_contract_end = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class TaskStatusInSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    version = serializers.IntegerField(required=False, allow_null=True)
