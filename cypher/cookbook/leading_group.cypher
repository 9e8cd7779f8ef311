// name: cookbook_leading_group
// mode: read
// params: none
// returns: group, member, system, role
// expands: membership
// The members of each leading small group and their systems (who chairs, who sits).
MATCH (g:LeadingSmallGroup)<-[r:MEMBER_OF|CHAIRS]-(m:Entity)
RETURN g.id AS group, m.id AS member, m.system AS system, type(r) AS role
ORDER BY group, role, member
