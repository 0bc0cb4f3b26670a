from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vangnet.accounts.twofactor import is_verified
from vangnet.workplace.today import today_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front page for visitors; for a logged-in professional, today's work."""
    user = request.user
    # Halfway through logging in (password given, code not yet) the page stays as for a visitor.
    if not (user.is_authenticated and is_verified(user)):
        return render(request, "workplace/home.html", {"today": None})
    return render(request, "workplace/home.html", {"today": today_for(user)})
