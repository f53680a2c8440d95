#!/usr/bin/env python3
"""Print the dependency graph of the suite's addons as a Mermaid flowchart.

Only the edges between the suite's own addons are drawn, plus, for each
addon, the Odoo or OCA modules it names directly that no other addon of the
suite brings it (``sale``, ``helpdesk_mgmt``...), as rounded boxes. Transitive
edges are left out so that the picture stays readable: an edge A --> B is
drawn when A depends on B and on no other suite addon that depends on B.
Addons of the ``Hidden/Tests`` category are not part of the suite.

Usage: addon_graph.py [ROOT]   (the README's "Architecture" section holds its
output; tests/test_addon_graph.py checks that they agree)
"""

import ast
import sys
from pathlib import Path


def read_manifests(addons_dir):
    """{addon: manifest} of the installable, non-test addons of ``addons_dir``."""
    manifests = {}
    for path in sorted(Path(addons_dir).glob("*/__manifest__.py")):
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
        if manifest.get("installable", True) and manifest.get("category") != "Hidden/Tests":
            manifests[path.parent.name] = manifest
    return manifests


def graph(manifests):
    """The Mermaid lines of the graph (without the code fence)."""
    internal = {
        name: [d for d in m.get("depends", []) if d in manifests] for name, m in manifests.items()
    }

    closure = {}

    def reach(name):
        if name not in closure:
            closure[name] = set()
            for dep in internal[name]:
                closure[name] |= {dep} | reach(dep)
        return closure[name]

    lines = ["flowchart BT"]
    for name in sorted(manifests):
        deps = internal[name]
        direct = [d for d in deps if not any(d in reach(other) for other in deps if other != d)]
        for dep in sorted(direct):
            lines.append(f"    {name} --> {dep}")
        brought = set().union(*(reach(d) | {d} for d in deps)) if deps else set()
        brought_external = {
            e for b in brought for e in manifests[b].get("depends", []) if e not in manifests
        }
        for ext in sorted(d for d in manifests[name].get("depends", []) if d not in manifests):
            if ext not in brought_external and ext not in ("base", "web", "mail"):
                lines.append(f"    {name} --> {ext}([{ext}])")
    return lines


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    print("\n".join(graph(read_manifests(root / "addons"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
