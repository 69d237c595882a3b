"""Helpers shared by the case views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils import timezone

from overstap.cases.models import Case


def case_context(request: HttpRequest, case: Case, tab: str, **extra: Any) -> dict[str, Any]:
    """The context every page under cases/case_base.html needs."""
    return {
        "case": case,
        "case_tab": tab,
        "today": timezone.localdate(),
        "nav_active": "caseload",
        **extra,
    }


def add_validation_errors(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError onto a bound form (field errors where they fit)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
