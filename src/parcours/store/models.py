"""Every domain's tables, imported once so that the metadata is complete (Alembic, tests)."""

# Domains whose tables are declared but not re-exported here.
import parcours.cases.models
import parcours.employees.models
import parcours.followups.models
import parcours.gestures.models
import parcours.ideas.models
import parcours.maturity.models
import parcours.notifications.models
import parcours.programme_value.models
import parcours.rules.models
import parcours.text.tables  # noqa: F401
from parcours.accounts.models import User
from parcours.customers.models import Customer
from parcours.feedback.models import Answer, Question, Response, Survey, Verbatim
from parcours.imports.models import ImportRun, QuarantinedRow
from parcours.journeys.models import Journey, Partner, Step, StepExpectation, StepPartner
from parcours.metrics.models import MetricRollup
from parcours.store.base import Base

__all__ = [
    "Answer",
    "Base",
    "Customer",
    "ImportRun",
    "Journey",
    "MetricRollup",
    "Partner",
    "QuarantinedRow",
    "Question",
    "Response",
    "Step",
    "StepExpectation",
    "StepPartner",
    "Survey",
    "User",
    "Verbatim",
]
