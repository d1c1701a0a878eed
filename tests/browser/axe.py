"""axe-core in the browser: a page's WCAG 2.0 to 2.2 A and AA violations, as a readable failure.

axe-playwright-python ships axe-core's script; it is injected with Playwright's `page.evaluate`,
which runs through the DevTools protocol and is not subject to the page's Content-Security-Policy,
so the portal's strict CSP stays on (no `bypass_csp`) and no network is needed.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
_AXE = Axe()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now, checking only the WCAG A and AA rules."""
    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "resultTypes": ["violations"],
    }
    return _AXE.run(page, options=options).response["violations"]


def violations_report(violations: list[dict[str, Any]], *, per_rule: int = 8) -> str:
    """One line per violated rule (id, impact, help), then its offending elements and why."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} ({violation['impact']}, {len(nodes)} element(s)): "
            f"{violation['help']}"
        )
        for node in nodes[:per_rule]:
            target = " ".join(str(part) for part in node["target"])
            why = (node.get("failureSummary") or "").strip().splitlines()[-1:]
            lines.append(f"    {target} — {why[0].strip() if why else ''}")
        if len(nodes) > per_rule:
            lines.append(f"    … and {len(nodes) - per_rule} more")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, context: str) -> None:
    """Fail with every WCAG A/AA violation axe-core finds on the page; `context` names the page."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"{context}: {len(violations)} accessibility violation(s) at {page.url}\n"
            + violations_report(violations)
        )
