// name: cookbook_patrons_beyond_the_firm
// mode: read
// params: worker_id
// returns: patron, system, level, type, inside_firm
// expands: patronage, job
// For one worker: each patron, its system and level, and whether it sits inside the
// worker's own firm or beyond it (the chapter's "within and beyond" test).
MATCH (w:Worker {id: $worker_id})
MATCH (w)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
RETURN p.id AS patron, p.system AS system, p.level AS level, type(r) AS type,
       EXISTS { (w)-[:EMPLOYED_BY|LAID_OFF_BY]->(p) } AS inside_firm
ORDER BY inside_firm DESC, patron
