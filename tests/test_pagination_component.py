"""components/pagination.html: the page links every paginated list uses."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def test_links_keep_the_lists_other_parameters():
    page = Paginator(list(range(30)), 10).get_page(2)
    with translation.override("en"):
        html = render_to_string(
            "components/pagination.html", {"page": page, "query_string": "show=all"}
        )
    assert 'href="?show=all&amp;page=1"' in html
    assert 'href="?show=all&amp;page=3"' in html
    assert "Page 2 of 3" in html


def test_nothing_for_a_single_page():
    page = Paginator(list(range(3)), 10).get_page(1)
    assert render_to_string("components/pagination.html", {"page": page}).strip() == ""
