// name: worker_facts
// mode: read
// params: worker_id, statuses, grades
// returns: worker_id, name, status, started_work, contract, contract_ends, separation_reason, separated_year, labor_relations, other_work, has_certificate, kept_for, disabled, firm_id, firm_ownership, firm_status, centre_id, centre_waiting, centre_allowance, has_venture, title_levels, worker_grading, firm_grading, undated_ties
// expands: job, venture
// The facts the chapter's xiagang conditions read, one row per worker: the job, the
// firm it was with (the one that laid the worker off, else the latest employer), the
// reemployment service centre. The rules themselves are applied in
// patronage_graph.queries.eligibility_rules (documented in docs/queries.md). Only ties
// whose `evidence` is among $grades are read; the node's grading (evidence,
// generalProps, inferredProps) comes along so that facts graded weaker count as unknown.
// undated_ties counts the ties read (job, centre, ventures, titles) that carry no year:
// whatever year a caller judges as of, nothing places them before or after it.
MATCH (w:Worker)
WHERE w.status IN $statuses AND ($worker_id IS NULL OR w.id = $worker_id)
CALL (w) {
  OPTIONAL MATCH (w)-[job:LAID_OFF_BY|EMPLOYED_BY]->(f:Enterprise)
  WHERE coalesce(job.evidence, 'inferred') IN $grades
  // the firm that laid the worker off wins over an earlier employer
  RETURN f AS firm, job, CASE type(job) WHEN 'LAID_OFF_BY' THEN job.year END AS layoff_year
  ORDER BY CASE type(job) WHEN 'LAID_OFF_BY' THEN 0 ELSE 1 END, job.since DESC
  LIMIT 1
}
CALL (w) {
  OPTIONAL MATCH (w)-[c:ENROLLED_IN]->(centre:ServiceUnit)
  WHERE centre.kind = 'reemployment_center' AND coalesce(c.evidence, 'inferred') IN $grades
  RETURN centre, c
  ORDER BY coalesce(c.waiting, false), c.year DESC
  LIMIT 1
}
RETURN w.id AS worker_id, w.name AS name, w.status AS status,
       w.startedWork AS started_work, w.contract AS contract,
       w.contractEnds AS contract_ends, w.separationReason AS separation_reason,
       coalesce(w.separatedYear, layoff_year) AS separated_year, w.laborRelations AS labor_relations,
       w.otherWork AS other_work, w.hasCertificate AS has_certificate,
       w.keptFor AS kept_for, w.disabled AS disabled, firm.id AS firm_id, firm.ownership AS firm_ownership,
       firm.status AS firm_status, centre.id AS centre_id, c.waiting AS centre_waiting,
       c.allowance AS centre_allowance,
       EXISTS { (w)-[v:FOUNDED|WORKS_AT]->(:Venture) WHERE coalesce(v.evidence, 'inferred') IN $grades } AS has_venture,
       COLLECT { MATCH (w)<-[t:AWARDED_TITLE]-() WHERE coalesce(t.evidence, 'inferred') IN $grades RETURN DISTINCT t.level }
         AS title_levels,
       w {.evidence, .generalProps, .inferredProps} AS worker_grading,
       firm {.evidence, .generalProps, .inferredProps} AS firm_grading,
       size([t IN [job, c] WHERE t IS NOT NULL AND coalesce(t.year, t.since) IS NULL])
         + COUNT { (w)-[v:FOUNDED|WORKS_AT]->(:Venture)
                   WHERE coalesce(v.evidence, 'inferred') IN $grades AND coalesce(v.year, v.since) IS NULL }
         + COUNT { (w)<-[t:AWARDED_TITLE]-()
                   WHERE coalesce(t.evidence, 'inferred') IN $grades AND t.year IS NULL } AS undated_ties
ORDER BY worker_id
