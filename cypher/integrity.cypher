// name: integrity_unsourced_relationships
// mode: read
// params: none
// returns: count, sample
// Relationships whose evidence cannot be traced: no `sources`, an empty list, or
// an entry that names no Source node. The acceptance query of the seed: expect 0.
MATCH (a)-[r]->(b)
WHERE r.sources IS NULL OR size(r.sources) = 0
   OR any(s IN r.sources WHERE NOT EXISTS { MATCH (:Source {id: s}) })
RETURN count(r) AS count, collect(a.id + ' -' + type(r) + '-> ' + b.id)[..20] AS sample

// name: integrity_nodes_outside_model
// mode: read
// params: labels, node_props, required
// returns: count, sample
// Nodes the model does not describe: without the Entity label or an id, with a label
// the model lacks, a property none of its labels declares, or a required one missing.
// $labels, $node_props and $required (label -> property names) come from model.py.
MATCH (n) WHERE NOT n:Meta  // the generation stamp (graph_stamp_set) is outside the model
WITH n, labels(n) AS labels
WITH n, labels,
     reduce(acc = [], l IN labels | acc + coalesce($node_props[l], [])) AS allowed,
     reduce(acc = [], l IN labels | acc + coalesce($required[l], [])) AS needed
WHERE NOT 'Entity' IN labels OR n.id IS NULL
   OR any(l IN labels WHERE NOT l IN $labels)
   OR any(k IN keys(n) WHERE NOT k IN allowed)
   OR any(k IN needed WHERE n[k] IS NULL)
RETURN count(n) AS count, collect(coalesce(n.id, elementId(n)))[..20] AS sample

// name: integrity_relationships_outside_model
// mode: read
// params: ties, rel_props, starts, ends
// returns: count, sample
// Relationships the model does not describe: an unknown type, a `tie` that is not
// the type's tie kind, an undeclared property, or ends with labels the type does
// not allow. $ties, $rel_props, $starts and $ends are keyed by type, from model.py.
MATCH (a)-[r]->(b)
WITH a, r, b, type(r) AS t
WHERE $ties[t] IS NULL OR r.tie IS NULL OR r.tie <> $ties[t] OR r.id IS NULL
   OR any(k IN keys(r) WHERE NOT k IN $rel_props[t])
   OR none(l IN labels(a) WHERE l IN $starts[t])
   OR none(l IN labels(b) WHERE l IN $ends[t])
RETURN count(r) AS count, collect(a.id + ' -' + t + '-> ' + b.id)[..20] AS sample
