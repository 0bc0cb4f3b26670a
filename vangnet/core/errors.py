"""The pages people see when something goes wrong: Dutch, in the site's layout, with a way home.

400 and 500 are rendered without the request: no context processor runs, so the page
needs no database (the 500 may be there because the database is down) and reads no
session (a 400 may be there because the session cookie is odd). 403, 404 and 429 show
the full layout with the menu. Under the JSON API every answer is JSON instead.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _


def _title(status: int) -> str:
    # The same texts as the headings of the templates, for answers in JSON.
    titles = {
        400: _("We cannot use what was sent"),
        403: _("You may not open this page"),
        404: _("Page not found"),
        429: _("Please wait a while"),
        500: _("Something went wrong"),
    }
    return titles[status]


def is_api_request(request: HttpRequest) -> bool:
    """Whether the request is for the JSON API, which answers errors in JSON."""
    try:
        prefix = reverse("api:api-root")
    except NoReverseMatch:
        return False
    return request.path_info.startswith(prefix)


def error_page(
    request: HttpRequest, status: int, *, template: str | None = None, bare: bool = False
) -> HttpResponse:
    """The Dutch error page for ``status``; ``bare`` renders it without touching the database."""
    if is_api_request(request):
        return JsonResponse({"detail": _title(status)}, status=status)
    page = loader.get_template(template or f"{status}.html")
    body = page.render({}) if bare else page.render({}, request)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400, bare=True)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500, bare=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid security token: usually an old page or a closed session."""
    return error_page(request, 403, template="403_csrf.html")


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return error_page(request, 429)
