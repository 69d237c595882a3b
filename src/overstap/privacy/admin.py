"""The audit log is visible to superusers read-only; nobody can add, change or delete."""

from django.contrib import admin
from django.http import HttpRequest

from overstap.privacy.models import AuditLogEntry


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = (
        "timestamp",
        "actor_username",
        "organisation_name",
        "action",
        "purpose",
        "object_type",
        "person_ref",
    )
    list_filter = ("action", "purpose")
    search_fields = ("actor_username", "object_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
