"""行政执法事项清单、行政裁量权基准与包容审慎四张清单 (rules as data, versioned by effective date)."""
