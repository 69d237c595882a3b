"""The demo passports: coded work history and a realistic mix, built idempotently."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from overstap.accounts.models import Region
from overstap.cases.models import Person, WorkHistoryEntry
from overstap.demo import passports
from overstap.demo.builder import DEMO_REGION_CODE
from overstap.passport.constants import EvidenceLevel, SkillStatus
from overstap.passport.models import Ambition, Certificate, Passport, PassportSkill
from overstap.privacy.audit import verify_chain


@pytest.mark.django_db
def test_demo_passports(settings):
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    region_less = passports.build(Region.objects.create(code="x", name="X"))
    assert region_less == 0  # no taxonomy yet: nothing to do
    call_command("load_demo_taxonomy", "--no-progress", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    region = Region.objects.get(code=DEMO_REGION_CODE)

    passports.build(region)  # (load_demo may have called it already: idempotent)

    with_history = Person.objects.filter(region=region, work_history__isnull=False).distinct()
    built = Passport.objects.filter(person__region=region).count()
    assert built >= 0.75 * with_history.count()  # most participants
    assert built < with_history.count()  # but not all: some are still to be done
    # Job titles are coded to the demo taxonomy's occupations.
    coded = dict(
        WorkHistoryEntry.objects.filter(person__region=region, occupation__isnull=False)
        .values_list("job_title", "occupation__uri")
        .distinct()
    )
    assert coded["kok"] == "urn:overstap:demo:occupation:kok"
    assert coded["cateringmedewerker"] == "urn:overstap:demo:occupation:cateringmedewerker"
    assert coded["locatiemanager"] == "urn:overstap:demo:occupation:locatiemanager-catering"
    # A realistic mix of decisions.
    statuses = set(PassportSkill.objects.values_list("status", flat=True))
    assert statuses == {SkillStatus.CONFIRMED, SkillStatus.PENDING, SkillStatus.REMOVED}
    assert PassportSkill.objects.filter(evidence=EvidenceLevel.CERTIFIED).exists()
    names = set(Certificate.objects.values_list("name", flat=True))
    assert {"Sociale Hygiëne", "HACCP", "BHV"} <= names
    assert Ambition.objects.filter(kind="dream_job").exists()
    assert Ambition.objects.filter(kind="bread_job").exists()
    assert Passport.objects.filter(constraints__isnull=False).exists()
    # Idempotent.
    counts = (PassportSkill.objects.count(), Certificate.objects.count())
    assert passports.build(region) == 0
    assert (PassportSkill.objects.count(), Certificate.objects.count()) == counts
    assert verify_chain().ok
