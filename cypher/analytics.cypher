// Reads that feed the networkx analytics and the network pages.
//
// A subgraph is read as two streams, nodes then relationships, so a large graph
// never sits in memory twice. `read_subgraph` in src/patronage_graph/analysis/
// subgraph.py runs them; relationships whose far end is not among the nodes are
// dropped there, which keeps these queries free of per-row list lookups.
//
// The city rule: the core is the city's Jurisdiction, every Jurisdiction PART_OF it
// (district, street, community: at most three hops down) and every Organization
// LOCATED_IN one of those; the subgraph is the core plus the direct neighbours of
// the core through a relationship of the selected tie kinds (people enter here:
// they are never LOCATED_IN anything, but work for, found or receive support from
// the city's organizations).

// name: analytics_city
// mode: read
// params: city
// returns: id, name
// The city a subgraph is cut around (no row: there is no such city).
MATCH (city:Jurisdiction {id: $city})
WHERE city.level = 'city'
RETURN city.id AS id, city.name AS name

// name: analytics_graph_nodes
// mode: read
// params: labels
// returns: id, labels, props
// Every node of the graph (or every node carrying one of $labels), with its properties.
// Every node of the model is an Entity; the generation stamp (:Meta) is not.
MATCH (n:Entity)
WHERE $labels IS NULL OR any(label IN labels(n) WHERE label IN $labels)
RETURN coalesce(n.id, elementId(n)) AS id, labels(n) AS labels, properties(n) AS props

// name: analytics_graph_relationships
// mode: read
// params: labels, tie_kinds, grades
// returns: id, type, start, end, props
// Every relationship (or those of $tie_kinds) leaving a node that carries one of $labels,
// graded among $grades (a relationship without a grade counts as inferred).
MATCH (a)-[r]->(b)
WHERE ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
  AND ($labels IS NULL OR any(label IN labels(a) WHERE label IN $labels))
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type,
       coalesce(a.id, elementId(a)) AS start, coalesce(b.id, elementId(b)) AS end,
       properties(r) AS props

// name: analytics_city_nodes
// mode: read
// params: city, labels, tie_kinds, grades
// returns: id, labels, props
// One city's subgraph: its jurisdictions and organizations, plus their direct neighbours.
MATCH (city:Jurisdiction {id: $city})
WHERE city.level = 'city'
MATCH (place:Jurisdiction)-[:PART_OF*0..3]->(city)
OPTIONAL MATCH (org:Organization)-[:LOCATED_IN]->(place)
WITH collect(DISTINCT place) + collect(DISTINCT org) AS core
UNWIND core AS member
CALL (member) {
  RETURN member AS n
  UNION
  MATCH (member)-[r]-(n)
  WHERE ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
  RETURN n
}
WITH DISTINCT n
WHERE $labels IS NULL OR any(label IN labels(n) WHERE label IN $labels)
RETURN coalesce(n.id, elementId(n)) AS id, labels(n) AS labels, properties(n) AS props

// name: analytics_city_relationships
// mode: read
// params: city, labels, tie_kinds, grades
// returns: id, type, start, end, props
// The relationships (of $tie_kinds) leaving a node of one city's subgraph (see the file's head).
MATCH (city:Jurisdiction {id: $city})
WHERE city.level = 'city'
MATCH (place:Jurisdiction)-[:PART_OF*0..3]->(city)
OPTIONAL MATCH (org:Organization)-[:LOCATED_IN]->(place)
WITH collect(DISTINCT place) + collect(DISTINCT org) AS core
UNWIND core AS member
CALL (member) {
  RETURN member AS n
  UNION
  MATCH (member)-[r]-(n)
  WHERE ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
  RETURN n
}
WITH DISTINCT n AS a
WHERE $labels IS NULL OR any(label IN labels(a) WHERE label IN $labels)
MATCH (a)-[r]->(b)
WHERE ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type,
       coalesce(a.id, elementId(a)) AS start, coalesce(b.id, elementId(b)) AS end,
       properties(r) AS props

// name: analytics_brokerage
// mode: read
// params: city, tie_kinds, mutual_types, grades
// returns: id, coordinator, itinerant, representative, gatekeeper, liaison, total
// Gould–Fernandez role counts computed in the database, for graphs too large to export.
// Brokers are organizations with a system (all, or those located in $city and its
// districts, streets and communities); a tie counts when its kind is in $tie_kinds
// (null: every kind) and runs a -> b, or is of a $mutual_types type in either
// direction, graded among $grades. Same definitions as analysis/brokerage.py; brokers with no open
// two-path return no row.
CALL () {
  // every organization when no city is given ...
  WITH $city AS wanted
  WHERE wanted IS NULL
  MATCH (b:Organization)
  WHERE b.system IS NOT NULL
  RETURN b
  UNION
  // ... else only the city's, found from the city down (an index seek on its id)
  MATCH (city:Jurisdiction {id: $city})<-[:PART_OF*0..3]-(:Jurisdiction)<-[:LOCATED_IN]-(b:Organization)
  WHERE city.level = 'city' AND b.system IS NOT NULL
  RETURN b
}
CALL (b) {
  MATCH (a:Organization)-[r]-(b)
  WHERE a <> b AND a.system IS NOT NULL
    AND ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
    AND (startNode(r) = a OR type(r) IN $mutual_types)
  RETURN collect(DISTINCT a) AS senders
}
CALL (b) {
  MATCH (b)-[r]-(c:Organization)
  WHERE c <> b AND c.system IS NOT NULL
    AND ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
    AND (startNode(r) = b OR type(r) IN $mutual_types)
  RETURN collect(DISTINCT c) AS receivers
}
UNWIND senders AS a
UNWIND receivers AS c
WITH b, a, c
WHERE a <> c
  AND NOT EXISTS {
    MATCH (a)-[r]-(c)
    WHERE ($tie_kinds IS NULL OR r.tie IN $tie_kinds) AND coalesce(r.evidence, 'inferred') IN $grades
      AND (startNode(r) = a OR type(r) IN $mutual_types)
  }
WITH b,
     CASE
       WHEN a.system = c.system AND b.system = a.system THEN 'coordinator'
       WHEN a.system = c.system THEN 'itinerant'
       WHEN b.system = a.system THEN 'representative'
       WHEN b.system = c.system THEN 'gatekeeper'
       ELSE 'liaison'
     END AS role
RETURN b.id AS id,
       sum(CASE role WHEN 'coordinator' THEN 1 ELSE 0 END) AS coordinator,
       sum(CASE role WHEN 'itinerant' THEN 1 ELSE 0 END) AS itinerant,
       sum(CASE role WHEN 'representative' THEN 1 ELSE 0 END) AS representative,
       sum(CASE role WHEN 'gatekeeper' THEN 1 ELSE 0 END) AS gatekeeper,
       sum(CASE role WHEN 'liaison' THEN 1 ELSE 0 END) AS liaison,
       count(*) AS total
ORDER BY total DESC, id
