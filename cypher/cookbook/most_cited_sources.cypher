// name: cookbook_most_cited_sources
// mode: read
// params: none
// returns: source, citation, footnote, ties
// Which pieces of evidence carry the most ties: where the argument rests.
MATCH ()-[r]->()
UNWIND r.sources AS sid
WITH sid, count(*) AS ties
MATCH (s:Source {id: sid})
RETURN s.id AS source, s.citation AS citation, s.footnote AS footnote, ties
ORDER BY ties DESC, source
LIMIT 15
