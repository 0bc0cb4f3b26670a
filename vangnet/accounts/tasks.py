"""Work for the background worker (``vangnet db_worker``)."""

from django.core.mail import EmailMessage
from django.tasks import task


@task
def send_account_email(*, subject: str, body: str, to: str, from_email: str) -> None:
    """Send an email about someone's account, such as a link to choose a new password."""
    EmailMessage(subject=subject, body=body, from_email=from_email, to=[to]).send()
