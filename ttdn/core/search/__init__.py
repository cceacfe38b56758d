"""Full-text search over any model, with Vietnamese folded: the one search of the product.

An app registers a model with a function that returns its `SearchText`; from then on saving
an object indexes it and deleting it removes it (signals, STYLE §17), and `rebuild` indexes
every object of the model at once. `search` ranks the objects of a queryset that match a
query, so what a person may find is decided where it always is: by the queryset the caller
builds from `ttdn.core.access`. `snippet` and `highlight` mark the matches in the text.

The query language:

- Words match folded (`ttdn.core.text.fold`: tones off, đ→d, case off), so "dao tao",
  "đào tạo" and "ĐÀO TẠO" find the same objects. A word with inner punctuation
  ("72/2015/NĐ-CP") matches its parts in that order.
- A phrase in double quotes matches exactly: its words in that order, case aside, with
  tones and "đ" as typed. "\\"đào tạo\\"" does not find "dao tao" written without tones.
- An object must contain every word and every phrase. Nothing else is syntax: operators,
  column names and stray quotes are ordinary text.

How the text is stored. Text is split here into tokens (runs of letters and digits) and each
token is indexed twice: folded (for words) and lower-cased as written (for phrases), so both
databases see the same tokens and the same positions, and snippets mark exactly what matched.
Each registered model has its own index, `<app>_<model>_search`, created by a migration of its
app with `create_index("app.Model")`:

- SQLite: an FTS5 table of the folded title and body (rowid = the object's pk; bm25 with the
  title weighted 10:1) and a second one, `…_search_exact`, of the text as written, for
  phrases. Both use the `ascii` tokenizer, which splits at nothing but the spaces put between
  tokens here. A query of words reads exactly what plain FTS5 would read for it.
- PostgreSQL: a table with two stored tsvector columns, `folded` (title weighted A, body B) and
  `exact`, each with a GIN index, ranked by ts_rank. Vectors and queries are written here
  token by token, so no text-search parser or dictionary is involved.

Primary keys must be integers.
"""

from ttdn.core.search.databases import create_index, create_tables, drop_tables
from ttdn.core.search.indexing import index, rebuild, register, unindex, unregister
from ttdn.core.search.marking import highlight, snippet
from ttdn.core.search.postgresql import tsquery, vector
from ttdn.core.search.query import Hit, Query, fold_token, parse, tokens
from ttdn.core.search.registry import Registration, SearchText, index_table
from ttdn.core.search.searching import ranked, search

__all__ = [
    "Hit",
    "Query",
    "Registration",
    "SearchText",
    "create_index",
    "create_tables",
    "drop_tables",
    "fold_token",
    "highlight",
    "index",
    "index_table",
    "parse",
    "ranked",
    "rebuild",
    "register",
    "search",
    "snippet",
    "tokens",
    "tsquery",
    "unindex",
    "unregister",
    "vector",
]
