// name: base_facts
// mode: read
// params: venture_id
// returns: venture_id, name, employees, laid_off, stable_scope, marketable_product, has_worksite, is_base, endorsed_by, state_firm_founders, founders
// The facts the reemployment-base criteria read for one venture: its head counts,
// scope, product and worksite, who endorsed it as a base, and whether its founders
// came from state-owned firms (by their EMPLOYED_BY / LAID_OFF_BY ties).
MATCH (v:Venture {id: $venture_id})
CALL (v) {
  OPTIONAL MATCH (founder:Person)-[:FOUNDED]->(v)
  OPTIONAL MATCH (founder)-[:EMPLOYED_BY|LAID_OFF_BY]->(f:Enterprise)
  WHERE f.ownership = 'state'
  RETURN collect(DISTINCT founder.id) AS founders,
         collect(DISTINCT CASE WHEN f IS NOT NULL THEN founder.id END) AS state_firm_founders
}
CALL (v) {
  OPTIONAL MATCH (sponsor)-[s:SPONSORS]->(v)
  WHERE s.endorsedAsBase = true
  RETURN collect(DISTINCT sponsor.id) AS sponsors
}
RETURN v.id AS venture_id, v.name AS name, v.employees AS employees,
       v.laidOffEmployees AS laid_off, v.stableScope AS stable_scope,
       v.marketableProduct AS marketable_product, v.hasWorksite AS has_worksite,
       v:ReemploymentBase AS is_base,
       [x IN sponsors + CASE WHEN v.endorsedBy IS NULL THEN [] ELSE [v.endorsedBy] END
        WHERE x IS NOT NULL] AS endorsed_by,
       state_firm_founders, founders
