from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """The kinds of partner organisation in a regional mobility team."""

    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("Municipality")
    UNION = "union", _("Union")
    EMPLOYER_SERVICE_POINT = "wsp", _("Employer service point")
    SERVICE_PROVIDER = "provider", _("Service provider")
    EMPLOYER = "employer", _("Employer")
    MOBILITY_TEAM = "rmt", _("Regional mobility team")
    #: A national body (ministry, UWV head office, Divosa): reads anonymised national figures
    #: only. Its ``region`` is the seat of the organisation and grants no regional access.
    NATIONAL = "national", _("National organisation")


class Role(models.TextChoices):
    """What a user does in Overstap; decides what they may see and change."""

    CASE_MANAGER = "case_manager", _("Case manager")
    ACCOUNT_MANAGER = "account_manager", _("Account manager")
    COORDINATOR = "coordinator", _("Coordinator")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    EMPLOYER_USER = "employer_user", _("Employer user")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    ADMINISTRATOR = "administrator", _("Administrator")
    #: Anonymised aggregates of all regions (/national/); no personal data, no cases.
    NATIONAL_ANALYST = "national_analyst", _("National analyst")


#: Roles of partner staff who may register a person ("no wrong door").
REGISTERING_ROLES = frozenset(
    {Role.CASE_MANAGER, Role.ACCOUNT_MANAGER, Role.COORDINATOR, Role.PROVIDER_STAFF}
)
