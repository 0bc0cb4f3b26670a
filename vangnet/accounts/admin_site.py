"""The Django admin, for superusers who have passed both login steps."""

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.twofactor import is_verified


class VangnetAdminSite(AdminSite):
    site_header = _("Vangnet administration")
    site_title = _("Vangnet administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser and is_verified(user))

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The admin has no login form of its own: the two-step login page serves it."""
        if request.user.is_authenticated:
            # Past both steps (the middleware saw to that) but not a superuser.
            raise PermissionDenied
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        response: HttpResponse = redirect_to_login(next_url)
        return response
