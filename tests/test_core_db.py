"""core.db.locked: a row lock outside a transaction fails on every database, not only on
PostgreSQL (SQLite ignores SELECT … FOR UPDATE)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from overstap.accounts.models import Region
from overstap.core.db import locked


@pytest.mark.django_db(transaction=True)
def test_locking_outside_a_transaction_is_refused():
    with pytest.raises(TransactionManagementError):
        locked(Region.objects.all())
    with transaction.atomic():
        assert list(locked(Region.objects.all())) == []
