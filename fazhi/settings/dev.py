"""Developer and demo settings: the embedded database under ./data, debug pages on."""

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = True
DATA_DIR.mkdir(parents=True, exist_ok=True)
