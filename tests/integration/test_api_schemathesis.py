"""Property-based fuzzing of the whole API from its own /openapi.json (bounded).

Schemathesis generates requests for every operation — valid and invalid — and
checks that none gives a server error and every response fits the documented
schema (status code, content type, body).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.schemas import BaseOpenAPISchema

from patronage_graph import Settings
from patronage_graph_api.main import create_app

pytestmark = pytest.mark.integration
# FastAPI writes OpenAPI 3.1; schemathesis 3 reads it behind this switch.
schemathesis.experimental.OPEN_API_3_1.enable()


@pytest.fixture(scope="module")
def api_schema(neo4j_settings: Settings, seeded: Any) -> BaseOpenAPISchema:
    app = create_app(neo4j_settings.model_copy(update={"cypher_timeout_s": 2.0}))
    return schemathesis.from_asgi("/openapi.json", app)


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_no_schema_break(case: schemathesis.Case) -> None:
    response = case.call_asgi()
    case.validate_response(response)
