"""Work across older people: my open actions, and what is due for the people I am contact for."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.care.worklists import HORIZON_DAYS, contact_person_todo, my_actions
from vangnet.clients.access import professional_of


@login_required
def my_actions_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "care/my_actions.html",
        {
            "mine": my_actions(Actor.from_request(request)),
            "today": timezone.localdate(),
            "is_professional": professional_of(request.user) is not None,
        },
    )


@login_required
def my_clients_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "care/my_clients.html",
        {
            "todo": contact_person_todo(Actor.from_request(request)),
            "today": timezone.localdate(),
            "horizon": HORIZON_DAYS,
            "is_professional": professional_of(request.user) is not None,
        },
    )
