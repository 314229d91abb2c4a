"""Operations: the scheduled cycle, the lock, run records and `hdnd status`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.jobs.lock import EXIT_BUSY, LockBusy, RunLock
from search_ui.cli.schedule import ScheduleError, load_config
from tests.conftest import FAST_CRAWL, ROOT, run_hdnd

pytestmark = pytest.mark.slow


def test_schedule_once_runs_crawl_then_index(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    fast = [x for pair in zip(FAST_CRAWL[::2], FAST_CRAWL[1::2], strict=True) for x in pair]
    result = run_hdnd(["schedule", "--once", "--sites", str(registry), "--site", "dn-xuandong",
                       "--data", str(tmp_path), "--log-format", "json", *fast])
    assert result.returncode == 0, result.stderr[-3000:]
    events = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    names = [e.get("event") for e in events]
    assert names == ["cycle_started", "crawl_finished", "cycle_finished"]
    finished = events[1]
    assert finished["new_articles"] == len([g for g in sample_web.gold().values() if g.site == "dn-xuandong"])
    assert "chỉ mục" in events[2]["index"]
    found = run_hdnd(["search", "", "--json", "--data", str(tmp_path)])
    assert json.loads(found.stdout)["total"] > 0


def test_lock_keeps_runs_apart_and_dies_with_its_holder(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from crawler.jobs.lock import RunLock; "
         f"RunLock({str(tmp_path)!r}, 'crawl').acquire(); print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    busy = run_hdnd(["crawl", "--data", str(tmp_path), "--sites", str(tmp_path / "none.toml")])
    assert busy.returncode == EXIT_BUSY and f"pid {holder.pid}" in busy.stderr
    assert run_hdnd(["schedule", "--once", "--data", str(tmp_path)]).returncode == EXIT_BUSY
    with pytest.raises(LockBusy):
        RunLock(tmp_path, "test").acquire()
    os.kill(holder.pid, signal.SIGKILL)   # a crashed run: the lock must not outlive it
    holder.wait()
    with RunLock(tmp_path, "test"):
        pass


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]   # closed again: connections are refused


def test_status_flags_a_dead_site(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    dead = _dead_port()
    registry.write_text(registry.read_text("utf-8") + f'''
[[site]]
id = "chet"
name = "Trang đã ngừng hoạt động"
province = "Hà Giang"
level = "district"
start_urls = ["http://127.0.0.1:{dead}/"]
''', encoding="utf-8")
    for _ in range(3):
        result = run_hdnd(["crawl", "--sites", str(registry), "--site", "dn-xuandong", "--site", "chet",
                           "--data", str(tmp_path), *FAST_CRAWL, "-s", "RETRY_TIMES=0"])
        assert result.returncode == 0, result.stderr[-2000:]
    status = run_hdnd(["status", "--data", str(tmp_path), "--json"])
    assert status.returncode == 0, status.stderr
    by_site = {s["site"]: s for s in json.loads(status.stdout)}
    assert "failing" in by_site["chet"]["flags"] and by_site["chet"]["articles"] == 0
    alive = by_site["dn-xuandong"]
    assert "failing" not in alive["flags"] and alive["articles"] > 0 and alive["last_new_article"]
    assert "silent" not in alive["flags"]   # its first of the last 3 runs archived articles
    two = {s["site"]: s for s in json.loads(run_hdnd(["status", "--data", str(tmp_path), "--runs", "2",
                                                       "--json"]).stdout)}
    assert "silent" in two["dn-xuandong"]["flags"]   # the last 2 found nothing new
    text = run_hdnd(["status", "--data", str(tmp_path), "--runs", "2"]).stdout
    assert "chet" in text and "chỉ có lỗi" in text and "không có bài mới" in text


def test_bad_schedule_configs() -> None:
    with pytest.raises(ScheduleError, match="cron"):
        load_config(None, {"cron": "61 * * * *"})
    with pytest.raises(ScheduleError, match="cần lịch"):
        load_config(None, {})
    assert load_config(None, {}, need_cron=False).cron is None


def test_schedule_config_file(tmp_path: Path) -> None:
    config = tmp_path / "lich.toml"
    config.write_text('[schedule]\ncron = "30 2 * * *"\nsite = ["a"]\nsettings = { DOWNLOAD_DELAY = 1 }\n', "utf-8")
    loaded = load_config(config, {"data": str(tmp_path)})
    assert loaded.cron == "30 2 * * *" and loaded.site == ["a"] and loaded.settings == {"DOWNLOAD_DELAY": "1"}
    config.write_text('[schedule]\ncron = "30 2 * * *"\ncolour = "red"\n', "utf-8")
    with pytest.raises(ScheduleError, match="colour"):
        load_config(config, {})


def test_runs_recorded_with_start_end_and_figures(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    assert run_hdnd(["crawl", "--sites", str(registry), "--site", "cb-hdnd", "--data", str(tmp_path),
                     *FAST_CRAWL]).returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        run = db.execute("SELECT id, started_at, finished_at, outcome, stats FROM runs").fetchone()
        site = db.execute("SELECT fetched, new_articles, errors, extract_problems, complete, run_id "
                          "FROM site_runs").fetchone()
    assert run[1] <= run[2] and run[3] == "finished" and json.loads(run[4])["hdnd/site/cb-hdnd/fetched"] == site[0]
    assert site[5] == run[0]
    assert site[0] > 0 and site[1] == 9 and site[4] == 1
