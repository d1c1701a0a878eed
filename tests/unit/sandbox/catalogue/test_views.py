"""The catalogue's endpoints: definitions filtered and paged, questions in the versioned shape."""

from __future__ import annotations

from tests.unit.sandbox.conftest import FITTING


def test_definition_list_filters_and_paginates(sandbox):
    first = sandbox.get(
        "/v3/appointment-definitions",
        **{"filter[is_published]": "1", "filter[is_archived]": "0", "page[size]": "3"},
    ).json()
    second = sandbox.get(
        "/v3/appointment-definitions",
        **{
            "filter[is_published]": "1",
            "filter[is_archived]": "0",
            "page[size]": "3",
            "page[number]": "2",
        },
    ).json()

    ids = [d["id"] for d in first["data"] + second["data"]]
    assert ids == [1, 2, 3, 4, 7]  # archived 5 and unpublished 6 left out
    assert first["meta"] == {
        "current_page": 1,
        "last_page": 2,
        "per_page": 3,
        "total": 5,
        "from": 1,
        "to": 3,
    }
    assert first["links"]["next"] is not None
    assert second["links"]["next"] is None


def test_questions_come_in_the_versioned_shape(sandbox):
    body = sandbox.get(f"/v3/appointment-definitions/{FITTING}/questions").json()["data"]

    alterations = next(q for q in body["questions"] if q["mapping_key"] == "alterations")
    assert body["questionnaire"]["purpose"] == "booking"
    assert alterations["version"]["type"] == "textarea"
    assert alterations["visibility_condition"] == {"==": [{"var": "has_alterations"}, "true"]}
    assert alterations["visibility_dependencies"] == ["has_alterations"]
    types = {q["version"]["type"] for q in body["questions"]}
    assert {
        "text",
        "textarea",
        "single_select",
        "multi_select",
        "boolean",
        "date",
        "number",
    } <= types
