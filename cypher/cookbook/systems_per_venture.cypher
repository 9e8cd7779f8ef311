// name: cookbook_systems_per_venture
// mode: read
// params: none
// returns: venture, systems, supporters
// expands: backing
// How many organizational systems carried each venture: the horizontal breadth.
MATCH (v:Venture)<-[:SUPPORTED|SPONSORS]-(o:Organization)
RETURN v.id AS venture, count(DISTINCT o.system) AS systems,
       collect(DISTINCT o.id) AS supporters
ORDER BY systems DESC, venture
