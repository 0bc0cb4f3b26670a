from django.urls import path

from vangnet.rights import views

app_name = "rights"
urlpatterns = [
    path("<id:client_id>/export/", views.export, name="export"),
    path("<id:client_id>/erase/", views.erase, name="erase"),
]
