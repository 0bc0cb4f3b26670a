from django.contrib import admin

from vangnet.directory import models


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin[models.Area]):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin[models.Organisation]):
    list_display = ("name", "type", "domain", "last_confirmed_at")
    list_filter = ("type", "domain")
    search_fields = ("name",)


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin[models.Person]):
    list_display = ("name", "discipline", "organisation", "last_confirmed_at")
    list_filter = ("discipline",)
    search_fields = ("name",)


@admin.register(models.Service)
class ServiceAdmin(admin.ModelAdmin[models.Service]):
    list_display = ("name", "organisation", "waiting_days", "last_confirmed_at")
    search_fields = ("name",)


admin.site.register(models.Network)
admin.site.register(models.NetworkParty)
admin.site.register(models.StepAssignment)
admin.site.register(models.PostcodeArea)
