// name: worker_facts
// mode: read
// params: worker_id, statuses
// returns: worker_id, name, status, started_work, contract, contract_ends, separation_reason, separated_year, labor_relations, other_work, has_certificate, kept_for, firm_id, firm_ownership, firm_status, centre_id, centre_waiting, centre_allowance, has_venture
// The facts the chapter's xiagang conditions read, one row per worker: the job, the
// firm it was with (the one that laid the worker off, else the latest employer), the
// reemployment service centre. The rules themselves are applied in
// patronage_graph.queries.eligibility_rules (documented in docs/queries.md).
MATCH (w:Worker)
WHERE w.status IN $statuses AND ($worker_id IS NULL OR w.id = $worker_id)
CALL (w) {
  OPTIONAL MATCH (w)-[job:LAID_OFF_BY|EMPLOYED_BY]->(f:Enterprise)
  // the firm that laid the worker off wins over an earlier employer
  RETURN f AS firm, CASE type(job) WHEN 'LAID_OFF_BY' THEN job.year END AS layoff_year
  ORDER BY CASE type(job) WHEN 'LAID_OFF_BY' THEN 0 ELSE 1 END, job.since DESC
  LIMIT 1
}
CALL (w) {
  OPTIONAL MATCH (w)-[c:ENROLLED_IN]->(centre:ServiceUnit)
  WHERE centre.kind = 'reemployment_center'
  RETURN centre, c
  ORDER BY coalesce(c.waiting, false), c.year DESC
  LIMIT 1
}
RETURN w.id AS worker_id, w.name AS name, w.status AS status,
       w.startedWork AS started_work, w.contract AS contract,
       w.contractEnds AS contract_ends, w.separationReason AS separation_reason,
       coalesce(w.separatedYear, layoff_year) AS separated_year, w.laborRelations AS labor_relations,
       w.otherWork AS other_work, w.hasCertificate AS has_certificate,
       w.keptFor AS kept_for, firm.id AS firm_id, firm.ownership AS firm_ownership,
       firm.status AS firm_status, centre.id AS centre_id, c.waiting AS centre_waiting,
       c.allowance AS centre_allowance,
       EXISTS { (w)-[:FOUNDED|WORKS_AT]->(:Venture) } AS has_venture
ORDER BY worker_id
