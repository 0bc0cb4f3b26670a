from django.urls import path

from vangnet.screening import views

app_name = "screening"
urlpatterns = [
    path("follow-up/", views.tasks, name="tasks"),
    path("follow-up/<int:task_id>/resolve/", views.task_resolve, name="task-resolve"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:network_id>/", views.rule_edit, name="rule-edit"),
    path("<int:client_id>/", views.client_screening, name="client"),
    path("<int:client_id>/start/", views.start, name="start"),
    path("<int:client_id>/questions/<int:number>/", views.question, name="question"),
    path("<int:client_id>/check/", views.check, name="check"),
    path("<int:client_id>/discard/", views.discard, name="discard"),
]
