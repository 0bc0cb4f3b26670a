from django.urls import path

from vangnet.directory import views_files
from vangnet.directory.views import entries, finding, links, networks

app_name = "directory"
urlpatterns = [
    path("", finding.search, name="search"),
    path("public/", finding.public_index, name="public_index"),
    path("confirm/<str:token>/", links.confirm_link, name="confirm"),
    # Organisations, people and services.
    path("organisations/", entries.organisation_list, name="organisation_list"),
    path("organisations/new/", entries.organisation_create, name="organisation_create"),
    path("organisations/<id:pk>/", entries.organisation_detail, name="organisation_detail"),
    path("organisations/<id:pk>/edit/", entries.organisation_edit, name="organisation_edit"),
    path("organisations/<id:pk>/delete/", entries.organisation_delete, name="organisation_delete"),
    path(
        "organisations/<id:pk>/confirm/",
        entries.organisation_confirm,
        name="organisation_confirm",
    ),
    path("people/", entries.person_list, name="person_list"),
    path("people/new/", entries.person_create, name="person_create"),
    path("people/<id:pk>/", entries.person_detail, name="person_detail"),
    path("people/<id:pk>/edit/", entries.person_edit, name="person_edit"),
    path("people/<id:pk>/delete/", entries.person_delete, name="person_delete"),
    path("people/<id:pk>/confirm/", entries.person_confirm, name="person_confirm"),
    path("services/", entries.service_list, name="service_list"),
    path("services/new/", entries.service_create, name="service_create"),
    path("services/<id:pk>/", entries.service_detail, name="service_detail"),
    path("services/<id:pk>/edit/", entries.service_edit, name="service_edit"),
    path("services/<id:pk>/delete/", entries.service_delete, name="service_delete"),
    path("services/<id:pk>/confirm/", entries.service_confirm, name="service_confirm"),
    # Networks: structure, who does what, communication plan.
    path("networks/", networks.network_list, name="network_list"),
    path("networks/new/", networks.network_create, name="network_create"),
    path("networks/<slug:slug>/", networks.network_detail, name="network_detail"),
    path("networks/<slug:slug>/edit/", networks.network_edit, name="network_edit"),
    path("networks/<slug:slug>/plan/", networks.communication_plan, name="network_plan"),
    path("networks/<slug:slug>/parties/new/", networks.party_create, name="party_create"),
    path("networks/<slug:slug>/parties/<id:pk>/", networks.party_edit, name="party_edit"),
    path(
        "networks/<slug:slug>/parties/<id:pk>/delete/",
        networks.party_delete,
        name="party_delete",
    ),
    path("networks/<slug:slug>/who-does-what/", networks.network_matrix, name="network_matrix"),
    path(
        "networks/<slug:slug>/who-does-what/new/",
        networks.assignment_create,
        name="assignment_create",
    ),
    path(
        "networks/<slug:slug>/who-does-what/<id:pk>/",
        networks.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "networks/<slug:slug>/who-does-what/<id:pk>/delete/",
        networks.assignment_delete,
        name="assignment_delete",
    ),
    # The public map for citizens, per network.
    path("<slug:slug>/public/", finding.public_map, name="public_map"),
    # The poster, the import and the exports (views_files.py).
    path("networks/<slug:slug>/poster/", views_files.poster, name="poster"),
    path("import/", views_files.import_upload, name="import"),
    path("import/<id:pk>/", views_files.import_job, name="import_job"),
    path("import/<id:pk>/progress/", views_files.import_job_progress, name="import_job_progress"),
    path("import/<id:pk>/apply/", views_files.import_job_apply, name="import_job_apply"),
    path("export/", views_files.export_page, name="export"),
    path("export/<str:kind>.<str:fmt>", views_files.export_download, name="export_download"),
]
