from django.urls import path

from vangnet.detection.views import activities, public, signals, triage

app_name = "detection"
urlpatterns = [
    # Public: no account needed.
    path("worry/", public.report, name="report"),
    path("worry/sent/", public.report_sent, name="report-sent"),
    path("status/", public.status, name="status"),
    # Professionals.
    path("work/", signals.overview, name="overview"),
    path("work/new/", signals.new_person_signal, name="new"),
    path("work/queue/", triage.queue, name="queue"),
    path("work/<id:signal_id>/", signals.signal_detail, name="signal"),
    path("work/<id:signal_id>/triage/", triage.start_triage, name="start-triage"),
    path("work/<id:signal_id>/urgency/", triage.set_urgency, name="urgency"),
    path("work/<id:signal_id>/link/", triage.link, name="link"),
    path("work/<id:signal_id>/route/", triage.route, name="route"),
    path("work/<id:signal_id>/register/", triage.register, name="register"),
    path("work/<id:signal_id>/pick-up/", signals.pick_up, name="pick-up"),
    path("work/<id:signal_id>/close/", signals.close, name="close"),
    path(
        "work/<id:signal_id>/register-after-contact/",
        signals.register_after_contact,
        name="register-after-contact",
    ),
    path("client/<id:client_id>/", signals.client_signals, name="client-signals"),
    path("client/<id:client_id>/new/", signals.client_signal_new, name="client-signal-new"),
    path("client/<id:client_id>/in-view/", signals.client_in_view, name="client-in-view"),
    path("point/<slug:slug>/", triage.point_settings, name="point"),
    # The registry of early-detection activities.
    path("activities/", activities.activity_index, name="activities"),
    path("activities/<slug:slug>/", activities.activity_list, name="activity-list"),
    path("activities/<slug:slug>/new/", activities.activity_edit, name="activity-new"),
    path(
        "activities/<slug:slug>/<id:activity_id>/edit/",
        activities.activity_edit,
        name="activity-edit",
    ),
    path(
        "activities/<slug:slug>/<id:activity_id>/remove/",
        activities.activity_delete,
        name="activity-delete",
    ),
    path("activities/<slug:slug>/area/<id:area_id>/", activities.area_page, name="area"),
]
