// name: base_facts
// mode: read
// params: venture_id, grades
// returns: venture_id, name, employees, laid_off, stable_scope, marketable_product, has_worksite, is_base, endorsed_by, state_firm_founders, founders, venture_grading
// expands: job, venture
// The facts the reemployment-base criteria read for one venture: its head counts,
// scope, product and worksite, who endorsed it as a base, and whether its founders
// (or, with none on record, the people running it) came from state-owned firms. Only
// ties (and a firm's ownership) graded among $grades count; the venture's grading comes
// along so that facts graded weaker count as unknown.
MATCH (v:Venture {id: $venture_id})
CALL (v) {
  // the founders; where none is recorded, the people who run the venture
  OPTIONAL MATCH (p:Person)-[link:FOUNDED|WORKS_AT]->(v)
  WHERE coalesce(link.evidence, 'inferred') IN $grades
  WITH p, link ORDER BY CASE type(link) WHEN 'FOUNDED' THEN 0 ELSE 1 END
  WITH collect(DISTINCT {p: p, kind: type(link)}) AS people
  WITH [x IN people WHERE x.kind = head(people).kind | x.p] AS starters
  UNWIND CASE WHEN starters = [] THEN [null] ELSE starters END AS founder
  OPTIONAL MATCH (founder)-[job:EMPLOYED_BY|LAID_OFF_BY]->(f:Enterprise)
  WHERE f.ownership = 'state' AND coalesce(job.evidence, 'inferred') IN $grades
    AND (CASE WHEN 'ownership' IN coalesce(f.inferredProps, []) THEN 'inferred'
              WHEN 'ownership' IN coalesce(f.generalProps, []) THEN 'general'
              ELSE coalesce(f.evidence, 'inferred') END) IN $grades
  RETURN collect(DISTINCT founder.id) AS founders,
         collect(DISTINCT CASE WHEN f IS NOT NULL THEN founder.id END) AS state_firm_founders
}
CALL (v) {
  OPTIONAL MATCH (sponsor)-[s:SPONSORS]->(v)
  WHERE s.endorsedAsBase = true AND coalesce(s.evidence, 'inferred') IN $grades
  RETURN collect(DISTINCT sponsor.id) AS sponsors
}
RETURN v.id AS venture_id, v.name AS name, v.employees AS employees,
       v.laidOffEmployees AS laid_off, v.stableScope AS stable_scope,
       v.marketableProduct AS marketable_product, v.hasWorksite AS has_worksite,
       v:ReemploymentBase AS is_base,
       // each endorser once: a sponsor tie and the endorsedBy property often name the same
       reduce(acc = [], x IN sponsors + CASE WHEN v.endorsedBy IS NULL THEN [] ELSE [v.endorsedBy] END |
              acc + [y IN [x] WHERE y IS NOT NULL AND NOT y IN acc]) AS endorsed_by,
       state_firm_founders, founders,
       v {.evidence, .generalProps, .inferredProps} AS venture_grading
