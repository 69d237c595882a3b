"""Write operations on cases. Each public function is one transaction that checks access,
changes the data, writes the timeline event and the audit record together.

Public surface (other apps may call these):
"""

from overstap.cases.services.bulk import BulkPerson, BulkResult, register_people_bulk
from overstap.cases.services.referrals import create_referral, update_referral_status
from overstap.cases.services.registration import (
    PossibleDuplicate,
    RegistrationData,
    find_possible_duplicates,
    merge_people,
    register_person,
)
from overstap.cases.services.self_registration import SelfRegistrationData, register_self
from overstap.cases.services.team import add_case_member, assign_case_manager, remove_case_member
from overstap.cases.services.trajectory import (
    add_contact,
    add_goal,
    add_plan_action,
    close_case,
    complete_intake,
    mark_action_done,
    record_follow_up,
    record_outcome,
    reopen_case,
    save_intake,
    save_work_history,
    set_contact_rhythm,
    triage_case,
)
from overstap.cases.services.transfer import transfer_case

__all__ = [
    "BulkPerson",
    "BulkResult",
    "PossibleDuplicate",
    "RegistrationData",
    "SelfRegistrationData",
    "add_case_member",
    "add_contact",
    "add_goal",
    "add_plan_action",
    "assign_case_manager",
    "close_case",
    "complete_intake",
    "create_referral",
    "find_possible_duplicates",
    "mark_action_done",
    "merge_people",
    "record_follow_up",
    "record_outcome",
    "register_people_bulk",
    "register_person",
    "register_self",
    "remove_case_member",
    "reopen_case",
    "save_intake",
    "save_work_history",
    "set_contact_rhythm",
    "transfer_case",
    "triage_case",
    "update_referral_status",
]
