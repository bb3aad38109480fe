"""#10: schemathesis generates requests from the OpenAPI schema for every operation, valid and invalid
(bounded examples, fixed seed); none may answer with a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from accounts.models import ApiToken
from zabota.api import api
from zabota.wsgi import application

EXAMPLES = 12
pytestmark = pytest.mark.fuzz


def test_it_never_answers_a_generated_request_with_a_server_error(region):
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
    schema.app = application
    headers = {"Authorization": f"Bearer {ApiToken.issue(region.users['coordinator'])}"}
    errors = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call(headers=headers)
            if response.status_code >= 500:
                errors.append(
                    f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200} → {response.status_code}"
                )

        run()
    assert not errors, "\n".join(errors[:30])
