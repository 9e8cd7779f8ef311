// name: schema
// mode: schema
// params: none
// returns: none
// Constraints and indexes. A uniqueness constraint on `id` for every node label of
// the model (tests/unit/test_schema_file.py checks this list against model.py),
// then the indexes the queries seek on. Every statement is IF NOT EXISTS, so
// `patronage-graph init` can run any number of times and change nothing.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT jurisdiction_id IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stateorgan_id IF NOT EXISTS FOR (n:StateOrgan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT massorganization_id IF NOT EXISTS FOR (n:MassOrganization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_id IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT serviceunit_id IF NOT EXISTS FOR (n:ServiceUnit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT leadingsmallgroup_id IF NOT EXISTS FOR (n:LeadingSmallGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT venture_id IF NOT EXISTS FOR (n:Venture) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reemploymentbase_id IF NOT EXISTS FOR (n:ReemploymentBase) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT worker_id IF NOT EXISTS FOR (n:Worker) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cadre_id IF NOT EXISTS FOR (n:Cadre) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT statistic_id IF NOT EXISTS FOR (n:Statistic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Filters the geometry queries start from.
CREATE INDEX worker_status IF NOT EXISTS FOR (n:Worker) ON (n.status);
CREATE INDEX organization_system IF NOT EXISTS FOR (n:Organization) ON (n.system);
CREATE INDEX organization_level IF NOT EXISTS FOR (n:Organization) ON (n.level);
CREATE INDEX jurisdiction_level IF NOT EXISTS FOR (n:Jurisdiction) ON (n.level);
CREATE INDEX enterprise_ownership IF NOT EXISTS FOR (n:Enterprise) ON (n.ownership);
CREATE INDEX statistic_measure IF NOT EXISTS FOR (n:Statistic) ON (n.measure);
CREATE INDEX source_kind IF NOT EXISTS FOR (n:Source) ON (n.kind);

// Name search over every entity (GET /search).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.nameZh, n.note];
