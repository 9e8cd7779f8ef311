// name: cookbook_cross_system_collaboration
// mode: read
// params: none
// returns: system_a, system_b, ties
// Collaboration across organizational systems, by pair of systems: the horizontal
// teamwork the chapter describes (union with banks, tax offices, the ICB ...).
MATCH (a:Organization)-[c:COLLABORATES_WITH]->(b:Organization)
WHERE a.system <> b.system
WITH CASE WHEN a.system < b.system THEN a.system ELSE b.system END AS system_a,
     CASE WHEN a.system < b.system THEN b.system ELSE a.system END AS system_b
RETURN system_a, system_b, count(*) AS ties
ORDER BY ties DESC, system_a, system_b
