from django.urls import path

from vangnet.casefinding import views

app_name = "casefinding"
urlpatterns = [
    path("", views.index, name="index"),
    path("<id:run_id>/", views.run_detail, name="run"),
    path("<id:run_id>/download/", views.run_download, name="download"),
    path("<id:run_id>/delete/", views.run_delete, name="delete"),
]
