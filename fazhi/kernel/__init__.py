"""The kernel: plain-Python engines every system stands on (no Django import here).

- ``timelimits`` and ``calendar``: statutory periods computed exactly on the official calendar.
- ``ledger``: a hash-chained, Merkle-summarised, tamper-evident log.
- ``ids``: checks of 统一社会信用代码, 公民身份号码 and 行政区划代码.
- ``redact``: masking of personal information before publication.
"""
