// name: quota_allocations
// mode: read
// params: kind, year
// returns: from_id, from_name, from_level, to_id, to_name, to_level, amount, unit, year, sources
// Every allocation of one quota kind, one row per ALLOCATES_QUOTA tie: those of year
// $year and those with no year on record (the chapter dates few), or all when $year is
// null; patronage_graph.queries.quotas walks them top-down and compares each
// holder's allocations with what it received.
MATCH (a:Entity)-[q:ALLOCATES_QUOTA]->(b:Entity)
WHERE q.quotaKind = $kind AND ($year IS NULL OR coalesce(q.year, $year) = $year)
RETURN a.id AS from_id, a.name AS from_name, a.level AS from_level,
       b.id AS to_id, b.name AS to_name, b.level AS to_level,
       q.amount AS amount, q.unit AS unit, q.year AS year, q.sources AS sources
ORDER BY from_id, to_id

// name: layoff_statistics
// mode: read
// params: none
// returns: id, name, measure, value, unit, period, reported_by, derived, derived_from, inputs, measures, sources
// The published national counts of the laid-off (head counts that MEASURE a
// nation-level jurisdiction) side by side, and the figures derived from them (e.g.
// the 21.6 million no longer in state and collective firms but not counted as laid
// off), each with what it measures, its sources and, when derived, the figures it
// rests on. A MEASURES tie of any grade counts: it says where a figure belongs, and
// the figure carries its own grade.
MATCH (s:Statistic)-[:MEASURES]->(:Jurisdiction {level: 'nation'})
WHERE s.unit = 'persons'
WITH DISTINCT s
OPTIONAL MATCH (input:Statistic)
WHERE input.id IN coalesce(s.derivedFrom, [])
WITH s, collect(input {.id, .value}) AS inputs
RETURN s.id AS id, s.name AS name, s.measure AS measure, s.value AS value, s.unit AS unit,
       toString(s.period) AS period, s.reportedBy AS reported_by,
       coalesce(s.derived, false) AS derived, coalesce(s.derivedFrom, []) AS derived_from,
       inputs,
       COLLECT { MATCH (s)-[:MEASURES]->(scope) RETURN scope.id ORDER BY scope.id } AS measures,
       COLLECT {
         MATCH (src:Source) WHERE src.id IN coalesce(s.sources, [])
         RETURN src {.id, .citation, .footnote, date: toString(src.date)} AS source
       } AS sources
ORDER BY derived, measure, period, id
