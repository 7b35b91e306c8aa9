"""Run a function under a deadline in the calling thread: past it, the function is interrupted (an exception raised
in its thread) and TimedOut is raised. Used to bound the reading of one article."""
from __future__ import annotations

import ctypes
import threading
from typing import Callable, TypeVar

__all__ = ["TimedOut", "within"]

T = TypeVar("T")


class TimedOut(Exception):
    """The function ran past its deadline and was interrupted."""


class _Interrupt(BaseException):
    """Raised inside the running function at the deadline (a BaseException: `except Exception` in it can't swallow
    it)."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Make `exc` raise in the thread at its next Python instruction (None: forget one not raised yet)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


def within(seconds: float, fn: Callable[[], T]) -> T:
    """fn() if it returns within `seconds`; else TimedOut. The interruption lands between Python instructions: a
    single long call into C (one regex match) ends first, so the bound is as good as the work is divisible."""
    me = threading.get_ident()
    guard = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with guard:
            if not state["done"]:
                state["fired"] = True
                _raise_in(me, _Interrupt)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    result = None
    try:
        timer.start()
        try:
            result = fn()
        finally:
            with guard:
                state["done"] = True
                if state["fired"]:
                    _raise_in(me, None)  # fired as fn ended: not raised yet, and now never will be
    except _Interrupt:
        pass
    timer.cancel()
    if state["fired"]:
        raise TimedOut(f"took longer than {seconds:g} s")
    return result
