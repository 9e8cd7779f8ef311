// Reads behind the network pages (src/patronage_graph/viz/views.py).
//
// Each view is read in two steps: a `viz_*_members` query picks the ids that belong
// on the page, then `viz_nodes` and `viz_relationships` read those nodes and every
// relationship between them (relationships leaving the set are dropped in Python),
// so ties among the members, such as the horizontal ties among a worker's
// supporters, are always drawn. Relationship types that say "patronage" or "home"
// arrive as list parameters derived from the model (patronage_graph.model).
// The city view reads `analytics_city_*` (cypher/analytics.cypher).

// name: viz_worker_members
// mode: read
// params: worker_id, home_types, patronage_types, affiliation_types
// returns: id
// A worker's page: the worker, their firms and ventures, every patron of either,
// the patrons' own units and teams, and the command chain above all of them.
MATCH (w:Worker {id: $worker_id})
WITH [w] + COLLECT { MATCH (w)-[r]->(own) WHERE type(r) IN $home_types RETURN DISTINCT own } AS near
WITH near, COLLECT {
  UNWIND near AS t
  MATCH (t)<-[g]-(patron)
  WHERE type(g) IN $patronage_types
  RETURN DISTINCT patron
} AS patrons
WITH near, patrons, COLLECT {
  UNWIND patrons AS p
  MATCH (p)-[r]->(unit:Organization)
  WHERE type(r) IN $affiliation_types
  RETURN DISTINCT unit
} AS units
WITH near + patrons + units AS core
WITH core, COLLECT {
  UNWIND core AS x
  MATCH (x)<-[:SUPERVISES*1..6]-(boss)
  RETURN DISTINCT boss
} AS bosses
UNWIND core + bosses AS member
RETURN DISTINCT member.id AS id

// name: viz_team_members
// mode: read
// params: team_id, horizontal_types
// returns: id
// A leading small group's page: the group (given by its id, or every group located in
// the city given by id), its members and chairs, and their horizontal partners.
MATCH (g:LeadingSmallGroup)
WHERE g.id = $team_id
   OR EXISTS { (g)-[:LOCATED_IN]->(:Jurisdiction)-[:PART_OF*0..3]->(:Jurisdiction {id: $team_id}) }
WITH collect(g) AS groups
WITH groups, COLLECT {
  UNWIND groups AS g
  MATCH (m)-[r]->(g)
  WHERE type(r) IN $horizontal_types
  RETURN DISTINCT m
} AS members
WITH groups + members AS core, members
WITH core, COLLECT {
  UNWIND members AS m
  MATCH (m)-[r]-(partner:Organization)
  WHERE type(r) IN $horizontal_types
  RETURN DISTINCT partner
} AS partners
UNWIND core + partners AS member
RETURN DISTINCT member.id AS id

// name: viz_venture_members
// mode: read
// params: venture_id, people_types, origin_types, patronage_types
// returns: id
// A venture's page: the venture, the people working at or founding it, where they came
// from (the firms that laid them off, their centres), and who supported it or them.
MATCH (v:Venture {id: $venture_id})
WITH v, COLLECT {
  MATCH (p:Person)-[r]->(v) WHERE type(r) IN $people_types RETURN DISTINCT p
} AS people
WITH v, people, COLLECT {
  UNWIND people AS p
  MATCH (p)-[r]->(origin:Organization)
  WHERE type(r) IN $origin_types
  RETURN DISTINCT origin
} AS origins
WITH v, people, origins, COLLECT {
  UNWIND [v] + people AS t
  MATCH (t)<-[g]-(patron)
  WHERE type(g) IN $patronage_types
  RETURN DISTINCT patron
} AS patrons
UNWIND [v] + people + origins + patrons AS member
RETURN DISTINCT member.id AS id

// name: viz_nodes
// mode: read
// params: ids
// returns: id, labels, props
// The nodes of a page, by id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props

// name: viz_relationships
// mode: read
// params: ids, grades
// returns: id, type, start, end, props
// Every relationship leaving a node of a page (those leaving the page are dropped later)
// whose `evidence` is among $grades (a relationship without a grade counts as inferred).
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b)
WHERE coalesce(r.evidence, 'inferred') IN $grades
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, a.id AS start,
       coalesce(b.id, elementId(b)) AS end, properties(r) AS props

// name: viz_cities
// mode: read
// params: city_level
// returns: id, name
// Cities that have a page.
MATCH (c:Jurisdiction {level: $city_level})
RETURN c.id AS id, c.name AS name
ORDER BY id

// name: viz_team_groups
// mode: read
// params: none
// returns: id, name
// Leading small groups, each with a page.
MATCH (g:LeadingSmallGroup)
RETURN g.id AS id, g.name AS name
ORDER BY id

// name: viz_bases
// mode: read
// params: none
// returns: id, name
// expands: backing
// Ventures endorsed as reemployment bases (or any venture with a patron), each with a page.
MATCH (v:Venture)
WHERE v:ReemploymentBase OR EXISTS { (v)<-[:SPONSORS|SUPPORTED]-() }
RETURN v.id AS id, v.name AS name
ORDER BY id

// name: viz_patronised_workers
// mode: read
// params: patronage_types, limit
// returns: id, name, patrons
// Workers with the most patrons (the candidates for node workers), each with a page.
MATCH (w:Worker)<-[g]-(patron)
WHERE type(g) IN $patronage_types
WITH w, count(DISTINCT patron) AS patrons
RETURN w.id AS id, w.name AS name, patrons
ORDER BY patrons DESC, id
LIMIT $limit
