"""``make serve``: the dashboard behind nginx, as it is published – base path, compression, security headers.

Starts Streamlit on 127.0.0.1 (only nginx talks to it), renders the nginx config into a working folder and runs
nginx there as the current user. Ctrl-C stops both. Settings: command-line options or ATLAS_* variables
(see deploy/README.md).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python deploy/serve.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy import proxy

ROOT = proxy.ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(port: int, base: str, hosts: list[str], script: Path | None = None) -> list[str]:
    """``streamlit run`` as the proxy needs it: loopback only, under the base path, Host allow-list of the site."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script or ROOT / "dashboard.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.baseUrlPath",
        base.strip("/"),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]
    for host in hosts:
        cmd += ["--server.allowedHosts", host]
    return cmd


@dataclass
class Streamlit:
    process: subprocess.Popen
    url: str  # direct, under the base path, e.g. http://127.0.0.1:8502/kooperationsatlas
    log: Path


def start_streamlit(
    port: int, base: str, hosts: list[str], log: Path, env: dict | None = None, script: Path | None = None
) -> Streamlit:
    base = proxy.normalise_base(base)
    log.parent.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        streamlit_command(port, base, hosts, script),
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}{base}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Streamlit(process, url, log)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"Streamlit ist nicht gestartet; siehe {log}")


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Stack:
    """Streamlit (one process or several) and nginx in front of it, as ``make serve`` runs them (the tests start
    the same)."""

    apps: list[Streamlit]
    nginx: subprocess.Popen
    settings: proxy.Settings

    @property
    def app(self) -> Streamlit:
        return self.apps[0]

    @property
    def url(self) -> str:
        """The public address under the base path, e.g. http://127.0.0.1:8080/kooperationsatlas"""
        return f"http://127.0.0.1:{self.settings.port}{self.settings.base}"

    def running(self) -> bool:
        return self.nginx.poll() is None and all(a.process.poll() is None for a in self.apps)

    def stop(self) -> None:
        proxy.stop(self.nginx)
        for app in self.apps:
            stop_process(app.process)


def start_stack(
    settings: proxy.Settings,
    app_port: int = 0,
    env: dict | None = None,
    script: Path | None = None,
    workers: int = 1,
) -> Stack:
    """Start ``workers`` Streamlit processes on loopback ports (free ones; ``app_port`` and the next ones if given),
    then nginx with ``settings`` in front of them.

    One process runs Python on one core at a time; several share the visitors (each visitor stays with one, see
    ``proxy.AFFINITY_COOKIE``). They share nothing but files: the package is read-only, votes are in the database.
    ``script`` is the app (``dashboard.py`` unless given; the benchmark runs a one-line app the same way).
    """
    if workers < 1:
        raise ValueError("Mindestens ein Streamlit-Prozess.")
    ports = [app_port + i if app_port else free_port() for i in range(workers)]
    settings.upstream = " ".join(f"127.0.0.1:{port}" for port in ports)
    apps: list[Streamlit] = []
    try:
        for i, port in enumerate(ports):
            log = settings.prefix / "logs" / ("streamlit.log" if i == 0 else f"streamlit-{i + 1}.log")
            apps.append(start_streamlit(port, settings.base, settings.server_names, log, env, script))
        nginx = proxy.start(settings)
    except BaseException:
        for app in apps:
            stop_process(app.process)
        raise
    return Stack(apps, nginx, settings)


def main(argv: list[str] | None = None) -> int:
    env = os.environ
    parser = argparse.ArgumentParser(description="Kooperationsatlas hinter nginx starten")
    parser.add_argument("--port", type=int, default=int(env.get("ATLAS_PORT", "8080")), help="Port von nginx")
    parser.add_argument("--listen", default=env.get("ATLAS_LISTEN", "127.0.0.1"), help="Adresse von nginx")
    parser.add_argument("--app-port", type=int, default=int(env.get("ATLAS_APP_PORT", "0")), help="Port von Streamlit")
    parser.add_argument("--base", default=env.get("ATLAS_BASE_PATH", proxy.DEFAULT_BASE))
    parser.add_argument("--server-name", default=env.get("ATLAS_SERVER_NAME", "localhost 127.0.0.1"))
    parser.add_argument("--frame-ancestors", default=env.get("ATLAS_FRAME_ANCESTORS", ""))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(env.get("ATLAS_WORKERS", "1")),
        help="Streamlit-Prozesse (je Prozessorkern einer; Besucher bleiben bei ihrem)",
    )
    parser.add_argument("--prefix", default=str(proxy.CACHE / "serve"))
    args = parser.parse_args(argv)

    names = args.server_name.replace(",", " ").split()
    prefix = Path(args.prefix)
    try:
        settings = proxy.Settings(
            prefix=prefix,
            listen=f"{args.listen}:{args.port}",
            base=args.base,
            server_names=names,
            frame_ancestors=["'self'", *proxy.parse_origins(args.frame_ancestors)],
        )
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print("Starte Streamlit und nginx …", flush=True)
    try:
        stack = start_stack(settings, args.app_port, workers=args.workers)
    except (RuntimeError, FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    shown = "localhost" if args.listen in ("127.0.0.1", "0.0.0.0") else args.listen
    print(f"Kooperationsatlas hinter nginx: http://{shown}:{args.port}{settings.base}/", flush=True)
    print(f"Konfiguration: {prefix / 'nginx.conf'} · Logs: {prefix / 'logs'} · Beenden mit Strg+C", flush=True)

    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        while not stopping and stack.running():
            time.sleep(0.5)
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
