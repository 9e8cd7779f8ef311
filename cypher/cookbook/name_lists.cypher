// name: cookbook_name_lists
// mode: read
// params: none
// returns: direction, purpose, sender, receiver, sources
// Name lists passed down (who needs help) and up (hardship lists) the pyramid.
MATCH (a:Organization)-[l:SENDS_LIST]->(b:Organization)
RETURN l.direction AS direction, l.purpose AS purpose, a.id AS sender, b.id AS receiver,
       l.sources AS sources
ORDER BY direction, sender
