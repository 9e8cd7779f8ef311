// name: cookbook_policies_issued
// mode: read
// params: none
// returns: organ, level, policy, year, implemented_by
// Which organs issued which policies, and who carried them out below.
MATCH (o:Organization)-[i:ISSUES]->(p:Policy)
OPTIONAL MATCH (p)<-[:IMPLEMENTS]-(below:Organization)
RETURN o.id AS organ, o.level AS level, p.id AS policy, coalesce(i.year, p.year) AS year,
       collect(DISTINCT below.id) AS implemented_by
ORDER BY year, organ
