"""What this machine offers the embedder: the CPU's feature flags, the cores this process may use, freed heap back."""
from __future__ import annotations

import ctypes
import os

__all__ = ["read_cpu_flags", "cores", "give_back_freed_memory"]


def read_cpu_flags() -> frozenset[str]:
    """The CPU feature flags from /proc/cpuinfo (empty where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def give_back_freed_memory() -> None:
    """glibc keeps the freed activations of every batch shape in its heaps; return them to the system (Linux)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
