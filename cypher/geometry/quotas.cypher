// name: quota_allocations
// mode: read
// params: kind, year
// returns: from_id, from_name, from_level, to_id, to_name, to_level, amount, unit, sources
// Every allocation of one quota kind in one year, one row per ALLOCATES_QUOTA tie;
// patronage_graph.queries.quotas walks them top-down and compares each holder's
// allocations with what it received.
MATCH (a)-[q:ALLOCATES_QUOTA]->(b)
WHERE q.quotaKind = $kind AND q.year = $year
RETURN a.id AS from_id, a.name AS from_name, a.level AS from_level,
       b.id AS to_id, b.name AS to_name, b.level AS to_level,
       q.amount AS amount, q.unit AS unit, q.sources AS sources
ORDER BY from_id, to_id

// name: layoff_statistics
// mode: read
// params: none
// returns: id, name, measure, value, unit, period, reported_by, derived, derived_from, inputs, sources
// The published counts of the laid-off side by side, and the figures derived from
// them (e.g. the 21.6 million no longer in state and collective firms but not counted
// as laid off), each with its sources and, when derived, the figures it rests on.
MATCH (s:Statistic)
OPTIONAL MATCH (input:Statistic)
WHERE input.id IN coalesce(s.derivedFrom, [])
WITH s, collect(input {.id, .value}) AS inputs
RETURN s.id AS id, s.name AS name, s.measure AS measure, s.value AS value, s.unit AS unit,
       toString(s.period) AS period, s.reportedBy AS reported_by,
       coalesce(s.derived, false) AS derived, coalesce(s.derivedFrom, []) AS derived_from,
       inputs,
       COLLECT {
         MATCH (src:Source) WHERE src.id IN coalesce(s.sources, [])
         RETURN src {.id, .citation, .footnote, date: toString(src.date)} AS source
       } AS sources
ORDER BY derived, measure, period, id
