// Reads behind `patronage-graph audit` and the grade counts of `patronage-graph check`
// (src/patronage_graph/queries/evidence.py).

// name: evidence_counts
// mode: read
// params: none
// returns: tie, grade, count
// How many relationships of each tie kind carry each evidence grade ('ungraded':
// none, which the loader refuses, so only data written around it).
MATCH ()-[r]->()
RETURN coalesce(r.tie, 'other') AS tie, coalesce(r.evidence, 'ungraded') AS grade,
       count(*) AS count
ORDER BY tie, grade

// name: audit_tie_handles
// mode: read
// params: grades
// returns: handle
// Every relationship graded among $grades, as an element id, in the order of the
// relationships' stable ids: a seeded sample drawn from this list is the same sample
// on every load of the same data.
MATCH ()-[r]->()
WHERE coalesce(r.evidence, 'inferred') IN $grades
RETURN elementId(r) AS handle
ORDER BY r.id, handle

// name: audit_ties
// mode: read
// params: handles
// returns: position, id, type, tie, start_id, start_name, end_id, end_name, evidence, quote, note, sources
// The relationships of $handles (element ids), in that order, with both ends, the
// grade, the quote, the coder's note and every cited Source's citation and footnote.
UNWIND range(0, size($handles) - 1) AS position
MATCH (a)-[r]->(b)
WHERE elementId(r) = $handles[position]
RETURN position, r.id AS id, type(r) AS type, r.tie AS tie, a.id AS start_id,
       a.name AS start_name, b.id AS end_id, b.name AS end_name, r.evidence AS evidence,
       r.quote AS quote, r.note AS note,
       COLLECT {
         UNWIND coalesce(r.sources, []) AS source_id
         OPTIONAL MATCH (s:Source {id: source_id})
         RETURN {id: source_id, citation: s.citation, footnote: s.footnote,
                 date: toString(s.date)} AS source
       } AS sources
ORDER BY position
