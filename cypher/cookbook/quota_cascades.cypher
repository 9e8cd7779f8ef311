// name: cookbook_quota_cascades
// mode: read
// params: none
// returns: kind, year, top, middle, bottom, first_amount, second_amount
// Quotas passed down two levels in a row (city to bureau to firm, say).
MATCH (a:Entity)-[q1:ALLOCATES_QUOTA]->(b:Entity)-[q2:ALLOCATES_QUOTA]->(c:Entity)
WHERE q1.quotaKind = q2.quotaKind AND coalesce(q1.year, 0) = coalesce(q2.year, 0)
RETURN q1.quotaKind AS kind, q1.year AS year, a.id AS top, b.id AS middle, c.id AS bottom,
       q1.amount AS first_amount, q2.amount AS second_amount
ORDER BY kind, year, top
