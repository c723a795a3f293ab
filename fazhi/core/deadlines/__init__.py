"""Running statutory time limits: one row per clock, computed by the kernel, shown on 待办."""
