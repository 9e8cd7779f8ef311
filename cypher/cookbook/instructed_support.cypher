// name: cookbook_instructed_support
// mode: read
// params: none
// returns: instructed_by, giver, kind, receiver, sources
// expands: backing
// Help given on someone else's instruction: the vertical order behind horizontal help.
MATCH (giver:Entity)-[s:SUPPORTED|SPONSORS]->(receiver:Entity)
WHERE s.instructedBy IS NOT NULL
MATCH (boss:Entity {id: s.instructedBy})
RETURN boss.id AS instructed_by, giver.id AS giver, coalesce(s.kind, type(s)) AS kind,
       receiver.id AS receiver, s.sources AS sources
ORDER BY instructed_by, giver
