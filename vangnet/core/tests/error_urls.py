"""The site's addresses plus a few that fail on purpose, for the error page tests."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from vangnet.accounts.decorators import public
from vangnet.config import urls as site
from vangnet.config.urls import handler400, handler403, handler404, handler500


@public
def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("Invalid input")


@public
def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Forbidden")


@public
def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("No Network matches the given query.")


@public
def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("A server error")


urlpatterns: list[URLPattern | URLResolver] = [
    path("fail/400/", bad),
    path("fail/403/", forbidden),
    path("fail/404/", missing),
    path("fail/500/", broken),
    *site.urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
