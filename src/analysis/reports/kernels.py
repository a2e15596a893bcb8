"""Kernels for the batch: a warm kernel per worker process, reset to a clean slate before each report.

Two thirds of a fresh-kernel report is kernel start and imports. A worker therefore keeps one kernel
that has imported the stack (pandas, numpy, matplotlib, seaborn, statsmodels, ``analysis``) and
loaded the panel once (:func:`warm_up`); before each report :func:`reset` gives it the state a fresh
kernel would have:

- a fresh user namespace and history session (IPython ``reset``), execution count 1 (so cell numbers match a fresh run);
- matplotlib figures closed, ``rcParams`` restored to the post-warm-up snapshot;
- pandas options, numpy error/print options, ``warnings`` filters, ``sys.path`` and ``os.environ``
  restored; ``random`` and numpy's global generator reseeded from OS entropy, as in a new process;
- the working directory set to the report folder;
- every ``analysis.*`` module's dict restored from its post-warm-up snapshot (undoes monkeypatches
  and rebinding), top-level dict/list/set values restored in place, ``analysis`` modules imported
  since warm-up dropped from ``sys.modules``; the panel cache (``analysis.panel._CACHE``) handed out
  as a copy-on-write view of the warm-up frame, so a report that mutates it leaves no trace;
- the whole-panel tables computed at warm-up (``analysis.stats.kept``) and the report panel they
  belong to (``analysis.reports.numbers.report_panel``) stay, shared by every report: the report
  panel is handed out only while it equals its untouched copy, kept tables are checked against
  their panel's fingerprint and handed out as copies, and tables a report added are dropped by the
  dict restore above.

What is *not* reset: objects returned by ``functools`` caches in ``analysis`` (province registry,
message catalogues, map shapes, page templates) stay warm; a report that mutated one of those
objects in place would leak. The project's code returns copies (``province_table``) or read-only
objects (catalogues) there.

The host side (:class:`WarmKernel`) starts kernels over IPC sockets (no TCP port, so no
"running over TCP without encryption" warning and nothing listening on the network), watches the
kernel's memory while a report runs, and replaces a kernel that died, timed out or grew past the
limit; that report fails with the reason and the next one gets a new warm kernel.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid

DEFAULT_MEMORY_LIMIT = 3 * 1024**3  # bytes of kernel RSS before the kernel is replaced
ENGINE_NAME = "reform"
_RESET_MODULE = "_reform_kernel_reset"  # outside ``analysis`` so a report cannot monkeypatch it away

# --------------------------------------------------------------------------------------------------
# Kernel side: runs inside the kernel process.


def warm_up() -> None:
    """Import the stack, load what every report reads, and snapshot the state :func:`reset` restores."""
    import gc
    import importlib
    import types

    for name in (
        "numpy",
        "pandas",
        "matplotlib",
        "matplotlib.pyplot",
        "seaborn",
        "statsmodels.api",
        "statsmodels.formula.api",
        "scipy.stats",
        "IPython.display",
        "analysis",
        "analysis.config",
        "analysis.gaps",
        "analysis.panel",
        "analysis.provinces",
        "analysis.stats",
        "analysis.figures.gallery",
        "analysis.reports.numbers",
        "analysis.reports.province",
        "analysis.reports.national",
    ):
        importlib.import_module(name)
    from analysis.i18n import catalogue
    from analysis.panel import load_panel, load_population
    from analysis.provinces import province_table

    # Per-kernel cache of the shared inputs: loaded once here, valid for the run because the panel
    # checksum is part of every report's resume key and load_panel re-reads on a changed mtime.
    load_panel(level=None)
    load_population()
    province_table()
    catalogue("vi")
    catalogue("en")
    _warm_fonts()
    # The whole-panel tables every report reads (each index's rows, ranks, national bands, regional
    # means), the same set a batch writes once per run (analysis.reports.shared_tables): kept here for
    # the report panel every report is handed while it is unchanged. A figure-less report then runs
    # the report's own code paths once, so the first real report pays no first-call costs.
    from analysis.reports.numbers import report_panel
    from analysis.reports.province import province_report
    from analysis.reports.shared_tables import compute_shared_tables

    panel = report_panel()
    compute_shared_tables(panel)
    province_report(panel, province_table()["province_code"].iloc[0], figures=False)
    del panel
    state = _snapshot()
    # Everything alive now (the imported stack, the cached panel, the snapshot) lives as long as
    # the kernel: moved out of the collector's sight, a full collection (IPython's reset runs one)
    # costs 5 ms instead of 100 ms, and the report's own collections get cheaper too.
    gc.collect()
    gc.freeze()
    module = types.ModuleType(_RESET_MODULE)
    module.reset = lambda cwd: _restore(state, cwd)
    sys.modules[_RESET_MODULE] = module


def _warm_fonts() -> None:
    """Draw one text with the report font so font files are parsed now, not in the first report."""
    import matplotlib.pyplot as plt

    from analysis.figures import style

    fig = plt.figure(figsize=(1, 1))
    fig.text(0.5, 0.5, "Quảng Ninh 47,82", family=getattr(style, "FONT", None))
    fig.canvas.draw()
    plt.close(fig)


def _analysis_modules() -> dict:
    return {n: m for n, m in list(sys.modules.items()) if n == "analysis" or n.startswith("analysis.")}


def _snapshot() -> dict:
    import random  # noqa: F401  (imported so reset can reseed it)
    import warnings

    import matplotlib
    import numpy as np
    import pandas as pd

    modules = {}
    for name, mod in _analysis_modules().items():
        if mod is None:
            continue
        d = dict(vars(mod))
        # Dunder entries (``__builtins__`` is a dict) belong to the interpreter, not the project.
        containers = {k: type(v)(v) for k, v in d.items() if type(v) in (dict, list, set) and not k.startswith("__")}
        modules[name] = (mod, d, containers)
    panel_cache = {}
    cache = getattr(sys.modules.get("analysis.panel"), "_CACHE", None)
    if isinstance(cache, dict):
        panel_cache = {k: (v[0], v[1].copy(deep=False)) for k, v in cache.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        keys = list(pd._config.config._registered_options)
        pandas_options = {}
        for k in keys:
            try:
                pandas_options[k] = pd.get_option(k)
            except Exception:  # options that cannot be read back (deprecated, removed)
                continue
    return {
        "modules": modules,
        "panel_cache": panel_cache,
        "rc": dict(matplotlib.rcParams),
        "pandas": pandas_options,
        "np_err": np.geterr(),
        "np_print": np.get_printoptions(),
        "warnings": list(warnings.filters),
        "sys_path": list(sys.path),
        "environ": dict(os.environ),
    }


def _restore(state: dict, cwd: str) -> None:
    """The clean slate before a report (see the module docstring)."""
    # IPython's reset runs a full collection; cheap because warm_up froze the long-lived heap.
    import random
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from IPython import get_ipython

    ip = get_ipython()
    if ip is not None:
        # A new history session too: numbering restarts at 1 as in a fresh kernel, and IPython's
        # history database would refuse a repeated (session, line) pair.
        ip.reset(new_session=True)
    plt.close("all")
    dict.update(matplotlib.rcParams, state["rc"])  # as matplotlib's own rc_context restores
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k, v in state["pandas"].items():
            try:
                if pd.get_option(k) != v:
                    pd.set_option(k, v)
            except Exception:  # an option that cannot be set back is left as is
                continue
    np.seterr(**state["np_err"])
    np.set_printoptions(**state["np_print"])
    warnings.filters[:] = state["warnings"]
    warnings._filters_mutated()
    sys.path[:] = state["sys_path"]
    if dict(os.environ) != state["environ"]:
        os.environ.clear()
        os.environ.update(state["environ"])
    modules = state["modules"]
    for name in [n for n in list(sys.modules) if n == "analysis" or n.startswith("analysis.")]:
        if name not in modules:
            del sys.modules[name]  # imported by a report: a fresh kernel would not have it
    for name, (mod, saved, containers) in modules.items():
        sys.modules[name] = mod
        namespace = vars(mod)
        namespace.clear()
        namespace.update(saved)
        for key, copy in containers.items():
            value = saved[key]
            value.clear()
            (value.update if not isinstance(value, list) else value.extend)(copy)
    panel = sys.modules.get("analysis.panel")
    if panel is not None and isinstance(getattr(panel, "_CACHE", None), dict):
        panel._CACHE.clear()
        # Copy-on-write views: a report writing into the cached frame copies, the snapshot stays.
        panel._CACHE.update({k: (m, df.copy(deep=False)) for k, (m, df) in state["panel_cache"].items()})
    random.seed()
    np.random.seed()
    os.chdir(cwd)


# One expression binding no name: the reset empties the namespace it runs in.
RESET_CODE = "__import__('sys').modules[{module!r}].reset({cwd!r})"
WARM_UP_CODE = "import analysis.reports.kernels as _k\n_k.warm_up()\ndel _k"


# --------------------------------------------------------------------------------------------------
# Host side: runs in the batch worker process.


class KernelProblem(RuntimeError):
    """The kernel could not run the report (died, timed out, exceeded its memory, failed to warm up)."""


def _register_engine() -> None:
    """A papermill engine that accepts a running kernel manager (``km=``) and optionally a ready
    client (``kc=``, kept open by its owner); a client it starts itself is closed after each
    notebook (papermill's own engine leaves it open when it does not own the kernel)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class ReformEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            km=None,
            kc=None,
            **kwargs,
        ):
            kwargs = {k: v for k, v in kwargs.items() if k not in ("input_path", "timeout", "startup_timeout")}
            client = PapermillNotebookClient(
                nb_man,
                km=km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            )
            # A client kept by the caller skips nbclient's client start, whose readiness check
            # waits 0.2 s on a quiet IOPub channel: 0.25 s of every warm report was that wait.
            client.kc = kc
            try:
                return client.execute()
            finally:
                if kc is None and client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register(ENGINE_NAME, ReformEngine)


class WarmKernel:
    """One kernel (warm or fresh) started over IPC, with a control client, a memory watchdog and
    replacement after a failure. ``warm=False`` starts a plain kernel per :meth:`start` (the
    ``--kernels fresh`` mode)."""

    def __init__(self, kernel_name: str, warm: bool = True, memory_limit: int | None = DEFAULT_MEMORY_LIMIT):
        self.kernel_name = kernel_name
        self.warm = warm
        self.memory_limit = memory_limit
        self.km = None
        self.kc = None  # control client: warm-up and reset
        self.notebook_kc = None  # the client papermill runs each report's cells through
        self._sockets: str | None = None
        self.reports = 0

    # lifecycle ------------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def alive(self) -> bool:
        """Whether the kernel process is running."""
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    def start(self, cwd: str, timeout: float = 300) -> None:
        """Start the kernel in ``cwd`` (and warm it up when ``warm``); raises :class:`KernelProblem`."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.shutdown()
        self._sockets = tempfile.mkdtemp(prefix="reform-kernel-")
        # IPC sockets in a private folder: nothing listens on TCP, so the kernel never warns about
        # unencrypted TCP, and two workers cannot collide on a socket name.
        self.km = AsyncKernelManager(
            kernel_name=self.kernel_name, transport="ipc", ip=os.path.join(self._sockets, f"k{uuid.uuid4().hex[:8]}")
        )
        try:
            run_sync(self.km.start_kernel)(cwd=cwd)
            self.kc = self._control_client()
            if self.warm:
                self.run_code(WARM_UP_CODE, timeout, "warm-up")
        except Exception as exc:
            self.shutdown()  # never keep a half-started kernel for the next report
            raise exc if isinstance(exc, KernelProblem) else KernelProblem(f"kernel did not start: {exc}") from exc
        self.reports = 0

    def _control_client(self):
        kc = self.km.blocking_client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        return kc

    def _notebook_client(self):
        """The async client for papermill, started once per kernel (see the engine's comment)."""
        from jupyter_core.utils import run_sync

        if self.notebook_kc is None:
            kc = self.km.client()
            kc.start_channels()
            run_sync(kc.wait_for_ready)(timeout=60)
            kc.allow_stdin = False
            self.notebook_kc = kc
        return self.notebook_kc

    def shutdown(self) -> None:
        """Stop the kernel (at once) and remove its sockets; safe to call twice."""
        from jupyter_core.utils import run_sync

        for attr in ("kc", "notebook_kc"):
            client = getattr(self, attr)
            if client is not None:
                try:
                    client.stop_channels()
                except Exception:  # a dead kernel's channels may already be closed
                    pass
                setattr(self, attr, None)
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # already gone: make sure the process is
                _kill(self.pid)
            self.km = None
        if self._sockets:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None

    def run_code(self, code: str, timeout: float, what: str) -> None:
        """Run ``code`` silently (no history, no execution count); :class:`KernelProblem` on error."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelProblem(f"kernel {what} took longer than {timeout:.0f} s")
            try:
                reply = self.kc.get_shell_msg(timeout=min(left, 1.0))
            except Exception:  # queue.Empty: check the kernel is still there
                if not self.alive():
                    raise KernelProblem(f"kernel died during {what}") from None
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelProblem(f"kernel {what} failed: {content.get('ename')}: {content.get('evalue')}")

    # one report -----------------------------------------------------------------------------
    def prepare(self, cwd: str, timeout: float) -> None:
        """A ready kernel in ``cwd``: started (and warmed) if needed, else reset to a clean slate."""
        if not self.warm or self.km is None or not self.alive():
            self.start(cwd)
            if not self.warm:
                return
        try:
            self.run_code(RESET_CODE.format(module=_RESET_MODULE, cwd=cwd), timeout, "reset")
        except KernelProblem:
            self.start(cwd)  # a kernel that cannot be reset is replaced, never reused
            self.run_code(RESET_CODE.format(module=_RESET_MODULE, cwd=cwd), timeout, "reset")

    def execute(self, notebook: str, out_nb: str, parameters: dict, cwd: str, timeout: int) -> None:
        """Run ``notebook`` with papermill (parameters injected as usual) on this kernel. Raises
        papermill's errors for a failing cell, :class:`KernelProblem` when the kernel died, hung or
        outgrew its memory (the kernel is then replaced before the next report)."""
        import papermill as pm

        _register_engine()
        self.prepare(cwd, max(timeout, 60))
        watchdog = _Watchdog(self.pid, self.memory_limit)
        watchdog.start()
        ok = False
        try:
            pm.execute_notebook(
                notebook,
                out_nb,
                parameters=parameters,
                engine_name=ENGINE_NAME,
                kernel_name=self.kernel_name,
                km=self.km,
                kc=self._notebook_client(),
                cwd=cwd,
                execution_timeout=timeout,
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
            )
            ok = True
        except pm.PapermillExecutionError:
            ok = True  # a cell raised: the kernel itself is fine
            raise
        except Exception as exc:
            raise KernelProblem(watchdog.reason or _describe(exc)) from exc
        finally:
            watchdog.stop()
            self.reports += 1
            if not self.warm or not ok or watchdog.reason or not self.alive():
                self.shutdown()


def _describe(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "DeadKernelError":
        return "the kernel died during the report (exited or was killed)"
    if name == "CellTimeoutError":
        return f"a cell ran past the cell timeout; the kernel was replaced ({str(exc).splitlines()[0][:200]})"
    return f"{name}: {str(exc)[:500]}"


class _Watchdog(threading.Thread):
    """Kills the kernel when its RSS exceeds ``limit`` bytes; ``reason`` says so afterwards."""

    def __init__(self, pid: int | None, limit: int | None, every: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.limit, self.every = pid, limit, every
        self.reason: str | None = None
        self._stop_event = threading.Event()

    def run(self) -> None:
        if not self.pid or not self.limit:
            return
        import psutil

        try:
            proc = psutil.Process(self.pid)
            while not self._stop_event.wait(self.every):
                rss = proc.memory_info().rss
                if rss > self.limit:
                    self.reason = (
                        f"the kernel used {rss / 2**20:,.0f} MB, over the limit of {self.limit / 2**20:,.0f} MB; "
                        "it was stopped and replaced"
                    )
                    proc.kill()
                    return
        except psutil.Error:  # the kernel ended on its own: nbclient reports that
            return

    def stop(self) -> None:
        self._stop_event.set()
        if self.is_alive():
            self.join(timeout=2)


# One kernel per worker process, kept between the reports that process runs.
_WORKER_KERNEL: WarmKernel | None = None


def worker_kernel(kernel_name: str, warm: bool, memory_limit: int | None) -> WarmKernel:
    """This process's kernel holder (created on first use; shut down when the process exits)."""
    global _WORKER_KERNEL
    k = _WORKER_KERNEL
    if k is None or (k.kernel_name, k.warm, k.memory_limit) != (kernel_name, warm, memory_limit):
        if k is not None:
            k.shutdown()
        k = _WORKER_KERNEL = WarmKernel(kernel_name, warm, memory_limit)
        import atexit
        from multiprocessing import util

        # Pool workers leave through multiprocessing's exit path, which skips atexit; Dask
        # workers and plain processes take atexit. Either way the kernel goes with the worker.
        util.Finalize(k, k.shutdown, exitpriority=10)
        atexit.register(k.shutdown)
    return k


def _kill(pid: int | None) -> None:
    """SIGKILL a process if it is still there."""
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def kill_worker_kernel() -> None:
    """Kill this process's kernel at once (SIGKILL, no messages): for a worker being stopped,
    where an orderly shutdown could wait on a kernel busy in a long cell."""
    k = _WORKER_KERNEL
    if k is None:
        return
    _kill(k.pid)
    if k._sockets:
        shutil.rmtree(k._sockets, ignore_errors=True)


def shutdown_worker_kernel() -> None:
    """Shut down this process's kernel, if any."""
    global _WORKER_KERNEL
    if _WORKER_KERNEL is not None:
        _WORKER_KERNEL.shutdown()
        _WORKER_KERNEL = None
