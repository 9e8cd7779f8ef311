// name: entity_exists
// mode: read
// params: entity_id
// returns: id, labels
// Whether an id is in the graph, and as what (so callers can say "not found").
MATCH (e:Entity {id: $entity_id})
RETURN e.id AS id, labels(e) AS labels

// name: entity_detail
// mode: read
// params: entity_id, max_neighbours
// returns: id, labels, properties, neighbours
// One entity's properties and its neighbours (both directions), each with the
// relationship's type, tie kind and sources; at most $max_neighbours of them.
// The subquery aggregates, so an entity without ties (a Source, a Statistic) still
// answers, with no neighbours.
MATCH (e:Entity {id: $entity_id})
CALL (e) {
  MATCH (e)-[r]-(n)
  WITH r, n ORDER BY r.tie, type(r), n.id LIMIT $max_neighbours
  RETURN collect({tie: r.tie, id: n.id, name: n.name, labels: labels(n), type: type(r),
          direction: CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END,
          sources: r.sources, properties: properties(r)}) AS neighbours
}
RETURN e.id AS id, labels(e) AS labels, properties(e) AS properties, neighbours

// name: search_entities
// mode: read
// params: q, label, limit
// returns: id, name, labels, score
// Full-text search over names, Chinese names and notes (index entity_names); $q is
// Lucene syntax, which the Python caller builds from escaped user input.
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
WHERE $label IS NULL OR $label IN labels(node)
RETURN node.id AS id, node.name AS name, labels(node) AS labels, score
ORDER BY score DESC, id
LIMIT $limit

// name: graph_counts
// mode: read
// params: none
// returns: nodes, relationships, labels, types
// Node and relationship counts per label and type, from the count store (instant at
// any size); tie kinds are derived from the types through the model registry.
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN [x IN data.nodes WHERE x.label IS NULL | x.count][0] AS nodes,
       [x IN data.relationships
        WHERE x.relationshipType IS NULL AND x.startLabel IS NULL AND x.endLabel IS NULL
        | x.count][0] AS relationships,
       [x IN data.nodes WHERE x.label IS NOT NULL | {label: x.label, count: x.count}] AS labels,
       [x IN data.relationships
        WHERE x.relationshipType IS NOT NULL AND x.startLabel IS NULL AND x.endLabel IS NULL
        | {type: x.relationshipType, count: x.count}] AS types
