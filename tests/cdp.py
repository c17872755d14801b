"""Headless Chromium driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``,
standard library only): real mouse clicks and key presses, as a reader makes them.

Chromium reads commands from file descriptor 3 and writes replies and events to 4, each a JSON
message ended by a NUL byte.  One page (target), attached in flat mode: every page command
carries its session id.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 900) -> None:
        self.width, self.height = width, height
        self._profile = tempfile.TemporaryDirectory()
        to_chromium, self._commands = os.pipe()
        self._events, from_chromium = os.pipe()

        def descriptors() -> None:  # in the child: the pipe ends at 3 and 4
            os.dup2(to_chromium, 3)
            os.dup2(from_chromium, 4)

        self._process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=descriptors,
            pass_fds=(3, 4),
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer = b""
        self._next_id = 0
        self._pending: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")
        self.resize(width, height)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:
            pass
        for fd in (self._commands, self._events):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._profile.cleanup()

    # -- protocol ---------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> int:
        self._next_id += 1
        message["id"] = self._next_id
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium sent nothing")
            chunk = os.read(self._events, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        message: dict[str, Any] = {"method": method, "params": params}
        if session:
            message["sessionId"] = session
        number = self._send(message)
        while True:
            reply = self._receive()
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._pending.append(reply)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, self.session, **params)

    def wait_for(self, event: str, timeout: float = 30.0) -> dict[str, Any]:
        for index, message in enumerate(self._pending):
            if message.get("method") == event:
                return self._pending.pop(index)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._receive(deadline - time.monotonic())
            if message.get("method") == event:
                return message
            self._pending.append(message)
        raise TimeoutError(event)

    # -- what a reader does -----------------------------------------------------------------

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def open(self, url: str) -> None:
        """Load ``url`` and wait until it has loaded."""
        self._pending = [m for m in self._pending if m.get("method") != "Page.loadEventFired"]
        self.page("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A left click at (x, y) of the viewport, and the page it leads to loaded."""
        self._pending = [m for m in self._pending if m.get("method") != "Page.loadEventFired"]
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        self.wait_for("Page.loadEventFired")

    def press(self, key: str, code: int) -> None:
        """A key pressed and released (``Tab``, 9; ``Enter``, 13)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code)

    def search(self, site: str, query: str, timeout: float = 30.0) -> list[str]:
        """The search page of the site at ``site`` (a URL, :func:`served`) queried as a reader
        queries it (``search.html?q=…``): the links of the results it lists once the search has
        finished.  A search that never finishes (a script error on the page) raises with what
        the page said."""
        from urllib.parse import quote

        self._pending = [m for m in self._pending if m.get("method") != "Runtime.exceptionThrown"]
        self.open(f"{site.rstrip('/')}/search.html?q={quote(query)}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # the title the page sets when every result is listed (the summary may be empty:
            # Sphinx's zh_TW catalog translates it so)
            done = self.evaluate(
                "typeof Search !== 'undefined' && Search.title != null"
                " && Search.title.innerText === Documentation.gettext('Search Results')"
            )
            if done:
                return self.evaluate(
                    "[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))"
                )
            time.sleep(0.1)
        errors = [
            details.get("exception", {}).get("description", details["text"])
            for m in self._pending
            if (details := m.get("params", {}).get("exceptionDetails"))
        ]
        raise TimeoutError(f"the search for {query!r} did not finish: {errors}")


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on the loopback address while the ``with`` block runs (the
    search page fetches the pages it lists, which browsers refuse to ``file:`` pages); yields
    the site's URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass
