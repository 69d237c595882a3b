"""The passport services: derivation, decisions, evidence, locking, relink, audit, timeline."""

from __future__ import annotations

import pytest

from overstap.cases.constants import CaseEventKind
from overstap.cases.models import CaseEvent, WorkHistoryEntry
from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.passport import services
from overstap.passport.constants import (
    EvidenceLevel,
    OccupationSource,
    SkillAction,
    SkillSource,
    SkillStatus,
)
from overstap.passport.models import Passport, PassportOccupation, PassportSkill
from overstap.privacy.constants import AuditAction
from overstap.privacy.models import AuditLogEntry
from overstap.taxonomy.constants import Source
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill
from overstap.taxonomy.services import relink_demo_concepts

pytestmark = pytest.mark.django_db


def _skills(person) -> dict[str, PassportSkill]:
    return {
        ps.skill.uri.rsplit(":", 1)[1]: ps
        for ps in PassportSkill.objects.filter(passport__person=person).select_related("skill")
    }


def test_build_derives_essential_and_optional_skills_deduplicated(
    case, coded_history, case_manager
):
    report = services.build_from_work_history(actor=case_manager, person=case.person)

    occupations = {
        po.occupation.label_nl: po
        for po in PassportOccupation.objects.filter(passport__person=case.person)
    }
    assert set(occupations) == {"kok", "souschef"}
    assert occupations["kok"].years == 10  # two jobs as a cook: 6 + 4 years
    assert occupations["souschef"].years == 3
    assert all(po.source == OccupationSource.WORK_HISTORY for po in occupations.values())
    assert report.occupations_added == 2
    assert report.uncoded_jobs == ["bakker"]

    skills = _skills(case.person)
    # cook, hygiene and lead are shared between kok and souschef: one row each.
    assert set(skills) == {"cook", "hygiene", "pressure", "menu", "lead"}
    assert report.skills_added == 5
    assert all(ps.status == SkillStatus.PENDING for ps in skills.values())
    assert skills["cook"].source == SkillSource.DERIVED_ESSENTIAL
    assert skills["menu"].source == SkillSource.DERIVED_OPTIONAL
    # optional for kok but essential for souschef: essential wins
    assert skills["lead"].source == SkillSource.DERIVED_ESSENTIAL


def test_rebuilding_keeps_decisions_and_never_lowers_evidence(case, coded_history, case_manager):
    services.build_from_work_history(actor=case_manager, person=case.person)
    skills = _skills(case.person)
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[skills["menu"].pk],
        action=SkillAction.REMOVE,
    )
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[skills["cook"].pk],
        action=SkillAction.CONFIRM,
        evidence=EvidenceLevel.CERTIFIED,
    )

    report = services.build_from_work_history(actor=case_manager, person=case.person)

    after = _skills(case.person)
    assert report.skills_added == 0
    assert after["menu"].status == SkillStatus.REMOVED  # not resurrected
    assert after["cook"].status == SkillStatus.CONFIRMED
    assert after["cook"].evidence == EvidenceLevel.CERTIFIED
    assert PassportSkill.objects.filter(passport__person=case.person).count() == 5


def test_build_picks_up_newly_coded_jobs(case, coded_history, case_manager, taxonomy):
    services.build_from_work_history(actor=case_manager, person=case.person)
    WorkHistoryEntry.objects.filter(job_title="bakker").update(
        occupation=taxonomy["occupations"]["gastvrouw"], end_year=2008
    )
    report = services.build_from_work_history(actor=case_manager, person=case.person)
    assert report.occupations_added == 1
    assert report.skills_added == 2
    assert {"guests", "till"} <= set(_skills(case.person))


def test_build_without_coded_work_history_is_refused(case, case_manager):
    WorkHistoryEntry.objects.create(person=case.person, employer_name="X", job_title="kok")
    with pytest.raises(DomainError) as exc:
        services.build_from_work_history(actor=case_manager, person=case.person)
    assert "coded" in exc.value.message
    assert not Passport.objects.filter(person=case.person).exists()  # rolled back


def test_bulk_confirm_remove_restore_and_evidence(case, coded_history, case_manager):
    services.build_from_work_history(actor=case_manager, person=case.person)
    skills = _skills(case.person)
    ids = [skills[c].pk for c in ("cook", "hygiene", "pressure")]

    changed = services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=ids,
        action=SkillAction.CONFIRM,
        evidence=EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
    )
    assert changed == 3
    after = _skills(case.person)
    assert {after[c].status for c in ("cook", "hygiene", "pressure")} == {SkillStatus.CONFIRMED}
    assert after["cook"].evidence == EvidenceLevel.CONFIRMED_BY_CASE_MANAGER

    # Confirming again with weaker evidence does not lower it.
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[after["cook"].pk],
        action=SkillAction.CONFIRM,
        evidence=EvidenceLevel.SELF_DECLARED,
    )
    assert _skills(case.person)["cook"].evidence == EvidenceLevel.CONFIRMED_BY_CASE_MANAGER

    # Setting the evidence level explicitly sets exactly that level.
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[after["cook"].pk, after["hygiene"].pk],
        action=SkillAction.EVIDENCE,
        evidence=EvidenceLevel.CERTIFIED,
    )
    after = _skills(case.person)
    assert after["cook"].evidence == after["hygiene"].evidence == EvidenceLevel.CERTIFIED

    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[after["menu"].pk, after["lead"].pk],
        action=SkillAction.REMOVE,
    )
    assert _skills(case.person)["menu"].status == SkillStatus.REMOVED
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[after["menu"].pk],
        action=SkillAction.RESTORE,
    )
    assert _skills(case.person)["menu"].status == SkillStatus.PENDING


def test_bulk_update_refuses_skills_of_another_passport(case, coded_history, case_manager):
    from ..factories import CaseFactory, PersonFactory

    services.build_from_work_history(actor=case_manager, person=case.person)
    other = CaseFactory(person=PersonFactory(region=case.region), registered_by=case_manager).person
    services.add_skill(
        actor=case_manager, person=other, skill=Skill.objects.get(uri__endswith=":till")
    )
    foreign = PassportSkill.objects.get(passport__person=other)
    with pytest.raises(DomainError):
        services.update_skills(
            actor=case_manager,
            person=case.person,
            passport_skill_ids=[foreign.pk],
            action=SkillAction.REMOVE,
        )
    foreign.refresh_from_db()
    assert foreign.status == SkillStatus.CONFIRMED


def test_add_skill_confirms_and_raises_evidence(case, coded_history, case_manager, taxonomy):
    services.build_from_work_history(actor=case_manager, person=case.person)
    ps = services.add_skill(
        actor=case_manager,
        person=case.person,
        skill=taxonomy["skills"]["menu"],
        evidence=EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
    )
    assert ps.status == SkillStatus.CONFIRMED
    assert ps.source == SkillSource.DERIVED_OPTIONAL  # same row, not a duplicate
    ps = services.add_skill(
        actor=case_manager,
        person=case.person,
        skill=taxonomy["skills"]["menu"],
        evidence=EvidenceLevel.SELF_DECLARED,
    )
    assert ps.evidence == EvidenceLevel.CONFIRMED_BY_CASE_MANAGER
    new = services.add_skill(
        actor=case_manager, person=case.person, skill=taxonomy["skills"]["till"], note="Via werk"
    )
    assert (new.source, new.status, new.evidence) == (
        SkillSource.ADDED,
        SkillStatus.CONFIRMED,
        EvidenceLevel.SELF_DECLARED,
    )


def test_certificate_certifies_its_skill(case, case_manager, taxonomy):
    import datetime as dt

    certificate = services.add_certificate(
        actor=case_manager,
        person=case.person,
        name="HACCP",
        issuer="SVH",
        obtained_on=dt.date(2019, 3, 1),
        skills=[taxonomy["skills"]["hygiene"]],
    )
    ps = PassportSkill.objects.get(passport__person=case.person)
    assert (ps.status, ps.evidence) == (SkillStatus.CONFIRMED, EvidenceLevel.CERTIFIED)
    assert list(certificate.skills.all()) == [taxonomy["skills"]["hygiene"]]
    with pytest.raises(Exception) as exc:
        services.add_certificate(
            actor=case_manager,
            person=case.person,
            name="BHV",
            obtained_on=dt.date(2020, 1, 1),
            expires_on=dt.date(2019, 1, 1),
        )
    assert "expires_on" in exc.value.message_dict  # type: ignore[attr-defined]


def test_adding_and_removing_an_occupation_rederives(case, case_manager, taxonomy):
    occ = taxonomy["occupations"]
    services.add_occupation(actor=case_manager, person=case.person, occupation=occ["kok"], years=4)
    services.add_occupation(actor=case_manager, person=case.person, occupation=occ["gastvrouw"])
    skills = _skills(case.person)
    assert set(skills) == {"cook", "hygiene", "pressure", "menu", "lead", "guests", "till"}
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[skills["till"].pk],
        action=SkillAction.CONFIRM,
    )
    with pytest.raises(DomainError):
        services.add_occupation(actor=case_manager, person=case.person, occupation=occ["kok"])

    gastvrouw = PassportOccupation.objects.get(
        passport__person=case.person, occupation=occ["gastvrouw"]
    )
    dropped = services.remove_occupation(
        actor=case_manager, person=case.person, passport_occupation_id=gastvrouw.pk
    )
    # "guests" was pending and only came with gastvrouw: gone. "till" was confirmed: stays.
    assert dropped == 1
    assert set(_skills(case.person)) == {"cook", "hygiene", "pressure", "menu", "lead", "till"}


def test_stale_version_is_a_conflict_and_changes_nothing(case, coded_history, case_manager):
    services.build_from_work_history(actor=case_manager, person=case.person)
    passport = Passport.objects.get(person=case.person)
    stale = passport.version
    services.save_constraints(
        actor=case_manager, person=case.person, data={"min_hours_per_week": 24}
    )  # someone else saves in between
    skills = _skills(case.person)
    with pytest.raises(ConflictError):
        services.update_skills(
            actor=case_manager,
            person=case.person,
            passport_skill_ids=[skills["cook"].pk],
            action=SkillAction.CONFIRM,
            expected_version=stale,
        )
    with pytest.raises(ConflictError):
        services.save_constraints(
            actor=case_manager,
            person=case.person,
            data={"min_hours_per_week": 32},
            expected_version=stale,
        )
    assert _skills(case.person)["cook"].status == SkillStatus.PENDING
    assert Passport.objects.get(person=case.person).constraints.min_hours_per_week == 24


def test_every_change_is_audited_and_on_the_timeline(case, coded_history, case_manager):
    before = AuditLogEntry.objects.count()
    services.build_from_work_history(actor=case_manager, person=case.person)
    services.save_constraints(
        actor=case_manager,
        person=case.person,
        data={"shifts": ["day", "evening"], "contract_types": ["permanent"]},
    )
    entries = list(AuditLogEntry.objects.order_by("id")[before:])
    assert [e.action for e in entries] == [AuditAction.UPDATE, AuditAction.UPDATE]
    assert {e.person_ref for e in entries} == {case.person_id}
    assert {e.case_ref for e in entries} == {case.pk}
    assert entries[0].details["change"] == "built_from_work_history"
    assert entries[1].details == {
        "change": "constraints_saved",
        "fields": ["contract_types", "shifts"],
    }
    events = CaseEvent.objects.filter(case=case, kind=CaseEventKind.PASSPORT_UPDATED)
    assert events.count() == 2
    assert "work history" in events.order_by("at", "id").first().summary  # type: ignore[union-attr]


def test_no_timeline_event_without_an_open_case(case, coded_history, case_manager):
    case.status = "closed"
    case.save()
    services.build_from_work_history(actor=case_manager, person=case.person)
    assert not CaseEvent.objects.filter(kind=CaseEventKind.PASSPORT_UPDATED).exists()
    assert AuditLogEntry.objects.filter(object_type="passport.Passport", case_ref=None).exists()


def test_users_outside_the_persons_cases_cannot_write(
    case, coded_history, other_case_manager, provider_user, employer_user
):
    for user in (other_case_manager, provider_user, employer_user):
        with pytest.raises(PermissionDenied):
            services.build_from_work_history(actor=user, person=case.person)
    assert not Passport.objects.exists()


def test_relink_to_esco_twins_keeps_the_passport(case, coded_history, case_manager, taxonomy):
    """An ESCO import after the demo: passports move to the twins, nothing is lost."""
    services.build_from_work_history(actor=case_manager, person=case.person)
    skills = _skills(case.person)
    services.update_skills(
        actor=case_manager,
        person=case.person,
        passport_skill_ids=[skills["cook"].pk],
        action=SkillAction.CONFIRM,
        evidence=EvidenceLevel.CERTIFIED,
    )
    services.add_ambition(
        actor=case_manager,
        person=case.person,
        kind="dream_job",
        occupation=taxonomy["occupations"]["souschef"],
    )
    kok = taxonomy["occupations"]["kok"]
    cook = taxonomy["skills"]["cook"]
    esco_kok = Occupation.objects.create(
        uri=kok.same_as_uri, label_en="cook", label_nl="kok", source=Source.ESCO
    )
    esco_cook = Skill.objects.create(
        uri=cook.same_as_uri, label_en="cook meals", source=Source.ESCO
    )
    OccupationSkill.objects.create(occupation=esco_kok, skill=esco_cook, relation="essential")

    report = relink_demo_concepts()

    assert report.moved["passport.PassportOccupation.occupation"] == 1
    assert report.moved["passport.PassportSkill.skill"] == 1
    assert report.moved["cases.WorkHistoryEntry.occupation"] == 2
    passport = Passport.objects.get(person=case.person)
    assert set(passport.occupations.values_list("occupation__uri", flat=True)) == {
        esco_kok.uri,
        taxonomy["occupations"]["souschef"].uri,
    }
    moved = passport.skills.get(skill=esco_cook)
    assert (moved.status, moved.evidence) == (SkillStatus.CONFIRMED, EvidenceLevel.CERTIFIED)
    assert passport.skills.count() == 5  # nothing lost, nothing added
    assert WorkHistoryEntry.objects.filter(occupation=esco_kok).count() == 2

    # Rebuilding afterwards works on the twins and keeps the decision.
    services.build_from_work_history(actor=case_manager, person=case.person)
    assert passport.skills.get(skill=esco_cook).status == SkillStatus.CONFIRMED
    assert not passport.skills.filter(skill=cook).exists()
