from django.urls import path

from vangnet.guide import views

app_name = "guide"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.role_guide, name="role"),
]
