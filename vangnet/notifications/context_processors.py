from django.http import HttpRequest

from vangnet.notifications.models import Notification


def unread(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": Notification.objects.filter(recipient=user).unread().count()}
