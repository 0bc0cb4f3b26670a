"""The page behind the link in a reminder mail: confirm an entry without logging in.

A GET only shows the entry and the button, because mail scanners open links; only the
POST from the button confirms.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from vangnet.accounts.decorators import public
from vangnet.directory.actions import entry_confirm
from vangnet.directory.staleness import LinkExpired, LinkInvalid, entry_from_token


@public
@never_cache
@require_http_methods(["GET", "POST"])
def confirm_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        entry, recipient = entry_from_token(token)
    except LinkExpired:
        return render(request, "directory/link_invalid.html", {"expired": True}, status=410)
    except LinkInvalid:
        return render(request, "directory/link_invalid.html", {"expired": False}, status=404)
    context = {"entry": entry, "kind": entry._meta.verbose_name, "recipient": recipient}
    if request.method == "POST":
        entry_confirm(entry=entry, actor=recipient)
        return render(request, "directory/link_confirmed.html", context)
    response = render(request, "directory/link_confirm.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
