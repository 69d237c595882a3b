"""URL map of the cases app. Each views module belongs to one area of the case workflow."""

from django.urls import path

from overstap.cases.views import (
    config,
    detail,
    intake,
    outcome,
    plan,
    referrals,
    registration,
    transfer,
    worklists,
)

app_name = "cases"
urlpatterns = [
    # Work lists
    path("", worklists.my_day, name="my_day"),
    path("caseload/", worklists.caseload, name="caseload"),
    path("queue/", worklists.intake_queue, name="intake_queue"),
    path("queue/<int:pk>/assign/", worklists.assign, name="assign"),
    # No wrong door
    path("register/", registration.register, name="register"),
    path("register/<int:pk>/done/", registration.register_done, name="register_done"),
    path("merge/", registration.merge, name="merge"),
    # Regional configuration
    path("routes/", config.route_list, name="route_list"),
    path("routes/new/", config.route_edit, name="route_create"),
    path("routes/<int:route_pk>/", config.route_edit, name="route_edit"),
    # One case
    path("<int:pk>/", detail.case_detail, name="case_detail"),
    path("<int:pk>/team/", detail.case_team, name="case_team"),
    path("<int:pk>/intake/", intake.intake_edit, name="case_intake"),
    path("<int:pk>/intake/work/", intake.work_history, name="work_history"),
    path("<int:pk>/triage/", plan.triage, name="case_triage"),
    path("<int:pk>/plan/", plan.plan, name="case_plan"),
    path("<int:pk>/plan/actions/<int:action_pk>/done/", plan.action_done, name="action_done"),
    path("<int:pk>/contacts/", plan.contacts, name="case_contacts"),
    path("<int:pk>/referrals/", referrals.case_referrals, name="case_referrals"),
    path(
        "<int:pk>/referrals/<int:referral_pk>/",
        referrals.case_referral_update,
        name="case_referral_update",
    ),
    path("<int:pk>/outcome/", outcome.outcome_edit, name="case_outcome"),
    path("<int:pk>/follow-up/<int:follow_up_pk>/", outcome.follow_up, name="follow_up"),
    path("<int:pk>/close/", outcome.close, name="case_close"),
    path("<int:pk>/reopen/", outcome.reopen, name="case_reopen"),
    path("<int:pk>/transfer/", transfer.transfer, name="case_transfer"),
    # Provider side
    path("referrals/", referrals.provider_list, name="provider_referrals"),
    path("referrals/<int:referral_pk>/", referrals.provider_detail, name="provider_referral"),
]
