"""HTML to PDF with WeasyPrint: tagged (PDF/UA-1), offline and with a time limit.

``render_pdf`` is generic; the documents themselves (the programme …) build their HTML from
templates and call it. Three rules hold for every render:

* **Only the application's own static files are read.** WeasyPrint fetches stylesheets, fonts and
  images through :func:`make_url_fetcher`, which serves a URL only when it names a file under
  ``STATIC_ROOT`` or a static files finder's directory (``STATICFILES_DIRS``, app ``static/``):
  ``{% static %}`` URLs (made absolute against ``SITE_URL``, the document's base URL) and
  ``file://`` URLs inside those directories. Everything else is refused without any network or
  file access: other ``http(s)://`` URLs, ``file://`` outside static, ``data:`` URLs (nothing we
  render needs one, so they are refused like any other scheme) and names that climb out with
  ``..``. A refused resource is skipped: WeasyPrint logs the error and renders without it.
* **The PDF is tagged and self-describing**: WeasyPrint's ``pdf/ua-1`` variant (structure tags,
  ``DisplayDocTitle``), with the document title and language set in the PDF.
* **A render has a time limit**, ``settings.PDF_RENDER_TIME_LIMIT`` seconds (default 60; 0 or less
  turns it off). Past it, :class:`PdfRenderTimeout` is raised. On the main thread (a Celery
  prefork worker, a management command, tests) a ``SIGALRM`` timer interrupts the render wherever
  it is; on any thread the deadline is also checked at every resource fetch and at each of
  WeasyPrint's progress steps (once per laid-out page), so a render in a web server's thread stops
  too, at the next page.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import mimetypes
import os
import re
import signal
import threading
import time
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext

PDF_VARIANT = "pdf/ua-1"
DEFAULT_TIME_LIMIT = 60
# Types mimetypes may not know; WeasyPrint only insists on text/css for stylesheets.
CONTENT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}
PAGE_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


class PdfRenderTimeout(Exception):
    """The render took longer than ``settings.PDF_RENDER_TIME_LIMIT`` seconds."""


class StaticResourceRefused(ValueError):
    """A URL that is not one of the application's static files; WeasyPrint skips it."""


class _DeadlinePassed(BaseException):
    """Raised inside WeasyPrint when the time is up. A BaseException, so that WeasyPrint's
    ``except Exception`` around each resource and font cannot swallow it; ``render_pdf`` turns it
    into :class:`PdfRenderTimeout`."""


_local = threading.local()  # .deadline: time.monotonic() value of the render on this thread


def render_pdf(html: str, *, language: str, title: str, stylesheets: Sequence[str] = ()) -> bytes:
    """The PDF (PDF/UA-1, tagged) of ``html``, with ``title`` and ``language`` in its metadata.

    Relative URLs in ``html`` are resolved against ``SITE_URL``, so ``{% static %}`` URLs work;
    only static files are read (see the module docstring). ``stylesheets``: CSS source applied
    after the document's own, for rules made from data (colours), which keeps style out of the
    HTML. Raises :class:`PdfRenderTimeout`.
    """
    import weasyprint

    limit = time_limit()
    deadline = time.monotonic() + limit if limit else None
    _install_progress_checkpoint()
    previous_deadline = getattr(_local, "deadline", None)
    _local.deadline = deadline
    try:
        with _alarm(limit):
            fetcher = make_url_fetcher(deadline=deadline)
            extra = [
                weasyprint.CSS(string=css, base_url=base_url(), url_fetcher=fetcher)
                for css in stylesheets
            ]
            document = weasyprint.HTML(
                string=html, base_url=base_url(), url_fetcher=fetcher
            ).render(stylesheets=extra)
            _check_deadline(deadline)
            document.metadata.title = title
            document.metadata.lang = language
            return document.write_pdf(pdf_variant=PDF_VARIANT)
    except _DeadlinePassed:
        raise PdfRenderTimeout(
            f"The PDF took longer than {limit:g} seconds to render (PDF_RENDER_TIME_LIMIT)."
        ) from None
    finally:
        _local.deadline = previous_deadline


def page_label_context() -> dict[str, str]:
    """The words of the "Side X av Y" footer in the active language, for the template's context.

    'Page %(page)s of %(pages)s' is cut into the texts before, between and after the two numbers
    (``page_before``, ``page_between``, ``page_after``): templates/includes/pdf_base.html puts
    them on ``<body>`` and static/css/pdf-base.css sets the CSS page counters between them.
    """
    label = gettext("Page %(page)s of %(pages)s")
    parts = PAGE_PLACEHOLDER.split(label)
    # parts: [before, "page", between, "pages", after] when both placeholders are there in order.
    if len(parts) == 5 and parts[1] == "page" and parts[3] == "pages":
        before, between, after = parts[0], parts[2], parts[4]
    else:
        before, between, after = "", " / ", ""
    return {"page_before": before, "page_between": between, "page_after": after}


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF that render_pdf wrote.

    The page tree's ``/Count`` is usually inside a compressed object stream (PDF 1.5+), so it is
    looked for there as well as in the plain text of the file.
    """
    texts = [pdf]
    for match in _OBJECT_STREAM.finditer(pdf):
        length = re.search(rb"/Length (\d+)", match.group(1))
        if b"/ObjStm" in match.group(1) and b"/FlateDecode" in match.group(1) and length:
            start = match.end()
            with contextlib.suppress(zlib.error):
                texts.append(zlib.decompress(pdf[start : start + int(length.group(1))]))
    counts = [
        int(count)
        for text in texts
        for pages in _PAGES_DICT.findall(text)
        for count in re.findall(rb"/Count (\d+)", pages)
    ]
    return max(counts, default=0)


_OBJECT_STREAM = re.compile(rb"\d+ 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.DOTALL)
_PAGES_DICT = re.compile(rb"<<[^<>]*/Type\s*/Pages\b[^<>]*>>")


def time_limit() -> float:
    """``settings.PDF_RENDER_TIME_LIMIT`` in seconds; 0 means no limit."""
    limit = float(getattr(settings, "PDF_RENDER_TIME_LIMIT", DEFAULT_TIME_LIMIT) or 0)
    return max(limit, 0.0)


def base_url() -> str:
    """The documents' base URL: the site's address, so that links in a PDF point to the site."""
    return settings.SITE_URL.rstrip("/") + "/"


def static_base_url() -> str:
    """The absolute URL of the static files: ``{% static %}`` URLs resolved against base_url()."""
    return urljoin(base_url(), settings.STATIC_URL)


# --- Resources --------------------------------------------------------------------------------


def make_url_fetcher(*, deadline: float | None = None):
    """A WeasyPrint URL fetcher that serves only static files (see the module docstring)."""
    return _fetcher_class()(deadline=deadline)


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesURLFetcher(URLFetcher):
        def __init__(self, *, deadline: float | None):
            # No protocols: the inherited urllib machinery must never be reached.
            super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
            self.deadline = deadline

        def fetch(self, url, headers=None):
            _check_deadline(self.deadline)
            path = static_file_for_url(url)
            content_type = CONTENT_TYPES.get(path.suffix.lower()) or (
                mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesURLFetcher


def static_file_for_url(url: str) -> Path:
    """The file a URL names, if it is one of the application's static files.

    Raises :class:`StaticResourceRefused` for anything else; nothing outside the static
    directories is opened, and nothing is fetched over the network.
    """
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise StaticResourceRefused(f"Malformed URL: {url!r}") from error
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise StaticResourceRefused(f"Not a local file: {url!r}")
        path = Path(url2pathname(unquote(parts.path)))
        if not path.is_absolute():
            raise StaticResourceRefused(f"Not an absolute path: {url!r}")
        return _inside_static_roots(path, url)
    static = urlsplit(static_base_url())
    if (
        scheme in ("http", "https")
        and (scheme, parts.netloc.lower()) == (static.scheme.lower(), static.netloc.lower())
        and parts.path.startswith(static.path)
    ):
        name = unquote(parts.path[len(static.path) :])
        return _find_static(name, url)
    raise StaticResourceRefused(f"Only the application's static files are read, not {url!r}")


def static_roots() -> list[Path]:
    """The directories static files are read from: STATIC_ROOT and every finder's location."""
    roots = []
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return [Path(os.path.realpath(root)) for root in roots]


def _find_static(name: str, url: str) -> Path:
    relative = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or relative.is_absolute()
        or any(part in ("..", ".") for part in relative.parts)
    ):
        raise StaticResourceRefused(f"Not a static file name: {url!r}")
    # The source files first (what runserver serves); then STATIC_ROOT, which alone holds the
    # hashed names ({% static %} under the manifest storage in production).
    found = finders.find(name)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT, *relative.parts)
        found = candidate if candidate.is_file() else None
    if not found:
        raise StaticResourceRefused(f"No such static file: {url!r}")
    return _inside_static_roots(Path(found), url)


def _inside_static_roots(path: Path, url: str) -> Path:
    real = Path(os.path.realpath(path))
    for root in static_roots():
        if real.is_relative_to(root) and real.is_file():
            return real
    raise StaticResourceRefused(f"Not one of the application's static files: {url!r}")


# --- The time limit ---------------------------------------------------------------------------


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise _DeadlinePassed


@contextlib.contextmanager
def _alarm(limit: float):
    """Interrupt the block after ``limit`` seconds with SIGALRM, where that is possible: on the
    main thread, on a system with SIGALRM, and when no other timer (pytest-timeout, a caller's
    own alarm) is running, which this one must not replace."""
    usable = (
        limit
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    armed = [True]

    def on_alarm(signum, frame):
        if armed[0]:
            raise _DeadlinePassed

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:  # the timer is set inside: an alarm that fires at once must still restore all
        signal.setitimer(signal.ITIMER_REAL, limit)
        yield
    finally:
        try:
            armed[0] = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


class _ProgressCheckpoint(logging.Filter):
    """WeasyPrint reports each rendering step (and each laid-out page) on its progress logger;
    this filter checks the current thread's deadline there. The logger is enabled down to INFO
    for it, and the filter lets records through exactly as the logger's own configuration would
    have: ``threshold`` is the level it was set to, or None to follow its parents."""

    def __init__(self, progress_logger: logging.Logger, threshold: int | None):
        super().__init__()
        self.progress_logger = progress_logger
        self.threshold = threshold

    def filter(self, record):
        _check_deadline(getattr(_local, "deadline", None))
        threshold = self.threshold
        if threshold is None:
            parent = self.progress_logger.parent
            threshold = parent.getEffectiveLevel() if parent else logging.WARNING
        return record.levelno >= threshold


_install_lock = threading.Lock()


def _install_progress_checkpoint() -> None:
    progress_logger = logging.getLogger("weasyprint.progress")
    with _install_lock:
        if any(isinstance(f, _ProgressCheckpoint) for f in progress_logger.filters):
            return
        level = progress_logger.level
        progress_logger.addFilter(
            _ProgressCheckpoint(progress_logger, None if level == logging.NOTSET else level)
        )
        if level == logging.NOTSET or level > logging.INFO:
            progress_logger.setLevel(logging.INFO)
