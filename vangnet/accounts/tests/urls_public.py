"""The site's URLs plus two pages of a made-up app: one marked public, one not."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from vangnet.accounts.decorators import public
from vangnet.config.urls import urlpatterns as site_urlpatterns


@public
def worry_form(request: HttpRequest) -> HttpResponse:
    who = "a professional" if request.user.is_authenticated else "a visitor"
    return HttpResponse(f"Worry form for {who}")


def private_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Private page")


urlpatterns = [
    path(
        "example/",
        include(
            (
                [path("worry/", worry_form, name="worry"), path("private/", private_page)],
                "example",
            )
        ),
    ),
    *site_urlpatterns,
]
