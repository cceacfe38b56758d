"""Articles in the product's one search (`ttdn.core.search`): title, then summary, tags and text."""

from __future__ import annotations

from ttdn.content import markup
from ttdn.content.models import Article
from ttdn.core import search


def text(article: Article) -> search.SearchText:
    body = " ".join([article.summary, " ".join(article.tags), markup.plain_text(article.body)])
    return search.SearchText(title=article.title, body=body)


def register() -> None:
    search.register(Article, text)
