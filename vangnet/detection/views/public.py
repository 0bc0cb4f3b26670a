"""The public pages: the worry form and the status page. No account needed.

Both are protected without outside services: a rate limit per IP address (counted in the
database), a honeypot field for robots, and size limits on every field and the whole request.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from vangnet.accounts.decorators import public
from vangnet.detection import actions, throttle
from vangnet.detection.forms import StatusForm, WorryForm
from vangnet.detection.jobs import retention_days
from vangnet.detection.models import (
    CoordinationPoint,
    PublicStatus,
    Signal,
    new_reference,
    normalise_reference,
)
from vangnet.directory.models import Network

SENT_SESSION_KEY = "detection_sent_reference"
DEFAULT_MAX_REQUEST_BYTES = 20_000
NOT_FOUND = "not_found"


def max_request_bytes() -> int:
    return int(getattr(settings, "VANGNET_SIGNAL_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES))


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > max_request_bytes()


def _refuse(request: HttpRequest, status: int) -> HttpResponse:
    """413 for a request too large, or the site's 429 page with the worry form's own advice."""
    template = "detection/too_many.html" if status == 429 else "detection/refused.html"
    return render(request, template, status=status)


def display_code(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


@public
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """ "I am worried about someone": the form for anyone, first on a phone."""
    networks = Network.objects.order_by("name")
    if request.method == "POST" and _too_large(request):
        return _refuse(request, 413)
    form = WorryForm(request.POST or None, networks=networks)
    if request.method == "POST" and networks:
        if form.is_robot:
            # Looks like success, so the robot learns nothing; no signal is made.
            if not throttle.allow(request, throttle.REPORT):
                return _refuse(request, 429)
            request.session[SENT_SESSION_KEY] = new_reference()
            return redirect("detection:report-sent")
        if form.is_valid():
            if not throttle.allow(request, throttle.REPORT):
                return _refuse(request, 429)
            network = form.cleaned_data.get("network") or networks[0]
            signal = actions.signal_report(network=network, data=form.signal_data())
            request.session[SENT_SESSION_KEY] = signal.reference
            return redirect("detection:report-sent")
    single = networks[0] if len(networks) == 1 else None
    return render(
        request,
        "detection/report.html",
        {
            "form": form,
            "network": single,
            "networks": networks,
            "point": CoordinationPoint.objects.filter(network=single).first() if single else None,
            "retention_months": max(1, round(retention_days() / 30.5)),
        },
    )


@public
def report_sent(request: HttpRequest) -> HttpResponse:
    """The reference code, kept in this browser's session so a reload shows it again."""
    code = request.session.get(SENT_SESSION_KEY)
    shown = display_code(code) if isinstance(code, str) else ""
    return render(
        request,
        "detection/report_sent.html",
        # Spelled out with spaces, so a screen reader reads it letter by letter.
        {"code": shown, "code_spelled": " ".join(shown)},
    )


@public
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """Received or picked up: nothing else, ever. A wrong code and an unknown code look alike."""
    if request.method == "POST" and _too_large(request):
        return _refuse(request, 413)
    form = StatusForm(request.POST or None)
    result = ""
    if request.method == "POST":
        if not throttle.allow(request, throttle.STATUS):
            return _refuse(request, 429)
        code = normalise_reference(form.data.get("code", ""))
        found = Signal.objects.filter(reference=code).only("status").first() if code else None
        result = found.public_status.value if found is not None else NOT_FOUND
        # Show the form empty again: the code is not repeated on the page.
        form = StatusForm()
    return render(
        request,
        "detection/status.html",
        {
            "form": form,
            "result": result,
            "received": PublicStatus.RECEIVED.value,
            "picked_up": PublicStatus.PICKED_UP.value,
        },
    )
