"""``hdnd``: the command line of Kho tin HĐND.

It lives at the top of the dependency chain (crawler ← indexer ← search_ui) because its commands
span all three. Each command parses its options here and calls one function of the package that
does the work. Exit codes: 0 done, 1 bad input or a failed run (message on stderr), 2 usage error
(argparse), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from crawler.archive.db import ArchiveError, data_dir
from crawler.jobs.lock import EXIT_BUSY, LockBusy, RunLock
from crawler.registry import RegistryError
from indexer.model import EngineError
from indexer.params import ParamError
from search_ui.cli.schedule import ScheduleError
from search_ui.web.server import PortBusy

PROG = "hdnd"


def _setting(value: str) -> tuple[str, str]:
    name, sep, val = value.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"cần dạng NAME=VALUE, nhận được {value!r}")
    return name.strip(), val


def _add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", metavar="DIR", help="thư mục dữ liệu (mặc định: $HDND_DATA, nếu không thì ./data)")


def _add_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("embedded", "meilisearch"),
                   help="máy tìm kiếm (mặc định: meilisearch nếu có MEILI_URL, nếu không thì embedded)")


def _add_verbose(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="count", default=0, help="in thêm nhật ký (-vv: gỡ lỗi)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Kho tin HĐND: thu thập, lưu trữ và tìm kiếm tin Hội đồng nhân dân.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("crawl", help="thu thập tin từ các trang trong danh mục vào kho lưu trữ")
    p.add_argument("--sites", metavar="FILE", help="tệp danh mục trang (TOML); mặc định: danh mục kèm theo")
    p.add_argument("--site", metavar="ID", action="append", default=[], help="chỉ thu thập trang này (lặp lại được)")
    _add_data(p)
    p.add_argument("-s", "--set", metavar="NAME=VALUE", dest="settings", action="append", type=_setting,
                   default=[], help="đặt một thiết lập Scrapy, như scrapy crawl -s")
    p.add_argument("--no-progress", action="store_true", help="không in dòng tiến độ")
    _add_verbose(p)

    p = sub.add_parser(
        "export", help="xuất cả kho lưu trữ, hoặc các kết quả tìm kiếm (khi có từ khóa hay bộ lọc tìm kiếm)")
    p.add_argument("query", metavar="QUERY", nargs="?", default=None,
                   help="từ khóa: xuất các kết quả tìm kiếm (tối đa 50.000 bài) thay vì cả kho")
    p.add_argument("--format", choices=("jsonl", "csv", "xlsx"), required=True, help="định dạng tệp xuất")
    p.add_argument("--output", "-o", metavar="FILE", help="tệp đích (mặc định: đầu ra chuẩn; xlsx cần --output)")
    p.add_argument("--site", metavar="ID", help="chỉ xuất bài của trang này")
    p.add_argument("--hdnd-only", action="store_true", help="chỉ xuất tin HĐND (khi xuất cả kho)")
    p.add_argument("--province", help="tìm kiếm: tỉnh/thành, tên cũ hoặc mới")
    p.add_argument("--level", help="tìm kiếm: cấp (province, district, commune)")
    p.add_argument("--since", metavar="DATE", help="tìm kiếm: từ ngày")
    p.add_argument("--until", metavar="DATE", help="tìm kiếm: đến ngày")
    p.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance",
                   help="tìm kiếm: thứ tự các dòng")
    p.add_argument("--text", choices=("snippet", "full"), default="snippet",
                   help="tìm kiếm: cột nội dung là trích đoạn (mặc định) hay toàn văn")
    _add_data(p)
    _add_engine(p)

    p = sub.add_parser("extract", help="trích xuất một trang đã lưu và in mọi trường, cùng phán đoán của crawler "
                                       "(bài viết hay không, vì sao)")
    p.add_argument("page", metavar="PAGE", help="tệp HTML đã lưu")
    p.add_argument("--url", help="địa chỉ gốc của trang (giúp nhận dạng CMS, ngày trong URL và phán đoán của crawler)")
    p.add_argument("--json", action="store_true", help="in JSON")

    p = sub.add_parser("reextract", help="trích xuất lại các trang thô đã lưu (không cần mạng)")
    p.add_argument("--site", metavar="ID", help="chỉ trang này")
    _add_data(p)

    p = sub.add_parser("index", help="đưa các bài HĐND trong kho vào chỉ mục tìm kiếm (chỉ phần thay đổi)")
    _add_data(p)
    _add_engine(p)
    p.add_argument("--rebuild", action="store_true", help="dựng lại toàn bộ chỉ mục rồi thay thế một lần")

    p = sub.add_parser("search", help="tìm kiếm tin HĐND")
    p.add_argument("query", metavar="QUERY", nargs="?", default="", help="từ khóa (bỏ trống: mọi bài, mới nhất trước)")
    p.add_argument("--province", help="tỉnh/thành, tên cũ hoặc mới, có dấu hay không")
    p.add_argument("--level", help="cấp: province, district, commune")
    p.add_argument("--site", metavar="ID", help="mã trang")
    p.add_argument("--since", metavar="DATE", help="từ ngày (2024-06-26, 26/06/2024, 2024-06, 2024)")
    p.add_argument("--until", metavar="DATE", help="đến ngày")
    p.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    p.add_argument("--limit", type=int, default=20, help="số kết quả (1-100, mặc định 20)")
    p.add_argument("--offset", type=int, default=0, help="bỏ qua N kết quả đầu")
    p.add_argument("--json", action="store_true", help="in JSON")
    _add_data(p)
    _add_engine(p)

    p = sub.add_parser("serve", help="mở trang tìm kiếm (web) trên chỉ mục và kho lưu trữ")
    _add_data(p)
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    _add_engine(p)

    p = sub.add_parser("status", help="tình trạng từng trang: lần thu thập gần nhất, bài mới gần nhất, cảnh báo")
    _add_data(p)
    p.add_argument("--runs", type=int, default=3, help="cảnh báo khi N lần chạy gần nhất không có bài mới (mặc định 3)")
    p.add_argument("--json", action="store_true", help="in JSON")

    p = sub.add_parser("schedule", help="chạy thu thập rồi lập chỉ mục theo lịch cron, không bao giờ hai lần cùng lúc")
    p.add_argument("--cron", metavar="EXPR", help='lịch kiểu cron, ví dụ "0 */6 * * *" (giờ Việt Nam)')
    p.add_argument("--config", metavar="FILE", help="tệp lịch TOML (cron, sites, site, engine, settings, ...)")
    p.add_argument("--sites", metavar="FILE", help="tệp danh mục trang")
    p.add_argument("--site", metavar="ID", action="append", default=[], help="chỉ các trang này (lặp lại được)")
    _add_data(p)
    _add_engine(p)
    p.add_argument("-s", "--set", metavar="NAME=VALUE", dest="settings", action="append", type=_setting,
                   default=[], help="thiết lập Scrapy cho mỗi lần thu thập")
    p.add_argument("--once", action="store_true", help="chạy một vòng ngay rồi thoát (cho cron hoặc systemd)")
    p.add_argument("--log-format", choices=("text", "json"), default="text", help="dạng nhật ký (mặc định text)")
    _add_verbose(p)

    p = sub.add_parser("demo", help="chạy thử trên các trang mẫu kèm theo: thu thập, lập chỉ mục, mở trang tìm kiếm")
    p.add_argument("--port", type=int, default=8000, help="cổng cho trang tìm kiếm (mặc định 8000)")
    _add_data(p)
    p.add_argument("--no-serve", action="store_true", help="chỉ thu thập và in kết quả, không mở trang web")
    _add_verbose(p)
    return parser


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.jobs.crawl import build_settings, format_report, quiet_scrapy_logging, run_crawl

    overrides = dict(args.settings)
    overrides.setdefault("LOG_LEVEL", quiet_scrapy_logging(args.verbose))
    settings = build_settings(data_dir(args.data), args.sites, args.site, overrides,
                              progress=0.0 if args.no_progress else 5.0)
    with RunLock(data_dir(args.data), "crawl"):
        report = run_crawl(settings)
    print(format_report(report))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from search_ui.cli.export import export_archive, export_search, is_search_export

    if args.format == "xlsx" and not args.output:
        print(f"{PROG} export: --format xlsx cần --output FILE", file=sys.stderr)
        return 2
    if is_search_export(args):
        return export_search(args)
    return export_archive(args)


def cmd_extract(args: argparse.Namespace) -> int:
    from crawler.extract import extract
    from crawler.judgment.verdicts import verdict_for_saved_page

    path = Path(args.page)
    try:
        body = path.read_bytes()
    except OSError as exc:
        print(f"{PROG} extract: không đọc được {path}: {exc.strerror}", file=sys.stderr)
        return 1
    url = args.url or path.resolve().as_uri()
    result = extract(body, url)  # detects the CMS family itself
    # what the crawler would do with this page, judged as the spider judges a page it followed
    verdict = verdict_for_saved_page(body, url)
    data = {**result.as_dict(), "crawler": {"article": verdict.article, "reason": verdict.reason}}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"crawler: {'article' if verdict.article else 'not an article'} ({verdict.reason})")
        for key, value in data.items():
            if key == "crawler":
                continue
            if isinstance(value, list):
                value = "\n    ".join(str(v) for v in value) if value else ""
            print(f"{key}: {value}")
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from crawler.jobs.reextract import reextract_archive

    with RunLock(data_dir(args.data), "reextract"):
        counts = reextract_archive(data_dir(args.data), site=args.site, progress=sys.stderr)
    print(f"Đã trích xuất lại {counts['pages']} trang: {counts['changed']} thay đổi, "
          f"{counts['problems']} có vấn đề.")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from crawler.archive.store import Archive
    from indexer.engines import DEFAULT_INDEX, open_engine
    from indexer.sync import state_path, sync_index

    directory = data_dir(args.data)
    with RunLock(directory, "index"):
        archive = Archive.open(directory)
        engine = open_engine(args.engine, directory)
        try:
            report = sync_index(archive, engine, state_path(directory, engine.name, DEFAULT_INDEX),
                                rebuild=args.rebuild)
        finally:
            engine.close()
            archive.close()
    action = "Dựng lại" if report.mode == "rebuild" else "Cập nhật"
    if report.reason == "split":
        print("Chỉ mục đã lớn: dựng lại để chia thành nhiều phần, tìm kiếm song song trên các lõi CPU.")
    print(f"{action} chỉ mục {report.engine}: gửi {report.sent} bài, xóa {report.deleted}; "
          f"chỉ mục có {report.total} bài.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from indexer.engines import open_engine
    from indexer.params import build_query
    from search_ui.cli.terminal import format_result

    query = build_query({
        "q": args.query, "province": args.province, "level": args.level, "site": args.site,
        "since": args.since, "until": args.until, "sort": args.sort, "limit": str(args.limit),
        "offset": str(args.offset),
    })
    engine = open_engine(args.engine, data_dir(args.data))
    try:
        result = engine.search(query)
    finally:
        engine.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_result(result, query, color=sys.stdout.isatty()))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from search_ui.web.server import serve

    serve(data_dir(args.data), host=args.host, port=args.port, engine_kind=args.engine)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from crawler.archive.store import Archive
    from crawler.jobs.status import format_statuses, site_statuses

    archive = Archive.open(data_dir(args.data), readonly=True)
    try:
        statuses = site_statuses(archive, args.runs)
    finally:
        archive.close()
    if args.json:
        print(json.dumps([s.as_dict() for s in statuses], ensure_ascii=False, indent=2))
    else:
        print(format_statuses(statuses, args.runs))
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from search_ui.cli import logs
    from search_ui.cli.schedule import load_config, run_cycle, run_forever

    logs.configure(args.verbose, args.log_format)
    config = load_config(args.config, {"cron": args.cron, "data": args.data, "sites": args.sites,
                                       "site": args.site, "engine": args.engine,
                                       "settings": dict(args.settings) or None}, need_cron=not args.once)
    if args.once:
        return run_cycle(config)
    run_forever(config)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from search_ui.cli.demo import run_demo

    return run_demo(args)


COMMANDS = {
    "crawl": cmd_crawl, "export": cmd_export, "extract": cmd_extract, "reextract": cmd_reextract,
    "index": cmd_index, "search": cmd_search, "serve": cmd_serve, "demo": cmd_demo, "status": cmd_status,
    "schedule": cmd_schedule,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except LockBusy as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except (RegistryError, ArchiveError, EngineError, ParamError, PortBusy, ScheduleError) as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG} {args.command}: đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


