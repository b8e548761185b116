"""How `make test` spreads the suite over its two xdist workers: the longest work first, one unit's grading at a time.

xdist's `--dist loadscope` sends a whole scope (a test module, or one lecture notebook's cells under nbval) to one
worker, so that module fixtures are built once. Two changes make the suite fit its time budget:
- the grading module is split into one scope per unit (its `batches` fixture grades only the units its worker
  got), so the seven grading batches spread over both workers instead of queueing on one;
- a worker that needs work gets the longest scope still waiting (longest-processing-time-first), so the one
  long lecture starts at once instead of after everything collected before it.
The estimates below only order the work: a stale estimate makes the suite slower, never wrong.
"""

from __future__ import annotations

import re

from xdist.scheduler import LoadScopeScheduling

# Minutes each scope took in a full `make test` on the 2-core reference machine (both cores busy; 2026-12-02, summed
# from the run's --junitxml per-test times). Scopes not listed take seconds.
ESTIMATED_MINUTES = {
    "lectures/06_wavenet.ipynb": 13.3,  # five 200,000-step experiments
    "lectures/04_batchnorm.ipynb": 4.7,
    "lectures/03_mlp.ipynb": 1.2,
    "lectures/05_backprop_ninja.ipynb": 1.1,
    "lectures/02_bigrams.ipynb": 0.9,
    "lectures/01_micrograd.ipynb": 0.6,
    "tests/test_grading.py[03_mlp]": 7.7,
    "tests/test_grading.py[06_wavenet]": 4.6,
    "tests/test_grading.py[02_bigrams]": 3.7,
    "tests/test_grading.py[07_cnn]": 3.6,
    "tests/test_grading.py[05_backprop_ninja]": 2.5,
    "tests/test_grading.py[04_batchnorm]": 2.3,
    "tests/test_grading.py[01_micrograd]": 2.1,
    "tests/test_grading.py": 0.6,  # the tests that grade unit 01 on their own
    "tests/test_cli.py": 1.5,  # `nnzh grade` of every untouched exercise on a fresh clone
    "tests/test_colab.py": 1.2,
    "tests/test_sync.py": 0.7,
    "tests/test_references.py": 0.3,
}

_UNIT_PARAM = re.compile(r"\[(\d\d_\w+)\]$")


def grading_scope(nodeid: str) -> str | None:
    """The scope of a grading test: `tests/test_grading.py[<unit>]` for a test parametrised by unit."""
    path, _, name = nodeid.partition("::")
    if not path.endswith("test_grading.py"):
        return None
    match = _UNIT_PARAM.search(name)
    return f"{path}[{match.group(1)}]" if match else path


class LongestFirstScheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        return grading_scope(nodeid) or super()._split_scope(nodeid)

    def _assign_work_unit(self, node) -> None:
        longest = max(self.workqueue, key=lambda scope: ESTIMATED_MINUTES.get(scope, 0.0))
        self.workqueue.move_to_end(longest, last=False)  # the base class hands out the first scope in the queue
        super()._assign_work_unit(node)
