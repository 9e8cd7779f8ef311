// name: cookbook_layoff_counts
// mode: read
// params: none
// returns: measure, value, unit, period, reported_by, derived
// The chapter's conflicting counts of the laid-off, largest first.
MATCH (s:Statistic)
RETURN s.measure AS measure, s.value AS value, s.unit AS unit, toString(s.period) AS period,
       s.reportedBy AS reported_by, coalesce(s.derived, false) AS derived
ORDER BY unit, value DESC
