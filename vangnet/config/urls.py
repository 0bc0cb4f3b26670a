from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("vangnet.core.urls")),
    path("accounts/", include("vangnet.accounts.urls")),
    path("map/", include("vangnet.directory.urls")),
    path("clients/", include("vangnet.clients.urls")),
    path("log/", include("vangnet.audit.urls")),
    path("inbox/", include("vangnet.notifications.urls")),
    path("admin/", admin.site.urls),
]
