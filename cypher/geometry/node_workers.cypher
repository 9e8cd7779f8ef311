// name: node_workers
// mode: read
// params: worker_id, city, as_of, min_systems, excluded, statuses, level_rank, only_nodes, limit, offset
// returns: id, name, status, patrons, vertical, horizontal, score, levels_reached, top_level, systems, sponsored_base, people_placed, chain, supporters, horizontal_ties, sources
// Workers at a node: a patron from beyond their own firm whose command line meets the
// firm's (vertical), and supporters from at least $min_systems systems with a
// horizontal tie among them (horizontal). Definitions and score: docs/queries.md.
// $excluded drops patrons by id (the dependency analysis); $only_nodes=false keeps
// workers that fail, with their flags, so a caller can see why.

// Candidates start from the most selective anchor given: the worker's id, else the
// city (its places, the organizations there, their workers), else every worker of
// the given statuses; the UNWINDs keep the unused anchors from running at all. A
// node worker needs a patronage tie, so without one a candidate is dropped early:
// the cost follows the city, not the country.
CALL () {
  MATCH (w:Worker {id: $worker_id})
  RETURN w
  UNION
  UNWIND CASE WHEN $worker_id IS NULL THEN [$city] ELSE [] END AS city
  MATCH (:Jurisdiction {id: city})<-[:PART_OF*0..4]-(:Jurisdiction)
        <-[:LOCATED_IN]-(:Organization)<-[:EMPLOYED_BY|LAID_OFF_BY|FOUNDED|WORKS_AT]-(w:Worker)
  RETURN w
  UNION
  UNWIND CASE WHEN $worker_id IS NULL AND $city IS NULL THEN $statuses ELSE [] END AS status
  MATCH (w:Worker {status: status})
  RETURN w
}
WITH w
WHERE w.status IN $statuses
  AND (NOT $only_nodes
       OR EXISTS { (w)<-[:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-() }
       OR EXISTS { (w)-[:FOUNDED|WORKS_AT]->(:Venture)
                   <-[:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-() })
  AND ($worker_id IS NULL OR $city IS NULL OR EXISTS {
    MATCH (w)-[:EMPLOYED_BY|LAID_OFF_BY|FOUNDED|WORKS_AT]->(:Organization)
          -[:LOCATED_IN]->(:Jurisdiction)-[:PART_OF*0..4]->(:Jurisdiction {id: $city})
  })
CALL (w) {
  OPTIONAL MATCH (w)-[:EMPLOYED_BY|LAID_OFF_BY]->(f:Enterprise)
  RETURN collect(DISTINCT f) AS firms
}
// Patronage ties reaching the worker or a venture of theirs, from beyond the firm.
CALL (w, firms) {
  CALL (w) {
    MATCH (w)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
    RETURN p, r
    UNION
    MATCH (w)-[:FOUNDED|WORKS_AT]->(:Venture)
          <-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
    RETURN p, r
  }
  WITH p, r
  WHERE NOT p IN firms AND NOT p.id IN $excluded
    AND ($as_of IS NULL OR coalesce(r.year, r.since, $as_of) <= $as_of)
  // A person acts for the organizations they work in or belong to.
  OPTIONAL MATCH (p:Person)-[:EMPLOYED_BY|MEMBER_OF|CHAIRS]->(po:Organization)
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
// The firm's command line: the firm and every office above it (bounded, directed).
WITH w, firms, ties, backers,
     COLLECT {
       UNWIND firms AS f
       MATCH (up:Organization)-[:SUPERVISES*0..6]->(f)
       RETURN DISTINCT up
     } AS firm_line
// The patrons' lines: each supporting organization and the offices above it.
CALL (backers, firm_line) {
  UNWIND backers AS b
  MATCH path = (up:Organization)-[:SUPERVISES*0..6]->(b)
  WITH b, up, path
  ORDER BY $level_rank[up.level] DESC, length(path)
  RETURN collect(DISTINCT up.level) AS levels,
         collect(path)[0] AS top_path,
         [x IN collect(CASE WHEN up IN firm_line THEN [b.id, up.id] END) WHERE x IS NOT NULL]
           AS meetings,
         reduce(s = [], p IN collect(path) | s + reduce(t = [], r IN relationships(p) | t + coalesce(r.sources, [])))
           AS line_sources
}
// Horizontal ties among the supporters: direct, or through a shared group.
WITH w, firms, ties, backers, levels, top_path, meetings, line_sources,
     COLLECT {
       UNWIND backers AS a
       MATCH (a)-[h:COLLABORATES_WITH|MEMBER_OF|CHAIRS]-(b:Organization)
       WHERE b IN backers AND elementId(a) < elementId(b)
       RETURN h
     } + COLLECT {
       UNWIND backers AS a
       MATCH (a)-[h:MEMBER_OF|CHAIRS]->(g:Organization)<-[:MEMBER_OF|CHAIRS]-(b:Organization)
       WHERE b IN backers AND a <> b
       RETURN h
     } AS hties
WITH w, ties, backers, levels, top_path, meetings, line_sources,
     reduce(acc = [], h IN hties | acc + [x IN [h] WHERE NOT x IN acc]) AS hties,
     reduce(acc = [], b IN backers | acc + [s IN [b.system] WHERE s IS NOT NULL AND NOT s IN acc])
       AS systems,
     COLLECT { MATCH (w)-[:FOUNDED|WORKS_AT]->(v:Venture) RETURN DISTINCT v } AS ventures
// People placed: a venture's laid-off hires, or the workers units referred to it.
WITH *, reduce(n = 0, x IN COLLECT {
         UNWIND ventures AS v
         OPTIONAL MATCH (v)-[ref:REFERRED_BY]->()
         WITH v, coalesce(sum(ref.count), 0) AS referred
         RETURN CASE WHEN coalesce(v.laidOffEmployees, 0) > referred
                THEN v.laidOffEmployees ELSE referred END AS placed
       } | n + x) AS people_placed
WITH *, size(meetings) > 0 AS vertical,
     size(systems) >= $min_systems AND size(hties) > 0 AS horizontal,
     any(v IN ventures WHERE v:ReemploymentBase) OR any(t IN ties WHERE type(t.r) = 'SPONSORS'
         AND coalesce(t.r.endorsedAsBase, false)) AS sponsored_base
WHERE NOT $only_nodes OR (vertical AND horizontal)
WITH *, size(levels) AS levels_reached,
     [n IN nodes(top_path) | n.level][0] AS top_level
WITH *, levels_reached + size(systems) + CASE WHEN sponsored_base THEN 2 ELSE 0 END
        + round(log10(1 + people_placed), 2) AS score
RETURN w.id AS id, w.name AS name, w.status AS status,
       reduce(acc = [], t IN ties | acc + [x IN [{id: t.p.id, name: t.p.name}] WHERE NOT x IN acc])
         AS patrons, vertical, horizontal, score,
       levels_reached, top_level, size(systems) AS systems, sponsored_base, people_placed,
       [t IN ties | t.p.id + ' -' + type(t.r) + '-> ' + coalesce(t.r.kind, t.r.title, '')]
         + CASE WHEN top_path IS NULL THEN []
           ELSE [reduce(s = '', n IN reverse(nodes(top_path)) |
                  s + CASE WHEN s = '' THEN '' ELSE ' <-SUPERVISES- ' END + n.id)] END
         AS chain,
       [b IN backers | {id: b.id, name: b.name, system: b.system, level: b.level,
         gave: [t IN ties WHERE t.org = b OR t.r.instructedBy = b.id |
                coalesce(t.r.kind, t.r.title, toLower(type(t.r)))]}] AS supporters,
       [h IN hties | {start: startNode(h).id, end: endNode(h).id, type: type(h), tie: h.tie,
                      sources: h.sources}] AS horizontal_ties,
       reduce(acc = [], s IN reduce(all = [], t IN ties | all + coalesce(t.r.sources, []))
                              + reduce(all = [], h IN hties | all + coalesce(h.sources, [])) + line_sources |
              acc + [x IN [s] WHERE NOT x IN acc]) AS sources
ORDER BY score DESC, id
SKIP $offset
LIMIT $limit
