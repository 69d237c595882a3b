"""Staff pages to manage partner API clients and tokens (coordinators, administrators).

Secrets (tokens, client secrets) are shown once, in the response to the POST that made
them, and never stored: the page says so.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.api import services
from overstap.api.constants import Scope
from overstap.api.forms import ClientCreateForm, ClientSettingsForm, TokenForm
from overstap.api.models import ApiClient
from overstap.core.exceptions import DomainError


def _manager(request: HttpRequest) -> Any:
    user = cast(Any, request.user)
    if not services.can_manage_clients(user):
        raise PermissionDenied
    return user


def _scope_labels(client: ApiClient) -> list[str]:
    labels = dict(Scope.choices)
    return [f"{scope} – {labels[scope]}" for scope in client.scopes if scope in labels]


def _render_detail(
    request: HttpRequest,
    client: ApiClient,
    *,
    settings_form: ClientSettingsForm | None = None,
    token_form: TokenForm | None = None,
    new_token: services.NewToken | None = None,
    new_client_secret: str = "",
    status: int = 200,
) -> HttpResponse:
    if settings_form is None:
        settings_form = ClientSettingsForm(
            initial={
                "scopes": client.scopes,
                "rate_per_minute": client.rate_per_minute,
                "is_active": client.is_active,
            }
        )
    return render(
        request,
        "api/client_detail.html",
        {
            "client": client,
            "scope_labels": _scope_labels(client),
            "tokens": client.tokens.filter(from_oauth=False).select_related("created_by"),
            "settings_form": settings_form,
            "token_form": token_form or TokenForm(),
            "new_token": new_token,
            "new_client_secret": new_client_secret,
            "nav_active": "api_clients",
        },
        status=status,
    )


@login_required
def client_list(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    clients = services.manageable_clients(user=user).order_by("organisation__name", "name")
    return render(
        request, "api/client_list.html", {"clients": clients, "nav_active": "api_clients"}
    )


@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    organisations = services.manageable_organisations(user=user)
    form = ClientCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_client(
                actor=user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                rate_per_minute=form.cleaned_data["rate_per_minute"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Client “%(name)s” created.") % {"name": new.client.name})
            return _render_detail(request, new.client, new_client_secret=new.client_secret)
    return render(request, "api/client_form.html", {"form": form, "nav_active": "api_clients"})


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    client = services.get_client(user=user, client_id=pk)
    if request.method != "POST":
        return _render_detail(request, client)
    form = ClientSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_client(
                actor=user,
                client=client,
                scopes=form.cleaned_data["scopes"],
                is_active=form.cleaned_data["is_active"],
                rate_per_minute=form.cleaned_data["rate_per_minute"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Client settings saved."))
            return redirect("apiclients:client_detail", pk=client.pk)
    return _render_detail(request, client, settings_form=form, status=400)


@login_required
@require_POST
def token_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    client = services.get_client(user=user, client_id=pk)
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            new = services.issue_token(
                actor=user,
                client=client,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return _render_detail(request, client, new_token=new)
    return _render_detail(request, client, token_form=form, status=400)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int, token_pk: int) -> HttpResponse:
    user = _manager(request)
    client = services.get_client(user=user, client_id=pk)
    token = services.revoke_token(actor=user, client=client, token_id=token_pk)
    messages.success(
        request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("apiclients:client_detail", pk=client.pk)


@login_required
@require_POST
def client_secret(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    client = services.get_client(user=user, client_id=pk)
    secret = services.rotate_client_secret(actor=user, client=client)
    return _render_detail(request, client, new_client_secret=secret)
