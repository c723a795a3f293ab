"""年度报告 (annual rule-of-law reports): checking the 法治政府建设情况报告 that units send in.

The checker in :mod:`fazhi.systems.reports.checker` is plain Python and imports no Django, so
that ``fazhi report check FILE`` and a supervisor's script need nothing but the package.
"""
