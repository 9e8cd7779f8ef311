// name: cookbook_bases_and_endorsers
// mode: read
// params: none
// returns: base, endorsed_by, laid_off, employees, founders
// expands: venture
// Reemployment bases, who endorsed them, their laid-off head count and founders.
MATCH (v:ReemploymentBase)
OPTIONAL MATCH (v)<-[s:SPONSORS]-(sponsor:Entity)
OPTIONAL MATCH (v)<-[:FOUNDED|WORKS_AT]-(p:Person)
RETURN v.id AS base, collect(DISTINCT coalesce(sponsor.id, v.endorsedBy)) AS endorsed_by,
       v.laidOffEmployees AS laid_off, v.employees AS employees,
       collect(DISTINCT p.id) AS founders
ORDER BY base
