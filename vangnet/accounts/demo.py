"""The demo accounts' published authenticator key and login notes.

The accounts themselves are made by ``vangnet.directory.demo_accounts``.

The key below is public on purpose (it is in docs/operations.md): it opens
demo accounts only. Never load the demo into a real installation.
"""

import time
from base64 import b32decode

from django_otp.oath import TOTP

from vangnet.accounts.models import Role

# Base32, as typed into an authenticator app: "VANGNET DEMO" repeated, 160 bits.
DEMO_TOTP_SECRET = "VANGNETDEMOVANGNETDEMOVANGNETDEM"  # noqa: S105 (public: demo only)
DEMO_TOTP_KEY_HEX = b32decode(DEMO_TOTP_SECRET).hex()
DEMO_EMAIL_DOMAIN = "demo.vangnet.nl"

# Demo role key → (account role, discipline for a person made here, Dutch job title).
DEMO_ROLES: dict[str, tuple[Role, str, str]] = {
    "coordinator": (Role.COORDINATOR, "netwerkcoordinator", "netwerkcoördinator"),
    "gp": (Role.PROFESSIONAL, "huisarts", "huisarts"),
    "poh": (Role.PROFESSIONAL, "poh_ouderenzorg", "POH ouderenzorg"),
    "district_nurse": (Role.PROFESSIONAL, "wijkverpleegkundige", "wijkverpleegkundige"),
    "social_worker": (Role.PROFESSIONAL, "sociaal_werker", "sociaal werker"),
    "read_only": (Role.READ_ONLY, "wmo_consulent", "alleen lezen"),
    "outsider": (Role.PROFESSIONAL, "fysiotherapeut", "buiten het netwerk"),
}


def demo_code_now() -> str:
    """The code an authenticator app with the demo key shows right now."""
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX), step=30, t0=0, digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


LOGIN_NOTE = f"2e stap: sleutel {DEMO_TOTP_SECRET} in een authenticator-app"
# Printed once, with the first login: the same key works for every demo account.
FIRST_LOGIN_NOTE = f"{LOGIN_NOTE} (of: oathtool --totp -b {DEMO_TOTP_SECRET})"
