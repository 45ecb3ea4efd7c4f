"""Writes bench/heldout/*.txt: plain-text prose taken from the HELD-OUT split (documents the model never
saw in training) for keystroke-savings measurements.

  python3 training/make_heldout.py [--val_docs training/data/val_docs.jsonl] [--out bench/heldout]
"""
import argparse
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

FILES = [
    # (file name, source, [document ids], max words)
    ("docs-debian-handbook.txt", "debian-handbook",
     ["sect.dealing-with-compromised-machine.html", "sect.config-printing.html",
      "sect.firewall-packet-filtering.html"], 5000),
    ("sotu-1922-harding.txt", "sotu", ["1922_warren_g_harding_r"], 5000),
    ("changelog-entries.txt", "debian-changelog",
     ["libxi6/changelog.Debian.gz", "libgmp-dev/changelog.Debian.gz", "libxcb-sync1/changelog.Debian.gz",
      "libpackagekit-glib2-18/changelog.Debian.gz"], 5000),
]


def paragraphs_from_run_on(text, per=6):
    """SOTU addresses come as one paragraph; split every `per` sentences for an editor-like file."""
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return "\n\n".join(" ".join(sents[i:i + per]) for i in range(0, len(sents), per))


def clip_words(text, n):
    out, count = [], 0
    for p in text.split("\n\n"):
        w = len(p.split())
        if count + w > n and out:
            break
        out.append(p)
        count += w
    return "\n\n".join(out), count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--val_docs", default=os.path.join(HERE, "data", "val_docs.jsonl"))
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "heldout"))
    a = ap.parse_args()
    docs = {(d["source"], d["id"]): d["text"] for d in map(json.loads, open(a.val_docs))}
    os.makedirs(a.out, exist_ok=True)
    for name, src, ids, maxw in FILES:
        parts = []
        for i in ids:
            t = docs[(src, i)]
            if src == "sotu":
                t = paragraphs_from_run_on(t)
            if src == "debian-handbook":
                t = "\n\n".join(p for p in t.split("\n\n") if p != "The Debian Administrator's Handbook"
                                  and not re.match(r"^(Prev|Next)\S", p) and p != "Download the ebook")
            parts.append(t)
        text, n = clip_words("\n\n".join(parts), maxw)
        with open(os.path.join(a.out, name), "w") as f:
            f.write(text.strip() + "\n")
        print(f"{name}: {n} words from {src}: {', '.join(ids)}")


if __name__ == "__main__":
    main()
