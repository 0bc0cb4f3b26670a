from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from vangnet.notifications.models import Notification


@task()
def email_notification(notification_id: int) -> bool:
    """Send one notification by email; the message holds no details about an older person."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
    send_mail(
        subject=f"[Vangnet] {notification.subject}",
        message=f"{notification.body}\n\n{link}\n",
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
