from django.db import models
from django.utils.translation import gettext_lazy as _

#: Rows per transaction of the import: a crash loses at most the chunk being written.
CHUNK_SIZE = 200
MAX_ROWS = 10_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Import started")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Import failed")
    CANCELLED = "cancelled", _("Cancelled")


class RowStatus(models.TextChoices):
    READY = "ready", _("Ready to import")
    INVALID = "invalid", _("Not imported")
    ALREADY = "already", _("Already registered")
    CREATED = "created", _("Registered")
    ERROR = "error", _("Error while importing")


class Problem(models.TextChoices):
    """Why a row cannot be imported (stored as codes; shown translated, without the value)."""

    MISSING_NAME = "missing_name", _("First name or last name is missing.")
    INVALID_BIRTH_DATE = (
        "invalid_birth_date",
        _("Date of birth is not a valid date. Write it as 31-12-1970 or 1970-12-31."),
    )
    IMPLAUSIBLE_BIRTH_DATE = (
        "implausible_birth_date",
        _("Date of birth is not plausible for an employee (younger than 14 or older than 100)."),
    )
    INVALID_EMAIL = "invalid_email", _("E-mail address is not valid.")
    INVALID_PHONE = "invalid_phone", _("Phone number is not valid (10 digits, e.g. 0612345678).")
    INVALID_POSTCODE = "invalid_postcode", _("Postcode is not a Dutch postcode (e.g. 5211 AB).")
    INVALID_BSN = "invalid_bsn", _("BSN is not valid (9 digits that pass the eleven-test).")
    INVALID_START_DATE = "invalid_start_date", _("Date in service is not a valid date.")
    INVALID_END_DATE = "invalid_end_date", _("End date of the contract is not a valid date.")
    INVALID_HOURS = "invalid_hours", _("Hours per week is not a number between 1 and 60.")
    DUPLICATE_IN_FILE = (
        "duplicate_in_file",
        _(
            "The same employee appears earlier in this file (same personnel number, BSN or name "
            "and date of birth)."
        ),
    )
    NO_IDENTIFIER = (
        "no_identifier",
        _(
            "The row cannot be recognised when the file is imported again: give a personnel "
            "number, a BSN or a date of birth."
        ),
    )
    REGISTRATION_FAILED = "registration_failed", _("The registration was refused.")


class RowWarning(models.TextChoices):
    """Shown with a row that is imported anyway."""

    NO_JOB_TITLE = "no_job_title", _("No job title: no work history and no skills passport.")
    NOT_CODED = (
        "not_coded",
        _(
            "Job title not coded to an occupation (no confident match): the skills passport is "
            "left for the case manager."
        ),
    )
