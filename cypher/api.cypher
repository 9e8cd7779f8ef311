// name: api_totals
// mode: read
// params: none
// returns: nodes, relationships
// How many nodes and relationships the graph holds, from Neo4j's count store
// (constant time at any size, so GET /health stays cheap to poll).
// The generation stamp node (`:Meta`, see graph_stamp_set) is not counted.
MATCH (n)
WITH count(n) AS all_nodes
CALL () { MATCH (m:Meta) RETURN count(m) AS meta }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN all_nodes - meta AS nodes, relationships

// name: graph_stamp
// mode: read
// params: none
// returns: stamp
// The graph's generation stamp (set by every load; none on a graph loaded otherwise).
OPTIONAL MATCH (m:Meta {id: 'graph'})
RETURN m.generation AS stamp
