"""What `make bench` prints: per step, the figures of the rounds as medians."""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.benchmarks.scenarios import Figures


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def report(
    figures: dict[str, Figures], raw_trip: float, weight: tuple[int, int], raw_posts: list[float]
) -> None:
    """The table of steps, the submit against a raw POST, and the page's weight."""
    print(f"One raw round trip (GET through the client): {raw_trip * 1000:.1f} ms")
    header = (
        f"{'step':<26} {'calls c/w':>10} {'trips c/w':>10} {'time ms cold/warm':>18} "
        f"{'less Omneo c/w':>15} {'portal ms c/w':>14} {'cpu ms c/w':>11} {'ratio to min c/w':>17}"
    )
    print(header)
    print("-" * len(header))
    for name, fig in figures.items():
        calls = "/".join(str(max(fig.calls[w])) for w in ("cold", "warm"))
        trips = "/".join(str(max(fig.trips[w])) for w in ("cold", "warm"))
        times = "/".join(f"{_ms(fig.times[w]):.0f}" for w in ("cold", "warm"))
        own = "/".join(f"{_ms(fig.own[w]):.1f}" for w in ("cold", "warm"))
        inside = "/".join(f"{_ms(fig.inside[w]):.1f}" for w in ("cold", "warm"))
        cpu = "/".join(f"{_ms(fig.cpu[w]):.1f}" for w in ("cold", "warm"))
        if fig.minimum_trips:
            minimum = fig.minimum_trips * raw_trip
            ratio = "/".join(f"{_ms(fig.times[w]) / 1000 / minimum:.2f}" for w in ("cold", "warm"))
        else:
            ratio = "— (no call needed)"
        print(
            f"{name:<26} {calls:>10} {trips:>10} {times:>18} {own:>15} {inside:>14} {cpu:>11} "
            f"{ratio:>17}"
        )
    submitted = statistics.median(figures["submit"].times["cold"] + figures["submit"].times["warm"])
    raw = statistics.median(raw_posts)
    print(
        f"Submit vs raw POST of the same body: {submitted * 1000:.0f} / {raw * 1000:.0f} ms "
        f"= {submitted / raw:.2f}x"
    )
    print(
        f"Page weight (first load, HTML + static): {weight[0]:,} bytes raw, "
        f"{weight[1]:,} on the wire"
    )


def python_speed_ms() -> float:
    """How long this machine takes for a fixed Python loop now (best of five): shared machines
    slow down and speed up, and every figure above moves with them."""
    best = float("inf")
    for _ in range(5):
        started, total = time.perf_counter(), 0
        for number in range(200_000):
            total += number * number % 7
        best = min(best, time.perf_counter() - started)
    return best * 1000
