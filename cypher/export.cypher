// name: export_nodes
// mode: read
// params: none
// returns: id, labels, props
// Every node with all its labels and properties (`patronage-graph export`).
MATCH (n) WHERE NOT n:Meta  // the generation stamp is no part of the graph
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id

// name: export_relationships
// mode: read
// params: grades
// returns: id, type, start, end, props
// Every relationship with its type, ends and properties (tie and sources included),
// whose `evidence` is among $grades (a relationship without a grade counts as inferred).
MATCH (a)-[r]->(b)
WHERE coalesce(r.evidence, 'inferred') IN $grades
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
ORDER BY type, id

// name: export_find_city
// mode: read
// params: city
// returns: id, name
// The city-level jurisdictions whose id or name (any case) is $city.
MATCH (c:Jurisdiction {level: 'city'})
WHERE c.id = $city OR toLower(c.name) = toLower($city)
RETURN c.id AS id, c.name AS name

// name: export_cities
// mode: read
// params: none
// returns: id, name
// Every city-level jurisdiction (offered when `--city` names none of them).
MATCH (c:Jurisdiction {level: 'city'})
RETURN c.id AS id, c.name AS name
ORDER BY name

// name: export_city_nodes
// mode: read
// params: city_id
// returns: id, labels, props
// expands: placement
// What `export --city` keeps: the city and every jurisdiction PART_OF it (any depth),
// the organizations LOCATED_IN those, and the people tied to those organizations
// by a job, a layoff, a centre, a venture they founded or work at, or a membership.
MATCH (c:Jurisdiction {id: $city_id})
MATCH (j:Jurisdiction)-[:PART_OF*0..]->(c)
WITH collect(DISTINCT j) AS places
CALL (places) {
  UNWIND places AS j
  MATCH (o:Organization)-[:LOCATED_IN]->(j)
  RETURN collect(DISTINCT o) AS orgs
}
CALL (orgs) {
  UNWIND orgs AS o
  MATCH (p:Person)-[:EMPLOYED_BY|LAID_OFF_BY|ENROLLED_IN|FOUNDED|WORKS_AT|MEMBER_OF|CHAIRS]->(o)
  RETURN collect(DISTINCT p) AS people
}
UNWIND places + orgs + people AS n
WITH DISTINCT n
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id

// name: export_relationships_among
// mode: read
// params: ids, grades
// returns: id, type, start, end, props
// The relationships whose two ends are both among $ids (a city's subgraph), graded
// among $grades.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND coalesce(r.evidence, 'inferred') IN $grades
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
ORDER BY type, id
