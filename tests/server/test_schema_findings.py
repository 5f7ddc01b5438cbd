"""What the schemathesis sweep (tests/e2e/test_schema_sweep.py) found, pinned down here so it
stays fixed without running the sweep:

- an item type posted without a checklist was created with an empty one (msgspec does not hold
  a default to its min_length), which the schema's ItemTypeOut forbids and which would let a
  case be submitted with no evidence at all: now 422 empty_checklist;
- the OpenAPI document named only 200 and 400 (with Litestar's validation body, which the API
  never sends) for every route, and application/json for files: it now names every error status
  a route gives, each with the one error body, and the files' real media types."""

from litestar.routes import HTTPRoute

from server.openapi_docs import ERRORS
from tests.server.test_authorization_matrix import is_litestars_options

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}


async def test_item_type_without_checklist_is_refused(client, users):
    r = await client.post("/api/v1/item-types", headers=users.headers("admin"), json={
        "code": "no_checklist", "name_zh": "无清单", "name_en": "No checklist"})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "empty_checklist" and r.json()["detail"]["message_zh"]
    assert (await client.get("/api/v1/item-types/no_checklist", headers=users.headers("admin"))).status_code == 404


async def test_every_operation_documents_its_errors_with_the_one_body(client):
    document = (await client.get("/schema/openapi.json")).json()
    operations = 0
    for route in client.app.routes:
        if not isinstance(route, HTTPRoute) or route.path_format not in document["paths"]:
            continue
        for handler in route.route_handlers:
            if is_litestars_options(handler):
                continue
            for method in handler.http_methods:
                responses = document["paths"][route.path_format][method.lower()]["responses"]
                operations += 1
                errors = {int(code) for code in responses if int(code) >= 400}
                assert {400, 404, 422} <= errors, (method, route.path_format, errors)
                if not (handler.opt or {}).get("exclude_from_auth"):
                    assert {401, 403} <= errors, (method, route.path_format)
                for code in errors:
                    assert code in ERRORS
                    assert responses[str(code)]["content"]["application/json"]["schema"] == ERROR_BODY
    assert operations > 60


async def test_files_are_documented_as_files(client):
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    original = paths["/api/v1/evidence/{evidence_id}/file/{variant}"]["get"]["responses"]
    assert {"image/jpeg", "video/mp4"} <= set(original["200"]["content"]) and "206" in original
    assert "application/json" not in original["200"]["content"]
    assert set(paths["/api/v1/cases/{case_id}/archive"]["get"]["responses"]["200"]["content"]) == {"application/zip"}
    assert "text/csv" in paths["/api/v1/audit/flags"]["get"]["responses"]["200"]["content"]


async def test_the_one_shot_upload_documents_its_form(client):
    # The handler reads the form itself as it streams in, so Litestar cannot describe it.
    operation = (await client.get("/schema/openapi.json")).json()["paths"]["/api/v1/cases/{case_id}/evidence"]["post"]
    form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["file"]["format"] == "binary" and set(form["required"]) == {"requirement", "file"}
