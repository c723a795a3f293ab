"""依申请公开: requests for government information under 政府信息公开条例 (国务院令第711号)."""
