"""Driving a page with the keyboard alone, as a person without a mouse does: Tab and Shift+Tab to
move, Enter, Space and the arrow keys to act, typing to fill in. Every stop of the focus is
checked: never lost on <body>, always on something shown, always with a visible focus ring.

The focus ring (moteplass.css and Designsystemet) is an outline on the focused element; for a
checkbox or radio button Designsystemet rings the whole .ds-field (box and label) instead. Nothing
has an outline without focus in a browser the test does not hover over, so an outline is the
focus indicator. The main region is the one exception: the skip link moves the reading position
there, and it has no ring on purpose (moteplass.css).
"""

import time

FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    // without document focus, Tab has left the page for the browser's own controls
    return {lost: true, outside: !document.hasFocus(), description: 'body'};
  }
  const ringed = node => {
    const style = getComputedStyle(node);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  };
  let ring = ringed(el);
  if (!ring && el.matches('input[type=checkbox], input[type=radio]')) {
    const field = el.closest('.ds-field');
    ring = Boolean(field) && ringed(field);
  }
  const box = el.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  return {
    lost: false,
    outside: false,
    main: el.tagName === 'MAIN',
    ring,
    shown: box.width > 0 && box.height > 0,
    description: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.name ? '[name=' + el.name + ']' : '') + ' "' + label.slice(0, 50) + '"',
  };
}
"""


def focus(page) -> dict:
    return page.evaluate(FOCUS_JS)


def assert_focus_visible(page, state: dict | None = None) -> dict:
    """Focus is on an element that is shown and has a visible focus indicator."""
    state = state or focus(page)
    assert not state["lost"], f"focus was lost on {page.url}: it is on <body>"
    assert state["shown"], f"focus is on something not shown: {state['description']}"
    assert state["ring"] or state["main"], f"no visible focus ring on {state['description']}"
    return state


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 120) -> int:
    """Press Tab (Shift+Tab) until the focused element matches ``selector``; every stop on the way
        must show its focus (the browser's own controls, between the last element and the first, are
    passed over). Returns the number of presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        state = focus(page)
        if state["outside"]:
            continue  # past the last element, in the browser's own controls: Tab goes on
        assert_focus_visible(page, state)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of {key} on {page.url}")


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def arrow_to(page, label: str, *, key: str = "ArrowDown", limit: int = 80) -> None:
    """In the focused closed <select>, press the arrow key until ``label`` is chosen."""
    for _ in range(limit):
        if page.evaluate("() => { const s = document.activeElement; "
                         "return s.options[s.selectedIndex].text; }") == label:  # fmt: skip
            return
        page.keyboard.press(key)
    raise AssertionError(f"no option {label!r} in the focused <select>")


def wait_until(page, expression: str, *, timeout: float = 10.0) -> None:
    """Wait until the JavaScript ``expression`` is true. Polled from here: Playwright's
    wait_for_function evaluates a string in the page, which the Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true within {timeout} s: {expression}"
        page.wait_for_timeout(50)


def settled(page) -> None:
    """Wait until htmx has finished its request, swap and settle."""
    wait_until(
        page,
        "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')",
    )


def live_region_text(page, selector: str) -> str:
    """The text of a status region, after checking it is one that assistive technology
    announces: role=status or alert, or aria-live, on the element or a container."""
    region = page.locator(selector)
    announced = region.evaluate(
        "el => Boolean(el.closest('[role=status], [role=alert], [aria-live]:not([aria-live=off])'))"
    )
    assert announced, f"{selector} is not in a live region on {page.url}"
    return region.inner_text()
