from django.urls import path

from vangnet.screening import views

app_name = "screening"
urlpatterns = [
    path("follow-up/", views.tasks, name="tasks"),
    path("follow-up/<id:task_id>/resolve/", views.task_resolve, name="task-resolve"),
    path("rules/", views.rules, name="rules"),
    path("rules/<id:network_id>/", views.rule_edit, name="rule-edit"),
    path("<id:client_id>/", views.client_screening, name="client"),
    path("<id:client_id>/start/", views.start, name="start"),
    path("<id:client_id>/questions/<id:number>/", views.question, name="question"),
    path("<id:client_id>/check/", views.check, name="check"),
    path("<id:client_id>/discard/", views.discard, name="discard"),
]
