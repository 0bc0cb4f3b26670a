"""What every request passes first: input nobody can store is refused, the language is set."""

from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.utils import translation
from django.utils.cache import patch_vary_headers

from vangnet.core.errors import error_page

# PostgreSQL refuses the NUL character in any text; no person types one.
UNSTORABLE = "\x00"


def _any_unstorable(texts: Iterable[str]) -> bool:
    return any(UNSTORABLE in text for text in texts)


def _pairs(data: QueryDict) -> Iterator[str]:
    for key, values in data.lists():
        yield key
        yield from values


class RefuseUnstorableInputMiddleware:
    """Answers 400 when the address, the query, a posted form field or a cookie holds a NUL.

    Without this, such a value reaches a query and PostgreSQL fails with a server error.
    Uploaded files are left to the code that reads them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self._unstorable(request):
            # This runs before the session and the language are set up, and never touches them:
            # a session cookie with a NUL would make the session's own query fail.
            with translation.override(chosen_language(request)):
                return error_page(request, 400, bare=True)
        return self.get_response(request)

    def _unstorable(self, request: HttpRequest) -> bool:
        if UNSTORABLE in request.path_info or UNSTORABLE in request.path:
            return True
        if _any_unstorable(_pairs(request.GET)):
            return True
        if _any_unstorable((*request.COOKIES.keys(), *request.COOKIES.values())):
            return True
        return request.method == "POST" and _any_unstorable(_pairs(request.POST))


def chosen_language(request: HttpRequest) -> str:
    """The language picked with the language switch, else Dutch.

    The browser's own language (Accept-Language) is ignored on purpose: many Dutch
    professionals work on computers set to English and still expect Vangnet in Dutch.
    """
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code in {language for language, _name in settings.LANGUAGES}:
        return code
    return str(settings.LANGUAGE_CODE)


class ChosenLanguageMiddleware:
    """Activates the chosen language (see ``chosen_language``) for the whole request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response


class FriendlyNotFoundMiddleware:
    """A view that answers "not found" shows the friendly 404 page, also in debug mode.

    Without debug mode Django already does so. With it (the demo), a click on a link to
    something that is gone or not yours showed Django's technical page. An address that
    matches no URL at all still gets that page in debug mode: it helps a developer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404) and settings.DEBUG:
            return error_page(request, 404)
        return None
