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
