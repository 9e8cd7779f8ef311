// name: ping
// mode: read
// params: none
// returns: ok
// The cheapest round trip: does the server answer?
RETURN 1 AS ok

// name: server_version
// mode: read
// params: none
// returns: name, version, edition
// Which Neo4j answers (shown by `status` and GET /health).
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition

// name: show_constraints
// mode: read
// params: none
// returns: name, type, labels, properties
// The constraints in force, as `patronage-graph init` reports them.
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
RETURN name, type, labelsOrTypes AS labels, properties
ORDER BY name

// name: show_indexes
// mode: read
// params: none
// returns: name, type, state, labels, properties
// The indexes and whether they are online.
SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties
RETURN name, type, state, labelsOrTypes AS labels, properties
ORDER BY name

// name: await_indexes
// mode: schema
// params: timeout_s
// returns: none
// Block until every index is online (after init or a bulk import).
CALL db.awaitIndexes($timeout_s)

// name: label_counts
// mode: read
// params: none
// returns: label, count
// How many nodes of the model carry each label (every one is an Entity; the
// generation stamp, :Meta, is not and counts 0).
CALL db.labels() YIELD label
CALL (label) { MATCH (n:Entity) WHERE label IN labels(n) RETURN count(n) AS count }
RETURN label, count
ORDER BY label

// name: rel_type_counts
// mode: read
// params: none
// returns: type, tie, count
// How many relationships of each type, with their tie kind.
MATCH ()-[r]->()
RETURN type(r) AS type, r.tie AS tie, count(r) AS count
ORDER BY type

// name: wipe
// mode: write
// params: none
// returns: none
// Delete every node and relationship, in batches (tests and `load --replace`).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS

// name: supervisor_transactions
// mode: read
// params: none
// returns: id, status, elapsed_s, query
// The server's running transactions, for the supervisor's watchdog: one that Neo4j
// has marked terminated but that keeps running is wedged (a loop that never checks
// for termination) and only a restart frees its core.
SHOW TRANSACTIONS YIELD transactionId, status, elapsedTime, currentQuery
RETURN transactionId AS id, status, elapsedTime.seconds AS elapsed_s,
       left(currentQuery, 200) AS query
