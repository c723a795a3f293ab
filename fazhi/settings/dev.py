"""Developer and demo settings: the embedded database under ./data, debug pages on."""

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = True
FAZHI_LEDGER_CHECKPOINT_KEY = FAZHI_LEDGER_CHECKPOINT_KEY or "dev-only-checkpoint-key-not-secret"  # noqa: F405
DATA_DIR.mkdir(parents=True, exist_ok=True)
