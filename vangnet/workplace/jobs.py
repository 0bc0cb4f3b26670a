"""Every app's daily jobs, in the order they run each morning (``vangnet daily``)."""

from vangnet.audit.jobs import checkpoint_daily
from vangnet.care.jobs import remind_overdue_evaluations
from vangnet.core.scheduling import DailyJob
from vangnet.detection.jobs import overdue_signal_reminders, signal_retention
from vangnet.directory.importing.jobs import expire_jobs as expire_import_jobs
from vangnet.directory.staleness import daily_job as stale_entry_reminders
from vangnet.referrals.jobs import escalate_overdue, remind_follow_ups
from vangnet.screening.jobs import drafts_expire

DAILY_JOBS: list[DailyJob] = [
    stale_entry_reminders,
    expire_import_jobs,
    escalate_overdue,
    remind_follow_ups,
    drafts_expire,
    remind_overdue_evaluations,
    overdue_signal_reminders,
    signal_retention,
    # Last, so the checkpoint covers what the jobs before it logged.
    checkpoint_daily,
]
