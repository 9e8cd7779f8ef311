// name: cookbook_graded_patronage
// mode: read
// params: grades
// returns: worker, patron, type, what, evidence, quote, sources
// expands: patronage
// Patronage ties into workers that a reader admits: only those whose evidence grade
// is among $grades (e.g. ['stated'] or ['stated', 'general']), each with its quote.
MATCH (w:Worker)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
WHERE r.evidence IN $grades
RETURN w.id AS worker, p.id AS patron, type(r) AS type,
       coalesce(r.kind, r.title, r.purpose) AS what, r.evidence AS evidence,
       r.quote AS quote, r.sources AS sources
ORDER BY worker, type, patron
