// name: patronage_chain
// mode: read
// params: worker_id, max_hops, grades
// returns: step, from_id, from_name, to_id, to_name, type, tie, kind, forward, level, evidence, quote, sources
// expands: patronage, venture, job, affiliation
// The upward path from one worker: their own firm and every patron (directly or
// through a venture of theirs), a person patron's organization, the office that
// instructed a patron, then each of these up the command line (SUPERVISES, at most
// six levels) to the highest level reached. One hop per row; a hop reached by
// several routes is listed once, at its shortest step. Only relationships whose
// `evidence` is among $grades are followed (a tie without a grade counts as inferred);
// each hop carries its grade and quote, the title, kind of support or purpose its tie
// carries (`kind`), and whether the tie itself runs from -> to (`forward`: false for a
// patron's tie reaching the worker and for SUPERVISES, read here upward).
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
WITH route + CASE WHEN po IS NULL THEN [] ELSE [{a: p, b: po, r: e}] END AS route,
     coalesce(po, p) AS org, last(route).r AS tie_in
// The office that instructed the patron, where the chapter says so: the route goes on
// to it by an INSTRUCTED_BY hop that carries the patron's tie (its grade, quote, sources).
OPTIONAL MATCH (boss:Organization {id: tie_in.instructedBy})
UNWIND [{start: org, route: route}] +
       CASE WHEN boss IS NULL THEN []
       ELSE [{start: boss,
              route: route + CASE WHEN boss = org THEN []
                             ELSE [{a: org, b: boss, r: tie_in, type: 'INSTRUCTED_BY'}] END}]
       END AS leg
// Routes that reach the same office share its climb: climb once per office.
WITH leg.start AS start, collect(leg.route) AS routes, min(size(leg.route)) AS reach
// Up the command line to an office with no superior (or the bound).
CALL (start) {
  OPTIONAL MATCH up = (start)<-[s:SUPERVISES WHERE coalesce(s.evidence, 'inferred') IN $grades]-{1,6}
                     (top:Organization)
  WITH collect(up) AS ups
  // An office that one of these paths climbs past has a superior: no need to look again.
  WITH ups, [q IN ups | nodes(q)[-2]] AS led
  UNWIND ups AS up
  WITH up, last(nodes(up)) AS top, led
  WHERE length(up) = 6 OR NOT top IN led
  WITH up, top
  WHERE length(up) = 6
     OR NOT EXISTS { (:Organization)-[s:SUPERVISES]->(top) WHERE coalesce(s.evidence, 'inferred') IN $grades }
  RETURN collect(relationships(up)) AS climbs
}
// Each hop at its step: along each route, then up the climb after the shortest route.
CALL (routes, climbs, reach) {
  UNWIND routes AS route
  UNWIND range(1, size(route)) AS step
  RETURN step, route[step - 1] AS hop
  UNION ALL
  UNWIND climbs AS climb
  UNWIND range(1, size(climb)) AS i
  RETURN reach + i AS step, {a: endNode(climb[i - 1]), b: startNode(climb[i - 1]), r: climb[i - 1]} AS hop
}
WITH hop, step
WHERE step <= $max_hops
WITH hop.a AS a, hop.b AS b, hop.r AS r, hop.type AS instructed, min(step) AS step
WITH a, b, coalesce(instructed, type(r)) AS type,
     CASE WHEN instructed IS NULL THEN r.tie ELSE 'vertical' END AS tie,
     // the title, kind of support or purpose of a patron's or employer's tie
     CASE WHEN instructed IS NULL AND type(r) <> 'SUPERVISES'
          THEN coalesce(r.kind, r.title, r.purpose) END AS kind,
     // whether the tie itself runs from -> to (a climb reads SUPERVISES upward)
     instructed IS NOT NULL OR startNode(r) = a AS forward,
     r.sources AS sources, r.evidence AS evidence, r.quote AS quote, step
WITH a, b, type, tie, kind, forward, sources, evidence, quote, min(step) AS step
// Each distinct source is read once, however many hops cite it.
WITH collect({step: step, a: a, b: b, type: type, tie: tie, kind: kind, forward: forward,
              evidence: evidence, quote: quote,
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
       h.type AS type, h.tie AS tie, h.kind AS kind, h.forward AS forward, b.level AS level, h.evidence AS evidence, h.quote AS quote,
       [sid IN h.sources WHERE any(s IN cited WHERE s.id = sid)
        | head([s IN cited WHERE s.id = sid])] AS sources
ORDER BY step, from_id, to_id, type
