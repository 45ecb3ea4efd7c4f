"""Golden cases for the corpus filters and the n-gram builder's source weights (run by training/smoke.sh):

  python3 training/check_sources.py

Needs no Debian dictionary package: the Ding cases are lines in the dictionary's own format, the
GCIDE/FOLDOC cases entry text as the dictd files hold it and as clean_dict_entry reflows it.
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


def check_phrasebook():
    """`%%` lines split documents; short ones (a chat message) join the next so none is under min_chars."""
    text = "Hi Sam,\n\nThanks for the notes.\n%%\nRunning late, sorry!\n%%\nSee you soon.\n%%  \n\n%%\nDear Ms. Ortiz,\n"
    got = build_corpus.phrasebook_docs(text, min_chars=30)
    assert got == ["Hi Sam,\n\nThanks for the notes.", "Running late, sorry!\n\nSee you soon.", "Dear Ms. Ortiz,"], f"phrasebook_docs: {got}"


def check_phrasebook_unseen(n=6):
    """The phrasebook shares no n-word sequence with the benchmark's held-out texts (they score it)."""
    import glob
    import re

    def grams(text):
        w = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}
    held = set()
    for f in glob.glob(os.path.join(os.path.dirname(build_corpus.HERE), "bench", "heldout", "*.txt")):
        held |= grams(open(f, encoding="utf-8").read())
    assert held, "no held-out texts found"
    shared = grams(open(build_corpus.PHRASEBOOK, encoding="utf-8").read()) & held
    assert not shared, f"phrasebook shares {len(shared)} {n}-word sequences with bench/heldout, e.g. {sorted(shared)[:3]}"


def check_sentence_starts():
    """<s> after . ! ? but not after the dot of an abbreviation ("Mr. Smith"), as the engine reads it."""
    got = [k for k, _ in build_ngram.doc_words("Talk to Mr. Smith today. We met Dr.\nJones vs. Lee. It is 2024. Fine.")]
    assert got == ["<s>", "talk", "to", "mr", "smith", "today", "<s>", "we", "met", "dr", "jones", "vs", "lee", "<s>",
                   "it", "is", "<s>", "fine"], f"doc_words: {got}"
    # a decimal or version dot ends no sentence (a number cuts the history: <b>); a heading or list line
    # ends at its line break
    got = [k for k, _ in build_ngram.doc_words("It weighs 2.5 kg now.\n# Setup\nRun it\n- Buy milk\nthen we go to the shop on the corner to buy\nbread")]
    assert got == ["<s>", "it", "weighs", "<b>", "kg", "now", "<s>", "setup", "<s>", "run", "it", "<s>", "buy", "milk", "<s>",
                   "then", "we", "go", "to", "the", "shop", "on", "the", "corner", "to", "buy", "bread"], f"doc_words: {got}"
    # an indented line continues its list item; a version glued to a word ("v2.5") keeps its dot too
    got = [k for k, _ in build_ngram.doc_words("- Fixes the bug where the\n  parser fails on v2.5 input")]
    assert got == ["<s>", "fixes", "the", "bug", "where", "the", "parser", "fails", "on", "v2", "<b>", "input"], f"doc_words: {got}"
    # no n-gram across a number, which the engine never reads across ("lands at 6, so" offered "so")
    got = [k for k, _ in build_ngram.doc_words("My flight lands at 6, so I should be home by 8 tonight")]
    assert got == ["<s>", "my", "flight", "lands", "at", "<b>", "so", "i", "should", "be", "home", "by", "<b>", "tonight"], f"doc_words: {got}"
    # an emoji is counted across, as the engine reads across it (ngram_store.ts EMOJI; its test has the same text)
    got = [k for k, _ in build_ngram.doc_words("We had a great time \U0001F389 at the ")]
    assert got == ["<s>", "we", "had", "a", "great", "time", "at", "the"], f"doc_words: {got}"
    # an identifier's pieces ("acme.io", "io_uring") are no words; golden cases shared with the engine's test
    # a comma or semicolon is a pause token (pause_cases.json), a line of its own ends (line_cases.json),
    # a hyphen joining two words is a hyphen token (hyphen_cases.json), a time or a sum a class token
    # (quantity_cases.json)
    fixtures = os.path.join(os.path.dirname(build_corpus.HERE), "test", "fixtures", "ngram")
    names = ("identifier_cases.json", "pause_cases.json", "line_cases.json", "hyphen_cases.json", "quantity_cases.json")
    cases = [c for name in names for c in json.load(open(os.path.join(fixtures, name)))["cases"]]
    for c in cases:
        got = [k for k, _ in build_ngram.doc_words(c["text"])]
        assert got == c["builder"], f"doc_words({c['text']!r}): {got}"


# GCIDE raw entry text: quotation attributions after `--` go (also a name wrapped onto the next line
# and a Bible reference); `-- called also` (a space, lower case) is definition text and stays
GCIDE_RAW = """   1. An entrance or passage; -- called also drift.
      [1913 Webster]

            Yourself and yours shall have
            Free adit.                            --Tennyson.
      [1913 Webster]
   To bring together in a group. --Sir T.
      Browne.
   Called to be an apostle. --1 Cor. i. 1. In name is given to Christ.
   To group. --Dryden. "The sea's extremest borders.\""""
GCIDE_RAW_EXPECTED = """   1. An entrance or passage; -- called also drift.
      [1913 Webster]

            Yourself and yours shall have
            Free adit.
      [1913 Webster]
   To bring together in a group.
   Called to be an apostle. In name is given to Christ.
   To group. "The sea's extremest borders.\""""

# reflowed dictionary text: label sentences, field labels, topic labels and citation lines go;
# definitions, the verb "see" and quoted examples stay
LABELS = [
    ("Adjacency: Adjacency\n1. The state of being adjacent; contiguity.\n\nSyn: contiguousness\n\n2. That which is adjacent.",
     "Adjacency: Adjacency\n1. The state of being adjacent; contiguity.\n\n2. That which is adjacent."),
    ("Adjacent or contiguous angle. (Geom.) See Angle.", "Adjacent or contiguous angle."),
    ("1. (Zool.) One of several species of small Carnivora. (Mus. & Arch.) A thing.",
     "1. One of several species of small Carnivora. A thing."),
    ("Erratic: Erratic blocks (Geol.), masses of stone.", "Erratic: Erratic blocks, masses of stone."),
    ("Circuit: (Law) Journeying; itinerant. Cf. Eyre. See also Iter. See under Court.",
     "Circuit: Journeying; itinerant."),
    ("Adject: Adject v. t. re to throw. See Jet a shooting forth.] To add or annex.",
     "Adject: Adject v. t. re to throw. To add or annex."),
    ("Syn: Enmity; hatred. -- Animosity, Enmity. Enmity may be dormant.", "-- Animosity, Enmity. Enmity may be dormant."),
    ("Aghast: See Agast, v. t.", ""),
    ("See how the frightful herds run from the wood. See ye how he runs. See you soon. See That.",
     "See how the frightful herds run from the wood. See ye how he runs. See you soon."),
    ("Genet: (Zool.) The common genet (Genetta vulgaris) of Southern Europe.",
     "Genet: The common genet (Genetta vulgaris) of Southern Europe."),
    ("ffp: <language> Formal FP. A language similar to FP.\n\nSee also: FL.\n\n[\"Can Programming be Liberated\", "
     "John Backus, 1978].\n\nCompare RISC.", "ffp: Formal FP. A language similar to FP."),
]


def check_dict_labels():
    got = build_corpus.dict_citations(GCIDE_RAW)
    assert got == GCIDE_RAW_EXPECTED, f"dict_citations: {got!r}"
    for text, expected in LABELS:
        got = build_corpus.strip_dict_labels(text)
        assert got == expected, f"strip_dict_labels({text!r}): {got!r}"


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
    check_phrasebook()
    check_phrasebook_unseen()
    check_sentence_starts()
    check_dict_labels()
    check_repeat()
    print("check_sources: OK")
