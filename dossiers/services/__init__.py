"""Every write that changes a dossier: receipt and the transitions of the state machine.

Each service runs in one transaction, takes the acting user, checks role and agency, locks
the dossier row, refuses a stale ``version`` (optimistic locking for forms and API clients),
writes a ``DossierEvent`` and a history entry, recomputes deadlines and returns the dossier.
Views, the API, commands and the demo call these; none of them sets ``status`` itself.

The verbs below name each transition of ``dossiers.workflow``; they all go through
``fire``, so the rules stay in one place.
"""

from .codes import next_code, take_next
from .errors import (
    DossierError,
    InvalidTransition,
    PermissionDenied,
    StaleVersion,
    officer_of,
)
from .receipt import Applicant, receive_dossier, submit_online
from .transitions import available_transitions, fire


def _verb(transition_name: str, doc: str):
    """A named service for one transition; the rules live in ``fire`` and the workflow."""

    def service(dossier, *, actor, version: int, **kwargs):
        return fire(dossier, transition_name, actor=actor, version=version, **kwargs)

    service.__doc__ = doc
    return service


accept_online = _verb("accept_online", "Rule 2: the desk accepts an online dossier as complete.")
refuse_dossier = _verb("refuse", "Rules 2–3: refuse at receipt, with the reason in ``note``.")
transfer_dossier = _verb("transfer", "Rule 4: the desk hands the dossier to processing.")
forward_dossier = _verb("forward", "Hand the dossier to the next stage inside the agency.")
forward_to_agency = _verb("forward_to_agency", "Hand the dossier to another agency (liên thông).")
request_supplement = _verb("request_supplement", "Rule 5: ask for missing documents; clock stops.")
receive_supplement = _verb("receive_supplement", "Rule 5: the applicant supplied; clock resumes.")
request_payment = _verb("request_payment", "Rule 6: wait for fees or taxes; clock stops.")
confirm_payment = _verb("confirm_payment", "Rule 6: paid; clock resumes.")
reschedule_dossier = _verb("reschedule", "Rule 9: apology and a new appointment, once.")
approve_dossier = _verb("approve", "The leader signs: a result exists.")
reject_ineligible = _verb("reject_ineligible", "Rule 7: returned as ineligible, with reasons.")
withdraw_dossier = _verb("withdraw", "Rule 8: the applicant withdraws before a decision.")
stop_dossier = _verb("stop", "Rule 8: processing stops at the applicant's request.")
return_result = _verb("return_result", "Rule 10: hand the result over.")

__all__ = [
    "Applicant",
    "DossierError",
    "InvalidTransition",
    "PermissionDenied",
    "StaleVersion",
    "accept_online",
    "approve_dossier",
    "available_transitions",
    "confirm_payment",
    "fire",
    "forward_dossier",
    "forward_to_agency",
    "next_code",
    "officer_of",
    "receive_dossier",
    "receive_supplement",
    "refuse_dossier",
    "reject_ineligible",
    "request_payment",
    "request_supplement",
    "reschedule_dossier",
    "return_result",
    "stop_dossier",
    "submit_online",
    "take_next",
    "transfer_dossier",
    "withdraw_dossier",
]
