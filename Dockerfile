# Kho tin HĐND: the application image (search page, scheduler, command line).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HDND_DATA=/data
WORKDIR /app
COPY pyproject.toml README.md scrapy.cfg ./
COPY crawler ./crawler
COPY indexer ./indexer
COPY search_ui ./search_ui
RUN pip install --no-cache-dir . \
    && useradd --system --home /data --uid 10001 hdnd \
    && mkdir -p /data && chown hdnd /data
USER hdnd
VOLUME ["/data"]
EXPOSE 8000
CMD ["hdnd", "serve", "--host", "0.0.0.0", "--port", "8000"]
