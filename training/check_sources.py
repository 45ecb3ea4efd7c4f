"""Golden cases for the corpus filters and the n-gram builder's source weights (run by training/smoke.sh):

  python3 training/check_sources.py

Needs no Debian dictionary package: the Ding cases are lines in the dictionary's own format.
Exits non-zero (AssertionError) on the first case that fails.
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus  # noqa: E402
import build_ngram  # noqa: E402

DING = [
    "# Version :: 1.9 comment lines are skipped",
    "danke {interj} | Danke! | Danke für Ihre Hilfe. | Danke für Ihre Zeit. | Danke gleichfalls! :: "
    "thanks; ta [Br.] [coll.] /tnx/ | Thank you! Thanks! | Thank you for your help.; Thanks for your help. | "
    "Thank you for your time. | Thank you, the same to you!",
    "jdn. auf dem Laufenden halten {vt} | Wir halten Sie auf dem Laufenden. :: "
    "to keep sb. updated (on sth.) | We're keeping you up-to-date.",
    "Tijuana (Stadt in Mexiko) | Schwenken :: Tijuana (city in Mexico) | He swilled the wine around in his glass/round his glass.",
    "Sommernachtstraum | Mach's gut! :: 'A Midsummer Night's Dream' (by Shakespeare / work title) | Take it easy! (farewell)",
    "Danke für Ihre Zeit. :: Thank you for your time.",
    "Das ist ein Wort ohne Satz. :: no sentence here",
]
EXPECTED = [
    "Thank you! Thanks!",  # three words, ends in '!'
    "Thank you for your help.",
    "Thanks for your help.",
    "Thank you for your time.",  # once, though two lines hold it
    "Thank you, the same to you!",
    "We're keeping you up-to-date.",  # its headword has sb./sth. placeholders: dropped
    "Take it easy!",  # the trailing (note) is removed
]


def check_ding():
    got = list(build_corpus.ding_sentences(line + "\n" for line in DING))
    assert got == EXPECTED, f"ding_sentences: {got}"


def check_sentence_starts():
    """<s> after . ! ? but not after the dot of an abbreviation ("Mr. Smith"), as the engine reads it."""
    got = [k for k, _ in build_ngram.doc_words("Talk to Mr. Smith today. We met Dr.\nJones vs. Lee. It is 2024. Fine.")]
    assert got == ["<s>", "talk", "to", "mr", "smith", "today", "<s>", "we", "met", "dr", "jones", "vs", "lee", "<s>",
                   "it", "is", "<s>", "fine"], f"doc_words: {got}"


def running_words(docs_dir, *args):
    with tempfile.TemporaryDirectory() as out:
        stats = os.path.join(out, "stats.json")
        build_ngram.main(["--docs", docs_dir, "--out", os.path.join(out, "ngram.bin"), "--val_pct", "0",
                          "--max_mb", "1", "--stats", stats, *args])
        return json.load(open(stats))["running_words"]


def check_repeat():
    """--repeat counts a source's words that many times, and only that source's."""
    with tempfile.TemporaryDirectory() as docs:
        for name, text in (("everyday", "Have a nice day. See you again soon. Thank you for your help."),
                           ("manual", "Run the command with the option. The option sets the mode of the command.")):
            with open(os.path.join(docs, f"{name}.jsonl"), "w") as f:
                for k in range(3):
                    f.write(json.dumps({"id": str(k), "text": text}) + "\n")
        both = running_words(docs, "--repeat", "", "--exclude", "")
        everyday = running_words(docs, "--repeat", "", "--exclude", "manual")
        tripled = running_words(docs, "--repeat", "everyday=3", "--exclude", "")
        assert everyday > 0 and both > everyday, (both, everyday)
        assert tripled == both + 2 * everyday, f"--repeat everyday=3: {tripled} words, expected {both + 2 * everyday}"


if __name__ == "__main__":
    check_ding()
    check_sentence_starts()
    check_repeat()
    print("check_sources: OK")
