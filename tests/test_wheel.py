"""The built wheel installed in a new venv outside the checkout: `whosaid` indexes the samples and answers, prompts
found as package data. The heavy dependencies (torch ...) are not downloaded again: the new venv sees this venv's
site-packages through a .pth line, which adds the path only (this venv's editable install of whosaid is not loaded)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.wheel

PUTIN_Q = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"
_SOURCES = ("pyproject.toml", "README.md", "app", "index", "prompts")  # what the wheel is built from


def _run(cmd: list, cwd: Path, timeout: int = 600) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"{cmd} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}"
    return p.stdout


def _build_wheel(tmp: Path) -> Path:
    """`pip wheel` from a copy of the sources, so no build/ or egg-info is left in the checkout. No build
    isolation: setuptools is already in this venv (torch requires it), so nothing is downloaded."""
    src = tmp / "src"
    src.mkdir()
    for name in _SOURCES:
        s = ROOT / name
        if s.is_dir():
            shutil.copytree(s, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(s, src / name)
    isolation = [] if find_spec("setuptools") is None else ["--no-build-isolation"]
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "--disable-pip-version-check",
          "-w", tmp / "dist", src], cwd=tmp)
    wheels = list((tmp / "dist").glob("whosaid-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _new_venv(tmp: Path, wheel: Path) -> Path:
    """A venv with the wheel installed (no dependencies) and this venv's site-packages visible after its own."""
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index",
          "--disable-pip-version-check", wheel], cwd=tmp)
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp).strip())
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "whosaid-test-deps.pth").write_text("".join(f"{p}\n" for p in ours))
    return venv


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_ships_the_prompts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "prompts/__init__.py" in names and "prompts/llm/system.txt" in names
    assert "prompts/extractive/not_found.txt" in names and "app/llama/__init__.py" in names
    assert not any(n.startswith(("tests/", "data/", "bench/")) for n in names)


def test_installed_wheel_indexes_and_answers(tmp_path, wheel):
    venv = _new_venv(tmp_path, wheel)
    work = tmp_path / "elsewhere"  # outside the checkout: nothing is imported from it
    work.mkdir()
    where = _run([venv / "bin" / "python", "-c",
                  "import app, index, prompts; from app import answer; from app.prompts import render\n"
                  "print(app.__file__); print(index.__file__); print(prompts.__file__); print(render('llm/system'))"],
                 cwd=work).splitlines()
    for f in where[:3]:
        assert Path(f).is_relative_to(venv), where
    assert where[3].startswith("You answer questions about news articles")
    home = tmp_path / "home"
    built = _run([venv / "bin" / "whosaid", "--home", home, "index", "rebuild", "--no-progress", SAMPLE], cwd=work)
    assert built.startswith("Indexed ") and "Refused" not in built
    out = _run([venv / "bin" / "whosaid", "--home", home, "ask", PUTIN_Q], cwd=work)
    assert "Vladimir Putin" in out and "[1]" in out
