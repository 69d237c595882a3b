"""Ending a user's sessions on the server (deactivation, two-factor reset)."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions(user_id: int) -> int:
    """Delete every live database session of the user; return how many were ended.

    Overstap uses Django's database session store, so a session is a row we can delete:
    the browser's cookie then points at nothing and the next request is anonymous.
    """
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id):
            ended.append(session.session_key)
    if ended:
        Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
