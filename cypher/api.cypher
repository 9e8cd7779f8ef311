// name: api_totals
// mode: read
// params: none
// returns: nodes, relationships
// How many nodes and relationships the graph holds, from Neo4j's count store
// (constant time at any size, so GET /health stays cheap to poll).
MATCH (n)
WITH count(n) AS nodes
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
