"""The vocabulary named in study/schema.py is the contract's: same codes, same order."""

from study import schema
from study.schema import CODEBOOK, STATEMENTS, contract


def test_categories_statuses_and_methods_are_the_contracts():
    c = contract()
    assert c.allowed(CODEBOOK, "category") == schema.CATEGORIES
    assert c.allowed(STATEMENTS, "status") == schema.STATUSES
    assert c.allowed(STATEMENTS, "method") == schema.METHODS


def test_every_category_answers_a_research_question():
    column = contract().column(CODEBOOK, "research_question")
    assert set(schema.RESEARCH_QUESTION) == set(schema.CATEGORIES)
    assert all(column.minimum <= q <= column.maximum for q in schema.RESEARCH_QUESTION.values())
    assert set(schema.RESEARCH_QUESTION.values()) == set(range(1, 8))


def test_study_actor_types_use_the_contracts_groups():
    groups = contract().allowed(schema.ACTOR_TYPES, "group")
    types = schema.study_actor_types()
    assert len({t[0] for t in types}) == len(types) > 0
    assert {t[1] for t in types} <= set(groups)
    assert all(t[2] and t[3] for t in types)
