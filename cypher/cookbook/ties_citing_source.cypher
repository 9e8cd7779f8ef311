// name: cookbook_ties_citing_source
// mode: read
// params: source_id
// returns: tie, type, tie_kind, start, end, evidence, quote
// From a Source to the ties that cite it: every relationship whose `sources` list holds
// the id, with its ends, grade and quote. No index covers a list on relationships of
// every type, so this reads each relationship once: fine for a chapter's graph, a scan
// on a synthetic city of millions.
MATCH (s:Source {id: $source_id})
MATCH (a)-[r]->(b)
WHERE s.id IN r.sources
RETURN r.id AS tie, type(r) AS type, r.tie AS tie_kind, a.id AS start, b.id AS end,
       r.evidence AS evidence, r.quote AS quote
ORDER BY tie
