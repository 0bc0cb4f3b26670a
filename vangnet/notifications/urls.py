from django.urls import path

from vangnet.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<id:notification_id>/open/", views.open_notification, name="open"),
    path("read/", views.mark_all_read, name="read-all"),
]
