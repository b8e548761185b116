"""Do the hidden tests' tolerances hold on a machine whose float arithmetic runs in another order?

    make reference-variations      (or: python benchmarks/reference_variations.py [UNIT ...])

The committed references were recorded on one CPU at torch's default thread count; the suite regenerates them at
one thread and compares (tests/test_sync.py). This goes further: it regenerates every unit's references from its
solution under variations that change the order of float reductions the way another learner's machine would, and
compares each with the committed file within the tolerances stored beside each value:
- the thread count (1 and 2: how parallel reductions are chunked);
- `ATEN_CPU_CAPABILITY=default`: PyTorch's plain, non-vectorised CPU kernels, as on a CPU without AVX2/AVX-512
  (vector kernels sum in lanes, then across lanes);
- oneDNN switched off (`torch.backends.mkldnn.enabled = False`, set in the kernel at start-up): convolutions and
  some matrix products take PyTorch's native path instead.
It writes benchmarks/REFERENCE_VARIATIONS.md: per unit and variation, whether every value stays within its
tolerance, and the margin (the largest |difference| / tolerance over the unit's values: below 1 passes; the
smaller, the safer). Runs every solution once per variation: about a quarter of an hour on 2 cores.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import tempfile
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.tables import previous_rows  # noqa: E402
from nnzh import course  # noqa: E402
from nnzh.cli import generate_references  # noqa: E402
from nnzh.references import entry_tensor, paired_values  # noqa: E402
from tests.conftest import copy_course  # noqa: E402

VARIATIONS = {  # name -> (environment for the solution's kernel, code its IPython runs at start-up)
    "1 thread": ({"OMP_NUM_THREADS": "1"}, ""),
    "2 threads": ({"OMP_NUM_THREADS": "2"}, ""),
    "no SIMD kernels": ({"OMP_NUM_THREADS": "1", "ATEN_CPU_CAPABILITY": "default"}, ""),
    "oneDNN off": ({"OMP_NUM_THREADS": "1"}, "import torch\ntorch.backends.mkldnn.enabled = False\n"),
}


def margin(generated: Path, committed: Path) -> tuple[float, list[str]]:
    """The largest |new - old| / (atol + rtol * |old|) over the values, and what differs besides values (names
    only one file has, shapes)."""
    differs, pairs = paired_values(generated, committed)
    worst = 0.0
    for name, a, entry in pairs:
        b = entry_tensor(entry)
        if a.shape != b.shape:
            differs.append(f"{name}: shape {tuple(a.shape)}, committed {tuple(b.shape)}")
            continue
        allowed = entry["atol"] + entry["rtol"] * b.abs()
        diff = (a - b).abs()
        ratio = torch.where(allowed > 0, diff / allowed.clamp_min(1e-300), diff * float("inf")).nan_to_num(0.0)
        worst = max(worst, ratio.max().item() if ratio.numel() else 0.0)
    return worst, differs


def regenerate(unit: str, tmp: Path, env: dict[str, str], startup: str) -> Path:
    ipython = tmp / "ipython"
    (ipython / "profile_default" / "startup").mkdir(parents=True, exist_ok=True)
    (ipython / "profile_default" / "startup" / "00-variation.py").write_text(startup)
    saved = {k: os.environ.get(k) for k in [*env, "IPYTHONDIR"]}
    os.environ.update({**env, "IPYTHONDIR": str(ipython)})  # inherited by the kernel
    try:
        return generate_references(copy_course(tmp / "course"), unit, tmp / "out")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def main() -> None:
    units = sys.argv[1:] or course.units(REPO)
    out = REPO / "benchmarks" / "REFERENCE_VARIATIONS.md"
    rows = previous_rows(out, columns=2 + len(VARIATIONS))
    for unit in units:
        committed = REPO / "autograder" / "references" / f"{unit}.json"
        cells = []
        for name, (env, startup) in VARIATIONS.items():
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    worst, missing = margin(regenerate(unit, Path(tmp), env, startup), committed)
                except RuntimeError as err:  # the solution itself fails a check under this variation
                    failed = [line for line in str(err).splitlines() if line.startswith("AssertionError: ")]
                    cells.append("FAILS: the solution's own check: " + (failed[-1][16:] if failed else "see log"))
                    print(unit, name, cells[-1], flush=True)
                    continue
            verdict = "holds" if worst < 1 and not missing else "FAILS"
            cells.append(f"{verdict} ({worst:.2g})" + (f", differs: {', '.join(missing)}" if missing else ""))
            print(unit, name, cells[-1], flush=True)
        rows[unit] = f"| {unit} | " + " | ".join(cells) + f" | {datetime.date.today()} |"
    machine = (f"{os.cpu_count()} CPU cores ({platform.machine()}, {platform.processor() or 'unknown'}), "
               f"torch {torch.__version__}")
    lines = [
        "# Reference tolerances under other float orders",
        "",
        "Written by `make reference-variations` (benchmarks/reference_variations.py [UNIT ...] re-measures only those",
        f"units' rows; its docstring says what each variation changes), on {machine}. Each cell: whether every value",
        "regenerated from the solution under that variation stays within its stored tolerance of the committed",
        "value, and the margin: the largest |difference| / tolerance (under 1 passes; smaller is safer; 0: equal).",
        "",
        "| unit | " + " | ".join(VARIATIONS) + " | measured |",
        "|---|" + "---|" * len(VARIATIONS) + "---|",
        *(rows[u] for u in course.units(REPO) if u in rows),
    ]
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
