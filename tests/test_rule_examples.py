"""Every rule's own examples: `bad` must be flagged by that rule, `good` must not."""

from __future__ import annotations

import pytest

from lint.rule_tests import check_rule_examples
from lint.ruleset import load_ruleset

RULES = list(load_ruleset())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_examples(rule):
    failures = check_rule_examples(rule)
    assert not failures, "\n".join(str(f) for f in failures)


def test_every_formulation_rule_has_source_and_dates():
    for r in RULES:
        if r.category == "formulation":
            assert r.source
            assert r.effective_from or r.effective_until
