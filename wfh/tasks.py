from celery import shared_task


@shared_task(name="wfh.echo")
def echo(value: str) -> dict:
    """A diagnostic round trip: proves a worker picks up tasks and returns results."""
    import os
    import socket

    return {"value": value, "host": socket.gethostname(), "pid": os.getpid()}


@shared_task(name="wfh.generate_roster", acks_late=True)
def generate_roster(roster_id: int) -> dict:
    """Build one OPD's roster. Idempotent: a roster that is not queued any more is left alone."""
    from wfh import rosters

    if not rosters.roster_claim(roster_id=roster_id):
        return {"roster": roster_id, "skipped": True}
    roster = rosters.roster_build(roster_id=roster_id)
    return {"roster": roster.pk, "status": roster.status, "rows": roster.progress_total}
