"""Docker HEALTHCHECK: exit 0 when Streamlit's /_stcore/health answers "ok" (under the base path, if one is set).

Plain Python instead of curl, which the slim image does not have.
"""

from __future__ import annotations

import os
import sys
import urllib.request


def health_url(env=os.environ) -> str:
    port = env.get("STREAMLIT_SERVER_PORT", "8501")
    base = env.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    return f"http://127.0.0.1:{port}/" + (f"{base}/" if base else "") + "_stcore/health"


def main() -> int:
    try:
        with urllib.request.urlopen(health_url(), timeout=4) as r:
            return 0 if r.status == 200 and r.read().strip() == b"ok" else 1
    except OSError as error:
        print(f"Streamlit antwortet nicht: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
