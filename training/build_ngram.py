"""Builds the word n-gram partner of the GPT-2: an interpolated modified Kneser-Ney 4-gram over
lower-cased words (its 4-grams pruned harder than its trigrams), pruned by count to fit a size budget,
written as one little-endian typed-array file that src/engine/ngram_store.ts reads without parsing
(format below).

  python3 training/build_ngram.py --docs training/data/docs --out models/prose-gpt2/ngram.bin \
      [--vocab 48500] [--max_mb 6.0] [--val_pct 2] [--order 4] [--min_count_4 N]

Only training documents are counted: the held-out split is the tokenizer's (fnv1a('<source>/<id>') %
100 < val_pct), so bench/heldout texts (cut from held-out documents) are never seen.

Words are what the engine calls words (src/engine/word_chars.ts): runs of letters, digits, marks and
apostrophes, not starting with an apostrophe, trailing apostrophes dropped, at least one letter.
Curly apostrophes become straight ones; keys are lower-cased. A sentence start token <s> (id 0)
follows the start of a document and every gap that holds . ! ?, a blank line, a colon at a line end,
or a line break before a list or heading marker (a single line break elsewhere is a soft wrap). A comma or semicolon between
two words is a token "," (version 4; the engine reads it in the history and never offers it), a hyphen
joining two words the token "-" (version 5: "sister-in-law" is sister - in - law), a time of day or an
amount of money a class token "<time>" or "<money>" (version 6: "at 10:30", "costs $5"). Any other
number cuts the history; other punctuation is skipped (not words, not boundaries).

Model (Chen & Goodman 1998, interpolated modified Kneser-Ney, three discounts per order):
  P4(w|t,u,v) = a4(t,u,v,w) + g4(t,u,v) * P3(w|u,v)
  P3(w|u,v) = a3(u,v,w) + g3(u,v) * P2(w|v)
  P2(w|v)   = a2(v,w)   + g2(v)   * P1(w)
  P1(w)     = continuation count N1+(. w) / N1+(. .)
a = max(c - D(c), 0) / c(context .); the 4-gram and the trigram use counts, the bigram and unigram
continuation counts (--trigram_counts continuation: the trigram too, as textbook Kneser-Ney; with the
4-grams pruned to set phrases the trigram mostly stands alone, and raw counts serve it better).
Pruned n-grams' discounted mass is folded into their context's g, so each conditional
distribution still sums to one. A missing entry means a = 0; a context without stored entries has g = 1.

File (all integers little-endian, every section starts on a 4-byte boundary):
  header  u32[8]: magic 'PKNG' (0x474e4b50), version 6, V (ids 0..V-1; 0 = <s>), nBigram,
          nTriCtx, nTrigram, keyBytes, formBytes; then f32 scale; then u32 nQuadCtx, nQuad
          (version 2, the trigram store, ends its header at scale and has no 4-gram sections)
  keys    UTF-8, V-1 lines joined by '\n': the lower-cased words of ids 1..V-1, in UTF-16 code-unit
          order (so a typed prefix is an id range)
  forms   UTF-8, V-1 lines: the usual written form when it differs from the key ("I", "English"), else empty
  uniQ    u16[V]        round(-ln P1(w) * scale)
  uniG    u16[V]        round(-ln g2(v) * scale)
  biOff   u32[V+1]      bigrams with context v are entries biOff[v] .. biOff[v+1]-1, sorted by word id
  biWord  u16[nBigram]; biQ u8[nBigram] (a2 = biBook[biQ])
  triCtx  u32[nTriCtx]  bigram entry index of (u,v), ascending; triG u16[nTriCtx]; triOff u32[nTriCtx+1]
  triWord u16[nTrigram]; triQ u8[nTrigram] (a3 = triBook[triQ])
  biBook  f32[256]; triBook f32[256]
  quadCtx u32[nQuadCtx] trigram entry index of (t,u,v), ascending; quadG u16[nQuadCtx]; quadOff u32[nQuadCtx+1]
  quadWord u16[nQuad]; quadQ u8[nQuad] (a4 = quadBook[quadQ]); quadBook f32[256]

The a terms are quantised to 8 bits with a 256-entry codebook per order: 192 equal-count bins over
ln a below 0.05 (KenLM's `build_binary -q 8` binning, Heafield 2011) and 64 even bins over [0.05, 1],
where strong collocations live; each code stands for its bin's mean. At 3 bytes an entry instead of 4,
about twice as many n-grams fit the budget at a lower count threshold, which is worth more than
precision (measured on tuning text; training/model_card_notes.md). Each g is then recomputed as
1 - (sum of its context's quantised a), so a distribution sums to one; where rounding up would take
more than half of the exact back-off mass (a handful of contexts; the builder prints how many), g
keeps that half and the distribution sums to slightly more than one.
"""
import argparse
import glob
import json
import os
import re
import struct
import sys
import time

import numpy as np

MAGIC, VERSION = 0x474E4B50, 6
WORD = re.compile(r"[^\W_](?:[^\W_]|')*")
LETTER = re.compile(r"[^\W\d_]")
# the engine's SENTENCE_BREAK (src/engine/ngram_store.ts): . ! ?, a blank line, or a line break before a
# list or heading marker; a single line break elsewhere is a soft wrap inside a sentence
BOUNDARY = re.compile(r"[.!?]|:[ \t]*\n|\n[ \t]*\n|\n[ \t]*(?:[-*+#>]|[0-9]{1,9}[.)])")
# the engine's NUMBER_DOT, HEADING_LINE and ITEM_LINE (ngram_store.ts endsMarkedLine): the dot of "2.5",
# "v2.5" or "1.2.3" ends no sentence; a heading line ends at its line break, and so does a list item or
# blockquote line unless the next line goes on indented
NUMBER_DOT = re.compile(r"(?<=[0-9])\.(?=[0-9])")
HEADING_LINE = re.compile(r"[ \t]*#{1,6}[ \t]")
ITEM_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]|[0-9]{1,9}[.)][ \t]|>)")
S = 0  # <s>
# the engine's abbreviations (src/engine/case_rules.ts ABBREVIATIONS; a unit test compares the lists):
# after "Mr. " or "vs. " the sentence goes on (ABBREVIATION_DOT in ngram_store.ts)
ABBREVIATIONS = {"mr", "mrs", "ms", "mx", "dr", "prof", "st", "sr", "jr", "mt", "rev", "capt", "lt", "sgt", "gov",
                 "e.g", "i.e", "cf", "vs", "approx", "fig", "figs", "vol", "viz"}
ABBREVIATION_DOT = re.compile(r"\.[ \t]*\n?[ \t]*")
# The engine's GLUE (ngram_store.ts): a run of these between two lettered words, with no space, makes
# both identifier pieces ("io_uring", "acme.io", "dh_install"). An identifier's pieces are counted
# apart from the prose around it (BREAK cuts the history on both sides, like a document boundary), so
# "dh_" still goes on with "install" but "acme.io " is no context for "uring"; a piece sets no usual
# written form ("dont" is not completed to "DONTUNMAP"). A lone slash ("and/or") is prose.
GLUE = re.compile(r"[_.@:\\=#+|^&%$<>~/]+")
BREAK = "<b>"
# The engine's CONTEXT_BREAK (a number, a colon or slash inside a line, an opening quote or bracket)
# is not a boundary here, except a number: the engine stops reading the n-gram there, but cutting the
# counts at all of them measured no better on the tuning text (KSR 44.57 -> 44.52 %, top-1 22.61 ->
# 22.45 %; sixth session). A number alone is cut (NUMBER_GAP): the everyday phrasebook's times and
# dates ("lands at 6, so", "by 5pm and") made n-grams that only mislead (twenty-first session).
NUMBER_GAP = re.compile(r"[0-9]")
# A comma or semicolon between two words is a pause that changes the next word: "Thanks, " is not
# "Thanks to", "Dear Santa, " not "Santa Fe", "Regards,\nSarah " not the "Sarah Customer" of a
# signature. Counted across, the pause vanished and a set phrase ran on through it. It is a token of
# its own (PAUSE_TOKEN), in the history and predicted like a word (a trigram context (word, ",") is
# addressed through its bigram entry); the engine never offers it and conditions the words on a word
# coming next (ngram_store.ts PAUSE). Version 4 files hold it.
PAUSE = re.compile(r"[,;]")
PAUSE_TOKEN = ","
# A hyphen joining two words ("sister-in-law", "up-to-date", "well-known") is a token of its own too:
# read as a space, "My sister-in-" was "my sister in", and offered "the". It is one more optional
# token like the pause: counted again without it (writers write "well known" too), never offered, and
# the words after a space are conditioned on no hyphen coming (ngram_store.ts HYPHEN). Version 5.
HYPHEN = re.compile(r"[-\u2010\u2011]")
HYPHEN_TOKEN = "-"
# A time of day ("10:30", "3pm", "7:45 a.m.") and an amount of money ("$50", "£1,200.50", "$5M",
# "$3 billion") are one class token each (version 6; the engine's QUANTITY in ngram_store.ts, the same
# patterns): as numbers they cut the history, so after them GPT-2 alone chose ("Dinner is at 7:30 "
# offered gtk and bytes, "It only costs $5 " billion), and "3pm" and "9am" were sparse words of their own.
TIME_TOKEN, MONEY_TOKEN = "<time>", "<money>"
QUANTITY = re.compile(
    r"(?P<time>(?<![\w:.$\u00a3\u20ac])(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![:0-9])(?:[ \t]?(?:[ap]\.m\.|[ap]m(?!\w)))?"
    r"|(?:1[0-2]|0?[1-9])[ \t]?(?:[ap]\.m\.|[ap]m(?!\w))))"
    r"|(?P<money>(?<![\w$\u00a3\u20ac])[$\u00a3\u20ac][0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
    r"(?:[km](?!\w)|[ \t](?:thousand|million|billion|trillion)(?!\w))?(?![\w$]))", re.I)
RUN = re.compile(QUANTITY.pattern + "|" + WORD.pattern, re.I)


def fnv1a(s):
    """The tokenizer's held-out hash (tokenize.mjs), over UTF-16 code units as JavaScript sees them."""
    h = 0x811C9DC5
    b = s.encode("utf-16-le")
    for i in range(0, len(b), 2):
        h ^= b[i] | (b[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


# The engine's endsOwnLine (src/engine/whitespace.ts): a single line break after a line of its own, a
# salutation ("Dear Ben,") or a line of a block of short lines (a signature, an address), starts a
# sentence, as GPT-2 reads it: counted as a soft wrap, "Kind regards,\nSarah\nCustomer Service" (x20 in
# the phrasebook) had "Regards,\nSarah " offer customer.
SALUTATION = re.compile(r"\s*\S+(?:\s+\S+){0,3},")
SHORT_LINE = 40
LAST_LETTERS = re.compile(r"(?:[^\W\d_]|['\u2019])+$")
# the engine's FUNCTION_WORDS (src/engine/function_words.ts; a unit test compares the lists): a short
# line that ends on one goes on ("where the")
FUNCTION_WORDS = set((
    "a an the and or but nor if than though although because since unless until while whereas whether "
    "of to in on at by for with from into onto upon about above below over under after before between among through "
    "during without within along across against toward towards around behind beyond near via per "
    "as my your our their his its whose every").split())


def ends_own_line(text, br):
    """Whether the line break at text[br] ends a line of its own (the engine's endsOwnLine)."""
    start = text.rfind("\n", 0, br) + 1
    if SALUTATION.fullmatch(text, start, br):
        return True
    line = text[start:br].strip()
    if start == 0 or not line or len(line) > SHORT_LINE:
        return False
    last = LAST_LETTERS.search(line)
    if last and last.group(0).lower() in FUNCTION_WORDS:
        return False
    above = text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip()
    return above != "" and len(above) <= SHORT_LINE


def ends_marked_line(text, last, between):
    """Whether the gap `between` (text[last:...]) ends a heading line, or a list item or blockquote line that
    the next line does not continue indented (the engine's endsMarkedLine)."""
    br = between.rfind("\n")
    if br < 0:
        return False
    start = text.rfind("\n", 0, last) + 1
    return bool(HEADING_LINE.match(text, start) or (ITEM_LINE.match(text, start) and between[br + 1:br + 2] not in (" ", "\t")))


def doc_words(text):
    """Yields words with markers: ('<s>', None) at sentence starts, (PAUSE_TOKEN, None) at a comma or
    semicolon, (HYPHEN_TOKEN, None) at a hyphen joining two words, (BREAK, None) at a number and before and after an identifier (GLUE), whose pieces come as
    (key, None), else (key, form)."""
    text = text.replace("\u2019", "'").replace("\r\n", "\n").replace("\r", "\n")
    yield "<s>", None
    runs = list(RUN.finditer(text))
    quantity = [m.group("time") and TIME_TOKEN or m.group("money") and MONEY_TOKEN for m in runs]
    lettered = [bool(quantity[i] or LETTER.search(m.group(0))) for i, m in enumerate(runs)]

    def glued(i, j):
        """Whether runs i and j (neighbours) are both lettered words (no quantity) joined by GLUE."""
        if not (0 <= j < len(runs) and lettered[i] and lettered[j]) or quantity[i] or quantity[j]:
            return False
        a, b = sorted((i, j))
        gap = text[runs[a].end():runs[b].start()]
        return gap != "/" and GLUE.fullmatch(gap) is not None

    last, prev = 0, None
    after_break = False  # an identifier's BREAK was the last token: no pause after it (as the engine)
    for i, m in enumerate(runs):
        w = quantity[i] or m.group(0).rstrip("'")
        if not w or not lettered[i] or len(w) > 40:
            continue
        if glued(i, i - 1):  # the dot of "acme.io" ends no sentence; "e.g" is read whole
            prev += text[last:m.start()] + w.lower()
            last = m.end()
            yield w.lower(), None
            if not glued(i, i + 1):
                yield BREAK, None
                after_break = True
            continue
        between = text[last:m.start()]
        ends = (BOUNDARY.search(NUMBER_DOT.sub("", text[max(0, last - 1):m.start()])) or ends_marked_line(text, last, between)
                or ("\n" in between and ends_own_line(text, last + between.index("\n"))))
        if ends and not (prev in ABBREVIATIONS and ABBREVIATION_DOT.fullmatch(text, last, m.start())):
            yield "<s>", None
        elif prev is not None and NUMBER_GAP.search(between):
            # the engine reads no n-gram across a number, so counts across one could only be misread:
            # "My flight lands at 6, so" made "lands at " offer "so"
            yield BREAK, None
        elif prev is not None and not after_break and PAUSE.search(between):
            yield PAUSE_TOKEN, None
        elif prev is not None and not after_break and HYPHEN.fullmatch(between):
            yield HYPHEN_TOKEN, None
        after_break = False
        last, prev = m.end(), w.lower()
        if glued(i, i + 1):  # an identifier's first piece: its pieces are counted apart from the prose
            yield BREAK, None
            yield w.lower(), None
            continue
        yield w.lower(), (None if quantity[i] else w)  # a quantity's class sets no written form


def without_pauses(flat, marks):
    """The id sequence `flat` with its optional tokens (the ids `marks`: the pause and the hyphen)
    removed, and per kept position whether one stood right before it: the n-grams that cross a removed
    one are those holding such a position after their first word."""
    if len(marks) == 0:
        return flat[:0], np.zeros(0, bool)
    is_pause = np.isin(flat, marks)
    keep = ~is_pause
    return flat[keep], np.concatenate([[False], is_pause[:-1]])[keep]


def raw_counts(flat, flat_4, marks, B, order, count_unpaused):
    """Raw counts of the id sequence `flat` (-1 between documents): trigram keys and counts (k3, c3),
    the trigram keys a bigram's continuation count reads (cont3), bigram keys and counts (k2raw,
    c2raw), and with order 4 the 4-grams (k4, c4, uint64 keys) of `flat_4` (None: `flat`). Keys are
    ((t*B + u)*B + v)*B + w. Targets are words and the optional tokens `marks` (ids: the pause, the
    hyphen), never <s> (0) or a boundary (-1). The n-grams across one are counted once more without it
    (count_unpaused): writers leave commas out ("Sorry I'm running " goes on like "Sorry, I'm running
    late") and hyphens ("well known")."""
    flat_4 = flat if flat_4 is None else flat_4
    flat_b, paused_b = without_pauses(flat, marks) if count_unpaused else (flat[:0], np.zeros(0, bool))
    u, v, w = flat[:-2], flat[1:-1], flat[2:]
    ok3 = (u >= 0) & (v >= 0) & (w > 0)
    keys3 = [(u[ok3] * B + v[ok3]) * B + w[ok3]]
    u, v, w = flat_b[:-2], flat_b[1:-1], flat_b[2:]
    ok3 = (u >= 0) & (v >= 0) & (w > 0) & (paused_b[1:-1] | paused_b[2:])
    keys3.append((u[ok3] * B + v[ok3]) * B + w[ok3])
    # A bigram's continuation count (distinct words before it) takes an unpaused trigram only where the
    # pause stood inside the bigram: where it stood before it, the pause itself was that word already
    # ("Mexico, Las Cruces" is one occurrence, not two distinct words before "las cruces").
    inside = paused_b[2:][ok3]
    k3, c3 = np.unique(np.concatenate(keys3), return_counts=True)
    cont3 = np.unique(np.concatenate([keys3[0], keys3[1][inside]]))
    ok2 = (flat[:-1] >= 0) & (flat[1:] > 0)
    ok2b = (flat_b[:-1] >= 0) & (flat_b[1:] > 0) & paused_b[1:]
    k2raw, c2raw = np.unique(np.concatenate([flat[:-1][ok2] * B + flat[1:][ok2], flat_b[:-1][ok2b] * B + flat_b[1:][ok2b]]), return_counts=True)
    del u, v, w, ok3, ok2, ok2b, keys3, inside
    k4 = c4 = None
    if order == 4:
        # 4-gram keys ((t,u,v) as a trigram key, then w) need all 64 bits: unsigned
        keys4 = []
        if flat_4 is flat:  # no extra 4-gram copies (--repeat_low): the same sequence, stripped already
            flat_4b, paused_4b = flat_b, paused_b
        else:
            flat_4b, paused_4b = without_pauses(flat_4, marks) if count_unpaused else (flat_4[:0], np.zeros(0, bool))
        for seq, paused in ((flat_4, None), (flat_4b, paused_4b)):
            t4, u4, v4, w4 = seq[:-3], seq[1:-2], seq[2:-1], seq[3:]
            ok4 = (t4 >= 0) & (u4 >= 0) & (v4 >= 0) & (w4 > 0)
            if paused is not None:
                ok4 &= paused[1:-2] | paused[2:-1] | paused[3:]
            ctx = ((t4[ok4] * B + u4[ok4]) * B + v4[ok4]).astype(np.uint64)
            keys4.append(ctx * np.uint64(B) + w4[ok4].astype(np.uint64))
        k4, c4 = np.unique(np.concatenate(keys4), return_counts=True)
    return k3, c3, cont3, k2raw, c2raw, k4, c4


def once_excess(keys, once_keys, excess):
    """Per entry of the sorted `keys`: `excess` where it is among `once_keys` (a subset), else 0."""
    out = np.zeros(len(keys), dtype=np.int64)
    out[np.searchsorted(keys, once_keys)] = excess
    return out


def utf16_key(w):
    return w.encode("utf-16-be")


def discounts(counts):
    """Modified Kneser-Ney D1, D2, D3+ from count-of-counts."""
    n = [int((counts == k).sum()) for k in (1, 2, 3, 4)]
    n = [max(x, 1) for x in n]
    y = n[0] / (n[0] + 2 * n[1])
    d = np.array([0.0, 1 - 2 * y * n[1] / n[0], 2 - 3 * y * n[2] / n[1], 3 - 4 * y * n[3] / n[2]])
    return np.clip(d, 0.0, None)


def disc_of(c, d):
    return d[np.minimum(c, 3)]


def codebook(p, levels=256, high=0.05, high_levels=64):
    """8-bit codes for probabilities p: equal-count bins over ln p below `high`, even bins over
    [high, 1] above it, each bin's mean p as its value. Returns (book f32[levels], codes u8[len(p)])."""
    book = np.zeros(levels, dtype=np.float32)
    codes = np.zeros(len(p), dtype=np.uint8)
    low_levels = levels - high_levels
    low = p < high
    if low.any():
        lp = np.log(np.maximum(p[low], 1e-30))
        edges = np.unique(np.quantile(lp, np.linspace(0, 1, low_levels + 1)[1:-1]))
        codes[low] = np.searchsorted(edges, lp, side="right")
    codes[~low] = low_levels + np.minimum(((p[~low] - high) / (1 - high) * high_levels).astype(np.int64), high_levels - 1)
    sums = np.bincount(codes, weights=p, minlength=levels)
    counts = np.bincount(codes, minlength=levels)
    book[:] = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
    return book, codes


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", default="training/data/docs")
    ap.add_argument("--out", default="models/prose-gpt2/ngram.bin")
    # 48,500 rather than 50,000 since the hyphen token (twenty-fourth session): its n-grams took 25 kB,
    # which pushed the bigram threshold from 16 to 17 and lost "oh my" → God (a golden case); the
    # 1,500 rarest words pay for them (tuning text: see model_card_notes.md). 48,000 since the
    # phrasebook's fourth widening (twenty-fifth session), for the same reason (6.01 MB at 16); 47,500
    # since the time and money classes and their phrasebook text (twenty-sixth session, 6.01 MB at 16).
    ap.add_argument("--vocab", type=int, default=47500, help="words kept (plus <s>); the rest count as <unk>")
    ap.add_argument("--max_mb", type=float, default=6.0, help="file budget in 10^6 bytes (issue 12: <= 6 MB)")
    ap.add_argument("--val_pct", type=int, default=2)
    # The World English Bible's formulas ("I am Yahweh", "visiting the iniquity") would top a writer's
    # everyday contexts; without it the tuning text's KSR and top-1 outside the Bible are unchanged
    # (training/model_card_notes.md). GPT-2 still learns from it.
    ap.add_argument("--exclude", default="sword-web", help="sources left out, comma-separated ('' = none)")
    # Ding's everyday sentences are under 1 % of the words: counted three times, "Have a nice" reaches
    # "day" and "See you" "again" without costing the manuals (tuning text: x1 44.47, x3 44.58, x8 44.28,
    # x20 44.25 % KSR; training/model_card_notes.md).
    # The phrasebook (7,600 words of e-mails, letters, notes and chat written for this project) holds
    # the set phrases no packaged text has; counted twenty times it is under 1 % of the words (tuning
    # text, KSR N=1 / N=3: none 44.64 / 56.82, x3 44.70 / 56.92, x8 44.75 / 56.97, x20 44.85 / 57.00 %).
    # WordNet's 1,630 multi-word place and time names ("Las Vegas", "Valentine's Day") are each said
    # once; twenty times, like a phrasebook phrase, their pairs pass the bigram threshold (16), so "Las "
    # offers Vegas, while a common word's own counts still rule ("American " → citizen, not Samoa).
    # Tuning text, KSR N=1 / N=3 and top-1: without 44.80 / 56.78 / 23.37, x20 44.81 / 56.77 / 23.32 %
    # (counted as sentences; as phrases, --phrase_lists below, "American " no longer offers Samoa).
    ap.add_argument("--repeat", default="ding=3,phrasebook=20,wordnet-names=20",
                    help="sources counted more than once, 'name=n,...', or on a share of their documents, 'gcide=0.3' "
                         "(the same documents as tokenize.mjs keeps) ('' = none)")
    # Sources that are lists of phrases, one per paragraph (WordNet's place and time names), not prose:
    # each phrase is counted with no history before it and no sentence start.
    ap.add_argument("--phrase_lists", default="wordnet-names", help="sources read as lists of phrases, comma-separated")
    ap.add_argument("--min_counts", default="", help="bigram,trigram count thresholds instead of the budget's")
    # A trigram reads two words, too few for a set phrase: "Sorry for the late" and "the late war" share
    # "the late", "Congratulations on your" and "on your system" share "on your". The 4-grams kept are
    # the set phrases: said twice in the phrasebook (x20) or 40 times in the corpus (5,300 of them, 0.08 MB).
    # At 20 (once in the phrasebook) and at 8 the tuning text measured the same, but their 22k and 73k
    # 4-grams pushed the bigram threshold from 16 to 18 and 22, losing contexts such as "oh my"
    # (training/model_card_notes.md).
    ap.add_argument("--order", type=int, choices=(3, 4), default=4)
    ap.add_argument("--min_count_4", type=int, default=40, help="4-grams counted fewer times are not stored")
    # Most 4-grams said 40 times say what their trigram says ("of or pertaining to", "<s> the act of":
    # P4 = P3 within 10 %) and are bytes for nothing, while a set phrase counted 21-39 times whose
    # trigram barely knows it was cut ("once upon a" → time: P4 0.92, the trigram's 0.035; "walked in
    # the" → door, "get in the" → way). `gain` keeps every context where some 4-gram says more than its
    # trigram and fills the places of the others with the 4-grams that change the word most (as many
    # as `count` keeps, so the same size). Tuning text (KSR N=1 / N=3, top-1 / top-3): count 44.52 /
    # 56.11, 22.84 / 34.93; gain 44.50 / 56.10, 22.78 / 34.93 (twenty-fifth session).
    ap.add_argument("--select_4", choices=("count", "gain"), default="gain",
                    help="gain: keep as many 4-grams as --min_count_4 would, those that change the trigram's probability most")
    ap.add_argument("--redundant_4", type=float, default=0.1, help="with --select_4 gain, |ln(P4 / P3)| below which a 4-gram says what its trigram says")
    ap.add_argument("--gain_floor_4", type=int, default=21, help="with --select_4 gain, 4-grams counted fewer times are not candidates")
    ap.add_argument("--show_4", type=int, default=0, help="with --select_4 gain, print this many 4-grams added and dropped")
    # Counting only with pauses lost what writers type without the comma: "Sorry, I'm running late" no
    # longer taught "Sorry I'm running " (it offered "a" first; a golden case).
    ap.add_argument("--count_unpaused", type=int, choices=(0, 1), default=1,
                    help="1: the n-grams across a pause or hyphen are counted again without it")
    # Trigrams whose history holds a pause ("thanks , i", ", how are") at the trigram threshold of 2
    # pushed the bigram threshold from 16 to 21, which lost contexts such as "oh my" and "louis" (golden
    # cases). At 20, with the budget at 6.0 MB, it is 16 again (twenty-third session: thresholds 3, 6,
    # 12, 20 gave bigram thresholds 21, 18, 17, 16; training/model_card_notes.md).
    ap.add_argument("--min_count_pause", type=int, default=20, help="trigrams with a pause or hyphen in their history counted fewer times are not stored")
    # The phrasebook's weight is for its set phrases, which the 4-gram reads; counted as often in the
    # trigrams, its phrases' last two words leak into other text ("The empire collapsed in the late "
    # offers reply first, "She spent a great " time, day, weekend). Tuning text (KSR N=1 / N=3, top-1):
    # x20 everywhere 44.34 / 56.14 / 23.12, x8 below the 4-gram 44.31 / 56.17 / 23.22, x3 44.23 / 56.10 /
    # 23.07 (the everyday texts lose most). x8 puts reply fifth there and deal first, but "See you on "
    # loses Sunday and "Are you free on " Wednesday (golden cases), so the phrasebook still counts x20
    # everywhere (training/model_card_notes.md).
    # The phrasebook's one-off sentences, twenty times, rule sparse trigram contexts: one birth
    # announcement's "morning and weighing" outweighs the corpus's "morning and evening" (8), so "I got up
    # early this morning and " offered weighing (p 0.32). Counting an n-gram the phrasebook says only
    # once n times instead (89 % of its trigrams) fixes that at n <= 3, but those one-offs are most of
    # the phrasebook's everyday value (tuning text, KSR N=1 / N=3: x20 44.50 / 56.10, once x8 44.36 / 56.00,
    # x3 44.32 / 55.87, x1 44.07 / 55.77 %), and "Are you free on " loses Wednesday from x8 down
    # (twenty-fourth session). Off by default.
    ap.add_argument("--repeat_once", default="",
                    help="'name=n,...': an n-gram these repeated sources say only once counts n times, not their repeat")
    ap.add_argument("--repeat_low", default="",
                    help="'name=n,...': these sources count n times in the trigrams, bigrams and unigrams, and "
                         "--repeat's count in the 4-grams only (whole numbers, n <= --repeat's)")
    # Kneser-Ney's continuation counts make a lower order good only as the back-off of the order above;
    # with most 4-gram contexts pruned, the trigram mostly stands alone, where raw counts predict better
    # (Chelba et al. 2010, "Study on interaction between entropy pruning and Kneser-Ney smoothing").
    ap.add_argument("--trigram_counts", choices=("raw", "continuation"), default="raw",
                    help="under a 4-gram, the trigram's counts: raw (as a trigram alone) or Kneser-Ney's continuation counts")
    ap.add_argument("--stats", default="", help="write sizes and thresholds here (JSON)")
    a = ap.parse_args(argv)
    t0 = time.time()
    exclude = set(filter(None, a.exclude.split(",")))
    repeat = {k: float(n) for k, n in (r.split("=") for r in filter(None, a.repeat.split(",")))}
    bad = [k for k, n in repeat.items() if not (n > 0 and (n < 1 or n == int(n)))]
    if bad:
        sys.exit(f"--repeat {','.join(bad)}: expected source=N with N a whole number >= 1 or a share in (0, 1)")
    low = {k: int(n) for k, n in (r.split("=") for r in filter(None, a.repeat_low.split(",")))}
    bad = [k for k, n in low.items() if not (1 <= n <= repeat.get(k, 1) and repeat.get(k, 1) == int(repeat.get(k, 1)))]
    if bad:
        sys.exit(f"--repeat_low {','.join(bad)}: expected source=N, a whole number from 1 to the source's --repeat")
    missing = [k for k in repeat if not os.path.exists(os.path.join(a.docs, f"{k}.jsonl"))]
    if missing:  # the default names Ding, which a small corpus (test fixtures) may lack
        print(f"warning: --repeat names sources with no documents in {a.docs}: {', '.join(missing)}", flush=True)

    repeat_once = {k: int(n) for k, n in (r.split("=") for r in filter(None, a.repeat_once.split(",")))}
    bad = [k for k, n in repeat_once.items() if not 1 <= n <= min(repeat.get(k, 1), low.get(k, repeat.get(k, 1)))]
    if bad:
        sys.exit(f"--repeat_once {','.join(bad)}: expected source=N, a whole number from 1 to the source's repeat")
    phrase_lists = set(filter(None, a.phrase_lists.split(",")))
    # 1. words of the training documents
    word_count, forms, docs, docs_4 = {}, {}, [], []  # docs_4: the 4-grams' extra copies (--repeat_low)
    once = {}  # source -> (its documents once, its repeat in the trigrams, in the 4-grams) (--repeat_once)
    for f in sorted(glob.glob(os.path.join(a.docs, "*.jsonl"))):
        source = os.path.basename(f)[:-6]
        if source in exclude:
            continue
        weight = repeat.get(source, 1)
        r4 = max(1, int(weight))
        r = low.get(source, r4)
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            if fnv1a(f"{source}/{d['id']}") % 100 < a.val_pct:
                continue
            if weight < 1 and fnv1a(f"keep/{source}/{d['id']}") % 1000 >= weight * 1000:
                continue
            seq = []
            after_s = False
            for key, form in doc_words(d["text"]):
                if source in phrase_lists:
                    # a name is no sentence: no <s> before it (at a sentence start "American " offered
                    # Samoa), and its capitals ("River", "Day") set no word's usual written form
                    key, form = (BREAK if key == "<s>" else key), None
                if key == BREAK:
                    seq.append(key)
                    after_s = False
                    continue
                if key == "<s>":
                    if not after_s:
                        seq.append(key)
                    after_s = True
                    continue
                word_count[key] = word_count.get(key, 0) + r
                if form is not None and not after_s:  # the usual written form, from mid-sentence words
                    fk = forms.setdefault(key, {})
                    fk[form] = fk.get(form, 0) + r
                after_s = False
                seq.append(key)
            docs.extend([seq] * r)
            if source in repeat_once:
                once.setdefault(source, ([], r, r4))[0].append(seq)
            docs_4.extend([seq] * (r4 - r))
    print(f"{len(docs)} documents (repeats included), {sum(word_count.values()) / 1e6:.1f}M words, {len(word_count)} distinct "
          f"({time.time() - t0:.0f} s)", flush=True)

    # 2. vocabulary: the most frequent words, ids in UTF-16 code-unit order; <unk> = V (counted, not stored)
    top = sorted(word_count, key=lambda w: -word_count[w])[:a.vocab]
    words = sorted(top, key=utf16_key)
    V = len(words) + 1
    UNK = V
    ids = {w: i + 1 for i, w in enumerate(words)}
    ids["<s>"] = S
    ids[BREAK] = -1  # no history across it (as a document boundary)
    if V >= 1 << 16:
        sys.exit(f"--vocab {a.vocab}: ids must fit 16 bits (at most 65,534 words)")
    B = 1 << 16  # key base: ids < 2^16, so a 4-gram key fits 64 bits (uint64) and a trigram key 48

    def flatten(doc_list):
        seqs = [np.array([-1], dtype=np.int64)]
        for seq in doc_list:
            seqs.append(np.fromiter((ids.get(w, UNK) for w in seq), dtype=np.int64, count=len(seq)))
            seqs.append(np.array([-1], dtype=np.int64))  # document boundary
        return np.concatenate(seqs)
    flat = flatten(docs)[1:]
    flat_4 = np.concatenate([flat, flatten(docs_4)]) if docs_4 else flat  # the 4-grams count these too
    del docs, docs_4
    print(f"vocabulary {V - 1} words cover {sum(word_count[w] for w in words) / sum(word_count.values()):.4f} "
          f"of running words ({time.time() - t0:.0f} s)", flush=True)

    # 3. counts. Targets are words and the pause (never <s>, never <unk>); the engine conditions on a word.
    # the optional tokens, counted with and without (raw_counts): the pause and the hyphen
    marks = np.array([ids[t] for t in (PAUSE_TOKEN, HYPHEN_TOKEN) if t in ids], dtype=np.int64)
    hyphen = ids.get(HYPHEN_TOKEN, -2)  # (-2: no id, and no bigram's context)
    k3, c3, cont3, k2raw, c2raw, k4, c4 = raw_counts(flat, flat_4, marks, B, a.order, a.count_unpaused)
    del flat, flat_4
    for source, (once_docs, r, r4) in once.items():
        # A repeated source's n-gram said only once in it counts repeat_once times, not r: one birth
        # announcement's "morning and weighing", twenty times, outweighed the corpus's "morning and
        # evening" (8). Its set phrases, said twice or more, keep r per saying.
        sk3, sc3, _, sk2, sc2, sk4, sc4 = raw_counts(flatten(once_docs)[1:], None, marks, B, a.order, a.count_unpaused)
        w1 = repeat_once[source]
        c3 = c3 - once_excess(k3, sk3[sc3 == 1], r - w1)
        c2raw = c2raw - once_excess(k2raw, sk2[sc2 == 1], r - w1)
        if k4 is not None:
            c4 = c4 - once_excess(k4, sk4[sc4 == 1], r4 - w1)
        print(f"{source}: {int((sc3 == 1).sum())} of {len(sc3)} trigrams said once, counted {w1} times instead of {r:g}", flush=True)
    # continuation counts for bigrams (v,w): distinct u; bigrams only seen at a document start (no u) keep 1
    k2c, n2 = np.unique(cont3 % (B * B), return_counts=True)
    del cont3
    raw3 = c3
    w4 = None
    if k4 is not None:
        if a.trigram_counts == "continuation":
            # continuation counts for trigrams (u,v,w): distinct t; trigrams only seen after a boundary keep 1
            k3c, n3 = np.unique((k4 % np.uint64(B ** 3)).astype(np.int64), return_counts=True)
            idx = np.clip(np.searchsorted(k3c, k3), 0, len(k3c) - 1)
            c3 = np.where(k3c[idx] == k3, n3[idx], 1)
            del k3c, n3
    idx = np.searchsorted(k2c, k2raw)
    idx = np.clip(idx, 0, len(k2c) - 1)
    c2 = np.where(k2c[idx] == k2raw, n2[idx], 1)
    k2 = k2raw
    # unigram continuation counts: distinct v before w
    w_of2 = k2 % B
    n1 = np.bincount(w_of2, minlength=V + 1).astype(np.float64)
    n1[S] = 0
    n1[UNK] = 0
    P1 = n1 / n1.sum()
    P1 = 0.99 * P1 + 0.01 * (np.arange(V + 1) > 0) / (V - 1)  # every word gets a little mass
    P1[UNK] = 0
    P1[S] = 0
    P1 = P1 / P1.sum()
    print(f"{0 if k4 is None else len(k4)} 4-grams, {len(k3)} trigrams, {len(k2)} bigrams ({time.time() - t0:.0f} s)", flush=True)

    # 4. interpolated modified Kneser-Ney terms
    d2, d3 = discounts(c2), discounts(c3)
    print(f"discounts: bigram {np.round(d2[1:], 3).tolist()}, trigram {np.round(d3[1:], 3).tolist()}", flush=True)
    ctx2 = k2 // B  # v
    tot2 = np.bincount(ctx2, weights=c2, minlength=V + 1)
    a2 = np.maximum(c2 - disc_of(c2, d2), 0) / tot2[ctx2]
    ctx3 = k3 // B  # u*B + v
    uctx, inv = np.unique(ctx3, return_inverse=True)
    tot3 = np.bincount(inv, weights=c3)
    a3 = np.maximum(c3 - disc_of(c3, d3), 0) / tot3[inv]
    if k4 is not None:
        d4 = discounts(c4)
        print(f"discounts: 4-gram {np.round(d4[1:], 3).tolist()}", flush=True)
        ctx4 = (k4 // np.uint64(B)).astype(np.int64)  # (t,u,v) as a trigram key
        qctx, qinv = np.unique(ctx4, return_inverse=True)
        a4 = np.maximum(c4 - disc_of(c4, d4), 0) / np.bincount(qinv, weights=c4)[qinv]
        w4 = (k4 % np.uint64(B)).astype(np.int64)
        del k4
    # (each back-off weight g = 1 - the sum of its context's a: the discounted mass, computed after pruning)

    # 5. prune by count to the size budget; pruned terms' mass moves to their context's g
    keys = "\n".join(words).encode("utf-8")
    form_lines = []
    for wd in words:
        fk = forms.get(wd)
        best = max(fk, key=fk.get) if fk else wd
        form_lines.append(best if best != wd and best.lower() == wd else "")
    form_bytes = "\n".join(form_lines).encode("utf-8")

    def padded(n):
        return n + (-n % 4)
    # header, keys, forms, uniQ, uniG, biOff, the two codebooks and the last triOff entry
    fixed = 36 + padded(len(keys)) + padded(len(form_bytes)) + 2 * padded(2 * V) + 4 * (V + 1) + 2 * 256 * 4 + 4

    fixed += 8 + 256 * 4 + 4  # version 3: 4-gram counts in the header, its codebook and last quadOff entry

    def file_size(n_bi, n_ctx, n_tri, n_qctx=0, n_quad=0):
        return (fixed + padded(2 * n_bi) + padded(n_bi) + 4 * n_ctx + padded(2 * n_ctx) + 4 * n_ctx + padded(2 * n_tri)
                + padded(n_tri) + 4 * n_qctx + padded(2 * n_qctx) + 4 * n_qctx + padded(2 * n_quad) + padded(n_quad))
    # Trigrams help more per byte than bigrams (tuning text, model card notes): the lowest trigram
    # threshold that fits, with the lowest bigram threshold that fits beside it.
    # A kept 4-gram is addressed through the trigram (t,u,v) and the bigram (t,u), so those are kept
    # with it whatever their own counts (a set phrase's opening words may be rare outside it). The kept
    # 4-grams do not depend on the bigram and trigram thresholds, so they are chosen once.
    def gain_selected(by_count, candidates):
        """As many 4-grams as `by_count` holds: those of `by_count` in a context where one says more
        than its trigram (|ln(a4 / a3)| >= --redundant_4), then the `candidates` whose 4-gram changes the word's probability
        most from the trigram's, c4 * ln(a4 / a3): the count-weighted log-ratio of Stolcke's (1998)
        relative-entropy pruning, the trigram's back-off left out."""
        k3_of4 = (ctx4 % (B * B)) * B + w4
        at = np.clip(np.searchsorted(k3, k3_of4), 0, len(k3) - 1)
        p3 = np.where(k3[at] == k3_of4, a3[at], 0.0)
        ratio = np.log(np.maximum(a4, 1e-9) / np.maximum(p3, 1e-4))
        # A context's 4-grams go together or not at all: with some of them kept, a dropped one would
        # fall to g4 * P3, below its trigram ("<s> i don't" kept "want" and lost "know" to "want").
        says_more = by_count & (np.abs(ratio) >= a.redundant_4)
        chosen = by_count & (np.bincount(qinv, weights=says_more, minlength=len(qctx)) > 0)[qinv]
        gain = np.where(candidates & ~chosen, c4 * ratio, -np.inf)
        top = np.argsort(-gain, kind="stable")[:int(by_count.sum() - chosen.sum())]
        chosen[top[gain[top] > 0]] = True
        if a.show_4:
            inv_words = ["<s>"] + words + ["<unk>"]
            def name(i):
                t, u, v = int(ctx4[i]) // (B * B), (int(ctx4[i]) // B) % B, int(ctx4[i]) % B
                return f"{inv_words[t]} {inv_words[u]} {inv_words[v]} {inv_words[int(w4[i])]} ({int(c4[i])}, {a4[i]:.2f} vs {p3[i]:.3f})"
            added = [i for i in top if chosen[i] and not by_count[i]]
            dropped = np.flatnonzero(by_count & ~chosen)
            dropped = dropped[np.argsort(-c4[dropped])]
            print(f"gain: {len(added)} 4-grams added, {len(dropped)} dropped", flush=True)
            print("  added: " + "; ".join(name(i) for i in added[:a.show_4]), flush=True)
            print("  dropped: " + "; ".join(name(i) for i in dropped[:a.show_4]), flush=True)
        return chosen

    keep4, need3, need2 = None, np.zeros(0, np.int64), np.zeros(0, np.int64)
    if w4 is not None:
        # (u = <s> has no stored bigram (t, <s>): no history crosses a sentence start, as in the engine)
        u_of4 = (ctx4 // B) % B
        eligible4 = ((w4 != UNK) & ~np.isin(w4, marks) & (ctx4 // (B * B) != UNK) & (u_of4 != UNK) & (u_of4 != S)
                     & (ctx4 % B != UNK) & np.isin(ctx4, k3))
        keep4 = eligible4 & (c4 >= a.min_count_4)
        if a.select_4 == "gain":
            keep4 = gain_selected(keep4, eligible4 & (c4 >= a.gain_floor_4))
        need3 = np.unique(ctx4[keep4])
        need2 = np.unique(need3 // B)

    n_qctx, n_quad = len(need3), 0 if keep4 is None else int(keep4.sum())
    # a trigram whose two-word history holds a pause or a hyphen
    mark_ctx3 = np.isin(ctx3 // B, marks) | np.isin(ctx3 % B, marks)
    # The engine never asks a trigram or 4-gram for the pause (or the hyphen) itself (it conditions on a
    # word coming next, with the pause's backed-off probability): those entries are not stored. A bigram
    # (v, pause) is, where counted often enough: it addresses the trigram context (v, pause).

    def level(kb, kt):
        wanted3 = (raw3 >= np.where(mark_ctx3, max(kt, a.min_count_pause), kt)) & (k3 % B != UNK) & ~np.isin(k3 % B, marks)
        # a bigram (v, pause) is stored only as the address of a trigram context (v, pause) some trigram wants
        # and so is a bigram (hyphen, w): what follows a hyphen in general says little once the
        # trigram (v, hyphen) knows the compound, and stored freely they pushed the bigram threshold
        # from 16 to 17, losing contexts such as "oh my" (golden cases)
        addresses = np.unique(ctx3[wanted3 & (np.isin(ctx3 % B, marks) | (ctx3 // B == hyphen))])
        keep2 = (((c2raw >= kb) & (k2 % B != UNK) & (k2 // B != UNK) & ((~np.isin(k2 % B, marks) & (k2 // B != hyphen)) | np.isin(k2, addresses)))
                 | np.isin(k2, need2))
        # a trigram needs its context bigram (u,v) stored, to be addressed
        keep3 = (wanted3 & np.isin(ctx3, k2[keep2])) | np.isin(k3, need3)
        n_ctx = len(np.unique(ctx3[keep3]))
        size = file_size(int(keep2.sum()), n_ctx, int(keep3.sum()), n_qctx, n_quad)
        print(f"  prune bigram c>={kb}, trigram c>={kt}: {keep2.sum()} bigrams, {keep3.sum()} trigrams, "
              f"{n_ctx} contexts, {n_quad} 4-grams, {n_qctx} 4-gram contexts, {size / 1e6:.2f} MB", flush=True)
        return size, keep2, keep3

    def fitting():
        """(kb, kt, keep2, keep3): the lowest trigram threshold for which some bigram threshold fits,
        and the lowest such bigram threshold (the file only shrinks as kb grows: binary search)."""
        budget = a.max_mb * 1e6
        for kt in range(2, 41):
            size, keep2, keep3 = level(40, kt)
            if size > budget:
                continue
            lo, hi, best = 1, 40, (40, keep2, keep3)
            while lo < hi:
                mid = (lo + hi) // 2
                size, keep2, keep3 = level(mid, kt)
                if size <= budget:
                    hi, best = mid, (mid, keep2, keep3)
                else:
                    lo = mid + 1
            return best[0], kt, best[1], best[2]
        raise SystemExit("no pruning level fits the budget")

    if a.min_counts:
        kb, kt = map(int, a.min_counts.split(","))
        _, keep2, keep3 = level(kb, kt)
    else:
        kb, kt, keep2, keep3 = fitting()
    # 8-bit a terms; g = 1 - the kept (quantised) a mass of its context, which also folds in the mass
    # of pruned n-grams
    book2, code2 = codebook(a2[keep2])
    book3, code3 = codebook(a3[keep3])
    kept2 = np.bincount(ctx2[keep2], weights=book2[code2].astype(np.float64), minlength=V + 1)
    kept3 = np.bincount(inv[keep3], weights=book3[code3].astype(np.float64), minlength=len(uctx))
    exact2 = 1.0 - np.bincount(ctx2[keep2], weights=a2[keep2], minlength=V + 1)
    exact3 = 1.0 - np.bincount(inv[keep3], weights=a3[keep3], minlength=len(uctx))
    # rounding up must not starve the back-off: g keeps at least half the exact back-off mass
    over = int((1.0 - kept2 < exact2 / 2).sum() + (1.0 - kept3 < exact3 / 2).sum())
    g2 = np.maximum(1.0 - kept2, exact2 / 2)
    g3 = np.maximum(1.0 - kept3, exact3 / 2)
    if keep4 is not None:
        book4, code4 = codebook(a4[keep4])
        kept4 = np.bincount(qinv[keep4], weights=book4[code4].astype(np.float64), minlength=len(qctx))
        exact4 = 1.0 - np.bincount(qinv[keep4], weights=a4[keep4], minlength=len(qctx))
        over += int((1.0 - kept4 < exact4 / 2).sum())
        g4 = np.maximum(1.0 - kept4, exact4 / 2)
    else:
        keep4, book4, code4 = np.zeros(0, dtype=bool), np.zeros(256, dtype=np.float32), np.zeros(0, dtype=np.uint8)
    print(f"codebooks: {over} contexts where rounding up would take over half the back-off mass", flush=True)

    # 6. write
    scale = 2048.0

    def q(p):
        return np.clip(np.round(-np.log(np.maximum(p, 1e-14)) * scale), 0, 65535).astype("<u2")
    bk = k2[keep2]  # sorted by (v, w)
    bi_off = np.searchsorted(bk // B, np.arange(V + 1)).astype("<u4")
    tk, tctx_i = k3[keep3], inv[keep3]
    tctx_keys, first = np.unique(tk // B, return_index=True)
    tri_ctx = np.searchsorted(bk, tctx_keys).astype("<u4")  # (u,v) as a bigram entry index
    assert (bk[tri_ctx] == tctx_keys).all()
    tri_g = g3[tctx_i[first]]
    tri_off = np.append(first, len(tk)).astype("<u4")
    if len(code4):
        qk, qw, qctx_i = ctx4[keep4], w4[keep4], qinv[keep4]  # sorted by (t,u,v), then w
        qctx_keys, qfirst = np.unique(qk, return_index=True)
        quad_ctx = np.searchsorted(tk, qctx_keys).astype("<u4")  # (t,u,v) as a trigram entry index
        assert (tk[quad_ctx] == qctx_keys).all()
        quad_g = g4[qctx_i[qfirst]]
        quad_off = np.append(qfirst, len(qk)).astype("<u4")
    else:
        qw, quad_ctx, quad_g, quad_off = np.zeros(0, np.int64), np.zeros(0, "<u4"), np.zeros(0), np.zeros(1, "<u4")

    def pad(b):
        return b + b"\0" * (-len(b) % 4)
    uniG = g2[:V]
    parts = [struct.pack("<8If2I", MAGIC, VERSION, V, len(bk), len(tri_ctx), len(tk), len(keys), len(form_bytes), scale,
                         len(quad_ctx), len(qw)),
             pad(keys), pad(form_bytes),
             pad(q(P1[:V]).tobytes()), pad(q(uniG).tobytes()), bi_off.tobytes(),
             pad((bk % B).astype("<u2").tobytes()), pad(code2.tobytes()),
             tri_ctx.tobytes(), pad(q(tri_g).tobytes()), tri_off.tobytes(),
             pad((tk % B).astype("<u2").tobytes()), pad(code3.tobytes()),
             book2.astype("<f4").tobytes(), book3.astype("<f4").tobytes(),
             quad_ctx.tobytes(), pad(q(quad_g).tobytes()), quad_off.tobytes(),
             pad(qw.astype("<u2").tobytes()), pad(code4.tobytes()), book4.astype("<f4").tobytes()]
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out + ".tmp", "wb") as f:
        for p in parts:
            f.write(p)
    os.replace(a.out + ".tmp", a.out)
    size = os.path.getsize(a.out)
    stats = {"words": V - 1, "bigrams": int(len(bk)), "trigram_contexts": int(len(tri_ctx)), "trigrams": int(len(tk)),
             "fourgram_contexts": int(len(quad_ctx)), "fourgrams": int(len(qw)),
             "min_count_bigram": kb, "min_count_trigram": kt, "min_count_fourgram": a.min_count_4 if a.order == 4 else None,
             "bytes": size,
             "running_words": int(sum(word_count.values())), "discounts_bigram": d2[1:].round(4).tolist(),
             "discounts_trigram": d3[1:].round(4).tolist(),
             "discounts_fourgram": None if w4 is None else d4[1:].round(4).tolist(), "excluded_sources": sorted(exclude),
             "repeated_sources": {k: (int(n) if n >= 1 else n) for k, n in repeat.items() if k not in missing}}
    print(json.dumps(stats), flush=True)
    if a.stats:
        with open(a.stats, "w") as f:
            json.dump(stats, f, indent=2)
            f.write("\n")
    print(f"{a.out}: {size / 1e6:.2f} MB ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
