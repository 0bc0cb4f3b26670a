from django.urls import path

from vangnet.clients import views

app_name = "clients"
urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_register, name="register"),
    path("emergency/", views.emergency, name="emergency"),
    path("emergency/rules/", views.emergency_rules_list, name="emergency-rules"),
    path("emergency/rules/<slug:slug>/", views.emergency_rules_edit, name="emergency-rule"),
    path("<id:client_id>/", views.client_detail, name="detail"),
    path("<id:client_id>/edit/", views.client_edit, name="edit"),
    path("<id:client_id>/carers/add/", views.carer_edit, name="carer-add"),
    path("<id:client_id>/carers/<id:carer_id>/", views.carer_edit, name="carer-edit"),
    path("<id:client_id>/representative/", views.representative_edit, name="representative"),
    path("<id:client_id>/team/add/", views.care_team_add, name="team-add"),
    path("<id:client_id>/team/<id:member_id>/end/", views.care_team_end, name="team-end"),
    path("<id:client_id>/contact-person/", views.contact_person_edit, name="contact-person"),
    path("<id:client_id>/consent/", views.consent, name="consent"),
    path(
        "<id:client_id>/consent/<id:consent_id>/revoke/",
        views.consent_revoke,
        name="consent-revoke",
    ),
    path("<id:client_id>/who-looked/", views.access_history, name="access-history"),
]
