// name: supporters
// mode: read
// params: entity_id, grades
// returns: supporter_id, supporter_name, system, level, target_id, type, kind, amount, unit, year, instructed_by, instructed_by_name, description, evidence, quote, sources
// expands: patronage, venture
// Who supported a worker or venture (and, for a worker, the ventures they founded or
// run), with what, when, and on whose instruction where the chapter says so; only ties
// whose `evidence` is among $grades (a tie without a grade counts as inferred).
MATCH (e:Entity {id: $entity_id})
CALL (e) {
  MATCH (e)<-[r:SUPPORTED|SPONSORS|RECOMMENDED|AWARDED_TITLE|VISITED]-(p)
  WHERE coalesce(r.evidence, 'inferred') IN $grades
  RETURN p, r, e AS target
  UNION
  MATCH (e)-[f:FOUNDED|WORKS_AT]->(target:Venture)<-[r:SUPPORTED|SPONSORS|RECOMMENDED|AWARDED_TITLE|VISITED]-(p)
  WHERE coalesce(f.evidence, 'inferred') IN $grades AND coalesce(r.evidence, 'inferred') IN $grades
  RETURN p, r, target
}
OPTIONAL MATCH (boss:Entity {id: r.instructedBy})
RETURN p.id AS supporter_id, p.name AS supporter_name, p.system AS system, p.level AS level,
       target.id AS target_id, type(r) AS type,
       coalesce(r.kind, r.title, r.purpose) AS kind, r.amount AS amount, r.unit AS unit,
       coalesce(r.year, r.since) AS year, r.instructedBy AS instructed_by,
       boss.name AS instructed_by_name, coalesce(r.description, r.note) AS description,
       r.evidence AS evidence, r.quote AS quote, r.sources AS sources
ORDER BY year, supporter_id, type, kind
