"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py fazhi.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("FAZHI_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("FAZHI_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
