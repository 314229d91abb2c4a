"""The attention graph: matching articles per month as an inline SVG drawn on the server.

No script is needed to see it, the page's CSP stays strict (geometry is SVG attributes, colours
come from the stylesheet), and each bar links to that month's articles. Months without articles
are drawn as gaps so a lull reads as a lull; a span of more than 25 years is drawn per year.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 120
TOP, BOTTOM, LEFT = 16, 20, 4
MAX_MONTHS = 300


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    label: str        # "Tháng 6/2024: 12 bài"
    since: str        # filter values for the link
    until: str
    url: str = ""     # set by the page: its state with this period as the date filter


@dataclass
class Tick:
    x: float
    text: str


@dataclass
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    peak: int
    total: int
    width: int = WIDTH
    height: int = HEIGHT
    by_year: bool = False

    @property
    def summary(self) -> str:
        unit = "năm" if self.by_year else "tháng"
        return f"Số bài theo {unit}; cao nhất {self.peak} bài trong một {unit}."


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build_chart(months: dict[str, int]) -> Chart | None:
    """Bars for ``{"YYYY-MM": count}``; None when there is nothing to draw."""
    valid = {k: v for k, v in months.items() if len(k) == 7 and k[:4].isdigit() and k[5:].isdigit() and v > 0}
    if not valid:
        return None
    keys = _month_range(min(valid), max(valid))
    by_year = len(keys) > MAX_MONTHS
    if by_year:
        years: dict[str, int] = {}
        for k, v in valid.items():
            years[k[:4]] = years.get(k[:4], 0) + v
        keys = [str(y) for y in range(int(min(years)), int(max(years)) + 1)]
        counts = [years.get(k, 0) for k in keys]
    else:
        counts = [valid.get(k, 0) for k in keys]
    peak = max(counts)
    plot_w = WIDTH - 2 * LEFT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / len(keys)
    gap = min(2.0, step * 0.2)
    bars: list[Bar] = []
    ticks: list[Tick] = []
    for n, (key, count) in enumerate(zip(keys, counts, strict=True)):
        x = LEFT + n * step
        if by_year:
            label, since, until = f"Năm {key}: {count} bài", key, key
        else:
            label = f"Tháng {int(key[5:])}/{key[:4]}: {count} bài"
            since = until = key
        if count:
            h = max(1.5, plot_h * count / peak)
            bars.append(Bar(round(x + gap / 2, 2), round(TOP + plot_h - h, 2), round(max(step - gap, 0.8), 2),
                            round(h, 2), label, since, until))
        if by_year or key.endswith("-01") or n == 0:
            ticks.append(Tick(round(x, 2), key[:4]))
    # thin out year labels so they never overlap (about 36 px per label)
    every = max(1, int(len(ticks) * 36 / plot_w) + 1)
    ticks = ticks[::every]
    return Chart(bars, ticks, peak, sum(counts), by_year=by_year)
