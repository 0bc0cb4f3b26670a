from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    """The roof over the wings: the start page, the menu, the demo and the daily jobs."""

    name = "vangnet.workplace"
    label = "workplace"
    verbose_name = _("Workplace")

    def ready(self) -> None:
        from vangnet.core.scheduling import daily_jobs_register
        from vangnet.workplace import checks  # noqa: F401 (registers the system check)
        from vangnet.workplace.jobs import DAILY_JOBS

        daily_jobs_register(DAILY_JOBS)
