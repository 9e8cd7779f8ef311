// name: routing_table
// mode: read
// params: database
// returns: ttl, role, addresses
// The routing table a `neo4j://` driver receives for one database: which servers
// route, read and write. On a single server it lists that server in every role; on a
// cluster or Aura, readers and the writer differ (docs/scaling.md).
CALL dbms.routing.getRoutingTable({}, $database) YIELD ttl, servers
UNWIND servers AS server
RETURN ttl, server.role AS role, server.addresses AS addresses
ORDER BY role
