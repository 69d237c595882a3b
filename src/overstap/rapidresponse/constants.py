"""Choices and limits of rapid response: signals, playbook steps and the tasks they create."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalKind(models.TextChoices):
    """What warned the region that people are about to lose their jobs."""

    COLLECTIVE_DISMISSAL = "collective_dismissal", _("Collective dismissal notice")
    EMPLOYER_CALL = "employer_call", _("Call from an employer")
    SECTOR = "sector", _("Sector signal")
    BANKRUPTCY = "bankruptcy", _("Bankruptcy")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DOING = "doing", _("Doing")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("Not needed")


#: Tasks in these statuses are finished: never overdue.
FINISHED_TASK_STATUSES = frozenset({TaskStatus.DONE, TaskStatus.NOT_NEEDED})


class EventKind(models.TextChoices):
    """The entries of a signal's timeline."""

    REGISTERED = "registered", _("Signal registered")
    UPDATED = "updated", _("Signal changed")
    STATUS = "status", _("Signal status changed")
    TASKS_CREATED = "tasks_created", _("Tasks created from the playbook")
    TASK_STATUS = "task_status", _("Task status changed")
    TASK_OWNER = "task_owner", _("Task owner changed")


#: Upper limits that catch typing errors (a region never has 100,000 people in one signal).
MAX_PEOPLE = 100_000
MAX_DEADLINE_DAYS = 365
#: How far back a signal may have been received, in days.
MAX_SIGNAL_AGE_DAYS = 366
