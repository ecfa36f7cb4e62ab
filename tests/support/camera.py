"""A fake camera for browser tests: Chromium plays a short video of a QR code as its webcam
(``--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>``), so the
check-in page's scanner reads a real QR code from a real video stream."""

import contextlib


def y4m_with_qr(path, text: str, size=(640, 480)) -> None:
    """A short video file (YUV4MPEG2, 4:2:0) showing the QR code of ``text``, dark on light with
    its quiet zone, centred."""
    import segno

    width, height = size
    matrix = [list(row) for row in segno.make(text, error="m").matrix]
    border, scale = 4, 10
    modules = len(matrix) + 2 * border
    left, top = (width - modules * scale) // 2, (height - modules * scale) // 2
    luma = bytearray([235]) * (width * height)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if not dark:
                continue
            for dy in range(scale):
                start = (top + (y + border) * scale + dy) * width + left + (x + border) * scale
                luma[start : start + scale] = bytes([16]) * scale
    chroma = bytes([128]) * (width * height // 4)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _frame in range(10):
            video.write(frame)


@contextlib.contextmanager
def camera_context(browser, base_url: str, video, *, locale: str = "nb-NO"):
    """A browser context whose camera shows ``video`` (camera permission granted). A separate
    Chromium is started: the fake camera is a launch option."""
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    camera_browser = browser.browser_type.launch(
        executable_path=chromium_path(),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera_browser.new_context(base_url=base_url, locale=locale)
        context.set_default_timeout(10_000)
        context.grant_permissions(["camera"])
        yield context
    finally:
        camera_browser.close()
