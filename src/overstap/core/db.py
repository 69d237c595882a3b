"""Database helpers shared by the apps."""

from __future__ import annotations

from typing import TypeVar

from django.db import models, transaction
from django.db.transaction import TransactionManagementError

M = TypeVar("M", bound=models.Model)


def locked(qs: models.QuerySet[M]) -> models.QuerySet[M]:
    """``qs`` with its own rows locked (SELECT … FOR UPDATE OF self).

    PostgreSQL refuses a row lock outside a transaction while SQLite silently ignores it,
    so a view that forgot ``transaction.atomic`` would only fail in production. This check
    fails on both databases."""
    if not transaction.get_connection(qs.db).in_atomic_block:
        raise TransactionManagementError("Rows can only be locked inside transaction.atomic().")
    return qs.select_for_update(of=("self",))
