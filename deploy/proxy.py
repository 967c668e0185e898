"""The nginx reverse proxy in front of Streamlit: settings, security headers, rendered config, start and stop.

Used by ``make serve`` (``deploy/serve.py``) and by the tests, so the recipe the tests check is the one that runs.
``python -m deploy.proxy --print-headers`` prints the headers for other hosts (Apache, Caddy, a load balancer).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
CACHE = ROOT / ".cache" / "deploy"
DEFAULT_BASE = "/kooperationsatlas"
# Scripts the app itself writes into the page with st.html(..., unsafe_allow_javascript=True) – allowed by their
# hash, nothing else inline. components/app/sidebar.py sets the document language; the browser test through the proxy
# reports a violation if this list and the app drift apart.
# After the language, static/app/sidebar.js closes the sidebar on phones once a page is chosen.
CLOSE_AFTER_NAVIGATION = (ROOT / "static" / "app" / "sidebar.js").read_text(encoding="utf-8")
# pages/praesentation.py inlines components/slide_history.js (slides replace the history entry instead of adding one).
SLIDE_HISTORY_SCRIPT = ROOT / "components" / "slide_history.js"
APP_INLINE_SCRIPTS = (
    *(f"document.documentElement.lang = '{code}';{CLOSE_AFTER_NAVIGATION}" for code in ("de", "en")),
    SLIDE_HISTORY_SCRIPT.read_text(encoding="utf-8"),
)
# Streamlit's bundles that a first visit nearly always needs but only asks for once the first chart has arrived
# (lazy imports): named in the page so the browser fetches and compiles them while the app starts.
# Patterns inside Streamlit's static/js (the file names carry a content hash).
PRELOAD = ("PlotlyChart.*.js",)
# Compressed once per Streamlit version (gzip_static); small files are not worth it.
COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".html", ".ttf", ".map", ".txt"}
MIN_GZIP_BYTES = 1024


def _streamlit_static() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static"


def normalise_base(base: str) -> str:
    """``kooperationsatlas/`` → ``/kooperationsatlas``; ``""`` or ``/`` → ``""`` (served at the root)."""
    parts = [p for p in str(base or "").split("/") if p]
    for p in parts:
        if not re.fullmatch(r"[A-Za-z0-9._~-]+", p) or p in (".", ".."):
            raise ValueError(f"Basispfad „{base}“: nur Buchstaben, Ziffern und . _ ~ - zwischen Schrägstrichen.")
    return "/" + "/".join(parts) if parts else ""


_HOST = re.compile(r"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")
_ADDRESS = re.compile(r"^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):\d{1,5}$")
_ORIGIN = re.compile(r"^(https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?|'self'|'none')$")


def parse_origins(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Partner origins for frame-ancestors from ``"https://a.example https://b.example"`` (spaces or commas)."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value or [])
    for item in items:
        if not _ORIGIN.match(item):
            raise ValueError(
                f"Einbettung erlauben: „{item}“ ist keine Herkunft wie https://partner.example.org "
                "(Schema, Host, optional Port; kein Pfad)."
            )
    return items


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def index_inline_scripts(index_html: str | None = None) -> list[str]:
    """The inline ``<script>`` bodies of Streamlit's index.html (today one: ``window.prerenderReady = false``)."""
    html = index_html if index_html is not None else (_streamlit_static() / "index.html").read_text(encoding="utf-8")
    return re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S | re.I)


def content_security_policy(frame_ancestors: list[str], *, component: bool = False) -> str:
    """The policy of the app's pages, or (``component``) of a custom component's frame (the map).

    The app: scripts only from the app's origin plus the hashes of the few inline scripts; styles also inline
    (Streamlit's CSS-in-JS and plotly write <style> elements and style attributes); images, fonts and workers may
    be data:/blob: URLs the app made itself; connections (also the WebSocket) only to the app's origin.
    The map's frame (streamlit-folium) inserts folium's generated script as inline text, so that document alone
    gets 'unsafe-inline' for scripts – still nothing from another origin, and no eval (folium would need it
    only for layer controls and feature groups, which the map does not use).
    """
    if component:
        scripts = "'self' 'unsafe-inline'"
    else:
        hashes = sorted({script_hash(s) for s in [*index_inline_scripts(), *APP_INLINE_SCRIPTS]})
        # protobuf.js (Streamlit's wire format) compiles a small WebAssembly module for 64-bit integers;
        # 'wasm-unsafe-eval' allows WebAssembly only, not JavaScript's eval.
        scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *hashes])
    directives = [
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors " + " ".join(frame_ancestors or ["'self'"]),
    ]
    return "; ".join(directives)


def security_headers(frame_ancestors: list[str], *, component: bool = False) -> dict[str, str]:
    """Every header the proxy adds to every response (name → value)."""
    headers = {
        "Content-Security-Policy": content_security_policy(frame_ancestors, component=component),
        "X-Content-Type-Options": "nosniff",
        # Links to other sites do not tell them which page of the dashboard a visitor came from.
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }
    # X-Frame-Options cannot name partner origins; browsers that know frame-ancestors ignore it anyway.
    if list(frame_ancestors or ["'self'"]) == ["'self'"]:
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


@dataclass
class Settings:
    prefix: Path  # working folder: rendered config, pid, logs, temp files
    listen: str = "127.0.0.1:8080"
    upstream: str = "127.0.0.1:8502"  # one Streamlit server, or several separated by spaces (see upstreams)
    base: str = DEFAULT_BASE
    server_names: list[str] = field(default_factory=lambda: ["localhost", "127.0.0.1"])
    frame_ancestors: list[str] = field(default_factory=lambda: ["'self'"])
    max_body_size: str = "60m"
    preload: tuple[str, ...] = PRELOAD
    mime_types: Path = Path("/etc/nginx/mime.types")

    def __post_init__(self) -> None:
        # Everything below ends up in nginx.conf verbatim: only plain names and addresses get in.
        for name in self.server_names:
            if not _HOST.match(name):
                raise ValueError(f"Hostname „{name}“: nur Buchstaben, Ziffern, Punkte, Bindestriche (oder *.domain).")
        for what, address in (("listen", self.listen), *(("upstream", u) for u in self.upstream.split())):
            if not _ADDRESS.match(address):
                raise ValueError(f"{what} „{address}“: erwartet Adresse:Port, z. B. 127.0.0.1:8080.")
        self.prefix = Path(self.prefix).resolve()
        self.base = normalise_base(self.base)
        self.frame_ancestors = parse_origins(self.frame_ancestors) or ["'self'"]

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[-1])

    @property
    def upstreams(self) -> list[str]:
        return self.upstream.split()


# With several Streamlit processes, a visitor stays with one of them (their session, uploads and media live
# there): nginx picks a process by a cookie it sets on the first response. Open-source nginx has no "sticky",
# so the cookie's value (a request id when the visitor has none yet) is hashed. The cookie is technically
# necessary (TDDDG § 25 Abs. 2) and holds nothing about the visitor. Address hashing would send a whole room
# behind one Wi-Fi router to the same process.
AFFINITY_COOKIE = "atlas_node"


def upstream_block(settings: Settings) -> str:
    servers = "".join(f"        server {u};\n" for u in settings.upstreams)
    if len(settings.upstreams) == 1:
        return servers
    return f"        hash $atlas_node consistent;\n{servers}"


def affinity_config(settings: Settings) -> str:
    if len(settings.upstreams) == 1:
        return "# one Streamlit process: no affinity cookie\n"
    return (
        f'add_header Set-Cookie "{AFFINITY_COOKIE}=$atlas_node; Path={settings.base or ""}/; HttpOnly; SameSite=Lax" '
        "always;\n"
    )


def _header_lines(headers: dict[str, str]) -> str:
    return "".join(f'add_header {name} "{value}" always;\n' for name, value in headers.items())


def static_copy(cache: Path = CACHE) -> Path:
    """Streamlit's static folder with a .gz beside each compressible file, made once per Streamlit version."""
    import streamlit

    source = _streamlit_static()
    digest = hashlib.sha256(str(source).encode()).hexdigest()[:8]
    target = cache / f"streamlit-{streamlit.__version__}-{digest}"
    if (target / ".complete").exists():
        return target
    building = target.with_name(target.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(source, building)
    for path in building.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_GZIP_BYTES:
            with path.open("rb") as src, gzip.open(path.with_name(path.name + ".gz"), "wb", compresslevel=9) as dst:
                shutil.copyfileobj(src, dst)
    (building / ".complete").write_text(streamlit.__version__)
    try:
        building.rename(target)
    except OSError:  # another process finished first
        shutil.rmtree(building, ignore_errors=True)
    return target


def preload_files(patterns: tuple[str, ...] = PRELOAD) -> list[str]:
    """File names in Streamlit's static/js that match ``patterns`` (one each; none if Streamlit renamed it)."""
    js = _streamlit_static() / "static" / "js"
    return [match.name for pattern in patterns for match in sorted(js.glob(pattern))[:1]]


def preload_config(base: str, patterns: tuple[str, ...] = PRELOAD) -> str:
    links = "".join(
        f'<link rel="modulepreload" crossorigin href="{base}/static/js/{name}">' for name in preload_files(patterns)
    )
    if not links:
        return "# nothing to preload\n"
    return f"sub_filter_once on;\nsub_filter '</head>' '{links}</head>';\n"


def render(settings: Settings, cache: Path = CACHE) -> Path:
    """Write nginx.conf and its header snippets into ``settings.prefix``; returns the config's path."""
    prefix = settings.prefix
    for sub in ("logs", "tmp", "www"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    # nginx serves ${base}/static/... from www/${base}/static: a link to the pre-compressed copy.
    static_dir = prefix / "www" / settings.base.lstrip("/") / "static"
    static_dir.parent.mkdir(parents=True, exist_ok=True)
    if static_dir.is_symlink() or static_dir.exists():
        static_dir.unlink()
    static_dir.symlink_to(static_copy(cache) / "static", target_is_directory=True)
    (prefix / "security_headers.conf").write_text(_header_lines(security_headers(settings.frame_ancestors)))
    (prefix / "preload.conf").write_text(preload_config(settings.base, settings.preload))
    (prefix / "affinity.conf").write_text(affinity_config(settings))
    (prefix / "component_headers.conf").write_text(
        _header_lines(security_headers(settings.frame_ancestors, component=True))
    )
    template = TEMPLATE.read_text(encoding="utf-8")
    if not settings.base:
        template = re.sub(r"^ *# BEGIN with-base.*?# END with-base\n", "", template, flags=re.S | re.M)
    text = fill(
        template,
        prefix=prefix,
        mime_types=settings.mime_types,
        listen=settings.listen,
        upstream_servers=upstream_block(settings),
        server_names=" ".join(settings.server_names),
        base=settings.base,
        web_root=prefix / "www",
        max_body_size=settings.max_body_size,
    )
    conf = prefix / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def fill(template: str, **values) -> str:
    """Replace ``${name}``; nginx's own variables (``$uri``) stay. An unknown placeholder is an error."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"deploy/nginx.conf.template: unbekannter Platzhalter ${{{name}}}")
        return str(values[name])

    return re.sub(r"\$\{(\w+)\}", one, template)


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if found is None:
        raise FileNotFoundError("nginx fehlt: `make nginx` installiert Debians Paket nginx (apt).")
    return found


def _command(settings: Settings, *extra: str) -> list[str]:
    conf = settings.prefix / "nginx.conf"
    return [
        nginx_binary(),
        "-p",
        f"{settings.prefix}/",
        "-c",
        str(conf),
        "-e",
        str(settings.prefix / "logs/error.log"),
        *extra,
    ]


def check(settings: Settings) -> None:
    """``nginx -t`` on the rendered config; raises with nginx's message if it is invalid."""
    result = subprocess.run(_command(settings, "-t", "-q"), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nginx-Konfiguration ungültig:\n{result.stderr.strip()}")


def start(settings: Settings, timeout: float = 20) -> subprocess.Popen:
    """Render, check and start nginx in the foreground (as the current user); returns once it answers."""
    render(settings)
    check(settings)
    process = subprocess.Popen(
        _command(settings, "-g", "daemon off;"),
        stdout=(settings.prefix / "logs" / "nginx.out").open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{settings.port}{settings.base}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx ist beendet; siehe {settings.prefix / 'logs/error.log'}")
        try:
            req = urllib.request.Request(url, headers={"Host": settings.server_names[0]})
            with urllib.request.urlopen(req, timeout=2):
                return process
        except urllib.error.HTTPError:
            return process  # nginx answers (the app may still be starting)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nginx antwortet nicht auf Port {settings.port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # SIGTERM: nginx's fast shutdown
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="nginx-Konfiguration für den Kooperationsatlas erzeugen")
    parser.add_argument("--prefix", default=str(CACHE / "nginx"), help="Arbeitsordner (Konfiguration, Logs)")
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--upstream", default="127.0.0.1:8502", help="Adresse des Streamlit-Servers")
    parser.add_argument("--base", default=os.environ.get("ATLAS_BASE_PATH", DEFAULT_BASE))
    parser.add_argument("--server-name", action="append", help="Hostname(s) der Seite (mehrfach möglich)")
    parser.add_argument("--frame-ancestors", default=os.environ.get("ATLAS_FRAME_ANCESTORS", ""))
    parser.add_argument("--print-headers", action="store_true", help="nur die Header ausgeben")
    args = parser.parse_args(argv)
    partners = ["'self'", *parse_origins(args.frame_ancestors)]
    if args.print_headers:
        for name, value in security_headers(partners).items():
            print(f"{name}: {value}")
        print(f"\n# nur für {normalise_base(args.base)}/component/ (die Karte):")
        print(f"Content-Security-Policy: {content_security_policy(partners, component=True)}")
        return 0
    settings = Settings(
        prefix=Path(args.prefix),
        listen=args.listen,
        upstream=args.upstream,
        base=args.base,
        server_names=args.server_name or ["localhost", "127.0.0.1"],
        frame_ancestors=partners,
    )
    print(render(settings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
