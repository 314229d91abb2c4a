"""The README tells the truth: every registry key, setting, command, option and export field it
documents exists, and everything that exists is documented."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from crawler.crawl.config import SETTINGS
from crawler.registry import KEYS
from search_ui.cli import COMMANDS, build_parser
from search_ui.exports import ARCHIVE_FIELDS as FIELDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def test_every_registry_key_documented_with_its_help() -> None:
    for key in KEYS:
        row = next((line for line in README.splitlines() if line.startswith(f"| `{key.name}` |")), None)
        assert row is not None, f"registry key {key.name} missing from the README table"
        assert key.help in row


def test_every_setting_documented() -> None:
    for setting in SETTINGS:
        row = next((line for line in README.splitlines() if line.startswith(f"| `{setting.name}` |")), None)
        assert row is not None, f"setting {setting.name} missing from the README"
        assert setting.help in row


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_documented() -> None:
    subs = _subparsers()
    assert set(subs) == set(COMMANDS)
    for name, sub in subs.items():
        row = next((line for line in README.splitlines() if line.startswith(f"| `hdnd {name}")), None)
        assert row is not None, f"command {name} missing from the README table"
        for action in sub._actions:
            longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
            if longs and not any(o in row for o in longs) and "--verbose" not in longs and "--set" not in longs:
                raise AssertionError(f"hdnd {name}: option {longs[0]} not in the README")


def test_export_fields_documented_in_order() -> None:
    listed = re.findall(r"`(\w+)`", README.split("Export fields", 1)[1].split("\n\n", 1)[0])
    assert tuple(listed) == FIELDS


def test_setup_commands_exist() -> None:
    for script in ("scripts/demo.sh", "scripts/test.sh", ".ci/run"):
        path = ROOT / script
        assert path.exists() and os.access(path, os.X_OK), script
        assert script.split("/")[-1] in README or script == ".ci/run"
    assert "scripts/test.sh" in (ROOT / ".ci/run").read_text()


def test_production_files_fit_together() -> None:
    from search_ui.cli.schedule import load_config

    compose = (ROOT / "docker-compose.yml").read_text("utf-8")
    for service in ("meilisearch:", "app:", "scheduler:"):
        assert f"\n  {service}" in compose
    assert "getmeili/meilisearch:v" in compose and "${MEILI_MASTER_KEY:?" in compose
    assert "/config/schedule.toml" in compose and "./deploy/schedule.toml" in compose
    assert (ROOT / "Dockerfile").exists()
    config = load_config(ROOT / "deploy" / "schedule.toml", {})
    assert config.cron and config.timezone == "Asia/Ho_Chi_Minh"
    image = (ROOT / "docker-compose.yml").read_text("utf-8").split("image: getmeili/meilisearch:")[1].split()[0]
    assert image in README, "the README names another Meilisearch version than docker-compose.yml runs"


PACKAGES = ("crawler/", "indexer/", "search_ui/", "sampleweb/", "tests/", "bench/", "scripts/", "deploy/")


def test_every_path_named_exists() -> None:
    """A file moved without the README following would send a newcomer to a room that is gone."""
    named = {p for p in re.findall(r"`([\w./-]+)`", README) if p.startswith(PACKAGES)}
    assert len(named) > 20, "the README should name where things live"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"the README names paths that do not exist: {missing}"


def test_every_folder_on_the_map() -> None:
    """Each package folder appears in the map of where things live, so none is a room nobody mentions."""
    rooms = {f"{d.relative_to(ROOT).as_posix()}/" for top in ("crawler", "search_ui") for d in (ROOT / top).iterdir()
             if d.is_dir() and (d / "__init__.py").exists()}
    unmapped = sorted(r for r in rooms if f"| `{r}` |" not in README)
    assert not unmapped, f"folders missing from the README map: {unmapped}"
