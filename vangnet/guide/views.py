"""The user guides per role: public pages, since they hold no personal data."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vangnet.accounts.decorators import public
from vangnet.guide.guides import GUIDES


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/index.html", {"guides": list(GUIDES.values())})


@public
@require_GET
def role_guide(request: HttpRequest, slug: str) -> HttpResponse:
    guide = GUIDES.get(slug)
    if guide is None:
        raise Http404
    return render(request, "guide/role.html", {"guide": guide, "guides": list(GUIDES.values())})
