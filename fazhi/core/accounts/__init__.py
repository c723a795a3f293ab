"""People, roles and hardened login (等保 level 3 basics), with the security audit trail."""
