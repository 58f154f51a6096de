"""gunicorn settings of SINTREN, read from the working directory.

gunicorn loads ``./gunicorn.conf.py`` on its own when started from the project's
directory (``make run``, the scale-out command of docs/operations.md); started from
elsewhere, pass ``-c /path/to/sintren/gunicorn.conf.py``. Command-line options still
win over these.

No live link token in any log line (SEC-3): the access lines name the path without its
query string and without the Referer (which repeats the previous page's address), and
both gunicorn loggers redact activation and reset tokens (``sintren.core.logging``).
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from sintren.core.logging import RedactTokensFilter

# The combined format, with "%(U)s" (path only) for "%(r)s" and no "%(f)s" (Referer).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'


class RedactingLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger, with the token filter on its error and access loggers."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokensFilter) for f in log.filters):
                log.addFilter(RedactTokensFilter())


logger_class = RedactingLogger
control_socket_disable = True  # several servers (tests, benchmarks) share one machine
