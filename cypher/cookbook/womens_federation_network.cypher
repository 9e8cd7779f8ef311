// name: cookbook_womens_federation_network
// mode: read
// params: none
// returns: unit, level, depth
// A mass organization's own hierarchy: the Women's Federation from city down to the
// residents' committee (centre, station, brigade, point), at most four levels.
MATCH path = (top:MassOrganization {id: 'wuhan-womens-federation'})-[:SUPERVISES*1..4]->(u:Organization)
RETURN u.id AS unit, u.level AS level, min(length(path)) AS depth
ORDER BY depth, unit
