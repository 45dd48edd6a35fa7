"""`voice serve --demo`: the README's run command, started for real on 127.0.0.1 and stopped."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from voice.settings import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_demo_prints_a_code_per_band_and_keeps_no_access_log(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
           "VOICE_SURVEYS_DIR": str(PROJECT_ROOT / "surveys"), "VOICE_ENV": "development"}
    voice = Path(sys.executable).with_name("voice")
    server = subprocess.Popen(
        [str(voice), "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = server.stdout.readline()  # type: ignore[union-attr]
            lines.append(line)
            if "Uvicorn running" in line or not line:
                break
        output = "".join(lines)
        codes = dict(re.findall(r"(primary|secondary|post16)\s+class code (\w{3} \w{4})", output))
        assert set(codes) == {"primary", "secondary", "post16"}, output
        code = codes["primary"].replace(" ", "")
        password = re.search(r"staff sign-in \S+ +password (\S+)", output).group(1)
        assert "facilitator@demo.voice.invalid" in output and "safeguarding@demo.voice.invalid" in output
        assert len(password.split("-")) == 4
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/join/{code}", timeout=10) as reply:
            page = reply.read().decode()
            assert reply.status == 200 and "Do you want to take part?" in page
        lesson = re.search(r"primary missions\s+class code (\w{3} \w{4})", output)
        assert lesson, output
        lesson_url = f"http://127.0.0.1:{port}/join/{lesson.group(1).replace(' ', '')}"
        with urllib.request.urlopen(lesson_url, timeout=10) as reply:
            assert "Who is answering on this device?" in reply.read().decode()
            assert "server" not in {name.lower() for name in reply.headers}
    finally:
        server.terminate()
        try:
            rest, _ = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            rest, _ = server.communicate()
    # No access log: the request above must leave no trace of its path or the client address.
    assert f"/join/{code}" not in rest and "127.0.0.1:" not in rest.replace(f"127.0.0.1:{port}", "")


def _serve(tmp_path: Path, *options: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.db'}",
           "VOICE_SURVEYS_DIR": str(PROJECT_ROOT / "surveys"), "VOICE_ENV": "development"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("voice")), "serve", "--host", "127.0.0.1",
         "--port", str(port), *options],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError(server.communicate()[0])


def _stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    try:
        server.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()


def test_proxy_headers_are_trusted_only_from_the_named_proxy(tmp_path: Path) -> None:
    """Behind a reverse proxy that ends TLS: with `--forwarded-allow-ips` naming it, a request it
    marks as https gets HSTS; without the option the same header is ignored, so nobody can
    claim another address or scheme by sending it."""
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    for options, trusted in (((), False), (("--forwarded-allow-ips", "127.0.0.1"), True)):
        server, port = _serve(tmp_path, *options)
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers=forwarded)
            with urllib.request.urlopen(request, timeout=10) as reply:
                hsts = reply.headers.get("Strict-Transport-Security")
            assert (hsts is not None) == trusted, (options, hsts)
        finally:
            _stop(server)
