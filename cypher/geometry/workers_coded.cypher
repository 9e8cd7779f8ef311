// name: workers_coded
// mode: read
// params: city
// returns: status, workers
// expands: job+venture
// How many workers are coded in a place, by status: those whose firm or venture lies in
// the Jurisdiction $city or below it (every worker when $city is null). It tells an
// empty node-worker answer "nothing coded there" from "no one there meets the criteria".
CALL () {
  UNWIND CASE WHEN $city IS NULL THEN [] ELSE [$city] END AS city
  MATCH (:Jurisdiction {id: city})<-[:PART_OF*0..4]-(:Jurisdiction)
        <-[:LOCATED_IN]-(:Organization)<-[:EMPLOYED_BY|LAID_OFF_BY|FOUNDED|WORKS_AT]-(w:Worker)
  RETURN w
  UNION
  MATCH (w:Worker)
  WHERE $city IS NULL
  RETURN w
}
RETURN w.status AS status, count(DISTINCT w) AS workers
ORDER BY status
