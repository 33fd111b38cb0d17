"""Build the course website into ``build/site/`` (``make site`` runs this).

Run from anywhere, with the environment that has requirements-site.txt installed::

    python tools/build_site.py            # build (incremental after the first time)
    python tools/build_site.py --clean    # from scratch

Nothing in the git tree is copied over or changed. The pages are assembled under
``build/site-src/`` with the repository's own layout, so that relative links between them keep
working, and Sphinx (configuration in ``site/conf.py``) turns them into HTML:

* ``index``: README.md, the landing page;
* every chapter notebook ``NN_name/name.ipynb`` in chapter order (``[0-9][0-9]_*``, so 00 and
  10 appear when they exist), shown with its committed outputs (nothing is executed), with
  the files its markdown links to (GIFs under ``figures/``, ...);
* one API page per chapter module (``NN_name/api.md``, autodoc of ``name.py``), one for utils;
* ``references/*.md``, ``utils/datasets/README.md``, CONTRIBUTING.md, INSTRUCTORS.md and the
  ``instructors/*.md`` it links to (when they exist), and the licence.

Links are rewritten only where the website differs from the repository: a link to a chapter
module (``linear_regression.py``) goes to its API page, ``LICENSE`` to the licence page; any
other linked file of the repository is copied next to the page (Sphinx makes it a download).
A link to something that does not exist is left as it is, and the strict build reports it.

Warnings are errors (``-W --keep-going``). After a failed build the saved Sphinx environment
is deleted, so that the next build reads every page again and reports the same warnings
instead of passing on a cache; so it is when ``site/``, this script or requirements-site.txt
changed, which Sphinx does not notice itself.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
SRC = BUILD / "site-src"
OUT = BUILD / "site"
DOCTREES = BUILD / "site-doctrees"
MATHJAX = BUILD / "site-mathjax"

# The reference pages in reading order; any other references/*.md follows, by name.
REFERENCE_ORDER = ["notation.md", "math_notes.md", "bibliography.md", "sklearn_differences.md"]
# What of MathJax's es5 folder the site needs: the TeX-to-HTML component, the TeX extensions
# it loads on demand, the fonts, and the menu's accessibility parts.
MATHJAX_PARTS = ["tex-chtml.js", "input", "output/chtml", "ui", "a11y", "sre", "adaptors"]

# The title of the generated page of a linked folder of markdown files.
FOLDER_TITLES = {"instructors": "Per-chapter notes for instructors"}

LINK = re.compile(r"(!?\[[^\]]*\]\()(<[^>]+>|[^)\s]+)((?:\s+\"[^\"]*\")?\))")
HTML_SRC = re.compile(r"""(<(?:img|a|source|video)\b[^>]*?\b(?:src|href)=")([^"]+)(")""")
FENCE = re.compile(r"^\s*(```|~~~)")


class Site:
    """The pages of the site: repository path -> path under build/site-src."""

    def __init__(self):
        self.chapters = sorted(p for p in ROOT.glob("[0-9][0-9]_*/*.ipynb")
                               if p.stem == p.parent.name[3:])
        self.pages = {"README.md": "index.md", "LICENSE": "license.md"}
        for nb in self.chapters:
            rel = nb.relative_to(ROOT).as_posix()
            self.pages[rel] = rel
            module = nb.with_suffix(".py")
            if module.exists():
                self.pages[module.relative_to(ROOT).as_posix()] = f"{nb.parent.name}/api.md"
        self.references = [ROOT / "references" / name for name in REFERENCE_ORDER
                           if (ROOT / "references" / name).exists()]
        self.references += sorted(p for p in (ROOT / "references").glob("*.md")
                                  if p not in self.references)
        self.people = [ROOT / name for name in ("CONTRIBUTING.md", "INSTRUCTORS.md")
                       if (ROOT / name).exists()]
        self.instructors = sorted((ROOT / "instructors").glob("*.md"))
        self.datasets = [p for p in [ROOT / "utils" / "datasets" / "README.md"] if p.exists()]
        for page in self.references + self.people + self.instructors + self.datasets:
            rel = page.relative_to(ROOT).as_posix()
            self.pages[rel] = rel
        self.written = set()  # paths under SRC written by this run
        self.extra_pages = []  # other markdown files that a page links to
        self.folders = {}  # generated index page of a linked folder -> its markdown files

    # -- links ------------------------------------------------------------------------------
    def target(self, source_rel, link):
        """The link as it must read on the page built from repository file ``source_rel``."""
        bare = link[1:-1] if link.startswith("<") else link
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^#|^/", bare):
            return link  # another site, an anchor on this page, or absolute: leave as is
        path, _, anchor = bare.partition("#")
        repo = os.path.normpath(os.path.join(os.path.dirname(source_rel), path))
        if repo.startswith(".."):
            return link
        here = os.path.dirname(self.pages.get(source_rel, source_rel))
        if repo in self.pages:
            site = self.pages[repo]
        elif (ROOT / repo).is_dir() and any((ROOT / repo).glob("*.md")):
            site = self.folder_page(repo)
        elif (ROOT / repo).is_file():
            site = repo
            self.copy(ROOT / repo, SRC / repo)
            if repo.endswith(".md") and repo not in self.extra_pages:
                self.extra_pages.append(repo)
        else:
            return link  # a folder or a missing file: the strict build says so
        new = os.path.relpath(site, here or ".").replace(os.sep, "/")
        return new + ("#" + anchor if anchor else "")

    def rewrite(self, text, source_rel):
        """Rewrite the markdown and HTML links of ``text`` outside code blocks."""
        out, fenced = [], None
        for line in text.splitlines(keepends=True):
            fence = FENCE.match(line)
            if fence and (fenced is None or fence.group(1) == fenced):
                fenced = fence.group(1) if fenced is None else None
            elif fenced is None:
                line = LINK.sub(lambda m: m.group(1) + self.target(source_rel, m.group(2))
                                + m.group(3), line)
                line = HTML_SRC.sub(lambda m: m.group(1) + self.target(source_rel, m.group(2))
                                    + m.group(3), line)
            out.append(line)
        return "".join(out)

    def folder_page(self, repo):
        """The page for a linked folder of markdown files: its README, or a generated list."""
        folder = ROOT / repo
        if (folder / "README.md").exists():
            readme = f"{repo}/README.md"
            if readme not in self.pages:
                self.pages[readme] = readme
                self.extra_pages.append(readme)
            return self.pages[readme]
        index = f"{repo}/index.md"
        if index not in self.folders:
            self.folders[index] = sorted(folder.glob("*.md"))
            for page in self.folders[index]:
                rel = page.relative_to(ROOT).as_posix()
                self.pages.setdefault(rel, rel)
        return index

    # -- writing ----------------------------------------------------------------------------
    def write(self, dest, text):
        """Write ``text`` to ``dest`` unless it already holds it (keeps builds incremental)."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.written.add(dest)
        if not dest.exists() or dest.read_text(encoding="utf-8") != text:
            dest.write_text(text, encoding="utf-8")

    def copy(self, src, dest):
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.written.add(dest)
        if not dest.exists() or dest.stat().st_mtime != src.stat().st_mtime \
                or dest.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dest)

    def markdown_page(self, path, prefix=""):
        rel = path.relative_to(ROOT).as_posix()
        self.write(SRC / self.pages[rel], prefix + self.rewrite(path.read_text("utf-8"), rel))

    def notebook(self, path):
        rel = path.relative_to(ROOT).as_posix()
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                src = "".join(cell["source"]) if isinstance(cell["source"], list) \
                    else cell["source"]
                cell["source"] = self.rewrite(src, rel)
        self.write(SRC / rel, json.dumps(nb, ensure_ascii=False, indent=1) + "\n")

    def api_page(self, nb):
        module = nb.stem
        title = f"`{module}.py`"
        self.write(SRC / nb.parent.name / "api.md", "\n".join([
            f"# {nb.parent.name[:2]} · {title}",
            "",
            f"The module that chapter [{nb.parent.name[:2]}]({nb.name}) builds up to, "
            f"`{nb.parent.name}/{module}.py`: its classes and functions with their "
            "docstrings.",
            "",
            "```{eval-rst}",
            f".. automodule:: {module}",
            "```",
            "",
        ]))

    def utils_page(self):
        modules = sorted(p.stem for p in (ROOT / "utils").glob("*.py")
                         if not p.stem.startswith("_"))
        lines = ["# `utils`: the shared code", "",
                 "Everything the chapters share, tested on its own: estimator base classes, "
                 "input validation, datasets, metrics, preprocessing, model selection, "
                 "plotting and gradient checking.", ""]
        for module in modules:
            lines += [f"## `utils.{module}`", "", "```{eval-rst}",
                      f".. automodule:: utils.{module}", "```", ""]
        self.write(SRC / "api" / "utils.md", "\n".join(lines))

    def license_page(self):
        text = (ROOT / "LICENSE").read_text(encoding="utf-8")
        self.write(SRC / "license.md", "# Licence\n\n````text\n" + text.rstrip() + "\n````\n")

    def index_page(self):
        readme = self.rewrite((ROOT / "README.md").read_text(encoding="utf-8"), "README.md")

        def toctree(caption, entries):
            if not entries:
                return ""
            body = "\n".join(e[:-3] if e.endswith(".md") else e[:-6]
                             if e.endswith(".ipynb") else e for e in entries)
            return f"\n```{{toctree}}\n:hidden:\n:caption: {caption}\n\n{body}\n```\n"

        chapters = [nb.relative_to(ROOT).as_posix() for nb in self.chapters]
        api = [f"{nb.parent.name}/api.md" for nb in self.chapters] + ["api/utils.md"]
        refs = [p.relative_to(ROOT).as_posix() for p in self.references + self.datasets]
        people = [p.relative_to(ROOT).as_posix() for p in self.people]
        in_folders = {p.relative_to(ROOT).as_posix() for pages in self.folders.values()
                      for p in pages}
        if (ROOT / "INSTRUCTORS.md").exists() and self.instructors \
                and "instructors/index.md" not in self.folders:
            people += [p.relative_to(ROOT).as_posix() for p in self.instructors]
        more = [p for p in self.extra_pages + list(self.folders)
                if p not in refs + people and p not in in_folders]
        self.write(SRC / "index.md", readme
                   + toctree("Chapters", chapters)
                   + toctree("References", refs)
                   + toctree("Teaching and contributing", people + more + ["license.md"])
                   + toctree("API reference", api))

    def assemble(self):
        for nb in self.chapters:
            self.notebook(nb)
            self.api_page(nb)
        for page in self.references + self.people + self.datasets:
            self.markdown_page(page)
        if (ROOT / "INSTRUCTORS.md").exists():
            for page in self.instructors:
                self.markdown_page(page)
        self.utils_page()
        self.license_page()
        for index, pages in list(self.folders.items()):
            for page in pages:
                self.markdown_page(page)
            entries = "\n".join(os.path.relpath(p.with_suffix("").relative_to(ROOT).as_posix(),
                                                 os.path.dirname(index)) for p in pages)
            folder = os.path.dirname(index)
            title = FOLDER_TITLES.get(folder, f"`{folder}/`")
            self.write(SRC / index, f"# {title}\n\n"
                       f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n")
        # Last: the index lists the extra pages that the other pages linked to.
        self.index_page()
        for extra in self.extra_pages:
            rel = extra
            if rel not in self.pages:
                self.pages[rel] = rel
                self.markdown_page(ROOT / rel)
        # Remove what an earlier build wrote and this one did not (a deleted chapter, ...).
        for path in sorted(SRC.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def mathjax():
    """Copy the needed part of MathJax 3 into build/site-mathjax/mathjax/ (once)."""
    import mathjax as package  # the django-static-mathjax wheel

    es5 = Path(package.__file__).parent / "static" / "mathjax" / "es5"
    version = json.loads((es5.parent / "package.json").read_text())["version"]
    dest = MATHJAX / "mathjax"
    stamp = MATHJAX / ".version"
    if stamp.exists() and stamp.read_text() == version and (dest / "tex-chtml.js").exists():
        return version
    shutil.rmtree(MATHJAX, ignore_errors=True)
    for part in MATHJAX_PARTS:
        src = es5 / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    shutil.copy2(es5.parent / "LICENSE", dest / "LICENSE")
    stamp.write_text(version)
    return version


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="rebuild from scratch")
    parser.add_argument("-j", default="1", help="Sphinx's parallel jobs (default 1)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.clean:
        for folder in (SRC, OUT, DOCTREES, MATHJAX):
            shutil.rmtree(folder, ignore_errors=True)
    version = mathjax()
    # Sphinx rebuilds a page when its source, or a configuration value, changes, but not when
    # the code of site/conf.py, a template or this script does: start afresh then.
    fingerprint = hashlib.sha256()
    for path in sorted((ROOT / "site").rglob("*")) + [Path(__file__).resolve(),
                                                        ROOT / "requirements-site.txt"]:
        if path.is_file():
            fingerprint.update(path.relative_to(ROOT).as_posix().encode())
            fingerprint.update(path.read_bytes())
    stamp = DOCTREES / "course-site.sha256"
    if not stamp.exists() or stamp.read_text() != fingerprint.hexdigest():
        shutil.rmtree(DOCTREES, ignore_errors=True)
        shutil.rmtree(OUT, ignore_errors=True)
    site = Site()
    site.assemble()
    n_pages = sum(1 for p in SRC.rglob("*") if p.suffix in (".md", ".ipynb"))
    print(f"assembled {n_pages} pages ({len(site.chapters)} chapters) in {SRC.relative_to(ROOT)}"
          f"; MathJax {version}", flush=True)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
           "-j", args.j, "-d", str(DOCTREES), "-c", str(ROOT / "site"), str(SRC), str(OUT)]
    env = dict(os.environ, SITE_MATHJAX_DIR=str(MATHJAX))
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    took = time.perf_counter() - start
    if result.returncode:
        # Sphinx saved its environment: without this, the next build would skip the pages
        # that warned and pass.
        shutil.rmtree(DOCTREES, ignore_errors=True)
        print(f"site build FAILED after {took:.0f} s (warnings are errors; see above)")
        return result.returncode
    stamp.write_text(fingerprint.hexdigest())
    n_html = sum(1 for _ in OUT.rglob("*.html"))
    print(f"built {n_html} HTML pages into {OUT.relative_to(ROOT)}/ in {took:.0f} s; "
          f"open {OUT.relative_to(ROOT)}/index.html or serve it with "
          f"`python -m http.server -d {OUT.relative_to(ROOT)}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
