from django.urls import path

from vangnet.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log_list, name="log"),
    path("emergency/", views.review_list, name="review"),
    path("emergency/<id:entry_id>/", views.review_entry, name="review-entry"),
]
