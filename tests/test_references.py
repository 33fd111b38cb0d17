"""Every work the course cites has an entry in references/bibliography.md.

Where citations are looked for: the markdown cells of every chapter notebook, the
docstrings of every chapter module and of utils, and the other pages of references/.
What counts as a citation:

- an author-year citation: "Lloyd (1982)", "Cortes and Vapnik (1995)", "Fan, Chen and
  Lin, 2005", "Breiman et al. (1984, section 3.3)", "Kingma & Ba 2015";
- a book abbreviation used as a citation: ESL, ISL, MML, D2L, PRML;
- in a References section, the title of a book ("Bishop, *Pattern Recognition and Machine
  Learning*") or a quoted paper title ('"Adam: a method for stochastic optimization"').

A citation matches an entry when the first author's surname and the year agree, so
"Breiman et al. (1984)" finds "Breiman, Friedman, Olshen and Stone (1984)". To cite a new
work, add its entry (with a DOI or a stable link) to the bibliography; see CONTRIBUTING.md.
"""
import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIBLIOGRAPHY = ROOT / "references" / "bibliography.md"
BOOK_ABBREVIATIONS = ("ESL", "ISL", "MML", "D2L", "PRML")
BOOK_ABBREVIATION = re.compile(r"\b(" + "|".join(BOOK_ABBREVIATIONS) + r")\b")

# A surname starts with a capital and a small letter, so "ICLR 2015" and "SIAM 2002" are
# not citations; it may have two words ("Van Loan", "Gómez Hidalgo") or a hyphen.
NAME = r"[A-Z][a-z\u00c0-\u017f][\w'’-]*"
SURNAME = rf"{NAME}(?: {NAME})?"
AUTHORS = rf"{SURNAME}(?: et al\.|(?:(?:,|,? and|,? &) {SURNAME})*)"
CITATION = re.compile(rf"\b({AUTHORS}),? \(?((?:1[5-9]|20)\d\d)[a-z]?\b\)?")
# Publishers, places and words that can stand right before a year without being authors.
NOT_AUTHORS = {"Cambridge", "Press", "Springer", "Wadsworth", "Wiley", "In", "Since", "By"}
ENTRY_KEY = re.compile(r"^- \*\*(?:([A-Z][A-Z0-9]+): )?([^*]+?) \((\d{4})\)\*\*", re.M)
BOOK_IN_LIST = re.compile(r"^- [^*\d\"“\n]+, \*([^*]+)\*", re.M)
QUOTED_TITLE = re.compile(r"[\"“]([^\"”]{12,})[\"”]")


def first_author(authors):
    """'Fan, Chen and Lin' -> 'Fan'; 'Breiman et al.' -> 'Breiman'; 'See Lloyd' -> 'Lloyd'.

    The last word of the first name: a word that opens the sentence is dropped, and a
    two-word surname ("Van Loan") is keyed by its last word, in citations and entries alike.
    """
    return re.split(r",| and | et al\.| &", authors)[0].split()[-1]


def squeeze(text):
    return " ".join(text.split())


def citations(text):
    """The (as written, first author, year) of every author-year citation in ``text``."""
    found = []
    for match in CITATION.finditer(squeeze(text)):
        author = first_author(match.group(1))
        if author not in NOT_AUTHORS:
            found.append((match.group(0), author, match.group(2)))
    return found


def notebook_markdown(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def docstrings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return "\n".join(ast.get_docstring(node) or "" for node in ast.walk(tree)
                     if isinstance(node, kinds))


def course_texts(root=ROOT):
    """{file: text} for every place the course cites from."""
    texts = {}
    for nb in sorted(root.glob("[0-9][0-9]_*/*.ipynb")):
        texts[nb] = "\n".join(notebook_markdown(nb))
    modules = sorted(root.glob("[0-9][0-9]_*/*.py")) + sorted(root.glob("utils/*.py"))
    for module in modules:
        if not module.name.startswith("test_"):
            texts[module] = docstrings(module)
    for page in sorted((root / "references").glob("*.md")):
        if page.name != BIBLIOGRAPHY.name:
            texts[page] = page.read_text(encoding="utf-8")
    return texts


def reference_sections(root=ROOT):
    """{notebook: its '## References' section, up to the next heading}."""
    sections = {}
    for nb in sorted(root.glob("[0-9][0-9]_*/*.ipynb")):
        text = "\n".join(notebook_markdown(nb))
        found = re.search(r"^##\s+References\b(.*?)(?=^#|\Z)", text, re.M | re.S)
        sections[nb] = found.group(1) if found else ""
    return sections


def bibliography(root=ROOT):
    """(the entries' (first author, year) keys, their abbreviations, the whole text)."""
    text = (root / "references" / BIBLIOGRAPHY.name).read_text(encoding="utf-8")
    entries = ENTRY_KEY.findall(text)
    keys = {(first_author(authors), year) for _, authors, year in entries}
    abbreviations = {abbreviation for abbreviation, _, _ in entries if abbreviation}
    return keys, abbreviations, squeeze(text).lower()


def missing_citations(root=ROOT):
    """Every citation in the course that has no bibliography entry, as readable lines."""
    keys, abbreviations, bib_text = bibliography(root)
    missing = []
    for path, text in course_texts(root).items():
        where = path.relative_to(root)
        for written, author, year in citations(text):
            if (author, year) not in keys:
                missing.append(f"{where}: '{written}' (no entry '{author} ... ({year})')")
        for abbreviation in sorted(set(re.findall(BOOK_ABBREVIATION, text))):
            if abbreviation not in abbreviations:
                missing.append(f"{where}: book abbreviation {abbreviation}")
    for path, text in reference_sections(root).items():
        titles = BOOK_IN_LIST.findall(text) + QUOTED_TITLE.findall(text)
        for title in titles:
            if squeeze(title).lower() not in bib_text:
                missing.append(f"{path.relative_to(root)}: title '{squeeze(title)}'")
    return missing


def test_every_citation_is_in_the_bibliography():
    missing = missing_citations()
    assert not missing, ("cited but not in references/bibliography.md (add an entry with a "
                         "DOI or a stable link):\n" + "\n".join(missing))


def test_every_entry_has_a_key_and_a_doi_or_link():
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=- \*\*)", text.split("\n- **", 1)[1])
    assert len(entries) >= 45, f"only {len(entries)} entries"
    for entry in entries:
        entry = "- **" + entry if not entry.startswith("- **") else entry
        assert ENTRY_KEY.match(entry), f"no '**Authors (year)**' key: {entry[:80]}"
        assert re.search(r"doi:10\.\d{4,9}/\S+|https?://\S+", entry), (
            f"no DOI or link: {entry[:80]}")


def test_free_books_give_their_free_link():
    _, abbreviations, _ = bibliography()
    assert set(BOOK_ABBREVIATIONS) <= abbreviations
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    for free_link in ("hastie.su.domains/ElemStatLearn", "statlearning.com",
                      "mml-book.github.io", "d2l.ai"):
        assert free_link in text


@pytest.mark.parametrize("written, author, year", [
    ("as Lloyd (1982) showed", "Lloyd", "1982"),
    ("See Cortes and Vapnik (1995)", "Cortes", "1995"),
    ("(Fan, Chen and Lin, 2005)", "Fan", "2005"),
    ("Shalev-Shwartz, Singer, Srebro and Cotter (2011)", "Shalev-Shwartz", "2011"),
    ("Breiman et al. (1984, section 3.3)", "Breiman", "1984"),
    ("(Aloise et al.,\n2009)", "Aloise", "2009"),
    ("Kingma & Ba 2015, Algorithm 1", "Kingma", "2015"),
    ("(Tipping and Bishop 1999)", "Tipping", "1999"),
    ("Almeida, Gómez Hidalgo and Yamakami (2011)", "Almeida", "2011"),
])
def test_the_finder_reads_each_form(written, author, year):
    assert [(a, y) for _, a, y in citations(written)] == [(author, year)]


@pytest.mark.parametrize("text", ["AISTATS 2010", "ICLR 2015", "MIT Press, 2016",
                                  "Cambridge 2008", "scikit-learn 1.7.2", "Python 3.11"])
def test_the_finder_skips_venues_and_versions(text):
    assert citations(text) == []


def test_an_unknown_citation_is_reported(tmp_path):
    # A scratch course: one notebook citing a work the bibliography lacks.
    (tmp_path / "references").mkdir()
    (tmp_path / "references" / "bibliography.md").write_text(
        "- **Lloyd (1982)**. Least squares quantization in PCM. doi:10.1109/TIT.1982.1056489\n",
        encoding="utf-8")
    (tmp_path / "01_demo").mkdir()
    cell = {"cell_type": "markdown", "metadata": {}, "source": [
        "As Lloyd (1982) and Nobody and Else (2031) showed, ESL agrees.\n",
        "## References\n- Someone, *A Book Not Listed*\n"]}
    (tmp_path / "01_demo" / "demo.ipynb").write_text(json.dumps({"cells": [cell]}),
                                                     encoding="utf-8")
    missing = missing_citations(tmp_path)
    assert len(missing) == 3, missing
    assert "Nobody and Else (2031)" in missing[0]
    assert "ESL" in missing[1] and "A Book Not Listed" in missing[2]
