"""CSRF is enforced on every state-changing endpoint (TRUST.md "Web security").

Walks every URL pattern (the API excepted: it has its own authentication) and POSTs without
a token. Django's CSRF check runs before the view, so made-up ids are enough: a view that is
``csrf_exempt`` by mistake would answer something other than the CSRF 403.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

EXCLUDED_NAMESPACES = {"admin"}


def _dummy(converter: object) -> object:
    if isinstance(converter, IntConverter):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    return "x"


def _post_urls() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                if full in EXCLUDED_NAMESPACES or (full or "").startswith("api"):
                    continue
                walk(pattern.url_patterns, full)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name.startswith("api"):
                    continue
                converters = getattr(pattern.pattern, "converters", {})
                kwargs = {key: _dummy(conv) for key, conv in converters.items()}
                found.append((name, reverse(name, kwargs=kwargs or None)))

    walk(get_resolver().url_patterns, None)
    return sorted(found)


POST_URLS = _post_urls()


def test_the_walk_finds_the_known_forms():
    names = {name for name, _ in POST_URLS}
    assert {"accounts:login", "accounts:logout", "cases:register", "set_language"} <= names
    assert len(names) > 50


@pytest.mark.parametrize(("name", "url"), POST_URLS, ids=[n for n, _ in POST_URLS])
def test_post_without_csrf_token_is_refused(db, case_manager, name, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(case_manager)
    response = client.post(url, {"anything": "x"})
    assert response.status_code == 403, f"{name} accepted a POST without a CSRF token"
    assert b"CSRF" in response.content


def test_post_with_the_token_passes_the_check(db, case_manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(case_manager)
    client.get(reverse("cases:register"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
