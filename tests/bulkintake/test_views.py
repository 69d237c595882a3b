"""Bulk intake pages: upload → check → confirm → result and report; access per role."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overstap.bulkintake import sample
from overstap.bulkintake.constants import ImportStatus
from overstap.bulkintake.models import StaffListImport
from overstap.cases.models import Case
from overstap.privacy.constants import AuditAction
from overstap.privacy.models import AuditLogEntry

from .conftest import csv_bytes

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _upload(client, employer, raw, name="personeel.csv", **extra):
    return client.post(
        reverse("bulkintake:upload"),
        {"employer": employer.pk, "file": SimpleUploadedFile(name, raw), **extra},
        **EN,
    )


def test_upload_check_confirm_and_report(
    client, account_manager, employer, occupations, django_capture_on_commit_callbacks
):
    client.force_login(account_manager)
    page = client.get(reverse("bulkintake:upload") + f"?employer={employer.pk}", **EN)
    assert page.status_code == 200
    assert f'<option value="{employer.pk}" selected>' in page.content.decode()

    rows = sample.staff_rows(6, seed=1, titles=["orderpicker", "heftruckchauffeur"])
    rows[5][4] = "31-02-1970"  # an impossible date of birth on spreadsheet row 7
    response = _upload(client, employer, sample.to_xlsx(rows), name="personeel.xlsx")
    staff_import = StaffListImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "bulkintake:detail", args=[staff_import.pk]
    )
    html = client.get(response["Location"], **EN).content.decode()
    assert "Import 5 rows" in html
    assert "Date of birth is not a valid date" in html and '<th scope="row">7</th>' in html
    assert Case.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bulkintake:confirm", args=[staff_import.pk]), **EN)
    assert response.status_code == 302
    staff_import.refresh_from_db()
    assert staff_import.status == ImportStatus.DONE and Case.objects.count() == 5
    result = client.get(
        reverse("bulkintake:detail", args=[staff_import.pk]) + "?show=created", **EN
    )
    html = result.content.decode()
    assert "Registered" in html and Case.objects.first().number in html
    # the rows shown link a person: the page is audited per person
    listed = AuditLogEntry.objects.filter(action=AuditAction.LIST, actor=account_manager)
    assert listed.count() == 5

    report = client.get(reverse("bulkintake:report", args=[staff_import.pk]))
    assert report.status_code == 200 and report["Content-Type"].startswith("text/csv")
    assert report["Cache-Control"] == "no-store"
    assert len(report.content.decode("utf-8-sig").strip().splitlines()) == 7


def test_file_errors_show_on_the_form(client, coordinator, employer, occupations):
    client.force_login(coordinator)
    response = _upload(client, employer, b"naam;functie\nJan;kok\n")
    assert response.status_code == 200
    assert "The file has no column voornaam / achternaam." in response.content.decode()
    response = _upload(client, employer, b"voornaam;achternaam;bsn\nJan;Jansen;111222333\n")
    assert "The file contains BSNs." in response.content.decode()
    assert not StaffListImport.objects.exists()


def test_roles_and_regions(
    client, case_manager, coordinator, other_coordinator, employer, occupations
):
    client.force_login(case_manager)
    assert client.get(reverse("bulkintake:upload")).status_code == 403
    client.force_login(other_coordinator)  # employer of another region: not a choice
    response = _upload(client, employer, csv_bytes("1;A;;B;01-01-1970;;kok;"))
    assert response.status_code == 200 and not StaffListImport.objects.exists()

    client.force_login(coordinator)
    _upload(client, employer, csv_bytes("1;A;;B;01-01-1970;;kok;"))
    staff_import = StaffListImport.objects.get()
    client.force_login(other_coordinator)
    for name in ("bulkintake:detail", "bulkintake:report"):
        assert client.get(reverse(name, args=[staff_import.pk])).status_code == 404
    response = client.post(reverse("bulkintake:confirm", args=[staff_import.pk]))
    assert response.status_code == 404
    assert Case.objects.count() == 0


def test_cancel_from_the_page(client, coordinator, employer, occupations):
    client.force_login(coordinator)
    _upload(client, employer, csv_bytes("1;A;;B;01-01-1970;;kok;"))
    staff_import = StaffListImport.objects.get()
    response = client.post(reverse("bulkintake:cancel", args=[staff_import.pk]))
    assert response.status_code == 302
    staff_import.refresh_from_db()
    assert staff_import.status == ImportStatus.CANCELLED and not staff_import.content
