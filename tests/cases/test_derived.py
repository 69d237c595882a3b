"""``Case.releasing_job_*`` follow the work history through every service that changes it."""

import datetime as dt

from overstap.accounts.constants import OrganisationKind
from overstap.cases import services
from overstap.cases.constants import SignalSource
from overstap.cases.models import Case
from overstap.cases.services import RegistrationData
from overstap.cases.services.derived import refresh_all

from ..factories import OrganisationFactory


def _register(actor, employer, **kw):
    data = RegistrationData(
        first_name=kw.pop("first_name", "Anja"),
        last_name=kw.pop("last_name", "de Vries"),
        signal_source=SignalSource.RELEASING_EMPLOYER,
        birth_date=dt.date(1968, 3, 1),
        releasing_employer_id=employer.pk,
        **kw,
    )
    return services.register_person(actor=actor, data=data, take_case=True)


def _columns(case):
    case = Case.objects.get(pk=case.pk)
    return case.releasing_job_start_year, case.releasing_job_end_year, case.releasing_job_title


def test_work_history_changes_update_the_case(db, case_manager):
    hotel = OrganisationFactory(
        region=case_manager.organisation.region, kind=OrganisationKind.EMPLOYER, name="Hotel Zon"
    )
    case = _register(case_manager, hotel)
    assert _columns(case) == (None, None, "")
    # a job elsewhere does not count; the job at the hotel (other capitals) does
    services.save_work_history(
        actor=case_manager,
        case=case,
        entries=[
            {"employer_name": "Elders", "job_title": "kok", "start_year": 1990},
            {"employer_name": "HOTEL ZON", "job_title": "receptionist", "start_year": 2015},
        ],
    )
    assert _columns(case) == (2015, None, "receptionist")
    # a longer job at the hotel wins
    saved = services.save_work_history(
        actor=case_manager,
        case=case,
        entries=[
            {
                "employer_name": "Hotel Zon",
                "job_title": "office manager",
                "start_year": 2001,
                "end_year": 2014,
            }
        ],
    )
    assert _columns(case) == (2001, 2014, "office manager")
    # deleting it falls back to the other job
    services.save_work_history(actor=case_manager, case=case, entries=[], delete_ids=[saved[0].pk])
    assert _columns(case) == (2015, None, "receptionist")


def test_merge_and_refresh_all(db, case_manager, coordinator):
    hotel = OrganisationFactory(
        region=case_manager.organisation.region, kind=OrganisationKind.EMPLOYER, name="Hotel Zon"
    )
    keep = _register(case_manager, hotel)
    other = _register(case_manager, hotel, first_name="Anya", email="a@example.nl")
    services.save_work_history(
        actor=case_manager,
        case=other,
        entries=[{"employer_name": "Hotel Zon", "job_title": "kok", "start_year": 2010}],
    )
    services.merge_people(actor=coordinator, keep_id=keep.person_id, merge_id=other.person_id)
    # the job moved to the kept person: both cases (now of one person) show it
    assert _columns(keep) == (2010, None, "kok")
    assert _columns(other) == (2010, None, "kok")
    # refresh_all repairs columns changed behind the services' back, and changes nothing else
    Case.objects.filter(pk=keep.pk).update(releasing_job_title="wrong")
    assert refresh_all() == 1
    assert _columns(keep) == (2010, None, "kok")
    assert refresh_all() == 0
