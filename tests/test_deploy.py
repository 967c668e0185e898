"""The published set-up: the nginx recipe (rendered and running in front of the real app) and the Dockerfile.

A real nginx (Debian's package) and a real ``streamlit run`` are started in a temp folder on free ports, as
``make serve`` starts them; the tests read what a visitor's browser would get with a plain HTTP client.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import socket
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deploy import proxy, serve

ROOT = Path(__file__).resolve().parents[1]
BASE = "/kooperationsatlas"
ST_STATIC = proxy._streamlit_static()
HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")

needs_nginx = pytest.mark.skipif(
    shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
    reason="nginx fehlt (make test installiert es: make nginx)",
)


def get(stack_or_url, path: str = "", headers: dict | None = None, method: str = "GET") -> http.client.HTTPResponse:
    """One request without redirects or decompression: what came over the wire."""
    url = urlsplit(stack_or_url if isinstance(stack_or_url, str) else stack_or_url.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request(method, url.path.rstrip("/") + path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx fehlt (make nginx)")
    settings = proxy.Settings(prefix=tmp_path_factory.mktemp("nginx"), listen=f"127.0.0.1:{serve.free_port()}")
    s = serve.start_stack(settings)
    yield s
    s.stop()


def largest(pattern: str) -> Path:
    return max(ST_STATIC.glob(pattern), key=lambda p: p.stat().st_size)


# --- the recipe on its own -------------------------------------------------------------------------------------


def test_base_path_is_normalised_and_checked():
    assert proxy.normalise_base("kooperationsatlas/") == "/kooperationsatlas"
    assert proxy.normalise_base("/a//b/") == "/a/b"
    assert proxy.normalise_base("/") == ""
    with pytest.raises(ValueError, match="Basispfad"):
        proxy.normalise_base("/atlas;return 200")
    with pytest.raises(ValueError, match="Basispfad"):
        proxy.normalise_base("/a/../b")


def test_partner_origins_are_checked():
    assert proxy.parse_origins("https://a.example, https://b.example:8443") == [
        "https://a.example",
        "https://b.example:8443",
    ]
    for bad in ("https://a.example/pfad", "a.example", "https://a.example; script-src *", "*"):
        with pytest.raises(ValueError, match="keine Herkunft"):
            proxy.parse_origins(bad)


def test_names_and_addresses_cannot_inject_config(tmp_path):
    for bad in ("atlas.example.org; include /etc/passwd", "a b", ""):
        with pytest.raises(ValueError, match="Hostname"):
            proxy.Settings(prefix=tmp_path, server_names=[bad])
    with pytest.raises(ValueError, match="listen"):
        proxy.Settings(prefix=tmp_path, listen="8080; daemon on")
    assert proxy.Settings(prefix=tmp_path, server_names=["*.example.org", "atlas-1.example.org"]).port == 8080


def test_policy_allows_only_the_own_origin():
    policy = proxy.content_security_policy(["'self'"])
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"
    scripts = directives["script-src"].split()
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    # Nothing but 'self', keywords and hashes: no host, no scheme, no wildcard in any directive.
    for name, value in directives.items():
        for source in value.split():
            assert source.startswith("'") or source in ("data:", "blob:"), (name, source)
    component = dict(d.split(" ", 1) for d in proxy.content_security_policy(["'self'"], component=True).split("; "))
    assert "'unsafe-eval'" not in component["script-src"]


def test_policy_hashes_streamlits_inline_script():
    html = (ST_STATIC / "index.html").read_text(encoding="utf-8")
    bodies = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert bodies, "Streamlit's index.html has no inline script any more: check index_inline_scripts"
    policy = proxy.content_security_policy(["'self'"])
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_inline_scripts_of_the_app_are_the_known_ones():
    """Every st.html(..., unsafe_allow_javascript=True) needs its hash in the policy: a new one must be added."""
    found = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("components/**/*.py"), ROOT / "dashboard.py"]:
        if "unsafe_allow_javascript=True" in path.read_text(encoding="utf-8"):
            found.append(path.relative_to(ROOT).as_posix())
    assert sorted(found) == ["components/app/sidebar.py", "pages/praesentation.py"], (
        "new inline script: add it to deploy.proxy.APP_INLINE_SCRIPTS"
    )
    source = (ROOT / "components/app/sidebar.py").read_text(encoding="utf-8")
    template = re.search(r'st\.html\(\s*f"<script>(.*?)</script>"', source).group(1)
    close = (ROOT / "static/app/sidebar.js").read_text(encoding="utf-8")
    slides = (ROOT / "components/slide_history.js").read_text(encoding="utf-8")
    assert "slide_history.js" in (ROOT / "pages/praesentation.py").read_text(encoding="utf-8")
    expected = [template.replace("{code}", code).replace("{CLOSE_AFTER_NAVIGATION}", close) for code in ("de", "en")]
    assert [*expected, slides] == list(proxy.APP_INLINE_SCRIPTS)


def test_partners_extend_frame_ancestors_and_drop_x_frame_options():
    own = proxy.security_headers(["'self'"])
    assert own["X-Frame-Options"] == "SAMEORIGIN"
    partner = proxy.security_headers(["'self'", "https://partner.example.org"])
    assert "X-Frame-Options" not in partner
    assert partner["Content-Security-Policy"].endswith("frame-ancestors 'self' https://partner.example.org")


def test_unknown_placeholder_is_an_error():
    with pytest.raises(KeyError, match="unbekannter Platzhalter"):
        proxy.fill("listen ${port};", listen="1")
    assert proxy.fill("try_files $uri ${x};", x="@a") == "try_files $uri @a;"


@needs_nginx
@pytest.mark.parametrize("base", ["", "/kooperationsatlas", "/land/atlas"])
def test_rendered_config_is_valid_for_nginx(tmp_path, base):
    settings = proxy.Settings(prefix=tmp_path, base=base, frame_ancestors=["'self'", "https://partner.example.org"])
    conf = proxy.render(settings)
    proxy.check(settings)  # nginx -t
    text = conf.read_text()
    assert "${" not in text
    assert str(tmp_path) in text and "/var/log" not in text  # nothing outside the working folder
    assert (tmp_path / "www" / base.lstrip("/") / "static" / "js").is_dir()


@needs_nginx
def test_several_processes_are_balanced_by_a_cookie(tmp_path):
    settings = proxy.Settings(prefix=tmp_path, upstream="127.0.0.1:8601 127.0.0.1:8602")
    text = proxy.render(settings).read_text()
    proxy.check(settings)
    assert "hash $atlas_node consistent;" in text
    assert "server 127.0.0.1:8601;" in text and "server 127.0.0.1:8602;" in text
    cookie = (tmp_path / "affinity.conf").read_text()
    assert 'Set-Cookie "atlas_node=$atlas_node; Path=/kooperationsatlas/; HttpOnly; SameSite=Lax"' in cookie
    one = proxy.Settings(prefix=tmp_path / "one")
    assert "hash " not in proxy.render(one).read_text()
    assert "add_header" not in (tmp_path / "one" / "affinity.conf").read_text()
    with pytest.raises(ValueError, match="upstream"):
        proxy.Settings(prefix=tmp_path, upstream="127.0.0.1:8601 evil;")


@needs_nginx
def test_a_visitor_stays_with_one_process_and_visitors_spread(tmp_path):
    app = tmp_path / "tiny.py"
    app.write_text("import streamlit as st\n\nst.write('eins')\n")
    settings = proxy.Settings(prefix=tmp_path / "nginx", listen=f"127.0.0.1:{serve.free_port()}")
    stack = serve.start_stack(settings, script=app, workers=2)
    log = settings.prefix / "logs" / "access.log"

    def upstreams_of(requests) -> set[str]:
        before = log.stat().st_size if log.exists() else 0
        for path, headers in requests:
            get(stack, path, headers)
        # nginx writes its access log line when the response is done
        lines = log.read_text()[before:].splitlines()
        return {line.rsplit("upstream=", 1)[-1] for line in lines if "upstream=127" in line}

    try:
        assert len(stack.apps) == 2 and stack.running()
        first = get(stack, "/")
        assert first.status == 200
        value = re.search(r"atlas_node=([0-9a-f]+);", first.getheader("Set-Cookie") or "").group(1)
        visitor = {"Cookie": f"atlas_node={value}"}
        same = upstreams_of([("/", visitor), ("/_stcore/health", visitor), ("/karte", visitor)] * 3)
        assert len(same) == 1
        many = upstreams_of([("/_stcore/health", {"Cookie": f"atlas_node={i:032x}"}) for i in range(24)])
        assert many == {f"127.0.0.1:{a.url.split(':')[2].split('/')[0]}" for a in stack.apps}
    finally:
        stack.stop()
    assert not stack.running()


def test_static_copy_has_gzip_beside_each_large_asset():
    copy = proxy.static_copy() / "static"
    plotly = largest("static/js/PlotlyChart.*.js")
    packed = copy / "js" / (plotly.name + ".gz")
    assert gzip.decompress(packed.read_bytes()) == plotly.read_bytes()
    assert packed.stat().st_size < plotly.stat().st_size / 2


# --- nginx in front of the running app -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/karte", "/_stcore/health", "/static/js/{js}", "/manifest.json", "/nope"])
def test_every_response_carries_the_security_headers(stack, path):
    r = get(stack, path.format(js=largest("static/js/index.*.js").name))
    assert r.status in (200, 404)
    for name in HEADERS:
        assert r.getheader(name), f"{path}: {name} fehlt"
    assert r.getheader("X-Content-Type-Options") == "nosniff"
    assert r.getheader("Referrer-Policy") == "same-origin"
    assert "frame-ancestors 'self'" in r.getheader("Content-Security-Policy")
    assert r.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert len(r.headers.get_all("X-Content-Type-Options")) == 1


def test_root_and_bare_base_redirect_into_the_app(stack):
    origin = stack.url.removesuffix(BASE)
    for path in ("/", BASE):
        r = get(origin, path)
        assert r.status == 302 and r.getheader("Location").endswith(f"{BASE}/")
        assert r.getheader("Content-Security-Policy")


def test_map_frame_has_its_own_policy(stack):
    # 404 until a session has opened the map page (streamlit-folium registers its component on import);
    # the browser test loads the frame itself.
    r = get(stack, "/component/streamlit_folium.st_folium/index.html")
    assert r.status in (200, 404)
    policy = r.getheader("Content-Security-Policy")
    assert "script-src 'self' 'unsafe-inline';" in policy and "frame-ancestors 'self'" in policy


def test_page_names_the_chart_bundle_for_preloading(stack):
    """The first chart's 4.7 MB bundle is fetched while the app starts, not after the chart arrives."""
    page = get(stack, "/akteure").body.decode()
    links = re.findall(r'<link rel="modulepreload" crossorigin href="([^"]+PlotlyChart[^"]+)">', page)
    assert len(links) == 1 and page.index(links[0]) < page.index("</head>")
    origin = stack.url.removesuffix(BASE)
    assert get(origin, links[0]).status == 200
    assert "PlotlyChart" not in get(stack.app.url, "/akteure").body.decode()  # Streamlit alone does not
    assert proxy.preload_config(BASE, ("KeinBündel.*.js",)).startswith("#")


def test_map_assets_are_served_under_the_base_path_and_the_root(stack):
    leaflet = (ROOT / "static/vendor/leaflet-1.9.3/leaflet.js").read_bytes()
    for url in (stack.url, stack.url.removesuffix(BASE)):
        r = get(url, "/app/static/vendor/leaflet-1.9.3/leaflet.js")
        assert r.status == 200 and r.body == leaflet
        assert r.getheader("Content-Security-Policy")


@pytest.mark.parametrize("pattern", ["static/js/PlotlyChart.*.js", "static/js/index.*.js", "static/css/index.*.css"])
def test_assets_are_gzip_compressed_when_asked(stack, pattern):
    asset = largest(pattern)
    path = "/" + asset.relative_to(ST_STATIC).as_posix()
    packed = get(stack, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert packed.status == 200
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == asset.read_bytes()
    assert len(packed.body) < asset.stat().st_size / 2
    assert "Accept-Encoding" in packed.getheader("Vary")
    assert "immutable" in packed.getheader("Cache-Control")
    plain = get(stack, path)
    assert plain.getheader("Content-Encoding") is None and plain.body == asset.read_bytes()


def test_proxied_responses_are_compressed_too(stack):
    """index.html and the map's scripts come from Streamlit, which ignores Accept-Encoding."""
    leaflet = ROOT / "static/vendor/leaflet-1.9.3/leaflet.js"
    packed = get(stack, "/app/static/vendor/leaflet-1.9.3/leaflet.js", {"Accept-Encoding": "gzip"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == leaflet.read_bytes()
    index = get(stack, "/", {"Accept-Encoding": "gzip"})
    assert index.getheader("Content-Encoding") == "gzip"
    assert b'<div id="root">' in gzip.decompress(index.body)
    assert get(stack.app.url, "/", {"Accept-Encoding": "gzip"}).getheader("Content-Encoding") is None


@pytest.mark.parametrize(
    "path",
    ["/_stcore/metrics", "/_stcore/metrics/", "/_stcore//metrics", "/_stcore/%6detrics", "/_stcore/./metrics"],
)
def test_metrics_are_not_reachable_through_the_proxy(stack, path):
    direct = get(stack.app.url, "/_stcore/metrics")
    assert direct.status == 200 and b"session" in direct.body.lower()  # what would leak without the block
    r = get(stack, path)
    assert r.status == 404 and b"# TYPE" not in r.body and b"session" not in r.body.lower()


def test_unknown_host_names_get_no_app(stack):
    with socket.create_connection(("127.0.0.1", stack.settings.port), timeout=10) as s:
        s.sendall(f"GET {BASE}/ HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n".encode())
        assert s.recv(1024) == b""  # nginx closes without an answer (444)


def _upgrade(stack, origin: str | None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", stack.settings.port, timeout=10)
    headers = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Protocol": "streamlit",
        "Host": f"127.0.0.1:{stack.settings.port}",
    }
    if origin:
        headers["Origin"] = origin
    conn.request("GET", f"{BASE}/_stcore/stream", headers=headers)
    status = conn.getresponse().status
    conn.close()
    return status


def test_websocket_upgrade_passes_the_proxy(stack):
    assert _upgrade(stack, f"http://127.0.0.1:{stack.settings.port}") == 101


def test_websocket_from_another_origin_is_refused(stack):
    assert _upgrade(stack, "https://attacker.example") != 101


def test_serve_refuses_a_bad_base_path_in_german(capsys):
    assert serve.main(["--base", "/a b", "--prefix", "/nonexistent"]) == 2
    assert "Basispfad" in capsys.readouterr().err


# --- the Dockerfile --------------------------------------------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_dockerfile_runs_as_a_user_with_a_health_check():
    steps = _dockerfile()
    words = [w for w, _ in steps]
    assert steps[0][0] == "FROM" and re.match(r"python:3\.1[1-9][.\d]*-slim", steps[0][1])
    users = [rest for w, rest in steps if w == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    assert words.index("USER") < words.index("ENTRYPOINT")
    health = next(rest for w, rest in steps if w == "HEALTHCHECK")
    assert "--interval" in health and "--start-period" in health
    # The check is a script in the image (no curl in python:slim); it asks /_stcore/health (tested below).
    script = re.search(r'"(deploy/\w+\.py)"', health).group(1)
    assert "_stcore/health" in (ROOT / script).read_text()
    entry = next(rest for w, rest in steps if w == "ENTRYPOINT")
    assert "--server.address=0.0.0.0" in entry and "dashboard.py" in entry
    assert "8501" in next(rest for w, rest in steps if w == "EXPOSE")


def test_dockerfile_copies_only_what_exists_and_ignores_the_rest():
    steps = _dockerfile()
    copies = [rest for w, rest in steps if w == "COPY"]
    assert copies
    for rest in copies:
        parts = [p for p in rest.split() if not p.startswith("--")]
        for source in parts[:-1]:
            assert (ROOT / source).exists(), f"COPY {source}: fehlt"
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".venv", ".git", ".cache", "test-output", ".data"):
        assert entry in ignored
    pinned = (ROOT / "requirements.txt").read_text()
    assert any("requirements.txt" in rest for rest in copies) and "==" in pinned


def test_dockerfile_installs_the_pinned_requirements_before_the_code():
    steps = _dockerfile()
    install = next(i for i, (w, rest) in enumerate(steps) if w == "RUN" and "requirements.txt" in rest)
    code = next(i for i, (w, rest) in enumerate(steps) if w == "COPY" and rest.split()[0] in (".", "dashboard.py"))
    assert install < code  # a change to the code does not reinstall the packages (layer cache)
    assert "--no-cache-dir" in steps[install][1]


def test_health_endpoint_answers_through_the_proxy(stack):
    with urllib.request.urlopen(f"{stack.url}/_stcore/health", timeout=10) as r:
        assert r.status == 200 and r.read() == b"ok"


def test_docker_health_check_follows_the_base_path(stack, monkeypatch):
    from deploy import healthcheck

    port = urlsplit(stack.app.url).port
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", str(port))
    monkeypatch.setenv("STREAMLIT_SERVER_BASE_URL_PATH", "kooperationsatlas/")
    assert healthcheck.health_url() == f"http://127.0.0.1:{port}/kooperationsatlas/_stcore/health"
    assert healthcheck.main() == 0
    monkeypatch.setenv("STREAMLIT_SERVER_BASE_URL_PATH", "")
    assert healthcheck.main() == 1  # the app lives under its base path only
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", str(serve.free_port()))
    assert healthcheck.main() == 1
