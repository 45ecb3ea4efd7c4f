"""Golden cases of model.unlikelihood_loss (run by smoke.sh): hand-computed sets C_t on a uniform
distribution, where each penalised class costs -log(1 - 1/4) nats."""
import math
import sys

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from model import unlikelihood_loss  # noqa: E402

U = -math.log(0.75)
logp = torch.full((1, 3, 4), math.log(0.25))
context = torch.tensor([[0, 1, 0]])
targets = torch.tensor([[1, 0, 2]])
cases = [
    # t=0: {0}; t=1: {0,1} less the target 0; t=2: {0,1} (the second 0 counted once)
    ("distinct earlier tokens less the target", unlikelihood_loss(logp, context, targets), 4 * U / 3),
    # class 1 (the top-K "other" class) is never penalised: {0}, {}, {0}
    ("the never class", unlikelihood_loss(logp, context, targets, never=(1,)), 2 * U / 3),
    # nor is EOT (class 0 here), which starts every window: with "other" too, {}, {}, {}; alone, {}, {1}, {1}
    ("two never classes", unlikelihood_loss(logp, context, targets, never=(0, 1)), 0.0),
    ("EOT alone never", unlikelihood_loss(logp, context, targets, never=(0,)), 2 * U / 3),
    ("nothing to copy", unlikelihood_loss(logp[:, :1], context[:, :1], context[:, :1]), 0.0),
]
for name, got, want in cases:
    assert abs(got.item() - want) < 1e-6, f"unlikelihood_loss, {name}: {got.item()} != {want}"
# A window that copies itself costs more than one that does not.
peaked = torch.log_softmax(torch.tensor([[[5.0, 0, 0, 0]] * 3]), -1)
assert unlikelihood_loss(peaked, torch.tensor([[0, 0, 0]]), torch.tensor([[1, 1, 1]])) > unlikelihood_loss(peaked, torch.tensor([[2, 2, 2]]), torch.tensor([[1, 1, 1]]))
print(f"unlikelihood: {len(cases) + 1} golden cases OK")

# Sequence level: which decoded tokens sit inside a repeated 2-gram, and what they cost.
from model import repeated_ngram_mask, sequence_unlikelihood_loss  # noqa: E402

rows = torch.tensor([[5, 6, 5, 6, 7], [1, 2, 3, 4, 5], [9, 9, 9, 8, 9]])
want = torch.tensor([[False, False, True, True, False],  # "5 6" again at 2
                     [False, False, False, False, False],  # no repeat
                     [False, True, True, False, False]])  # "9 9" at 0 and again at 1: overlapping counts
got = repeated_ngram_mask(rows, 2)
assert torch.equal(got, want), f"repeated_ngram_mask: {got.tolist()}"
assert not repeated_ngram_mask(rows[:, :1], 2).any(), "a row shorter than n has no repeat"
assert torch.equal(repeated_ngram_mask(torch.tensor([[3, 4, 3, 4, 3, 4]]), 4), torch.tensor([[False] * 2 + [True] * 4])), \
    "a loop: the 4-gram at 2 (3 4 3 4) repeats the one at 0, so tokens 2-5 are penalised"
# With the prefix known: "5 6" is the prefix's own phrase, so its repeat at 4 is not a loop; "6 7" and
# "7 8" are made up, so tokens 5-7 are.
known_cases = [
    (torch.tensor([[5, 6, 7, 8, 5, 6, 7, 8]]), torch.tensor([[1, 5, 6, 2]]),
     torch.tensor([[False] * 5 + [True, True, True]])),
    (torch.tensor([[5, 6, 9, 5, 6]]), torch.tensor([[5, 6]]), torch.zeros(1, 5, dtype=torch.bool)),
    (torch.tensor([[5, 6, 5, 6]]), torch.tensor([[1]]), torch.tensor([[False, False, True, True]])),  # a prefix shorter than n exempts nothing
]
for cont, known, want in known_cases:
    got = repeated_ngram_mask(cont, 2, known)
    assert torch.equal(got, want), f"repeated_ngram_mask with a known prefix: {got.tolist()}"
uniform = torch.full((1, 5, 4), math.log(0.25))
seq_cases = [
    ("two penalised of five", sequence_unlikelihood_loss(uniform, torch.tensor([[0, 1, 0, 1, 2]]),
                                                          torch.tensor([[False, False, True, True, False]])), 2 * U / 5),
    ("nothing repeated", sequence_unlikelihood_loss(uniform, torch.tensor([[0, 1, 2, 3, 0]]), torch.zeros(1, 5, dtype=torch.bool)), 0.0),
]
for name, got, want in seq_cases:
    assert abs(got.item() - want) < 1e-6, f"sequence_unlikelihood_loss, {name}: {got.item()} != {want}"
print(f"sequence unlikelihood: {len(seq_cases) + 4 + len(known_cases)} golden cases OK")

# The hinge on greedy loops: a looping argmax pushed just below the best other class, then left alone.
from model import sequence_margin_loss  # noqa: E402

peaked2 = torch.tensor([[[0.7, 0.2, 0.1], [0.3, 0.6, 0.1], [0.2, 0.1, 0.7]]]).log()
loop = torch.tensor([[0, 1, 2]])
margin_cases = [
    # position 0: log 0.7 - log 0.2 + 1; position 1 not penalised; position 2: log 0.7 - log 0.2 + 1, over 3
    ("argmax tokens in a loop", sequence_margin_loss(peaked2, loop, torch.tensor([[True, False, True]])),
     2 * (math.log(0.7 / 0.2) + 1) / 3),
    # already below the best other class by more than the margin: nothing to push
    ("a token already out of first place", sequence_margin_loss(peaked2, torch.tensor([[2, 2, 0]]),
                                                                 torch.tensor([[True, True, True]]), margin=0.5), 0.0),
    # the "other" class (2 here) is never the alternative: position 2's best other is then class 0
    ("never the other class", sequence_margin_loss(peaked2, torch.tensor([[0, 0, 1]]), torch.tensor([[False, False, True]]), never=2),
     (math.log(0.1 / 0.2) + 1) / 3),
]
# a [V'] mask: classes 0 and 2 (say, "," and the "other" class) are never the alternative, so the
# looping class 1 is measured against class 3 even though class 0 is likelier
peaked3 = torch.tensor([[[0.5, 0.3, 0.1, 0.1]]]).log()
margin_cases.append(("a mask of classes that are never the alternative",
                     sequence_margin_loss(peaked3, torch.tensor([[1]]), torch.tensor([[True]]),
                                          never=torch.tensor([True, False, True, False])),
                     math.log(0.3 / 0.1) + 1))
for name, got, want in margin_cases:
    assert abs(got.item() - want) < 1e-5, f"sequence_margin_loss, {name}: {got.item()} != {want}"
print(f"sequence margin: {len(margin_cases)} golden cases OK")

# DITTO (Xu et al. 2022): copies of a period-2 sentence, each pulled to lam times the previous copy.
from model import repetition_penalty_loss  # noqa: E402

probs = torch.tensor([[[0.8, 0.2], [0.2, 0.8], [0.8, 0.2], [0.2, 0.8], [0.8, 0.2], [0.2, 0.8]]])
row = torch.tensor([[0, 1, 0, 1, 0, 1]])  # every token at p = 0.8: the model keeps repeating
halved = torch.tensor([[[0.8, 0.2], [0.2, 0.8], [0.6, 0.4], [0.6, 0.4], [0.7, 0.3], [0.8, 0.2]]])
ditto_cases = [
    # copies 2 and 3: |0.8 - 0.5 * 0.8| = 0.4 at each of 4 positions
    ("a loop that does not decay", repetition_penalty_loss(probs.log(), row, 2), -math.log(0.6)),
    # copy 2 at 0.6, 0.4 (against 0.5 * 0.8 = 0.4, 0.4): gaps 0.2, 0; copy 3 at 0.7, 0.2 (against 0.3, 0.2): gaps 0.4, 0
    ("each copy against the previous copy", repetition_penalty_loss(halved.log(), row, 2),
     -(math.log(0.8) + math.log(0.6)) / 4),
    # the "other" class is skipped: only position 3 (gap 0.4 in the loop) counts
    ("skipped positions", repetition_penalty_loss(probs.log(), row, 2, skip=torch.tensor([[False] * 3 + [False, True, True]])), -math.log(0.6)),
    ("one copy only", repetition_penalty_loss(probs[:, :2].log(), row[:, :2], 2), 0.0),
]
for name, got, want in ditto_cases:
    assert abs(got.item() - want) < 1e-6, f"repetition_penalty_loss, {name}: {got.item()} != {want}"
# the previous copy's probability is a target, not trained: the gradient reaches only the later copy
lp = probs.log().clone().requires_grad_(True)
repetition_penalty_loss(lp, row, 2).backward()
assert lp.grad[0, :2].abs().sum() == 0 and lp.grad[0, 2:].abs().sum() > 0, "gradient only on copies 2 and later"
print(f"DITTO: {len(ditto_cases) + 1} golden cases OK")

# The anchor: KL(teacher || model) per position.
from model import anchor_kl  # noqa: E402

t = torch.tensor([[[0.5, 0.5], [0.9, 0.1]]]).log()
m = torch.tensor([[[0.5, 0.5], [0.5, 0.5]]]).log()
anchor_cases = [
    ("the same distribution", anchor_kl(t, t), 0.0),
    # position 0 agrees; position 1: 0.9 ln(0.9 / 0.5) + 0.1 ln(0.1 / 0.5), halved over two positions
    ("one position apart", anchor_kl(m, t), (0.9 * math.log(1.8) + 0.1 * math.log(0.2)) / 2),
]
for name, got, want in anchor_cases:
    assert abs(got.item() - want) < 1e-6, f"anchor_kl, {name}: {got.item()} != {want}"
tg = t.clone().requires_grad_(True)
mg = m.clone().requires_grad_(True)
anchor_kl(mg, tg).backward()
assert tg.grad is None and mg.grad[0, 1].abs().sum() > 0, "the gradient reaches the model, never the teacher"
print(f"anchor: {len(anchor_cases) + 1} golden cases OK")

# What the card and the evaluation count as degenerate greedy text (evaluate.py).
from evaluate import punctuation_run, repeats_trigram  # noqa: E402

text_cases = [
    (repeats_trigram, "the file name of the file name of", True),
    (repeats_trigram, "the values that are not available.", False),
    (punctuation_run, "a good, and it is a.. has to,.,,,..,.", True),
    (punctuation_run, " the next day. The first is the.. and,,,", True),
    (punctuation_run, "Really?!?", True),
    (punctuation_run, "Wait... what?", False),  # one ellipsis is punctuation people write
    (punctuation_run, "e.g., this one.", False),
    (punctuation_run, "one, two, three.", False),
    (punctuation_run, "the end.\n\n- next", False),
]
for fn, text, want in text_cases:
    assert fn(text) == want, f"{fn.__name__}({text!r}) != {want}"
print(f"greedy-text criteria: {len(text_cases)} golden cases OK")
