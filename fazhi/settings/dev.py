"""Developer and demo settings: the embedded database under ./data, debug pages on."""

from .base import *  # noqa: F403
from .base import DATA_DIR, FAZHI_LEDGER_KEY, TEST_LEDGER_KEY

DEBUG = True
DATA_DIR.mkdir(parents=True, exist_ok=True)

# The demo signs ledger checkpoints with the public test key unless a key is configured.
if not FAZHI_LEDGER_KEY:
    FAZHI_LEDGER_KEY = TEST_LEDGER_KEY
    FAZHI_LEDGER_KEY_ID = "test-key-not-secret"
