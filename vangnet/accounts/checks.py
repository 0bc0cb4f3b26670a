"""System checks: settings that must never reach a real installation."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security)
def demo_codes_only_in_debug(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """VANGNET_DEMO_OTP shows login codes on screen; refuse it outside debug mode."""
    if getattr(settings, "VANGNET_DEMO_OTP", False) and not settings.DEBUG:
        return [
            Error(
                "VANGNET_DEMO_OTP is on while VANGNET_DEBUG is off.",
                hint="Demo login codes are for a local demo only: unset VANGNET_DEMO_OTP.",
                id="accounts.E001",
            )
        ]
    return []
