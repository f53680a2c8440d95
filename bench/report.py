"""Write ``bench/RESULTS.md`` from the latest results of the benchmarks.

Reads ``.bench-results/<bench>-latest.json`` of ``bench_cid``,
``bench_interaction`` and ``bench_suite``, and writes one Markdown file: the
machine and the date, the goals of the addons with the figure measured for
each, then every figure (median, p95, the stock or reference figure, the
ratio). A result file older than the run (``--duration`` seconds before now)
is flagged as such rather than passed off as part of it.

Usage (``run.sh`` calls it at the end)::

    python3 bench/report.py --size small --customers 100000 --interactions 200000
"""

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

from common import RESULTS_DIR, ROOT, machine_info

OUTPUT = ROOT / "bench" / "RESULTS.md"
BENCHES = {
    "bench_cid": "Customer identity (`crm_cid`)",
    "bench_interaction": "Interactions (`crm_interaction`)",
    "bench_suite": "Access policy, partner creation, secretariat, memory "
    "(`crm_access_policy`, `crm_cid`, `secretariat`)",
}
# which addon's goal each benchmark line answers
GOAL_OWNERS = {
    "bench_cid": "crm_cid",
    "bench_interaction": "crm_interaction",
    "access_": "crm_access_policy",
    "create_partners": "crm_cid",
    "register_": "secretariat",
}


def load(name):
    path = RESULTS_DIR / f"{name}-latest.json"
    if not path.is_file():
        return None, None
    return json.loads(path.read_text(encoding="utf-8")), path.stat().st_mtime


def fmt(value, unit=""):
    if value is None:
        return "-"
    if unit == "ok":
        return "yes" if value >= 1 else "**no**"
    if unit in ("calls", "queries"):
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"


def p95(details, side):
    summary = details.get(side) if isinstance(details, dict) else None
    if isinstance(summary, dict):
        return summary.get("p95_ms")
    if side == "ours" and isinstance(details, dict):
        return details.get("p95_ms")
    return None


def owner(bench, key):
    for prefix, addon in GOAL_OWNERS.items():
        if bench == prefix or key.startswith(prefix):
            return addon
    return bench


def verdict(metric):
    return {True: "pass", False: "**miss**", None: ""}[metric.get("passed")]


def ratio_text(metric):
    ratio = metric.get("ratio")
    return "-" if ratio is None else f"{ratio:.2f}x"


def build(args):
    now = datetime.datetime.now(datetime.UTC)
    run_started = time.time() - (args.duration or 0) - 60
    machine = machine_info()
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/report.py` at the end of `bench/run.sh`; figures are medians of",
        "interleaved calls unless said otherwise, p95 next to them, ratios `ours / stock`",
        "(or Agent / Manager) measured in the same run on the same machine.",
        "",
        f"- date: {now:%Y-%m-%d %H:%M} UTC",
        f"- command: `bench/run.sh --size {args.size}` ({args.customers:,} customers, "
        f"{args.interactions:,} interactions)",
    ]
    if args.duration:
        lines.append(
            f"- duration of the run: {args.duration // 60} min {args.duration % 60} s "
            "(databases created, data generated, every benchmark)"
        )
    lines += [
        f"- machine: {machine['cpus']} CPUs, {machine['memory_gb']} GB, {machine['platform']}",
        f"- software: Odoo {machine['odoo']}, PostgreSQL {machine['postgresql']}, "
        f"Python {machine['python']}",
    ]
    results = {}
    for name in BENCHES:
        payload, mtime = load(name)
        if payload is None:
            continue
        results[name] = payload
        stale = mtime < run_started if args.duration else False
        load_avg = payload.get("load_average_before") or payload.get("machine", {}).get(
            "load_average"
        )
        when = datetime.datetime.fromtimestamp(mtime, datetime.UTC)
        lines.append(
            f"- `{name}`: results of {when:%Y-%m-%d %H:%M} UTC"
            + (" (**not from this run**)" if stale else "")
            + (
                f", load average at start {', '.join(f'{v:.1f}' for v in load_avg)}"
                if load_avg
                else ""
            )
        )
    lines += [
        "",
        "The load average is the number to read first: on two shared cores, another",
        "process's work slows every absolute figure; the ratios, measured interleaved,",
        "hold better.",
        "",
        "## Goals of the addons",
        "",
        "| addon | measure | goal | measured | stock / reference | ratio | |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, payload in results.items():
        for metric in payload.get("metrics", []):
            if not metric.get("target"):
                continue
            unit = metric["unit"]
            shown_unit = "" if unit == "ok" else unit
            lines.append(
                f"| {owner(name, metric['key'])} | {metric['label'].strip()} | "
                f"{metric['target']} | {fmt(metric['ours'], unit)} {shown_unit} | "
                f"{fmt(metric['stock'], unit)} | {ratio_text(metric)} | {verdict(metric)} |"
            )
    for name, payload in results.items():
        lines += [
            "",
            f"## {BENCHES[name]}",
            "",
            "| measure | unit | ours | p95 | stock / reference | p95 | ratio | goal | |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for metric in payload.get("metrics", []):
            unit, details = metric["unit"], metric.get("details") or {}
            label = ("ref: " if metric.get("reference") else "") + metric["label"].strip()
            lines.append(
                f"| {label} | {unit} | {fmt(metric['ours'], unit)} | "
                f"{fmt(p95(details, 'ours')) if unit == 'ms' else '-'} | "
                f"{fmt(metric['stock'], unit)} | "
                f"{fmt(p95(details, 'stock')) if unit == 'ms' else '-'} | {ratio_text(metric)} | "
                f"{metric.get('target') or '-'} | {verdict(metric)} |"
            )
        errors = payload.get("errors")
        if errors:
            lines += ["", "Errors reported by the benchmark:", ""]
            lines += [f"- {error}" for error in errors]
        if name == "bench_suite" and payload.get("secretariat"):
            lines += [
                "",
                "Registration under concurrency, per number of clients:",
                "",
                "| clients | letters | wall time | letters/s | median | p95 | slowest | errors "
                "| numbers gapless |",
                "|---|---|---|---|---|---|---|---|---|",
            ]
            for clients, row in payload["secretariat"].items():
                lines.append(
                    f"| {clients} | {row['letters']} | {row['wall_s']:.1f} s | "
                    f"{fmt(row['per_s'])} | {fmt(row['latency']['median_ms'])} ms | "
                    f"{fmt(row['latency']['p95_ms'])} ms | "
                    f"{fmt(row['latency'].get('max_ms'))} ms | {row['error_count']} | "
                    f"{'yes' if row['distinct'] and row['consecutive'] else '**no**'} |"
                )
    lines += ["", "Raw results, with every sample summary: `.bench-results/*-latest.json`.", ""]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="small")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--duration", type=int, help="seconds the run took")
    parser.add_argument("--run-id", default="")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    args.output.write_text(build(args), encoding="utf-8")
    print(f"results written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
