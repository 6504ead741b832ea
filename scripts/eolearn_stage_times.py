"""Mean time of every node of ../shared/bench/eolearn_workflow.py when eo-learn 1.5.6 runs it, from its EOExecutor's
execution statistics: the eo-learn column of docs/performance.md's per-stage table.
Usage, from the work folder side_by_side.sh prepared (e.g. /tmp/eolearn-bench-16), with the oracle's Python:
    bash SHARED/oracle/env.sh python PROJECT/scripts/eolearn_stage_times.py N WORKERS SHARED
"""
import runpy
import statistics
import sys

import eolearn.core

n, workers, shared = sys.argv[1], sys.argv[2], sys.argv[3]
executors = []
run = eolearn.core.EOExecutor.run


def recording_run(self, *args, **kwargs):
    """EOExecutor.run, remembering the executor so its execution statistics can be read afterwards."""
    executors.append(self)
    return run(self, *args, **kwargs)


eolearn.core.EOExecutor.run = recording_run
sys.argv = ["eolearn_workflow.py", n, workers, "output_stage_times"]
try:
    runpy.run_path(f"{shared}/bench/eolearn_workflow.py", run_name="__main__")
except SystemExit as e:
    if e.code:
        raise
per_node = {}
for result in executors[0].execution_results:
    for stats in result.stats.values():
        per_node.setdefault(stats.node_name, []).append((stats.end_time - stats.start_time).total_seconds())
print("mean seconds per node (eo-learn):")
for name, times in per_node.items():
    print(f"  {name:14s} {statistics.mean(times):.4f}")
