"""Just enough HTTP/1.1 framing for the fault proxy: where a request or a response ends."""

from __future__ import annotations

import socket

MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024


class ProxyProtocolError(Exception):
    """A message the proxy cannot frame (too big, cut short, or not HTTP/1.x)."""


class Reader:
    """Buffered reads from one socket, every one bounded by the socket's timeout."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def until(self, marker: bytes, limit: int = MAX_HEAD_BYTES) -> bytes | None:
        """Bytes up to and including marker; None if the peer closed before sending any."""
        while marker not in self.buffer:
            if len(self.buffer) > limit:
                raise ProxyProtocolError("Header section too large.")
            if not self._fill():
                if self.buffer:
                    raise ProxyProtocolError("Connection closed mid-message.")
                return None
        end = self.buffer.index(marker) + len(marker)
        found, self.buffer = self.buffer[:end], self.buffer[end:]
        return found

    def exactly(self, count: int) -> bytes:
        if count > MAX_BODY_BYTES:
            raise ProxyProtocolError("Body too large.")
        while len(self.buffer) < count:
            if not self._fill():
                raise ProxyProtocolError("Connection closed mid-body.")
        found, self.buffer = self.buffer[:count], self.buffer[count:]
        return found

    def to_close(self) -> bytes:
        while self._fill():
            if len(self.buffer) > MAX_BODY_BYTES:
                raise ProxyProtocolError("Body too large.")
        found, self.buffer = self.buffer, b""
        return found


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    start, *lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in lines:
        name, _, value = line.partition(":")
        if value:
            fields[name.strip().lower()] = value.strip().lower()
    return start, fields


def _framed_body(reader: Reader, fields: dict[str, str]) -> bytes | None:
    """The body its headers frame (chunked or Content-Length); None when nothing frames it."""
    if "chunked" in fields.get("transfer-encoding", ""):
        body = b""
        while True:
            size_line = reader.until(b"\r\n") or b""
            body += size_line
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                return body + _trailers(reader)
            body += reader.exactly(size + 2)
    if "content-length" in fields:
        return reader.exactly(int(fields["content-length"]))
    return None


def _trailers(reader: Reader) -> bytes:
    trailers = b""
    while (line := reader.until(b"\r\n") or b"\r\n") != b"\r\n":
        trailers += line
    return trailers + b"\r\n"


def read_request(reader: Reader) -> tuple[bytes, str] | None:
    """One whole request and its method; None when the client closed between requests."""
    head = reader.until(b"\r\n\r\n")
    if head is None:
        return None
    start, fields = _headers(head)
    body = _framed_body(reader, fields) or b""  # an unframed request has no body
    return head + body, start.split(" ", 1)[0].upper()


def read_response(reader: Reader, method: str) -> tuple[bytes, bool]:
    """One whole response (interim 1xx included), and whether the connection closes after it."""
    message = b""
    while True:
        head = reader.until(b"\r\n\r\n")
        if head is None:
            raise ProxyProtocolError("Upstream closed without answering.")
        start, fields = _headers(head)
        parts = start.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise ProxyProtocolError(f"Not an HTTP/1.x status line: {start[:80]!r}")
        status = int(parts[1])
        message += head
        if 100 <= status < 200:
            continue
        closes = fields.get("connection") == "close" or parts[0] == "HTTP/1.0"
        if method == "HEAD" or status in (204, 304):
            return message, closes
        body = _framed_body(reader, fields)
        if body is None:  # the body runs to the connection's close
            return message + reader.to_close(), True
        return message + body, closes
