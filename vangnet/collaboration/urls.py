from django.urls import path

from vangnet.collaboration import views

app_name = "collaboration"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.graph, name="graph"),
    path("<slug:slug>/professionals/", views.professionals, name="professionals"),
]
