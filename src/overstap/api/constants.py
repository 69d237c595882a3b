"""Scopes of partner API clients, and the role a client's service user gets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind, Role


class Scope(models.TextChoices):
    """What a token may do. Each API view declares the scope it needs."""

    REGISTRATIONS_WRITE = "registrations:write", _("Register people (no wrong door)")
    CASES_READ = "cases:read", _("Read the cases in the client's scope")
    REFERRALS_READ = "referrals:read", _("Read referrals addressed to the organisation")
    REFERRALS_WRITE = "referrals:write", _("Update the status of those referrals")
    VACANCIES_READ = "vacancies:read", _("Read vacancies")
    VACANCIES_WRITE = "vacancies:write", _("Create and change the employer's own vacancies")
    EMPLOYERS_READ = "employers:read", _("Read employers")
    NETWORK_READ = "network:read", _("Read the employer network")
    NETWORK_WRITE = "network:write", _("Change the employer network")
    MATCHING_READ = "matching:read", _("Run matching queries")
    TAXONOMY_READ = "taxonomy:read", _("Search occupations and skills")


#: The role of the service user that acts for a client, by the kind of its organisation.
#: Clients act like an ordinary (non-coordinating) worker of their organisation, so
#: ``overstap.cases.access`` decides what they see. No client acts as a coordinator.
CLIENT_ROLE_BY_KIND: dict[str, str] = {
    OrganisationKind.UWV: Role.CASE_MANAGER,
    OrganisationKind.MUNICIPALITY: Role.CASE_MANAGER,
    OrganisationKind.UNION: Role.CASE_MANAGER,
    OrganisationKind.MOBILITY_TEAM: Role.CASE_MANAGER,
    OrganisationKind.EMPLOYER_SERVICE_POINT: Role.ACCOUNT_MANAGER,
    OrganisationKind.SERVICE_PROVIDER: Role.PROVIDER_STAFF,
    OrganisationKind.EMPLOYER: Role.EMPLOYER_USER,
}

#: Prefix of every secret, so leaked tokens are easy to find with secret scanners.
TOKEN_PREFIX = "ovs_"  # noqa: S105 - a prefix, not a secret
CLIENT_SECRET_PREFIX = "ovc_"  # noqa: S105 - a prefix, not a secret
#: Characters of a token kept in clear text to recognise it in lists.
VISIBLE_CHARS = 12
DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 365
#: Lifetime of a token from the OAuth2 client-credentials endpoint.
OAUTH_TOKEN_SECONDS = 3600
DEFAULT_RATE_PER_MINUTE = 120
#: ``last_used_at`` is written at most this often per token (seconds).
LAST_USED_RESOLUTION = 60
