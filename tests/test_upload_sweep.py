"""Streamlit's upload endpoint cannot be made to hold files for sessions that left, nor pile up for one session.

A live server, one session over the WebSocket as the browser's, and files put on the endpoint under ids no
widget uses (what an attacker can do); the server's own metrics say how many bytes the endpoint keeps.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from components.app.private import upload_sweep

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser.conftest import start_server, stop_server  # noqa: E402

MB = 1024 * 1024
FILE_BYTES = 30 * MB  # below the app's maxUploadSize (50 MB)
KEPT = re.compile(r'cache_memory_bytes\{cache_type="UploadedFileManager",cache="[^"]*"\} (\d+)')


@pytest.fixture(scope="module")
def server():
    server = start_server(None, "upload-sweep")
    yield server
    stop_server(server)


def kept_bytes(url: str) -> int:
    """Bytes the upload endpoint holds, from the server's metrics (read on its own port, not through the proxy)."""
    return sum(int(n) for n in KEPT.findall(requests.get(f"{url}/_stcore/metrics", timeout=10).text))


def wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


async def session_id(ws) -> str:
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    await ws.send(msg.SerializeToString())
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
        if fwd.WhichOneof("type") == "new_session":
            return fwd.new_session.initialize.session_id


def put_files(url: str, session: str, count: int) -> None:
    http = requests.Session()
    http.get(f"{url}/_stcore/health", timeout=10)  # sets the XSRF cookie, as for the browser
    token = http.cookies["_streamlit_xsrf"]
    for _ in range(count):
        response = http.put(
            f"{url}/_stcore/upload_file/{session}/{uuid.uuid4()}",
            files={"file": ("x.bin", b"\0" * FILE_BYTES, "application/octet-stream")},
            headers={"X-Xsrftoken": token},
            timeout=60,
        )
        assert response.status_code == 204, response.text


def test_parked_uploads_are_bounded_per_session_and_freed_when_it_leaves(server):
    budget = upload_sweep.session_budget()
    count = budget // FILE_BYTES + 2

    async def scenario() -> tuple[bool, bool]:
        ws_url = server.url.replace("http", "ws", 1) + "/_stcore/stream"
        async with websockets.connect(ws_url, subprotocols=["streamlit"], origin=server.url, max_size=None) as ws:
            session = await session_id(ws)
            await asyncio.to_thread(put_files, server.url, session, count)
            assert kept_bytes(server.url) > 0
            bounded = await asyncio.to_thread(wait_for, lambda: 0 < kept_bytes(server.url) <= budget)
        freed = await asyncio.to_thread(wait_for, lambda: kept_bytes(server.url) == 0)
        return bounded, freed

    bounded, freed = asyncio.run(scenario())
    assert bounded, f"the session keeps {kept_bytes(server.url)} bytes, more than {budget}"
    assert freed, f"{kept_bytes(server.url)} bytes kept after the session left"
