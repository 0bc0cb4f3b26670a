from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("vangnet.workplace.urls")),
    path("", include("vangnet.core.urls")),
    path("accounts/", include("vangnet.accounts.urls")),
    path("map/", include("vangnet.directory.urls")),
    path("clients/", include("vangnet.clients.urls")),
    path("clients/", include("vangnet.rights.urls")),
    path("screening/", include("vangnet.screening.urls")),
    path("log/", include("vangnet.audit.urls")),
    path("inbox/", include("vangnet.notifications.urls")),
    path("signals/", include("vangnet.detection.urls")),
    path("care/", include("vangnet.care.urls")),
    path("referrals/", include("vangnet.referrals.urls")),
    path("casefinding/", include("vangnet.casefinding.urls")),
    path("economics/", include("vangnet.economics.urls")),
    path("hulp/", include("vangnet.guide.urls")),
    path("collaboration/", include("vangnet.collaboration.urls")),
    path("figures/", include("vangnet.monitoring.urls")),
    path("enquete/", include("vangnet.monitoring.survey_urls")),
    path("selfscan/", include("vangnet.selfscan.urls")),
    path("api/v1/", include("vangnet.api.urls")),
    path("admin/", admin.site.urls),
]

# Dutch error pages in the site's layout; JSON under the API.
handler400 = "vangnet.core.errors.bad_request"
handler403 = "vangnet.core.errors.permission_denied"
handler404 = "vangnet.core.errors.page_not_found"
handler500 = "vangnet.core.errors.server_error"
