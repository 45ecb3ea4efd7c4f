"""The tiny random-weight GPT-2 behind every test fixture (vocab 50257, n_embd 8, 2 layers, 2 heads,
n_positions 64). Its own module so that make_fixtures.py (which builds the fixture folders) and
export_attention.py --fixture (which adds the attention graph to one) share it without importing
each other.
"""
import torch

from model import GPT, GPTConfig


def tiny_model(seed=0):
    """Fixed-seed weights scaled up so that logits are well separated (top-k comparisons mean something)."""
    torch.manual_seed(seed)
    cfg = GPTConfig(n_layer=2, n_head=2, n_embd=8, n_positions=64, topk=0)
    m = GPT(cfg)
    with torch.no_grad():
        for name, p in m.named_parameters():
            if "ln" in name:
                continue
            p.normal_(0.0, 1.0 if "wte" in name or "wpe" in name else 0.4)
    m.eval()
    return m
