"""The only write paths of 信访 and 12345: each function one step of a declared workflow,
performed through :func:`fazhi.core.workflow.engine.perform` (guards with their articles, ledger
entry, history row and the clocks) in one transaction."""

from .common import DOCX  # noqa: F401
from .petitions import (  # noqa: F401
    accept,
    conclude,
    decide,
    decide_recheck,
    decide_review,
    divert,
    end_hearing,
    extend,
    notify,
    object_to_routing,
    register_petition,
    request_recheck,
    request_review,
    route,
    start_hearing,
)
from .tickets import (  # noqa: F401
    arbitrate,
    callback,
    close,
    dispatch,
    extend_ticket,
    register_ticket,
    reopen,
    reply,
    return_ticket,
    sign,
)
