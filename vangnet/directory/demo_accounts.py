"""Demo accounts: one per role, each linked to its person on the social map.

Every demo account has the same published authenticator key
(``vangnet.accounts.demo``). Never load the demo into a real installation.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.actions import recovery_codes_renew
from vangnet.accounts.demo import (
    DEMO_EMAIL_DOMAIN,
    DEMO_ROLES,
    DEMO_TOTP_KEY_HEX,
    FIRST_LOGIN_NOTE,
    LOGIN_NOTE,
)
from vangnet.accounts.models import User
from vangnet.accounts.twofactor import AUTHENTICATOR_NAME
from vangnet.core.demo import DEMO_PASSWORD, DemoContext, DemoLogin
from vangnet.directory.models import Domain, Organisation, OrganisationType, Person


def _demo_person(ctx: DemoContext, discipline: str, title: str) -> Person:
    """A minimal social-map person, for when the directory demo did not leave one."""
    organisation = ctx.shared.get("demo_accounts_organisation")
    if organisation is None:
        organisation = Organisation.objects.create(
            name="Demo-organisatie Vangnet",
            type=OrganisationType.OTHER,
            domain=Domain.SOCIAL,
            last_confirmed_at=ctx.now,
        )
        ctx.shared["demo_accounts_organisation"] = organisation
    return Person.objects.create(
        name=f"Demo {title}",
        discipline=discipline,
        organisation=organisation,
        last_confirmed_at=ctx.now,
    )


def _give_authenticator(user: User) -> None:
    TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR_NAME, key=DEMO_TOTP_KEY_HEX, confirmed=True
    )
    recovery_codes_renew(user=user)


def build(ctx: DemoContext) -> None:
    """Accounts for the demo people, each linked to its person on the social map."""
    people: dict[str, Person] = ctx.shared.get("demo_people") or {}
    for key, (role, discipline, title) in DEMO_ROLES.items():
        person = people.get(key) or _demo_person(ctx, discipline, title)
        email = f"{key.replace('_', '-')}@{DEMO_EMAIL_DOMAIN}"
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=person.name)
        user.groups.add(role.group())
        person.user = user
        person.save(update_fields=["user"])
        _give_authenticator(user)
        ctx.logins.append(
            DemoLogin(
                role=title,
                email=email,
                password=DEMO_PASSWORD,
                note=LOGIN_NOTE if ctx.logins else FIRST_LOGIN_NOTE,
            )
        )
    admin = User.objects.create_superuser(
        email=f"admin@{DEMO_EMAIL_DOMAIN}", password=DEMO_PASSWORD, full_name="Demo beheerder"
    )
    _give_authenticator(admin)
    ctx.logins.append(
        DemoLogin(
            role="beheerder (admin)", email=admin.email, password=DEMO_PASSWORD, note=LOGIN_NOTE
        )
    )
