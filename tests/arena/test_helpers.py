from arena.models import join_path
from arena.qr import qr_svg


def test_join_path_is_the_short_link_with_the_normalised_code():
    assert join_path("bus-7q4k") == "/bli-med/BUS7Q4K/"


def test_qr_svg_is_inline_svg_hidden_from_screen_readers():
    svg = qr_svg("https://example.org/bli-med/BUS7Q4K/")
    assert svg.startswith('<svg aria-hidden="true" focusable="false" ')
    assert "<path" in svg
    # Only geometry: the link itself is never text inside the SVG.
    assert "example.org" not in svg


def test_qr_svg_differs_per_link():
    assert qr_svg("https://x.no/bli-med/AAAA1/") != qr_svg("https://x.no/bli-med/AAAA2/")
