// name: cookbook_titles_by_level
// mode: read
// params: none
// returns: level, titles, holders
// Model titles by the level that awarded them (enterprise up to nation).
MATCH (:Entity)-[t:AWARDED_TITLE]->(holder:Entity)
RETURN t.level AS level, count(t) AS titles, collect(DISTINCT holder.id) AS holders
ORDER BY titles DESC, level
