"""Run the suite under another machine's arithmetic, simulated on this one.

Stored notebook outputs are compared digit by digit, so every stored number must come out
the same on any instructor's laptop. Two things make floating-point results differ
between machines: the BLAS kernels OpenBLAS picks for the CPU (matrix products), and the
SIMD code paths numpy picks for its own functions (`exp`, `log`, `tanh`, sums). The BLAS
thread count and the hash seed (the order of a printed set) change results too. Each
can be switched here by an environment variable read when numpy loads, so a kernel
started with it computes as another machine would:

    python tools/arithmetic.py list                  the variants, what each sets, what is skipped here
    python tools/arithmetic.py run VARIANT -- CMD..  run CMD under one variant (make test uses other-machine)
    python tools/arithmetic.py portable NB.ipynb..   strict nbval of notebooks under every variant, one table

Variants (those that mean nothing on this machine are skipped, with the reason):
    native          one BLAS thread, PYTHONHASHSEED=0: what `make test` and `make refresh` use
    blas-baseline   OPENBLAS_CORETYPE=Prescott: OpenBLAS's baseline x86-64 kernels (SSE3)
    blas-avx        OPENBLAS_CORETYPE=Sandybridge: AVX kernels without FMA
    simd-off        NPY_DISABLE_CPU_FEATURES=numpy's dispatch targets above its baseline
    threads-hash    two BLAS threads and a random PYTHONHASHSEED
    other-machine   all of the above at once (Prescott kernels): the second pass of `make test`
"""
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
NATIVE = {**{v: "1" for v in THREAD_VARS}, "PYTHONHASHSEED": "0"}
X86 = platform.machine().lower() in ("x86_64", "amd64", "i686", "i386")
NBVAL = ["--nbval", "--nbval-current-env", f"--nbval-sanitize-with={ROOT / 'tests' / 'nbval_sanitize.cfg'}",
         "-p", "no:cacheprovider", "-q"]


def _cpu_flags():
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return None


def simd_targets():
    """numpy's runtime-dispatch targets that this CPU has (disabling them changes exp/log/tanh)."""
    try:
        from numpy._core import _multiarray_umath as umath  # numpy >= 2
    except ImportError:  # numpy 1.x
        from numpy.core import _multiarray_umath as umath
    features = umath.__cpu_features__
    baseline = set(umath.__cpu_baseline__)
    return [t for t in umath.__cpu_dispatch__ if features.get(t) and t not in baseline]


def variants():
    """name -> (environment to set, or None when skipped here, description or skip reason)."""
    out = {"native": (dict(NATIVE), "one BLAS thread, PYTHONHASHSEED=0 (as stored)")}
    flags = _cpu_flags() or set()
    if X86:
        out["blas-baseline"] = ({"OPENBLAS_CORETYPE": "Prescott"}, "OpenBLAS Prescott kernels (SSE3)")
        if "avx" in flags or not flags:
            out["blas-avx"] = ({"OPENBLAS_CORETYPE": "Sandybridge"},
                               "OpenBLAS Sandybridge kernels (AVX, no FMA)")
        else:
            out["blas-avx"] = (None, "this CPU has no AVX")
    else:
        reason = f"OPENBLAS_CORETYPE names x86-64 kernels; this machine is {platform.machine()}"
        out["blas-baseline"] = (None, reason)
        out["blas-avx"] = (None, reason)
    targets = simd_targets()
    if targets:
        out["simd-off"] = ({"NPY_DISABLE_CPU_FEATURES": " ".join(targets)},
                           "numpy SIMD off: " + " ".join(targets))
    else:
        out["simd-off"] = (None, "numpy dispatches no SIMD code above its baseline on this CPU")
    out["threads-hash"] = ({**{v: "2" for v in THREAD_VARS}, "PYTHONHASHSEED": str(random.randint(1, 2**31))},
                           "two BLAS threads, a random PYTHONHASHSEED")
    combined, parts = {}, []
    for name in ("blas-baseline", "simd-off", "threads-hash"):
        env, _ = out[name]
        if env:
            combined.update(env)
            parts.append(name)
    out["other-machine"] = (combined, " + ".join(parts))
    return out


def environment(name):
    table = variants()
    if name not in table:
        raise SystemExit(f"arithmetic: no variant {name!r}; choose from {', '.join(table)}")
    env, why = table[name]
    if env is None:
        return None, why
    full = dict(os.environ)
    full.update(NATIVE)
    full.update(env)
    full["JUPYTER_PREFER_ENV_PATH"] = "1"
    return full, why


def cmd_list():
    for name, (env, why) in variants().items():
        if env is None:
            print(f"{name:<14} skipped here: {why}")
        else:
            sets = " ".join(f"{k}={v!r}" if " " in v else f"{k}={v}" for k, v in env.items())
            print(f"{name:<14} {why}\n{'':<14} {sets}")
    return 0


def cmd_run(name, command):
    env, why = environment(name)
    if env is None:
        print(f"arithmetic: variant {name} skipped on this machine: {why}")
        return 0
    shown = {k: env[k] for k in ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES", "OPENBLAS_NUM_THREADS",
                                 "PYTHONHASHSEED") if k in env}
    print(f"arithmetic: variant {name} ({why}): " + " ".join(f"{k}={v}" for k, v in shown.items()),
          flush=True)
    for part, (part_env, reason) in variants().items():
        if part_env is None:
            print(f"arithmetic: not simulated on this machine: {part} ({reason})", flush=True)
    return subprocess.call(command, env=env)


def cmd_portable(notebooks):
    """Strict nbval of each notebook under every variant; prints a table, fails if any fails."""
    if not notebooks:
        raise SystemExit("usage: python tools/arithmetic.py portable NOTEBOOK.ipynb ...")
    rows, failed = [], False
    print(f"{'variant':<15} {'result':<8} details", flush=True)
    for name, (env_part, why) in variants().items():
        env, _ = environment(name)
        if env is None:
            rows.append((name, "skipped", why))
            print(f"{name:<15} {'skipped':<8} {why}", flush=True)
            continue
        t0 = time.monotonic()
        res = subprocess.run([sys.executable, "-m", "pytest", *NBVAL, *notebooks], env=env, cwd=ROOT,
                             capture_output=True, text=True)
        verdict = "ok" if res.returncode == 0 else "FAILED"
        failed |= res.returncode != 0
        bad = sorted({line.split(" ")[1] for line in res.stdout.splitlines() if line.startswith("FAILED ")})
        rows.append((name, verdict, f"{time.monotonic() - t0:.0f} s  {why}" + (
            "\n" + "\n".join(f"{'':<24}{b}" for b in bad) if bad else "")))
        if res.returncode != 0:
            log = ROOT / "build" / f"portable-{name}.log"
            log.parent.mkdir(exist_ok=True)
            log.write_text(res.stdout + res.stderr)
            rows[-1] = (name, verdict, rows[-1][2] + f"\n{'':<24}report: {log}")
        print(f"{name:<15} {verdict:<8} {rows[-1][2]}", flush=True)
    bad = [name for name, verdict, _ in rows if verdict == "FAILED"]
    print("every variant gives the stored outputs" if not bad else
          f"stored outputs differ under: {', '.join(bad)} (print those numbers to the precision they are "
          "stable to, or make the run settle: see the README's instructor section)")
    return 1 if failed else 0


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv[0] == "list":
        return cmd_list()
    if argv[0] == "run" and len(argv) >= 4 and argv[2] == "--":
        return cmd_run(argv[1], argv[3:])
    if argv[0] == "portable":
        return cmd_portable(argv[1:])
    raise SystemExit("usage: python tools/arithmetic.py list | run VARIANT -- COMMAND... "
                     "| portable NOTEBOOK...")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
