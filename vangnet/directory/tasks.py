"""The social map's background work: checking and applying uploaded import files."""

from django.tasks import task

from vangnet.directory.importing import jobs


@task()
def import_job_check(job_id: int) -> None:
    """Check an uploaded file and store every problem, or a preview of the rows."""
    jobs.job_check(job_id)


@task()
def import_job_apply(job_id: int) -> None:
    """Check an uploaded file once more, then import all its rows or none."""
    jobs.job_apply(job_id)
