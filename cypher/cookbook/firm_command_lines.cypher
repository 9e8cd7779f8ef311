// name: cookbook_firm_command_lines
// mode: read
// params: none
// returns: worker, firm, line, top_level
// The command line above each laid-off worker's firm: bounded, directed SUPERVISES
// hops up to an office with no superior (the worker–firm–bureau triangle and above).
MATCH (w:Worker)-[:LAID_OFF_BY]->(f:Enterprise)
MATCH line = (top:Organization)-[:SUPERVISES*1..6]->(f)
WHERE NOT EXISTS { (:Organization)-[:SUPERVISES]->(top) }
RETURN w.id AS worker, f.id AS firm, [n IN reverse(nodes(line)) | n.id] AS line,
       top.level AS top_level
ORDER BY worker, size(line) DESC
