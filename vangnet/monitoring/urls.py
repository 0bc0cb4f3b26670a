from django.urls import path

from vangnet.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.figures, name="figures"),
    path("<slug:slug>/report.pdf", views.report, name="report"),
    path("<slug:slug>/<slug:key>.csv", views.indicator_csv_view, name="csv"),
]
