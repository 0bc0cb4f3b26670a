"""Who may see and change what on the social map.

Coordinators change everything; professionals change their own Person entry and the
entries they own; read-only users and visitors change nothing. Roles are read once per
request (one query) so list pages can ask about every row without extra queries.
"""

from dataclasses import dataclass, field
from typing import Any

from vangnet.accounts.models import Role, User
from vangnet.directory.models import Organisation, Person, Service

type Entry = Organisation | Person | Service


@dataclass(frozen=True)
class Viewer:
    """The person looking at a page, with their roles resolved."""

    user: User | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, user: Any) -> "Viewer":
        if user is None or not user.is_authenticated:
            return cls()
        if user.is_superuser:
            return cls(user=user, roles=frozenset(Role.values))
        names = frozenset(user.groups.values_list("name", flat=True))
        return cls(user=user, roles=names)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_coordinator(self) -> bool:
        return Role.COORDINATOR.value in self.roles

    @property
    def is_professional(self) -> bool:
        return Role.PROFESSIONAL.value in self.roles

    @property
    def can_create(self) -> bool:
        """Coordinators and professionals may add entries; a professional becomes the owner."""
        return self.is_coordinator or self.is_professional

    def can_edit(self, entry: Entry) -> bool:
        if self.user is None:
            return False
        if self.is_coordinator:
            return True
        if not self.is_professional:
            return False
        if entry.owner_id == self.user.pk:
            return True
        return isinstance(entry, Person) and entry.user_id == self.user.pk

    def can_delete(self, entry: Entry) -> bool:
        return self.is_coordinator

    def sees_private_contact(self, person: Person) -> bool:
        """Private numbers: for working professionals, or for everyone when the person agreed."""
        return person.show_private_contact or self.can_create

    def organisations_for_new_entries(self) -> list[int] | None:
        """Organisations this viewer may add people or services to; None means any."""
        if self.is_coordinator:
            return None
        if self.user is None or not self.is_professional:
            return []
        owned = set(Organisation.objects.filter(owner=self.user).values_list("pk", flat=True))
        own_person = Person.objects.filter(user=self.user).values_list("organisation_id", flat=True)
        return sorted(owned | set(own_person))
