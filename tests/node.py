"""The Node.js packages the reader and accessibility checks use (``package.json``: epub.js,
DAISY Ace): ``make setup`` installs them into ``node_modules``; a test that needs them installs
them there when they are missing (``npm ci``, from ``package-lock.json``), and skips, saying why,
where there is no Node.js or no ``package.json`` (an unpacked sdist)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
#: A file of each package the tests use: present when ``npm ci`` has run.
INSTALLED = ("epubjs/dist/epub.min.js", "jszip/dist/jszip.min.js", "@daisy/ace/package.json")
#: Ace drives Chromium through puppeteer: the system's (scripts/setup-system.sh), never a download.
PUPPETEER = {"PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"}


def node_modules() -> Path:
    """``node_modules`` with package.json's packages, installed if missing (else a skip)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("needs Node.js and npm (make setup installs them: scripts/setup-system.sh)")
    if not (REPO / "package.json").is_file():
        pytest.skip("no package.json here (an unpacked sdist): the Node.js checks run from the repository")
    # one install for all test workers: the others wait on the lock, then find it done
    with open(REPO / ".node-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all((NODE_MODULES / name).is_file() for name in INSTALLED):
            # --ignore-scripts: Ace's Electron download (which Ace's puppeteer command does without)
            command = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
            result = subprocess.run(
                command,
                cwd=REPO,
                env={**os.environ, **PUPPETEER},
                capture_output=True,
                text=True,
                timeout=900,
            )
            if result.returncode != 0:
                pytest.fail(f"{' '.join(command)} failed (run make setup):\n{result.stderr[-2000:]}")
    return NODE_MODULES
