"""Issue 20 item 4: mypy runs with the suite, strict for the pure layers (domain, documents),
the default elsewhere. The domain has no error at all; the whole package may not have more
errors than the recorded baseline (tests/mypy_baseline.json), which only goes down."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).with_name("mypy_baseline.json")
ERROR = re.compile(r"^kzcommission/([a-z_]+)[/.].*: error: ")


@pytest.fixture(scope="module")
def mypy_errors() -> Counter[str]:
    pytest.importorskip("mypy")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "kzcommission"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if run.returncode not in (0, 1):  # 2: mypy itself failed (bad configuration)
        pytest.fail(run.stdout + run.stderr)
    layers = Counter(m.group(1) for line in run.stdout.splitlines() if (m := ERROR.match(line)))
    print(f"mypy: {sum(layers.values())} errors: {dict(sorted(layers.items()))}")
    return layers


def test_the_domain_is_strictly_typed(mypy_errors: Counter[str]) -> None:
    assert mypy_errors["domain"] == 0


def test_mypy_errors_never_grow_past_the_baseline(mypy_errors: Counter[str]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    grown = {
        layer: (count, baseline.get(layer, 0))
        for layer, count in mypy_errors.items()
        if count > baseline.get(layer, 0)
    }
    assert not grown, f"mypy errors grew past tests/mypy_baseline.json (now, baseline): {grown}"
