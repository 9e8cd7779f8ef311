// name: city_hierarchy
// mode: read
// params: city
// returns: nodes, relationships
// expands: command, pyramid
// The command pyramid of one city: its jurisdictions (PART_OF, up to four levels
// down), the organizations LOCATED_IN them, the offices above that supervise or
// hand quotas to them (up to three levels up), and every vertical tie among these.
MATCH (city:Jurisdiction {id: $city})
CALL (city) {
  MATCH (city)<-[:PART_OF*0..4]-(j:Jurisdiction)
  OPTIONAL MATCH (j)<-[:LOCATED_IN]-(o:Organization)
  RETURN collect(DISTINCT j) + collect(DISTINCT o) AS inside
}
CALL (city, inside) {
  UNWIND inside AS n
  OPTIONAL MATCH (n)<-[:SUPERVISES|ALLOCATES_QUOTA*1..3]-(boss:Organization)
  OPTIONAL MATCH (city)-[:PART_OF*1..3]->(above:Jurisdiction)
  RETURN collect(DISTINCT boss) + collect(DISTINCT above) AS over
}
WITH inside + [x IN over WHERE NOT x IN inside] AS members
CALL (members) {
  UNWIND members AS a
  MATCH (a)-[r:SUPERVISES|ALLOCATES_QUOTA|SENDS_LIST|REPORTS_TO|PART_OF|LOCATED_IN]->(b)
  WHERE b IN members
  RETURN collect(DISTINCT r) AS rels
}
RETURN [n IN members | {id: n.id, labels: labels(n), properties: properties(n)}] AS nodes,
       [r IN rels | {id: r.id, type: type(r), tie: r.tie, start: startNode(r).id,
                     end: endNode(r).id, sources: r.sources, properties: properties(r)}]
         AS relationships

// name: city_horizontal_team
// mode: read
// params: city
// returns: nodes, relationships
// expands: horizontal
// The horizontal teams of one city: every COLLABORATES_WITH, MEMBER_OF and CHAIRS
// tie that touches an organization located in the city (its leading small group,
// the mass organizations and the offices they work with), with both ends.
MATCH (city:Jurisdiction {id: $city})
CALL (city) {
  MATCH (city)<-[:PART_OF*0..4]-(:Jurisdiction)<-[:LOCATED_IN]-(o:Organization)
  MATCH (o)-[r:COLLABORATES_WITH|MEMBER_OF|CHAIRS]-(:Entity)
  RETURN collect(DISTINCT r) AS rels
}
WITH rels,
     reduce(acc = [], r IN rels |
       acc + [x IN [startNode(r), endNode(r)] WHERE NOT x IN acc]) AS members
RETURN [n IN members | {id: n.id, labels: labels(n), properties: properties(n)}] AS nodes,
       [r IN rels | {id: r.id, type: type(r), tie: r.tie, start: startNode(r).id,
                     end: endNode(r).id, sources: r.sources, properties: properties(r)}]
         AS relationships
