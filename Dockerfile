# Kooperationsatlas as a container, after Streamlit's own recipe (docs.streamlit.io, "Deploy Streamlit using
# Docker"): python slim, pinned requirements first (layer cache), a non-root user, a health check on
# /_stcore/health, the server on 0.0.0.0:8501. Put it behind the reverse proxy in deploy/ for compression and
# security headers (deploy/README.md). Build: docker build -t kooperationsatlas .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VOTING_DATA_DIR=/var/lib/kooperationsatlas/voting \
    STREAMLIT_SERVER_ALLOWED_HOSTS="localhost 127.0.0.1"

# DejaVu fonts for the PDF handout (the slim image has no fonts).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin atlas

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# The code belongs to root (read-only for the app); only the vote folder and the loader's Parquet copy are
# writable.
COPY . .
RUN mkdir -p /var/lib/kooperationsatlas/voting data/study/.cache \
    && chown -R atlas:atlas /var/lib/kooperationsatlas data/study/.cache

USER atlas
EXPOSE 8501
VOLUME ["/var/lib/kooperationsatlas"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]

ENTRYPOINT ["streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
