from django.urls import path

from vangnet.selfscan import views

app_name = "selfscan"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/<id:round_id>/", views.round_detail, name="round"),
    path("rounds/<id:round_id>/answer/", views.answer, name="answer"),
    path("rounds/<id:round_id>/close/", views.close, name="close"),
    path("<slug:slug>/", views.network, name="network"),
    path("<slug:slug>/statements/", views.statements, name="statements"),
]
