"""The domain imports nothing from Qt, peewee, reportlab or keyring (STYLE: layers)."""

import subprocess
import sys
from pathlib import Path

BLOCKER = """
import sys, importlib, pkgutil
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'peewee', 'playhouse', 'reportlab', 'keyring'}:
            raise ImportError('domain must stay pure: ' + name)
sys.meta_path.insert(0, Block())
import kzcommission.domain as d
for m in pkgutil.walk_packages(d.__path__, 'kzcommission.domain.'):
    importlib.import_module(m.name)
print('ok')
"""


def test_domain_imports_no_framework():
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", BLOCKER], cwd=root, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
