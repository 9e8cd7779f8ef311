// name: patronage_chain
// mode: read
// params: worker_id, max_hops, grades
// returns: step, from_id, from_name, to_id, to_name, type, tie, level, evidence, quote, sources
// expands: patronage, venture, job, affiliation
// The upward path from one worker: their own firm and every patron (directly or
// through a venture of theirs), a person patron's organization, the office that
// instructed a patron, then each of these up the command line (SUPERVISES, at most
// six levels) to the highest level reached. One hop per row; a hop reached by
// several routes is listed once, at its shortest step. Only relationships whose
// `evidence` is among $grades are followed (a tie without a grade counts as inferred);
// each hop carries its grade and quote.
MATCH (w:Worker {id: $worker_id})
CALL (w) {
  MATCH (w)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
  WHERE coalesce(r.evidence, 'inferred') IN $grades
  RETURN p, [{a: w, b: p, r: r}] AS route
  UNION
  MATCH (w)-[f:FOUNDED|WORKS_AT]->(v:Venture)
        <-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
  WHERE coalesce(f.evidence, 'inferred') IN $grades AND coalesce(r.evidence, 'inferred') IN $grades
  RETURN p, [{a: w, b: v, r: f}, {a: v, b: p, r: r}] AS route
  UNION
  MATCH (w)-[j:EMPLOYED_BY|LAID_OFF_BY]->(p:Enterprise)
  WHERE coalesce(j.evidence, 'inferred') IN $grades
  RETURN p, [{a: w, b: p, r: j}] AS route
}
// A person patron acts for the organization they work in.
OPTIONAL MATCH (p:Person)-[e:EMPLOYED_BY|MEMBER_OF|CHAIRS]->(po:Organization)
WHERE coalesce(e.evidence, 'inferred') IN $grades
WITH w, route + CASE WHEN po IS NULL THEN [] ELSE [{a: p, b: po, r: e}] END AS route,
     coalesce(po, p) AS org, last(route).r AS tie_in
// The office that instructed the patron, where the chapter says so.
OPTIONAL MATCH (boss:Organization {id: tie_in.instructedBy})
WITH w, org, [hop IN route | {a: hop.a, b: hop.b, type: type(hop.r), tie: hop.r.tie,
                              evidence: hop.r.evidence, quote: hop.r.quote,
                              sources: hop.r.sources}] AS route, boss, tie_in
WITH w, route, [org] + CASE WHEN boss IS NULL THEN [] ELSE [boss] END AS tops,
     CASE WHEN boss IS NULL THEN []
     ELSE [{a: org, b: boss, type: 'INSTRUCTED_BY', tie: 'vertical',
            evidence: tie_in.evidence, quote: tie_in.quote,
            sources: tie_in.sources}] END AS instructed
UNWIND tops AS start
// Up the command line to an office with no superior (or the bound).
OPTIONAL MATCH up = (top:Organization)-[:SUPERVISES*1..6]->(start)
WHERE all(s IN relationships(up) WHERE coalesce(s.evidence, 'inferred') IN $grades)
  AND (NOT EXISTS { (:Organization)-[s:SUPERVISES]->(top) WHERE coalesce(s.evidence, 'inferred') IN $grades } OR length(up) = 6)
WITH w, route, instructed, start, up,
     CASE WHEN up IS NULL THEN []
     ELSE [r IN reverse(relationships(up)) | {a: endNode(r), b: startNode(r), type: type(r),
           tie: r.tie, evidence: r.evidence, quote: r.quote, sources: r.sources}] END AS climb
WITH route + CASE WHEN start = last(route).b THEN [] ELSE instructed END + climb AS hops
UNWIND range(0, size(hops) - 1) AS i
WITH i + 1 AS step, hops[i] AS hop
WHERE step <= $max_hops
WITH hop.a AS a, hop.b AS b, hop.type AS type, hop.tie AS tie, hop.sources AS sources,
     hop.evidence AS evidence, hop.quote AS quote, min(step) AS step
// Each distinct source is read once, however many hops cite it.
WITH collect({step: step, a: a, b: b, type: type, tie: tie, evidence: evidence, quote: quote,
              sources: coalesce(sources, [])}) AS hops
CALL (hops) {
  UNWIND hops AS h
  UNWIND h.sources AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  RETURN collect(s {.id, .citation, .footnote, date: toString(s.date)}) AS cited
}
UNWIND hops AS h
WITH h, h.a AS a, h.b AS b, cited
RETURN h.step AS step, a.id AS from_id, a.name AS from_name, b.id AS to_id, b.name AS to_name,
       h.type AS type, h.tie AS tie, b.level AS level, h.evidence AS evidence, h.quote AS quote,
       [sid IN h.sources WHERE any(s IN cited WHERE s.id = sid)
        | head([s IN cited WHERE s.id = sid])] AS sources
ORDER BY step, from_id, to_id, type
