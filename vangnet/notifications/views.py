from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.core.params import number_param
from vangnet.notifications.actions import notification_mark_read
from vangnet.notifications.models import Notification


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = Notification.objects.filter(recipient=request.user)
    page = Paginator(rows, 30).get_page(number_param(request, "page", default=1, minimum=1))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def open_notification(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    notification_mark_read(user=request.user, notification_id=notification_id)
    target = (
        Notification.objects.filter(recipient=request.user, pk=notification_id)
        .values_list("url", flat=True)
        .first()
    )
    return redirect(target if target and target.startswith("/") else "notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    notification_mark_read(user=request.user)
    return redirect("notifications:inbox")
