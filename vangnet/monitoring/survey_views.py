"""The experience survey: the public answer page, and the professional's code and paper pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.accounts.decorators import public
from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.clients.access import professional_of
from vangnet.clients.emergency import networks_of
from vangnet.directory.models import Network
from vangnet.monitoring.quarters import current_quarter
from vangnet.monitoring.survey import issue_code, record_answers, redeem, shown, too_many_attempts
from vangnet.monitoring.survey_forms import AnswerForm, NetworkForm, PaperForm


@public
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    form = AnswerForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if too_many_attempts(request.META.get("REMOTE_ADDR", "")):
            form.is_valid()
            form.add_error(None, _("Too many tries. Please try again in a quarter of an hour."))
            status = 429
        elif form.is_valid():
            if redeem(form.cleaned_data["code"], form.scores()):
                return redirect("survey:thanks")
            form.add_error("code", _("This code is not right or has already been used."))
            status = 400
        else:
            status = 400
    return render(request, "monitoring/survey_answer.html", {"form": form}, status=status)


@public
@require_http_methods(["GET"])
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/survey_thanks.html")


def _networks(request: AuthenticatedHttpRequest) -> list[Network]:
    person = professional_of(request.user)
    networks = [] if person is None else networks_of(person)
    if not networks:
        raise Http404
    return networks


@login_required
@require_http_methods(["GET", "POST"])
def hand_out(request: AuthenticatedHttpRequest) -> HttpResponse:
    """After an evaluation: a code to print on a slip, or a paper form typed in."""
    networks = _networks(request)
    code_form = NetworkForm(
        request.POST if "code" in request.POST else None, networks=networks, prefix="code"
    )
    paper_form = PaperForm(
        request.POST if "paper" in request.POST else None, networks=networks, prefix="paper"
    )
    code = ""
    status = 200
    if code_form.is_bound:
        if code_form.is_valid():
            code = shown(issue_code(code_form.cleaned_data["network"]))
        else:
            status = 400
    if paper_form.is_bound:
        if paper_form.is_valid():
            network = paper_form.cleaned_data["network"]
            record_answers(network.pk, str(current_quarter()), paper_form.scores())
            return redirect(f"{request.path}?saved=1")
        status = 400
    return render(
        request,
        "monitoring/survey_hand_out.html",
        {
            "code_form": code_form,
            "paper_form": paper_form,
            "code": code,
            "saved": request.GET.get("saved") == "1",
            "address": request.build_absolute_uri("/enquete/"),
        },
        status=status,
    )
