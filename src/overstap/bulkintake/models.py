"""A staff list being imported, its rows, and the keys that make a re-import harmless.

Personal data: the uploaded file itself is not stored. The checked rows to import are stored
Fernet-encrypted (ADR 0007) only until the import has finished or is cancelled, then emptied.
The rows keep a row number, the employer's personnel number, a status with problem codes
(never the values) and a link to the case.
:class:`IntakeRowKey` holds a keyed digest per registered employee, no readable data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation, Region
from overstap.bulkintake.constants import ImportStatus, RowStatus
from overstap.privacy.constants import BsnLegalBasis
from overstap.privacy.fields import EncryptedCharField


class StaffListImport(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="staff_list_imports",
        verbose_name=_("releasing employer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(_("format"), max_length=10)
    #: The checked rows to import (JSON), encrypted; emptied when the import ends or is
    #: cancelled. The uploaded file itself is never stored.
    content = EncryptedCharField(_("rows to import"), blank=True, default="")
    bsn_legal_basis = models.CharField(
        _("legal basis for the BSN"), max_length=20, choices=BsnLegalBasis.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Counts per row status (and the columns recognised) for the summary.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff list import")
        verbose_name_plural = _("staff list imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.employer} — {self.filename}"


class ImportRow(models.Model):
    staff_import = models.ForeignKey(StaffListImport, on_delete=models.CASCADE, related_name="rows")
    #: The spreadsheet row (the header is row 1).
    number = models.PositiveIntegerField(_("row"))
    #: A TextField on purpose: the retention run empties free-text columns of everything
    #: linked to an anonymised person (``privacy.retention``), so the number goes with it.
    personnel_number = models.TextField(_("personnel number"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RowStatus.choices)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    warnings = models.JSONField(_("remarks"), default=list, blank=True)
    #: Keyed digest identifying the employee (see ``services.row_key``).
    row_key = models.CharField(max_length=64, blank=True)
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        # Not hidden: the person's data export and the retention run follow this relation.
        related_name="staff_list_rows",
        verbose_name=_("case"),
    )

    class Meta:
        verbose_name = _("staff list row")
        verbose_name_plural = _("staff list rows")
        ordering = ["staff_import", "number"]
        constraints = [
            models.UniqueConstraint(fields=["staff_import", "number"], name="import_row_unique")
        ]
        indexes = [models.Index(fields=["staff_import", "status"], name="import_row_status")]

    def __str__(self) -> str:
        return f"{self.staff_import_id}:{self.number}"


class IntakeRowKey(models.Model):
    """One employee of a releasing employer registered by a bulk intake. Written in the same
    transaction as the registration, so a file imported again (or resumed after a crash)
    never registers the same employee twice."""

    key = models.CharField(max_length=64, unique=True)
    employer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    staff_import = models.ForeignKey(StaffListImport, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registered employee key")
        verbose_name_plural = _("registered employee keys")

    def __str__(self) -> str:
        return self.key[:12]
