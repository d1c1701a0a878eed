"""A person at the counter: each tap and typed character counted, scrolling only to reach a control.

A control is reachable when it lies wholly inside the part of the window nothing covers: below a
narrow screen's fixed recap it is the strip above the recap. When it is not, the person scrolls
just far enough (one scroll), then taps its middle, as a finger would: nothing scrolls for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Locator, Page

SHOTS = Path("/tmp/counter-shots")  # noqa: S108 (screenshots for a person to look at)
MARGIN_PX = 8  # a person scrolls a little past the control, not to its very edge

# How far the window must scroll for the element to be wholly in the uncovered area (0: none).
SCROLL_NEEDED_JS = """
(element, margin) => {
  const box = element.getBoundingClientRect();
  const recap = document.querySelector('.booking-recap');
  let bottom = window.innerHeight;
  if (recap && getComputedStyle(recap).position === 'fixed' && !recap.contains(element)) {
    bottom = Math.min(bottom, recap.getBoundingClientRect().top);
  }
  if (box.top < 0) return box.top - margin;
  if (box.bottom > bottom) return Math.min(box.bottom - bottom + margin, box.top - margin);
  return 0;
}
"""


@dataclass
class Hand:
    """Taps, typed characters and scrolls made on one page, and how deep each tap was."""

    page: Page
    taps: int = 0
    chars: int = 0
    scrolls: int = 0
    deepest_scroll: float = 0.0  # the largest scrollY a tapped control needed
    log: list[str] = field(default_factory=list)

    def scroll_y(self) -> float:
        return self.page.evaluate("window.scrollY")

    def reach(self, target: Locator) -> None:
        """Scroll (once) only if the target is not wholly in the uncovered part of the window."""
        target.wait_for(state="visible")
        needed = target.evaluate(SCROLL_NEEDED_JS, MARGIN_PX)
        before = self.scroll_y()
        if needed:
            self.page.evaluate("dy => window.scrollBy({top: dy, behavior: 'instant'})", needed)
        after = self.scroll_y()
        if after != before:
            self.scrolls += 1
            self.log.append(f"scroll {before:.0f} → {after:.0f}")
        left = target.evaluate(SCROLL_NEEDED_JS, 0)
        assert not left, f"{target} cannot be scrolled clear of what covers it ({left:.0f} px)"
        self.deepest_scroll = max(self.deepest_scroll, after)

    def tap(self, target: Locator, what: str) -> None:
        """Tap the middle of the target, reaching it first."""
        self.reach(target)
        box = target.bounding_box()
        assert box is not None, f"{what} has no box"
        self.log.append(f"tap {what} at scrollY {self.scroll_y():.0f}")
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        self.taps += 1

    def note_covered(self, target: Locator, what: str) -> float:
        """Log (and return) how many pixels of the target now lie under what covers the window."""
        covered = max(0.0, target.evaluate(SCROLL_NEEDED_JS, 0))
        self.log.append(f"{what}: {covered:.0f} px under the recap")
        return covered

    def type(self, text: str) -> None:
        """Type into the focused control, one key per character."""
        self.page.keyboard.type(text)
        self.chars += len(text)
        self.log.append(f"type {text!r}")

    def screens(self) -> float:
        """The page's height in windows, as it is now."""
        return self.page.evaluate("document.documentElement.scrollHeight / window.innerHeight")


# What makes the page tall: the height of each block above, in and below the booking steps.
HEIGHTS_JS = """
() => {
  const height = element => Math.round(element.getBoundingClientRect().height);
  const layout = document.querySelector('.booking-layout');
  const top = Math.round(layout.getBoundingClientRect().top + window.scrollY);
  const blocks = [['above the form', top]];
  const steps = document.querySelectorAll('#service-step, #customer-step, #when-step,'
    + ' #questions:not([hidden]), .booking-steps > div.step, .booking-steps > details');
  steps.forEach(step => blocks.push([step.id || (step.open === undefined ? 'notes'
    : 'more options'), height(step)]));
  blocks.push(['layout padding-bottom', parseFloat(getComputedStyle(layout).paddingBottom)]);
  blocks.push(['recap', height(document.querySelector('.booking-recap'))]);
  blocks.push(['page', document.documentElement.scrollHeight]);
  return blocks;
}
"""


def heights(page: Page) -> list[tuple[str, int]]:
    """The page's blocks and their heights in CSS pixels, top to bottom."""
    return [(name, height) for name, height in page.evaluate(HEIGHTS_JS)]


def shoot(page: Page, folder: Path, name: str) -> None:
    """What the window shows now and the whole page, the window's scroll position kept."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    kept = page.evaluate("window.scrollY")
    page.screenshot(path=str(folder / f"{name}-full.png"), full_page=True)
    page.evaluate("y => window.scrollTo({top: y, behavior: 'instant'})", kept)
