"""Sphinx configuration of the course website (``make site``).

``tools/build_site.py`` assembles the pages under ``build/site-src/`` (copies of the notebooks,
README, references, ... with their links pointed at the site's pages) and runs::

    sphinx-build -W --keep-going -c site build/site-src build/site

so this file is read from ``site/`` while the sources live in ``build/``. Nothing is executed:
the notebooks are shown with the outputs they were committed with.
"""
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The chapter modules (``linear_regression.py``, ...) are imported by autodoc for the API pages,
# as the tests import them: by their folder on the path (pyproject.toml's pythonpath).
for chapter in sorted(ROOT.glob("[0-9][0-9]_*")):
    if chapter.is_dir():
        sys.path.insert(0, str(chapter))
sys.path.insert(0, str(ROOT))

project = "Machine learning from scratch"
author = "the course's contributors"
copyright = "the course's contributors; code MIT, text and figures CC BY 4.0"

extensions = [
    "myst_nb",  # notebooks and MyST markdown (it loads myst_parser itself)
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx.ext.githubpages",  # writes .nojekyll, so that GitHub Pages serves _static/
]

# -- sources ---------------------------------------------------------------------------------
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build"]

# -- notebooks: the committed outputs, never executed ----------------------------------------
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no widget manager from a CDN (the course has no widgets)
nb_merge_streams = True

# -- MyST markdown ----------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "html_image"]
# README's "#benchmarks" and notation.md's "#per-chapter-local-symbols" are heading anchors.
myst_heading_anchors = 4
# Jupyter renders $$...$$ as display math even inside a paragraph or a list item (chapter 06's
# three models are written so); MyST does the same only with this.
myst_dmath_double_inline = True

# -- API pages --------------------------------------------------------------------------------
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
numpydoc_show_class_members = False  # autodoc lists the members; no autosummary stubs
numpydoc_class_members_toctree = False

# -- math: MathJax 3 served from the site itself ----------------------------------------------
# build_site.py copies MathJax (the django-static-mathjax wheel's es5 folder) into
# build/site-mathjax/mathjax/, which html_static_path puts at _static/mathjax/.
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {
    # The notebooks number their equations with \tag{n}; "ams" also numbers
    # \begin{equation} and friends as in LaTeX.
    "tex": {
        "tags": "ams",
        # An undefined macro is an error (MathJax shows it as one, the site check fails on it),
        # not a red word in the equation that a reader may take for part of it.
        "packages": {"[-]": ["noundefined"]},
    },
    # No menu entry or helper that would fetch anything from another host.
    "options": {"menuOptions": {"settings": {"assistiveMml": True}}},
}

# -- HTML ---------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Machine learning from scratch"
html_static_path = ["_static",
                    os.environ.get("SITE_MATHJAX_DIR", str(ROOT / "build" / "site-mathjax"))]
html_css_files = ["course.css"]
html_favicon = "_static/favicon.svg"  # also spares the browser a request for /favicon.ico
html_last_updated_fmt = None
html_copy_source = False  # the notebooks are in the repository; the site is for reading
html_show_sourcelink = False
html_theme_options = {
    "show_toc_level": 2,  # the page's outline ("Contents") on the right
    "home_page_in_toc": True,
    "use_download_button": False,  # offers the copied source; the repository has the real one
    "use_fullscreen_button": True,
    "navigation_with_keys": False,
    "show_navbar_depth": 1,
    "repository_url": "",
    "use_repository_button": False,
    "extra_footer": "",
}
# Nothing from another host: pydata-sphinx-theme ships Font Awesome itself; no analytics.
html_context = {"default_mode": "light"}


# -- docstrings: scikit-learn's attribute names in prose ---------------------------------------
# The docstrings name learned attributes as scikit-learn does, ``coef_`` or plain coef_, and
# NumPy types as numpy.bool_. In reStructuredText a bare word ending in "_" is a link to a
# target of that name, which does not exist ("Unknown target name"): escape that underscore,
# outside inline literals, roles and literal blocks, so the name reads as written.
_TRAILING_UNDERSCORE = re.compile(r"(?<![\w\\`])([A-Za-z][\w.]*?[A-Za-z0-9])_(?![\w`])")


_PROTECTED = re.compile(r"``.+?``|(?::[\w.:+-]+:)?`[^`]+`_{0,2}", re.S)


def _escape_trailing_underscores(app, what, name, obj, options, lines):
    text = "\n".join(lines)
    # Spans left alone: inline literals and roles (which may run over lines), literal blocks
    # (after "::"), directives and doctest lines.
    protected, offset, literal_indent = [], 0, None
    for line in lines:
        start, offset = offset, offset + len(line) + 1
        stripped, indent = line.strip(), len(line) - len(line.lstrip())
        if literal_indent is not None:
            if not stripped or indent > literal_indent:
                protected.append((start, offset))
                continue
            literal_indent = None
        if stripped.startswith((">>>", "...", ".. ")):
            protected.append((start, offset))
        if stripped.endswith("::"):
            literal_indent = indent
    protected += [m.span() for m in _PROTECTED.finditer(text)]
    out, position = [], 0
    for start, end in sorted(protected):
        if start > position:
            out.append(_TRAILING_UNDERSCORE.sub(r"\1\\_", text[position:start]))
        if end > position:
            out.append(text[max(start, position):end])
            position = end
    out.append(_TRAILING_UNDERSCORE.sub(r"\1\\_", text[position:]))
    lines[:] = "".join(out).split("\n")


def _visit_displaymath(self, node):
    """Sphinx's MathJax display math, except for an equation that carries its own \\tag.

    Sphinx wraps a display equation that contains ``\\\\`` in ``\\begin{split}``, for
    reStructuredText's multi-line math. A notebook's ``$$ \\begin{aligned} ... \\end{aligned}
    \\tag{3} $$`` is written for MathJax as Jupyter shows it, and ``\\tag`` is not allowed
    inside ``split``: such an equation goes to MathJax exactly as written.
    """
    from docutils import nodes
    from sphinx.ext import mathjax

    if r"\tag" not in node.astext() or node.get("nowrap") or node.get("number"):
        return mathjax.html_visit_displaymath(self, node)
    opening, closing = self.builder.config.mathjax_display
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    self.body.append(opening + self.encode(node.astext()) + closing + "</div>\n")
    raise nodes.SkipNode


def setup(app):
    # Once the HTML builder exists: it sets up sphinx.ext.mathjax's renderer itself.
    app.connect("builder-inited", lambda app: app.registry.html_block_math_renderers.update(
        mathjax=(_visit_displaymath, None)))
    # After numpydoc (priority 500) has turned its sections into reStructuredText.
    app.connect("autodoc-process-docstring", _escape_trailing_underscores, priority=600)
