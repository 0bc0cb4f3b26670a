from django.contrib import admin
from django.http import HttpRequest

from vangnet.clients.models import BreakGlassDay, EmergencyAccessPolicy


@admin.register(EmergencyAccessPolicy)
class EmergencyAccessPolicyAdmin(admin.ModelAdmin[EmergencyAccessPolicy]):
    list_display = ("network", "identify_by", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")


@admin.register(BreakGlassDay)
class BreakGlassDayAdmin(admin.ModelAdmin[BreakGlassDay]):
    """Counts only; deleting today's row gives a professional their attempts back."""

    list_display = ("day", "user", "attempts", "failures")
    list_filter = ("day",)
    readonly_fields = ("user", "day", "attempts", "failures")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
