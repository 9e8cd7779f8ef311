"""Ports and processes on this machine: is a port taken, is a pid gone, end a pid."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

__all__ = ["port_open", "terminate", "wait_gone", "zombie"]


def port_open(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def terminate(pid: int, timeout: float) -> None:
    """SIGTERM ``pid``, and SIGKILL it when it is still there after ``timeout`` s."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not wait_gone(pid, timeout):
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid, 10)


def zombie(pid: int) -> bool:
    """True when ``pid`` has exited (a zombie, or gone altogether)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2:3] == ["Z"]
    except FileNotFoundError:
        return True


def wait_gone(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` s for ``pid`` to exit; True when it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # Reap it if it is our child, so it does not linger as a zombie.
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return True
        except ChildProcessError:
            pass
        if zombie(pid):
            return True
        time.sleep(0.2)
    return False
