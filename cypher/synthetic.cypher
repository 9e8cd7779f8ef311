// name: synthetic_create_nodes
// mode: write
// params: rows, labels
// returns: written
// Create a batch of new nodes that share one label set (the online path for a
// synthetic country loaded into an empty database: CREATE skips the lookup a
// MERGE makes; the Entity(id) constraint still refuses a duplicate id).
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row
SET n:$($labels)
RETURN count(n) AS written

// name: synthetic_create_relationships
// mode: write
// params: rows
// returns: written
// template: rel_type
// Create a batch of new relationships of one type between nodes found by id
// (two seeks of the Entity(id) index per row); the type comes from the model.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
CREATE (a)-[r:{{rel_type}}]->(b)
SET r = row.props
RETURN count(r) AS written

// name: synthetic_country_summary
// mode: read
// params: prefix
// returns: workers, by_status
// How many workers a synthetic country (ids starting with the seed's prefix) holds,
// per status: a quick check that a load is complete.
MATCH (w:Worker)
WHERE w.id STARTS WITH $prefix
WITH w.status AS status, count(*) AS n
RETURN sum(n) AS workers, collect({status: status, count: n}) AS by_status

// name: synthetic_star_workers
// mode: read
// params: prefix, limit
// returns: id
// Workers who founded a venture (the stars) in a synthetic country: the benchmark's
// sample for long patronage chains. Starts from Venture, a small label.
MATCH (v:Venture)<-[:FOUNDED]-(w:Worker)
WHERE w.id STARTS WITH $prefix
RETURN w.id AS id
ORDER BY id
LIMIT $limit
