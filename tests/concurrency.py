"""Several clients at once: each call in a thread of its own, all released together."""

import threading

from django.db import connection


def at_once(*calls, timeout=60):
    """Run every call in its own thread (its own database connection, closed after), released
    together by a barrier; return their results in the order of `calls`. An exception in any
    call is raised here, so the test fails on it."""
    start = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(i, call):
        try:
            start.wait(timeout)
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - raised below in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout * 2)
    if errors:
        raise errors[0]
    return results
