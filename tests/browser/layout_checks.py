"""What a page looks like to a hand and an eye: target sizes, sideways scroll, focus rings."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

MIN_TARGET_PX = 24  # WCAG 2.2 AA, 2.5.8 Target Size (Minimum)
MIN_FOCUS_CONTRAST = 3  # WCAG 2.1 AA, 1.4.11 Non-text Contrast


# Every visible control and link, except links inside running text (WCAG 2.5.8's inline exception).
SMALL_TARGETS_JS = """
min => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]')]
  .filter(e => e.checkVisibility() && !e.matches('.visually-hidden-focusable:not(:focus)'))
  .filter(e => !(e.matches('a') && e.closest('p, dd, .alert, .help, .form-text, td, th')
                 && getComputedStyle(e).display === 'inline'))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.height < min || box.width < min)
  .map(([e, box]) =>
    `${e.outerHTML.slice(0, 80)}: ${Math.round(box.width)}x${Math.round(box.height)}`)
"""


def small_targets(page: Page) -> list[str]:
    """Controls and links (outside running text) under 24 px wide or high."""
    return page.evaluate(SMALL_TARGETS_JS, MIN_TARGET_PX)


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 or less: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_inside_the_viewport(page: Page, target: Locator) -> None:
    """The target is shown, and wholly between the window's left and right edges."""
    expect(target).to_be_visible()
    box = target.bounding_box()
    assert box is not None
    width = page.evaluate("window.innerWidth")
    assert box["x"] >= 0, f"{box} starts left of the screen"
    assert box["x"] + box["width"] <= width, f"{box} ends right of the {width} px screen"


FOCUS_RING_JS = """
e => {
  const style = getComputedStyle(e);
  let behind = 'rgb(255, 255, 255)';
  for (let p = e.parentElement; p; p = p.parentElement) {
    const bg = getComputedStyle(p).backgroundColor;
    if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') { behind = bg; break; }
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          color: style.outlineColor, text: style.color, behind};
}
"""


def _luminance(css_color: str) -> float:
    channels = [float(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3]]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two computed CSS colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_ring(page: Page, target: Locator) -> dict[str, Any]:
    """Focus the target as a keyboard user would, then read its outline and what lies behind."""
    page.keyboard.press("Tab")  # keyboard modality: a scripted focus then shows :focus-visible
    target.focus()
    expect(target).to_be_focused()
    return target.evaluate(FOCUS_RING_JS)


def assert_visible_focus(page: Page, targets: dict[str, Locator]) -> None:
    """Each named target, focused, has a solid ring of 2 px or more at 3:1 to what is behind."""
    for what, target in targets.items():
        ring = focus_ring(page, target)
        assert ring["style"] != "none", f"{what}: no focus ring, {ring}"
        assert ring["width"] >= 2, f"{what}: a hairline focus ring, {ring}"
        assert contrast(ring["color"], ring["behind"]) >= MIN_FOCUS_CONTRAST, (
            f"{what}: faint focus ring, {ring}"
        )
