from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalSource(models.TextChoices):
    """Who brought the person in ("no wrong door")."""

    RELEASING_EMPLOYER = "releasing_employer", _("Releasing employer")
    UNION = "union", _("Union")
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("Municipality")
    EMPLOYER_SERVICE_POINT = "wsp", _("Employer service point")
    SELF = "self", _("The person themselves")
    SELF_REGISTRATION = "self_registration", _("Self-registration on the website")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    INTAKE = "intake", _("Intake")
    ACTIVE = "active", _("In trajectory")
    CLOSED = "closed", _("Closed")


class RouteIntensity(models.TextChoices):
    SELF_RELIANT = "self_reliant", _("Self-reliant (light, self-service)")
    SHORT = "short", _("Short service and direct job matching")
    INTENSIVE = "intensive", _("Intensive tailored support")


class EducationLevel(models.TextChoices):
    PRIMARY = "primary", _("Primary school or none")
    VMBO_MBO1 = "vmbo_mbo1", _("VMBO or MBO level 1")
    MBO = "mbo", _("MBO level 2-4")
    HAVO_VWO = "havo_vwo", _("HAVO or VWO")
    HBO = "hbo", _("HBO")
    WO = "wo", _("University (WO)")
    UNKNOWN = "unknown", _("Unknown")


class DigitalSkills(models.TextChoices):
    NONE = "none", _("None")
    BASIC = "basic", _("Basic")
    GOOD = "good", _("Good")
    ADVANCED = "advanced", _("Advanced")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    TEMP_AGENCY = "temp_agency", _("Temporary agency")
    ON_CALL = "on_call", _("On call / zero hours")
    SELF_EMPLOYED = "self_employed", _("Self-employed")


class WageBand(models.TextChoices):
    """Gross monthly wage bands (full-time equivalent not assumed)."""

    BELOW_2000 = "lt2000", _("Below € 2,000")
    FROM_2000 = "2000_2500", _("€ 2,000 – 2,500")
    FROM_2500 = "2500_3000", _("€ 2,500 – 3,000")
    FROM_3000 = "3000_3500", _("€ 3,000 – 3,500")
    FROM_3500 = "3500_4500", _("€ 3,500 – 4,500")
    ABOVE_4500 = "gt4500", _("Above € 4,500")


WAGE_BAND_ORDER = [choice.value for choice in WageBand]


class ContactKind(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face-to-face")
    WALK = "walk", _("Walk")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    EMAIL = "email", _("E-mail")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


#: Allowed referral status transitions, and who makes them ("case" side or "provider" side).
REFERRAL_TRANSITIONS: dict[str, dict[str, str]] = {
    ReferralStatus.PROPOSED: {ReferralStatus.SENT: "case", ReferralStatus.CANCELLED: "case"},
    ReferralStatus.SENT: {
        ReferralStatus.ACCEPTED: "provider",
        ReferralStatus.DECLINED: "provider",
        ReferralStatus.CANCELLED: "case",
    },
    ReferralStatus.ACCEPTED: {
        ReferralStatus.STARTED: "provider",
        ReferralStatus.CANCELLED: "case",
    },
    ReferralStatus.STARTED: {
        ReferralStatus.COMPLETED: "provider",
        ReferralStatus.CANCELLED: "case",
    },
    ReferralStatus.DECLINED: {},
    ReferralStatus.COMPLETED: {},
    ReferralStatus.CANCELLED: {},
}
OPEN_REFERRAL_STATUSES = [
    ReferralStatus.PROPOSED,
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.STARTED,
]


class OutcomeKind(models.TextChoices):
    NEW_JOB = "new_job", _("New job")
    JOB_WITH_TRAINING = "job_with_training", _("Job plus training")
    TRAINING = "training", _("Training")
    STAYED = "stayed", _("Stayed with employer")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STOPPED = "stopped", _("Stopped")
    IN_MEDIATION = "in_mediation", _("Still in mediation")


#: Outcomes that are a placement in work: they get follow-up at 3, 6 and 12 months.
PLACEMENT_OUTCOMES = frozenset(
    {OutcomeKind.NEW_JOB, OutcomeKind.JOB_WITH_TRAINING, OutcomeKind.SELF_EMPLOYED}
)
FOLLOW_UP_MONTHS = (3, 6, 12)


class WageComparison(models.TextChoices):
    HIGHER = "higher", _("Higher than before")
    SAME = "same", _("About the same")
    LOWER = "lower", _("Lower than before")
    UNKNOWN = "unknown", _("Unknown")


class CaseEventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ASSIGNED = "assigned", _("Case manager assigned")
    MEMBER_ADDED = "member_added", _("Colleague added")
    MEMBER_REMOVED = "member_removed", _("Colleague removed")
    INTAKE_SAVED = "intake_saved", _("Intake saved as draft")
    INTAKE_COMPLETED = "intake_completed", _("Intake completed")
    TRIAGED = "triaged", _("Triage")
    PLAN_UPDATED = "plan_updated", _("Plan updated")
    GOAL_ADDED = "goal_added", _("Goal added")
    ACTION_ADDED = "action_added", _("Action added")
    ACTION_DONE = "action_done", _("Action done")
    CONTACT = "contact", _("Contact")
    REFERRAL = "referral", _("Referral")
    OUTCOME = "outcome", _("Outcome registered")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Case closed")
    REOPENED = "reopened", _("Case reopened")
    MERGED = "merged", _("Records merged")
    PASSPORT_UPDATED = "passport_updated", _("Skills passport updated")
    CONSENT = "consent", _("Consent")
    TRANSFERRED = "transferred", _("Moved to another region")


class PriorProvision(models.TextChoices):
    """Provisions that pay before the regional pooled budget (issue #6).

    The values equal the matching ``catalogue.FundingSourceCode`` so the rule can name the
    funding source that must pay first.
    """

    SOCIAL_PLAN = "social_plan", _("Employer's social plan")
    SECTOR_FUND = "sector_fund", _("Sector training fund")
    TRAINING_BUDGET = "training_budget", _("Individual training budget")
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("Municipality")
