"""Starting Spark, and turning what Spark raises into Flashpoint's errors.

PySpark is an extra (``pip install 'flashpoint[spark]'``): nothing here imports it at module level, and
:func:`require_pyspark` says how to install it instead of a traceback. A local session (``local[N]``, or no master
outside ``spark-submit``) binds its driver to 127.0.0.1, runs without the web UI and uses this interpreter for its
Python workers, so that it needs no network and finds the packages installed here. Under ``spark-submit`` (a
cluster) the session is the one ``spark-submit`` configured, and is left as it is.

Errors: a worker that fails with one of Flashpoint's errors (the pipeline cannot be loaded on an executor) is
re-raised as that error; a path Spark cannot find is :class:`~flashpoint.errors.UnreadableInput`; anything
else Spark raises is a :class:`~flashpoint.errors.SparkError` with its first line.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import warnings
from typing import Any, Iterator

from .. import errors
from ..errors import FlashpointError, MissingExtra, SparkError, UnreadableInput

__all__ = ["INSTALL_HINT", "conf_dir", "quiet_pandas_warning", "require_pyspark", "spark_errors", "spark_session"]

INSTALL_HINT = "pip install 'flashpoint[spark]'"
LOCAL_HOST = "127.0.0.1"
# Spark's default of 200 shuffle partitions is for clusters: on one machine each costs a task per join for a few
# rows; a few per core keep every core busy
SHUFFLE_PER_CORE = 4
# PySpark 4.x warns that it "does not yet fully support pandas >= 3.0.0" each time a pandas UDF is declared; the
# features used here (mapInPandas, applyInPandas with flat, array and struct columns) are covered by the tests
PANDAS_WARNING = "PySpark does not yet fully support pandas"
_WORKER_ERROR = re.compile(r"flashpoint\.errors\.(\w+): (.+)")


def require_pyspark() -> None:
    """Raise :class:`MissingExtra` naming the fix when PySpark (or the pyarrow and pandas it needs) is missing."""
    for module in ("pyspark", "pyarrow", "pandas"):
        try:
            __import__(module)
        except ImportError:
            raise MissingExtra(f"the Spark commands need {module}, which is not installed; install the spark extra: "
                               f"{INSTALL_HINT}", where="flashpoint spark") from None


@contextlib.contextmanager
def quiet_pandas_warning() -> Iterator[None]:
    """Declare pandas UDFs without PySpark's one warning about pandas 3 (see PANDAS_WARNING)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)
        yield


def _under_spark_submit() -> bool:
    """``spark-submit`` starts the JVM first and tells PySpark its gateway's port."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


@contextlib.contextmanager
def spark_session(master: str | None = None, *, app_name: str = "flashpoint") -> Iterator[Any]:
    """The active session if there is one (a test's, a notebook's: left running), else a new one, stopped at the
    end. ``master``: ``local[2]``, ``spark://host:7077``, ``yarn``...; None: spark-submit's, else ``local[*]``."""
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    builder = SparkSession.builder.appName(app_name).config("spark.ui.enabled", "false") \
        .config("spark.ui.showConsoleProgress", "false") \
        .config("spark.executorEnv.PYTHONWARNINGS", f"ignore:{PANDAS_WARNING}:FutureWarning")
    if master is None and not _under_spark_submit():
        master = "local[*]"
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        os.environ.setdefault("SPARK_CONF_DIR", conf_dir())  # Spark's JVM logs: fatal only (data/spark)
        os.environ.setdefault("SPARK_LOCAL_IP", LOCAL_HOST)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers import flashpoint from here
        builder = builder.config("spark.driver.host", LOCAL_HOST).config("spark.driver.bindAddress", LOCAL_HOST) \
            .config("spark.sql.shuffle.partitions", str(SHUFFLE_PER_CORE * local_cores(master)))
    try:
        with quiet_pandas_warning():  # PySpark imports its pandas check while it starts
            session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - whatever stops the JVM starting is one line for the user
        raise SparkError(f"Spark could not start ({_first_line(exc)}); it needs Java 17 or later (java on the PATH, "
                         "or JAVA_HOME) and, for a cluster, a reachable --master", where=master) from exc
    if logging.getLogger("flashpoint").isEnabledFor(logging.DEBUG):  # -v: Spark's warnings too
        session.sparkContext.setLogLevel("WARN")
    try:
        yield session
    finally:
        session.stop()


def conf_dir() -> str:
    """The folder of the JVM logging configuration local sessions use (data/spark: fatal messages only)."""
    from importlib import resources

    return str(resources.files("flashpoint") / "data" / "spark")


def local_cores(master: str) -> int:
    """The cores a ``local``, ``local[N]`` or ``local[*]`` master uses."""
    found = re.fullmatch(r"local(?:\[(\d+|\*)(?:,\s*\d+)?\])?", master.strip())
    if not found or found.group(1) is None:
        return 1
    return (os.cpu_count() or 1) if found.group(1) == "*" else int(found.group(1))


_PYTHON_ERROR = re.compile(r"[A-Za-z_][\w.]*(?:Error|Exception|Interrupt)\b.*")


def _first_line(exc: BaseException) -> str:
    """What went wrong, in one line: the first line of Spark's message, or, for a Python worker's traceback, the
    exception it ends with."""
    java = getattr(exc, "java_exception", None)
    if java is not None:  # py4j's own message only names the call; the root cause says what went wrong
        try:
            while java.getCause() is not None:
                java = java.getCause()
            text = str(java.toString())
        except Exception:  # noqa: BLE001 - the JVM may be gone: keep py4j's message
            text = str(exc)
    else:
        text = str(exc)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    if any(line.startswith("Traceback (most recent call last)") for line in lines):
        raised = [line for line in lines if _PYTHON_ERROR.fullmatch(line)]
        if raised:
            return raised[-1][:300]
    return lines[0][:300]


def from_spark(exc: BaseException, *, where: str | None = None) -> FlashpointError:
    """The Flashpoint error for what Spark raised (see the module docstring)."""
    text = str(exc)
    found = _WORKER_ERROR.search(text)
    if found and isinstance(getattr(errors, found.group(1), None), type) \
            and issubclass(getattr(errors, found.group(1)), FlashpointError):
        kind = getattr(errors, found.group(1))
        error = kind(found.group(2).strip())
    elif "PATH_NOT_FOUND" in text or "Path does not exist" in text:
        error = UnreadableInput(f"no such file or folder ({_first_line(exc)}); expected a .jsonl or .parquet file "
                                "or a folder of them", where=where)
    elif "is not a Parquet file" in text or "Could not read footer" in text or "FAILED_READ_FILE" in text:
        error = UnreadableInput(f"cannot be read as Parquet ({_first_line(exc)}); expected Parquet files written "
                                "by Spark, pandas or DuckDB", where=where)
    else:
        error = SparkError(f"the Spark job failed: {_first_line(exc)}", where=where)
    error.__cause__ = exc
    return error


@contextlib.contextmanager
def spark_errors(where: str | None = None) -> Iterator[None]:
    """Run Spark calls, re-raising what they raise as Flashpoint's errors (``where``: the path being read)."""
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    try:
        yield
    except FlashpointError:
        raise
    except (PySparkException, Py4JError) as exc:
        raise from_spark(exc, where=where) from exc
