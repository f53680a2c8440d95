"""The README's dependency graph is the one the manifests give."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("addon_graph", ROOT / "scripts" / "addon_graph.py")
addon_graph = importlib.util.module_from_spec(spec)
spec.loader.exec_module(addon_graph)


def test_readme_graph_matches_the_manifests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"<!-- addon-graph:start -->\n```mermaid\n(.*?)```\n<!-- addon-graph:end -->", readme, re.S
    )
    assert block, "the README has no addon graph between its markers"
    expected = addon_graph.graph(addon_graph.read_manifests(ROOT / "addons"))
    assert block.group(1).splitlines() == expected, (
        "the README's graph is out of date: run scripts/addon_graph.py and paste its output"
    )


def test_graph_draws_only_direct_edges_and_own_external_modules():
    manifests = {
        "a": {"depends": ["sale"]},
        "b": {"depends": ["a", "sale", "helpdesk_mgmt"]},
        "c": {"depends": ["a", "b"]},
        "t": {"depends": ["a"], "category": "Hidden/Tests"},
    }
    manifests = {k: v for k, v in manifests.items() if v.get("category") != "Hidden/Tests"}
    assert addon_graph.graph(manifests) == [
        "flowchart BT",
        "    a --> sale([sale])",
        "    b --> a",
        "    b --> helpdesk_mgmt([helpdesk_mgmt])",
        "    c --> b",
    ]
