"""Test factories. One trait per life-cycle state where it helps."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, Region, User
from overstap.cases.constants import CaseStatus, RouteIntensity, SignalSource
from overstap.cases.models import Case, Person, Route
from overstap.catalogue.constants import OfferingCategory
from overstap.catalogue.models import Offering

PASSWORD = "overstap-test-password"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Regio {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.UWV


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASE_MANAGER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Route
        django_get_or_create = ("region", "number")

    region = factory.SubFactory(RegionFactory)
    number = 2
    name = "Kort traject en directe bemiddeling"
    intensity = RouteIntensity.SHORT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    region = factory.SubFactory(RegionFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    birth_date = factory.LazyFunction(lambda: dt.date(1970, 5, 17))
    postcode = "5211 AB"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"T-{n:06d}")
    person = factory.SubFactory(PersonFactory)
    region = factory.SelfAttribute("person.region")
    signal_source = SignalSource.RELEASING_EMPLOYER
    registered_by = factory.SubFactory(
        UserFactory, organisation__region=factory.SelfAttribute("...region")
    )
    registering_organisation = factory.SelfAttribute("registered_by.organisation")
    status = CaseStatus.INTAKE
    case_manager = factory.SelfAttribute("registered_by")

    class Params:
        queued = factory.Trait(status=CaseStatus.REGISTERED, case_manager=None)
        active = factory.Trait(
            status=CaseStatus.ACTIVE,
            route=factory.SubFactory(RouteFactory, region=factory.SelfAttribute("..region")),
            triaged_at=factory.LazyFunction(timezone.now),
        )


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    region = factory.SubFactory(RegionFactory)
    provider = factory.SubFactory(
        OrganisationFactory,
        region=factory.SelfAttribute("..region"),
        kind=OrganisationKind.SERVICE_PROVIDER,
    )
    name = factory.Sequence(lambda n: f"Sollicitatietraining {n}")
    category = OfferingCategory.APPLICATION_TRAINING
    price = 450


# --- Insight (issue #6): figures need intakes, work history, referrals and outcomes -------
from overstap.cases.constants import OutcomeKind, ReferralStatus  # noqa: E402
from overstap.cases.models import (  # noqa: E402
    FollowUp,
    Intake,
    Outcome,
    Referral,
    WorkHistoryEntry,
)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    case = factory.SubFactory(CaseFactory)
    education_level = "mbo"
    completed_at = factory.LazyFunction(timezone.now)


class WorkHistoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkHistoryEntry
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    employer_name = "Cateraar"
    job_title = "kok"
    start_year = 2005

    @factory.post_generation
    def derive(obj, create, extracted, **kwargs):
        """Keep ``Case.releasing_job_*`` in step, as ``services.save_work_history`` does."""
        if create:
            from overstap.cases.services.derived import refresh_releasing_jobs

            refresh_releasing_jobs(person_ids=[obj.person_id])


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    offering = factory.SubFactory(OfferingFactory, region=factory.SelfAttribute("..case.region"))
    provider = factory.SelfAttribute("offering.provider")
    status = ReferralStatus.SENT
    created_by = factory.SelfAttribute("case.registered_by")
    cost = factory.SelfAttribute("offering.price")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    case = factory.SubFactory(CaseFactory)
    kind = OutcomeKind.NEW_JOB
    date = factory.LazyFunction(timezone.localdate)
    registered_by = factory.SelfAttribute("case.registered_by")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    case = factory.SubFactory(CaseFactory)
    months = 3
    due_date = factory.LazyFunction(timezone.localdate)
