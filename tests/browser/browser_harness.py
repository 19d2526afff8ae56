"""Servers, browser and page helpers of the browser tests (no test here).

Servers run on a free loopback port, serve a temporary copy of the notebooks
(so that nothing the browser does can change the course files), use throw-away
Jupyter settings, and are stopped by their own process ids together with every
process they started (kernels).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
KIT_JUPYTER = ROOT / "jupyter"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    # offline classroom: every name but the loopback address fails to resolve
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
BIN = Path(sys.executable).parent
LOOPBACK = {"127.0.0.1", "localhost"}

#: the root element of a widget displayed by a cell (JupyterLab and Voila alike)
WIDGET_ROOT = ".jp-OutputArea-output > .widget-vbox"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    """Process ids started by ``pid`` (recursively), from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop a server and every process it started (kernels), by their process ids."""
    started = _descendants(process.pid)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # Jupyter shuts its kernels down on SIGTERM
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(grace)
    deadline = time.monotonic() + grace
    for pid in started:
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s:\n{log.read_text()}")


def _jupyter_env(home: Path) -> dict[str, str]:
    """The user's own Jupyter config, data and settings are neither read nor written."""
    env = dict(os.environ)
    for name, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
        env[name] = str(home / sub)
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    return env


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


@contextmanager
def jupyterlab(notebooks: Path, home: Path) -> Iterator[str]:
    """JupyterLab on a free loopback port, token off, with the kit's settings overrides."""
    port = free_port()
    user_settings = home / "user-settings"
    log = home / "jupyterlab.log"
    command = [
        str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        "--IdentityProvider.token=", "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={notebooks}",
        f"--LabApp.app_settings_dir={KIT_JUPYTER / 'lab' / 'settings'}",
        f"--LabApp.user_settings_dir={user_settings}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        *_root_flag(),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                   env=_jupyter_env(home), cwd=notebooks)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for_http(f"{url}/api/status", process, log)
        yield url
    finally:
        stop(process)


@contextmanager
def voila(notebooks: Path, home: Path) -> Iterator[str]:
    """The presentation mode exactly as ``make present`` starts it, on a free loopback port."""
    port = free_port()
    log = home / "voila.log"
    env = _jupyter_env(home)
    env["JUPYTER_PATH"] = env["JUPYTER_CONFIG_PATH"] = str(KIT_JUPYTER)  # as in the Makefile
    command = [str(BIN / "voila"), str(notebooks), "--no-browser", f"--port={port}"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
                                   cwd=notebooks)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for_http(f"{url}/", process, log)
        yield url
    finally:
        stop(process)


def api(url: str, method: str = "GET") -> object:
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def shut_down_sessions(base: str) -> None:
    """Close every notebook session (and so its kernel) of a JupyterLab server."""
    for session in api(f"{base}/api/sessions"):  # type: ignore[union-attr]
        api(f"{base}/api/sessions/{session['id']}", method="DELETE")


class PageWatch:
    """Console errors, uncaught exceptions and requests that leave this computer."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname not in LOOPBACK:
            self.problems.append(f"request to the internet: {request.url}")


def set_control(widget, control: str, value: object, occurrence: int | None = None) -> None:
    """Set a control of ``widget`` (a locator) the way a user does, by its shown label.

    ``occurrence`` picks one of several controls with the same label (0: the
    first shown, e.g. the same slider for two offers side by side); without
    it the label must be unique. ``value=None`` presses the button whose text
    is ``control``.
    """
    if value is None:
        buttons = widget.locator("button.widget-button", has_text=control)
        if buttons.count() != 1:
            raise AssertionError(f"expected one button {control!r}, found {buttons.count()}")
        buttons.click()
        return
    box = widget.locator(".widget-inline-hbox", has=widget.page.locator(
        "label.widget-label", has_text=re.compile(rf"^\s*{re.escape(control)}\s*$")))
    if box.count() == 0:  # a check box carries its label inside
        box = widget.locator(".widget-checkbox", has_text=control)
    if occurrence is not None:
        if box.count() <= occurrence:
            raise AssertionError(f"expected at least {occurrence + 1} controls labelled "
                                 f"{control!r}, found {box.count()}")
        box = box.nth(occurrence)
    elif box.count() != 1:
        raise AssertionError(f"expected one control labelled {control!r}, found {box.count()}")
    if isinstance(value, bool):
        box.locator("input[type=checkbox]").set_checked(value)
    elif box.locator("textarea").count():  # sent when it loses the focus, as after typing
        area = box.locator("textarea")
        area.fill(str(value))
        area.blur()
    elif box.locator("select").count():
        box.locator("select").select_option(label=str(value))
    elif box.locator(".widget-readout").count():  # slider: type into its read-out
        readout = box.locator(".widget-readout")
        readout.click()
        readout.press("Control+a")
        readout.type(str(value))
        readout.press("Enter")
    else:
        field = box.locator("input")
        field.fill(str(value))
        field.press("Enter")


def glyph_fonts(page, element) -> list[dict]:
    """The fonts Chromium used to draw the text of ``element`` (DevTools protocol)."""
    element.evaluate("el => el.setAttribute('data-glyph-check', '1')")
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector",
                        {"nodeId": root, "selector": "[data-glyph-check='1']"})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        element.evaluate("el => el.removeAttribute('data-glyph-check')")
        cdp.detach()


def cjk_font_families() -> set[str]:
    """Families of the installed fonts that cover Chinese (fontconfig)."""
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                         check=False).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
