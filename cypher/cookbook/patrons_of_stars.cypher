// name: cookbook_patrons_of_stars
// mode: read
// params: none
// returns: worker, patron, type, what, sources
// expands: patronage
// Who stood behind each laid-off worker who got help: every patronage tie into the
// worker, typed and directed, with its evidence.
MATCH (w:Worker)<-[r:RECOMMENDED|AWARDED_TITLE|SUPPORTED|SPONSORS|VISITED]-(p:Entity)
WHERE w.status IN ['self_employed', 'reemployed', 'xiagang', 'unemployed']
RETURN w.id AS worker, p.id AS patron, type(r) AS type,
       coalesce(r.kind, r.title, r.purpose) AS what, r.sources AS sources
ORDER BY worker, type, patron
