"""行政执法人员管理: 执法证/监督证, training hours, exams and reviewers' 法律职业资格."""
