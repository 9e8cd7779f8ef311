// name: fault_write_marker
// mode: write
// params: batch, size
// returns: written
// Fault tests: commit one batch of numbered marker nodes (a Source each, so the
// nodes stay inside the model). The caller records each batch it saw committed.
UNWIND range(1, $size) AS i
CREATE (:Entity:Source {id: 'fault-' + toString($batch) + '-' + toString(i),
                        name: 'fault marker', kind: 'synthetic', citation: 'fault test',
                        batch: $batch})
RETURN count(*) AS written

// name: fault_committed_batches
// mode: read
// params: none
// returns: batch, nodes
// Fault tests: which marker batches survived, and how many nodes each holds.
MATCH (n:Source)
WHERE n.batch IS NOT NULL
RETURN n.batch AS batch, count(n) AS nodes
ORDER BY batch

// name: fault_touch
// mode: write
// params: id
// returns: touches
// Fault tests: take the write lock on one marker node and count the touch. Two
// transactions touching two nodes in opposite orders deadlock; the driver's
// retry must finish both, each touch counted once.
MERGE (n:Entity:Source {id: $id})
  ON CREATE SET n.name = 'lock', n.kind = 'synthetic', n.citation = 'fault test'
SET n.touches = coalesce(n.touches, 0) + 1
RETURN n.touches AS touches

// name: fault_touches
// mode: read
// params: ids
// returns: id, touches
// Fault tests: the touch counts of the given marker nodes.
MATCH (n:Source)
WHERE n.id IN $ids
RETURN n.id AS id, n.touches AS touches
ORDER BY id
