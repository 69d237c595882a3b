"""Administration of regions, organisations and users (role administrator, is_staff)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from overstap.accounts.models import Organisation, Region, User
from overstap.accounts.twofactor import reset_two_factor


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "is_active")
    list_filter = ("kind", "region", "is_active")
    search_fields = ("name", "kvk_number")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "role", "is_active")
    list_filter = ("role", "organisation__kind", "is_active")
    actions = ["reset_two_factor_authentication"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Overstap"), {"fields": ("organisation", "role")}),
    )

    @admin.action(description=_("Reset two-factor authentication (user enrols again)"))
    def reset_two_factor_authentication(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> None:
        """The only way to remove a user's second factor: by an administrator, never by a
        password reset. Ends the user's sessions, so they log in and enrol again."""
        count = 0
        for user in queryset:
            reset_two_factor(user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Two-factor authentication was reset for %(count)d user.",
                "Two-factor authentication was reset for %(count)d users.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
