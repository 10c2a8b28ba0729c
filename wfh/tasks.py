from celery import shared_task


@shared_task(name="wfh.echo")
def echo(value: str) -> dict:
    """A diagnostic round trip: proves a worker picks up tasks and returns results."""
    import os
    import socket

    return {"value": value, "host": socket.gethostname(), "pid": os.getpid()}
