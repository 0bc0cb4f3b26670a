from django.http import HttpRequest

from vangnet.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request from a logged-in professional."""

    user: User
