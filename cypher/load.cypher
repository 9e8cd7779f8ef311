// name: load_lookup_nodes
// mode: read
// params: ids
// returns: id, labels, props
// The stored nodes among the ids a load mentions: the loader checks references
// against them and refuses ids that would mean something else (a collision).
UNWIND $ids AS wanted
MATCH (n:Entity {id: wanted})
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props

// name: load_lookup_relationships
// mode: read
// params: rows
// returns: id, type, start, end, props
// template: rel_type
// Stored relationships of one type between the ends of each row, with the row's id.
// Expand(Into) walks from the end with fewer relationships, so a hub (a bureau with
// 100,000 workers) costs nothing extra.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})-[r:{{rel_type}}]->(b:Entity {id: row.end})
WHERE r.id = row.id
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props

// name: load_lookup_relationship_ids
// mode: read
// params: rows
// returns: id, type, start, end, props
// Stored relationships, of any type and between any ends touching the row's ends,
// that carry an id given explicitly in the input (a derived id names its type and
// ends, so only explicit ids can be reused for something else).
UNWIND $rows AS row
MATCH (a:Entity)-[r]-()
WHERE a.id IN [row.start, row.end] AND r.id = row.id
RETURN DISTINCT r.id AS id, type(r) AS type, startNode(r).id AS start, endNode(r).id AS end,
       properties(r) AS props

// name: load_nodes
// mode: write
// params: rows, labels
// returns: written
// Merge a batch of nodes that share one label set on the global id, and make each
// exactly as in the input (SET n = props), so loading twice changes nothing.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$($labels)
RETURN count(n) AS written

// name: load_relationships
// mode: write
// params: rows
// returns: written
// template: rel_type
// Merge a batch of relationships of one type on their stable id between two nodes
// found by id; the type is pasted from the model so the MERGE expands from the ends.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:{{rel_type}} {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written

// name: load_delete_batch
// mode: write
// params: batch
// returns: deleted
// Delete up to $batch nodes with their relationships inside the load's own
// transaction (`load --replace`), so a failed replace leaves the old graph in place.
MATCH (n)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted

// name: db_counts
// mode: read
// params: none
// returns: nodes, relationships
// How many nodes and relationships the database holds (from the count store).
// The generation stamp node (`:Meta`, see graph_stamp_set) is not counted.
CALL () { MATCH (n) RETURN count(n) AS all_nodes }
CALL () { MATCH (m:Meta) RETURN count(m) AS meta }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN all_nodes - meta AS nodes, relationships

// name: graph_stamp_set
// mode: write
// params: stamp
// returns: stamp
// A new generation stamp for the graph, written in the load's own transaction: the
// API keys its ETags on it, so every load (and only a load) makes cached answers
// stale. One node, `(:Meta {id: 'graph'})`, outside the model: counts, exports and
// integrity checks leave it out.
MERGE (m:Meta {id: 'graph'})
SET m.generation = $stamp, m.loadedAt = datetime()
RETURN m.generation AS stamp
