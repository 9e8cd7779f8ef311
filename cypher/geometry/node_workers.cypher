// name: node_workers
// mode: read
// params: worker_ids, city, as_of, min_systems, excluded, statuses, level_rank, only_nodes, grades, limit, offset
// returns: id, name, status, patrons, vertical, horizontal, score, levels_reached, top_level, systems, sponsored_base, people_placed, supporters, patronage_ties, line_ties, horizontal_ties, sources, undated_patronage_ties, undated_horizontal_ties
// expands: patronage, venture, job, job+venture, affiliation, horizontal, membership
// Workers at a node: a patron from beyond their own firm whose command line meets the
// firm's (vertical), and supporters from at least $min_systems systems with a
// horizontal tie among them (horizontal). Definitions and score: docs/queries.md.
// $excluded drops patrons by id (the dependency analysis); $only_nodes=false keeps
// workers that fail, with their flags, so a caller can see why. Only relationships whose
// `evidence` is among $grades count (a tie without a grade counts as inferred), and a
// venture's laidOffEmployees only when its grade is admitted. $as_of drops patronage and
// horizontal ties dated (year, else since) after it; undated ones count whatever the
// year, and the answer says how many did (undated_patronage_ties, undated_horizontal_ties).

// Candidates start from the most selective anchor given: the workers' ids, else the
// city (its places, the organizations there, their workers), else every worker of
// the given statuses; the UNWINDs keep the unused anchors from running at all. A
// node worker needs a patronage tie, so without one a candidate is dropped early:
// the cost follows the city, not the country.
CALL () {
  UNWIND coalesce($worker_ids, []) AS worker_id
  MATCH (w:Worker {id: worker_id})
  RETURN w
  UNION
  UNWIND CASE WHEN $worker_ids IS NULL THEN [$city] ELSE [] END AS city
  MATCH (:Jurisdiction {id: city})<-[:PART_OF*0..4]-(:Jurisdiction)
        <-[:LOCATED_IN]-(:Organization)<-[:EMPLOYED_BY|LAID_OFF_BY|FOUNDED|WORKS_AT]-(w:Worker)
  RETURN w
  UNION
  UNWIND CASE WHEN $worker_ids IS NULL AND $city IS NULL THEN $statuses ELSE [] END AS status
  MATCH (w:Worker {status: status})
  RETURN w
}
WITH w
WHERE w.status IN $statuses
  AND (NOT $only_nodes
       OR EXISTS { (w)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-()
                   WHERE coalesce(r.evidence, 'inferred') IN $grades }
       OR EXISTS { (w)-[f:FOUNDED|WORKS_AT]->(:Venture)
                   <-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-()
                   WHERE coalesce(f.evidence, 'inferred') IN $grades AND coalesce(r.evidence, 'inferred') IN $grades })
  AND ($worker_ids IS NULL OR $city IS NULL OR EXISTS {
    MATCH (w)-[:EMPLOYED_BY|LAID_OFF_BY|FOUNDED|WORKS_AT]->(:Organization)
          -[:LOCATED_IN]->(:Jurisdiction)-[:PART_OF*0..4]->(:Jurisdiction {id: $city})
  })
CALL (w) {
  OPTIONAL MATCH (w)-[j:EMPLOYED_BY|LAID_OFF_BY]->(f:Enterprise)
  WHERE coalesce(j.evidence, 'inferred') IN $grades
  RETURN collect(DISTINCT f) AS firms
}
// Patronage ties reaching the worker or a venture of theirs, from beyond the firm.
CALL (w, firms) {
  CALL (w) {
    MATCH (w)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
    WHERE coalesce(r.evidence, 'inferred') IN $grades
    RETURN p, r
    UNION
    MATCH (w)-[f:FOUNDED|WORKS_AT]->(:Venture)
          <-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
    WHERE coalesce(f.evidence, 'inferred') IN $grades AND coalesce(r.evidence, 'inferred') IN $grades
    RETURN p, r
  }
  WITH p, r
  WHERE NOT p IN firms AND NOT p.id IN $excluded
    AND ($as_of IS NULL OR coalesce(r.year, r.since, $as_of) <= $as_of)
  // A person acts for the organizations they work in or belong to.
  OPTIONAL MATCH (p:Person)-[a:EMPLOYED_BY|MEMBER_OF|CHAIRS]->(po:Organization)
  WHERE coalesce(a.evidence, 'inferred') IN $grades
  WITH p, r, CASE WHEN p:Organization THEN p ELSE po END AS org
  WHERE org IS NULL OR (NOT org IN firms AND NOT org.id IN $excluded)
  RETURN collect({p: p, r: r, org: org}) AS ties
}
WITH w, firms, ties,
     [t IN ties WHERE t.org IS NOT NULL | t.org] +
     COLLECT {
       UNWIND ties AS t
       MATCH (boss:Organization {id: t.r.instructedBy})
       WHERE NOT boss.id IN $excluded
       RETURN boss
     } AS backers
WITH w, firms, ties, reduce(acc = [], o IN backers | acc + [x IN [o] WHERE NOT x IN acc]) AS backers
WITH w, firms, ties, backers,
     reduce(acc = [], b IN backers | acc + [s IN [b.system] WHERE s IS NOT NULL AND NOT s IN acc])
       AS systems
// First the flags and the score for every candidate, the cheap criterion first: the
// systems among the supporters, then a horizontal tie among them, then the climbs.
WITH *, size(systems) >= $min_systems
        AND (EXISTS {
          UNWIND backers AS a
          MATCH (a)-[h:COLLABORATES_WITH|MEMBER_OF|CHAIRS]-(b:Organization)
          WHERE b IN backers AND a <> b AND coalesce(h.evidence, 'inferred') IN $grades
            AND ($as_of IS NULL OR coalesce(h.year, h.since, $as_of) <= $as_of)
        } OR EXISTS {
          UNWIND backers AS a
          MATCH (a)-[h:MEMBER_OF|CHAIRS]->(:Organization)<-[h2:MEMBER_OF|CHAIRS]-(b:Organization)
          WHERE b IN backers AND a <> b AND coalesce(h.evidence, 'inferred') IN $grades
            AND coalesce(h2.evidence, 'inferred') IN $grades
            AND ($as_of IS NULL OR (coalesce(h.year, h.since, $as_of) <= $as_of
                                    AND coalesce(h2.year, h2.since, $as_of) <= $as_of))
        }) AS horizontal
WHERE NOT $only_nodes OR horizontal
// The firm's command line: the firm and every office above it (bounded, directed).
WITH *, COLLECT {
       UNWIND firms AS f
       MATCH line = (up:Organization)-[:SUPERVISES*0..6]->(f)
       WHERE all(s IN relationships(line) WHERE coalesce(s.evidence, 'inferred') IN $grades)
       RETURN DISTINCT up
     } AS firm_line
// The patrons' lines: the levels they reach and whether one meets the firm's line.
CALL (backers, firm_line) {
  UNWIND backers AS b
  MATCH path = (up:Organization)-[:SUPERVISES*0..6]->(b)
  WHERE all(s IN relationships(path) WHERE coalesce(s.evidence, 'inferred') IN $grades)
  WITH DISTINCT up, up IN firm_line AS meets
  RETURN collect(DISTINCT up.level) AS levels, count(CASE WHEN meets THEN 1 END) > 0 AS vertical
}
WITH * WHERE NOT $only_nodes OR vertical
WITH *, COLLECT { MATCH (w)-[f:FOUNDED|WORKS_AT]->(v:Venture) WHERE coalesce(f.evidence, 'inferred') IN $grades RETURN DISTINCT v }
       AS ventures
// People placed: a venture's laid-off hires, or the workers units referred to it.
WITH *, reduce(n = 0, x IN COLLECT {
         UNWIND ventures AS v
         OPTIONAL MATCH (v)-[ref:REFERRED_BY]->()
         WHERE coalesce(ref.evidence, 'inferred') IN $grades
         WITH v, coalesce(sum(ref.count), 0) AS referred,
              CASE WHEN (CASE WHEN 'laidOffEmployees' IN coalesce(v.inferredProps, []) THEN 'inferred'
                              WHEN 'laidOffEmployees' IN coalesce(v.generalProps, []) THEN 'general'
                              ELSE coalesce(v.evidence, 'inferred') END) IN $grades
                   THEN coalesce(v.laidOffEmployees, 0) ELSE 0 END AS laid_off
         RETURN CASE WHEN laid_off > referred THEN laid_off ELSE referred END AS placed
       } | n + x) AS people_placed
WITH *, any(v IN ventures WHERE v:ReemploymentBase) OR any(t IN ties WHERE type(t.r) = 'SPONSORS'
         AND coalesce(t.r.endorsedAsBase, false)) AS sponsored_base
WITH *, size(levels) + size(systems) + CASE WHEN sponsored_base THEN 2 ELSE 0 END
        + round(log10(1 + people_placed), 2) AS score
ORDER BY score DESC, w.id
SKIP $offset
LIMIT $limit
// Then the details, only for the page's rows: the longest line above a supporter
// (with where each line meets the firm's), the horizontal ties, the sources.
CALL (backers) {
  UNWIND backers AS b
  MATCH path = (up:Organization)-[:SUPERVISES*0..6]->(b)
  WHERE all(s IN relationships(path) WHERE coalesce(s.evidence, 'inferred') IN $grades)
  WITH b, up, path
  ORDER BY $level_rank[up.level] DESC, length(path)
  RETURN collect(path)[0] AS top_path,
         reduce(s = [], p IN collect(path) | s + reduce(t = [], r IN relationships(p) | t + coalesce(r.sources, [])))
           AS line_sources
}
// Horizontal ties among the supporters: direct, or through a shared group.
WITH *, reduce(acc = [], h IN COLLECT {
       UNWIND backers AS a
       MATCH (a)-[h:COLLABORATES_WITH|MEMBER_OF|CHAIRS]-(b:Organization)
       WHERE b IN backers AND elementId(a) < elementId(b) AND coalesce(h.evidence, 'inferred') IN $grades
         AND ($as_of IS NULL OR coalesce(h.year, h.since, $as_of) <= $as_of)
       RETURN h
     } + COLLECT {
       UNWIND backers AS a
       MATCH (a)-[h:MEMBER_OF|CHAIRS]->(g:Organization)<-[h2:MEMBER_OF|CHAIRS]-(b:Organization)
       WHERE b IN backers AND a <> b AND coalesce(h.evidence, 'inferred') IN $grades AND coalesce(h2.evidence, 'inferred') IN $grades
         AND ($as_of IS NULL OR (coalesce(h.year, h.since, $as_of) <= $as_of AND coalesce(h2.year, h2.since, $as_of) <= $as_of))
       RETURN h
     } | acc + [x IN [h] WHERE NOT x IN acc]) AS hties
RETURN w.id AS id, w.name AS name, w.status AS status,
       reduce(acc = [], t IN ties | acc + [x IN [{id: t.p.id, name: t.p.name}] WHERE NOT x IN acc])
         AS patrons, vertical, horizontal, score,
       size(levels) AS levels_reached, [n IN nodes(top_path) | n.level][0] AS top_level,
       size(systems) AS systems, sponsored_base, people_placed,
       [t IN ties | {start: t.p.id, end: endNode(t.r).id, type: type(t.r), tie: t.r.tie,
                     kind: coalesce(t.r.kind, t.r.title, t.r.purpose), year: coalesce(t.r.year, t.r.since),
                     evidence: t.r.evidence, quote: t.r.quote, note: t.r.note,
                     sources: t.r.sources}] AS patronage_ties,
       CASE WHEN top_path IS NULL THEN []
       ELSE [r IN relationships(top_path) | {start: startNode(r).id, end: endNode(r).id,
             type: type(r), tie: r.tie, evidence: r.evidence, quote: r.quote, note: r.note,
             sources: r.sources}] END AS line_ties,
       [b IN backers | {id: b.id, name: b.name, system: b.system, level: b.level,
         gave: [t IN ties WHERE t.org = b OR t.r.instructedBy = b.id |
                coalesce(t.r.kind, t.r.title, toLower(type(t.r)))]}] AS supporters,
       [h IN hties | {start: startNode(h).id, end: endNode(h).id, type: type(h), tie: h.tie,
                      year: coalesce(h.year, h.since), evidence: h.evidence, quote: h.quote, note: h.note,
                      sources: h.sources}] AS horizontal_ties,
       reduce(acc = [], s IN reduce(all = [], t IN ties | all + coalesce(t.r.sources, []))
                              + reduce(all = [], h IN hties | all + coalesce(h.sources, [])) + line_sources |
              acc + [x IN [s] WHERE NOT x IN acc]) AS sources,
       size([t IN ties WHERE coalesce(t.r.year, t.r.since) IS NULL]) AS undated_patronage_ties,
       size([h IN hties WHERE coalesce(h.year, h.since) IS NULL]) AS undated_horizontal_ties
ORDER BY score DESC, id
