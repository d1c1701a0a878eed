"""A loopback TCP proxy for tests that puts transport faults between a client and a live server.

Modes (settable while it runs):
- ``pass``: forward each request and its response.
- ``reset_after_request``: forward the request, wait for the server's complete response (so the
  server has done the work), then abort the client's connection with a TCP RST instead.
- ``refuse``: nothing listens on the port (it stays bound), so connecting is refused.

It relays whole HTTP/1.1 messages (see http_framing), so the mode applies to each request, and
keeps the method and path of every request it sent on (`forwarded`), so tests can count the
writes Omneo received.
"""

from __future__ import annotations

import contextlib
import ipaddress
import select
import socket
import struct
import threading
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from tests.support.http_framing import ProxyProtocolError, Reader, read_request, read_response

MODES = ("pass", "reset_after_request", "refuse")
LOOPBACK = "127.0.0.1"
POLL_SECONDS = 0.05


def reset(sock: socket.socket) -> None:
    """Close with a TCP RST (SO_LINGER on, zero seconds) instead of an orderly FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    """A proxy on 127.0.0.1 in front of a loopback upstream; use as a context manager."""

    def __init__(
        self,
        *,
        upstream_url: str,
        path: str = "",
        io_timeout: float = 10.0,
        max_connections: int = 16,
    ) -> None:
        parts = urlsplit(upstream_url)
        address = socket.gethostbyname(parts.hostname or "")
        if not ipaddress.ip_address(address).is_loopback:
            raise ValueError(f"FaultProxy only forwards to loopback, not {address}.")
        self.upstream = (address, parts.port or 80)
        self.path = path
        self.io_timeout = io_timeout
        self._mode = "pass"
        self.connections_accepted = 0
        self.forwarded: list[tuple[str, str]] = []  # (method, path) of each request sent on
        self._backlog = max_connections
        self._slots = threading.BoundedSemaphore(max_connections)
        self._state = threading.Condition()
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._workers: set[threading.Thread] = set()
        self._listener = self._bound_socket(0)
        self._listener.listen(self._backlog)
        self._listening = True
        self.port = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}{self.path}"

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        """Switch mode; for (or from) ``refuse``, wait until the listener has followed."""
        if mode not in MODES:
            raise ValueError(f"Unknown mode {mode!r}; one of {', '.join(MODES)}.")
        with self._state:
            self._mode = mode
            want_listening = mode != "refuse"
            if not self._state.wait_for(
                lambda: self._listening == want_listening or self._stopping.is_set(),
                timeout=self.io_timeout,
            ):
                raise TimeoutError("The proxy's listener did not follow the new mode.")

    def _bound_socket(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((LOOPBACK, port))
        return sock

    def _follow_mode(self) -> None:
        """Owned by the accept thread: close or reopen the listener to match the mode."""
        with self._state:
            want_listening = self._mode != "refuse"
            if want_listening == self._listening:
                return
            if want_listening:
                self._listener.listen(self._backlog)
            else:
                self._listener.close()
                self._listener = self._bound_socket(self.port)  # bound, not listening: refused
            self._listening = want_listening
            self._state.notify_all()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            self._follow_mode()
            if not self._listening:
                self._stopping.wait(POLL_SECONDS)
                continue
            ready, _, _ = select.select([self._listener], [], [], POLL_SECONDS)
            if not ready:
                continue
            client, _ = self._listener.accept()
            self.connections_accepted += 1
            if not self._slots.acquire(blocking=False):
                reset(client)
                continue
            worker = threading.Thread(target=self._serve, args=(client,), daemon=True)
            with self._state:
                self._workers.add(worker)
            worker.start()

    def _track(self, sock: socket.socket) -> socket.socket:
        sock.settimeout(self.io_timeout)
        with self._state:
            self._open.add(sock)
        return sock

    def _forget(self, sock: socket.socket | None, *, abort: bool = False) -> None:
        if sock is None:
            return
        with self._state:
            self._open.discard(sock)
        if abort:
            reset(sock)
        else:
            sock.close()

    def _serve(self, client: socket.socket) -> None:
        """Relay request/response pairs on one client connection, applying the mode per request."""
        upstream: socket.socket | None = None
        aborted = False
        try:
            self._track(client)
            from_client = Reader(client)
            while not self._stopping.is_set():
                request = read_request(from_client)
                if request is None:
                    return
                if self._mode == "refuse":  # accepted just before the switch
                    aborted = True
                    return
                if upstream is None:
                    upstream = self._track(socket.create_connection(self.upstream))
                    from_upstream = Reader(upstream)
                message, method = request
                upstream.sendall(message)
                self.forwarded.append((method, message.split(b" ", 2)[1].decode("latin-1")))
                response, closes = read_response(from_upstream, method)
                if self._mode == "reset_after_request":
                    aborted = True
                    return
                client.sendall(response)
                if closes:
                    return
        except (OSError, ProxyProtocolError, ValueError):
            aborted = True
        finally:
            self._forget(upstream)
            self._forget(client, abort=aborted)
            with self._state:
                self._workers.discard(threading.current_thread())
            self._slots.release()

    def stop(self) -> None:
        """Stop accepting, drop open connections, and wait (bounded) for every thread to end."""
        self._stopping.set()
        self._acceptor.join(timeout=self.io_timeout)
        with self._state:
            self._listener.close()
            self._listening = False
            self._state.notify_all()
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            workers = list(self._workers)
        for worker in workers:
            worker.join(timeout=self.io_timeout)

    @property
    def running_threads(self) -> int:
        """Threads still alive (the accept loop and connection workers); 0 after stop()."""
        with self._state:
            workers = list(self._workers)
        return sum(t.is_alive() for t in [self._acceptor, *workers])

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
