"""Peewee's SQL log without its parameters.

At DEBUG, Peewee logs every statement with its parameters: password hashes, token
digests, emails. The statement alone is what debugging needs; the values never leave
the process.
"""

from __future__ import annotations

import logging


class WithoutParameters(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:  # peewee: (sql, params)
            sql, params = record.msg
            record.msg = "%s -- %d parameters"
            record.args = (sql, len(params or ()))
        return True


def install() -> None:
    logger = logging.getLogger("peewee")
    if not any(isinstance(f, WithoutParameters) for f in logger.filters):
        logger.addFilter(WithoutParameters())
