// name: cookbook_tie_sources
// mode: read
// params: entity_id
// returns: tie, type, start, end, evidence, quote, source, citation, footnote
// From a tie to the Source nodes it cites: every tie of one entity, one row per source.
// A tie keeps its evidence as a list of Source ids (`sources`), not as relationships,
// so the Source nodes are reached by matching those ids (an index seek each).
MATCH (a:Entity {id: $entity_id})-[r]-()
UNWIND r.sources AS source_id
MATCH (s:Source {id: source_id})
RETURN r.id AS tie, type(r) AS type, startNode(r).id AS start, endNode(r).id AS end,
       r.evidence AS evidence, r.quote AS quote,
       s.id AS source, s.citation AS citation, s.footnote AS footnote
ORDER BY tie, source
