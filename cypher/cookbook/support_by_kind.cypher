// name: cookbook_support_by_kind
// mode: read
// params: none
// returns: kind, acts, givers, receivers
// What kinds of help flowed, how often, from how many offices to how many recipients.
MATCH (giver:Entity)-[s:SUPPORTED]->(receiver:Entity)
RETURN s.kind AS kind, count(s) AS acts, count(DISTINCT giver) AS givers,
       count(DISTINCT receiver) AS receivers
ORDER BY acts DESC, kind
