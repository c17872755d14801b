"""``scripts/setup-system.sh``: on a complete machine it installs nothing and asks for no
password; when a package is missing it installs that one.

``apt-get``, ``sudo`` and ``id`` are replaced by stand-ins that record how they were called, so
the test never installs anything.  ``make test`` runs the script first, so by the time this test
runs the machine is complete.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "setup-system.sh"


def stand_in(folder: Path, name: str, body: str = "") -> None:
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >>"$CALLS"\n{body}\n', encoding="utf-8")
    path.chmod(0o755)


def run_setup(tmp_path: Path, *, uid: int, missing_tex: str | None = None) -> tuple[str, list[str]]:
    """Run the script with recording stand-ins; returns its output and the calls made."""
    shims = tmp_path / "bin"
    shims.mkdir()
    calls = tmp_path / "calls"
    calls.touch()
    stand_in(shims, "apt-get")
    stand_in(shims, "sudo")  # records, runs nothing: a real sudo would prompt for a password
    stand_in(shims, "id", f"echo {uid}")
    if missing_tex:  # kpsewhich that cannot find one file, and finds the others as TeX does
        real = subprocess.run(["sh", "-c", "command -v kpsewhich"], capture_output=True, text=True).stdout
        stand_in(shims, "kpsewhich", f'[ "$1" = "{missing_tex}" ] && exit 1\nexec {real.strip()} "$@"')
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}", "CALLS": str(calls)}
    result = subprocess.run(["sh", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    recorded = [line for line in calls.read_text().splitlines() if not line.startswith(("id ", "kpsewhich "))]
    return result.stdout, recorded


@pytest.mark.parametrize("uid", [0, 1000])
def test_a_complete_machine_installs_nothing_and_asks_for_no_password(tmp_path: Path, uid: int) -> None:
    out, calls = run_setup(tmp_path, uid=uid)
    assert calls == []  # no apt-get update, no install, no sudo
    assert out.strip() == "setup: system packages present"


def test_a_missing_tex_package_is_installed_with_sudo_when_not_root(tmp_path: Path) -> None:
    out, calls = run_setup(tmp_path, uid=1000, missing_tex="xeCJK.sty")
    assert "installing texlive-lang-chinese" in out
    assert calls[0] == "sudo apt-get update -qq"
    assert calls[1].startswith("sudo apt-get install") and calls[1].split()[-1] == "texlive-lang-chinese"
