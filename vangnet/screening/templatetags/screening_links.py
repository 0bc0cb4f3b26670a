"""The link to an older person's screening page, for the client page's list of links."""

from typing import Any

from django import template

from vangnet.clients.models import Client

register = template.Library()


@register.inclusion_tag("screening/_client_link.html")
def screening_link(client: Client) -> dict[str, Any]:
    return {"client": client}
