"""行政复议 (as respondent and as reconsideration body) and 行政应诉."""
