// name: cookbook_centre_enrolment
// mode: read
// params: none
// returns: worker, centre, allowance, waiting, status
// Who got into a reemployment service centre, on what allowance, and who waits.
MATCH (w:Worker)-[e:ENROLLED_IN]->(c:ServiceUnit)
RETURN w.id AS worker, c.id AS centre, e.allowance AS allowance,
       coalesce(e.waiting, false) AS waiting, w.status AS status
ORDER BY waiting DESC, worker
