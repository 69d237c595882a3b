from django.contrib import admin

from overstap.catalogue.models import FundingSource, Offering


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ("code",)


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "category", "price", "capacity", "is_active")
    list_filter = ("category", "kind", "is_active")
    search_fields = ("name", "provider__name")
