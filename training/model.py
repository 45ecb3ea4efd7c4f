"""A small, readable GPT-2 (nanoGPT-style) in PyTorch.

Architecture (same as GPT-2):
  learned token + position embeddings
  -> n_layer x [pre-LayerNorm causal self-attention, pre-LayerNorm GELU MLP] with residuals
  -> final LayerNorm -> LM head tied to the token embedding (vocab 50257, GPT-2 BPE).

Parameter names follow Hugging Face's GPT2LMHeadModel (transformer.wte, transformer.h.0.attn.c_attn,
...), except that our Linear layers store weights as [out, in] (torch convention) instead of
HF's Conv1D [in, out].

Optional cheaper training softmax ("top-K + other"): during training the logits are computed only
against the K most frequent tokens' (tied) embedding rows plus one learned "other" class that stands
for every remaining token. `full_logits()` turns that into a proper distribution over all 50257 tokens:
a rare token j gets logit  other(h) + log(unigram share of j among the rare tokens).
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

EOT = 50256


@dataclass
class GPTConfig:
    vocab_size: int = 50257
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 256
    n_positions: int = 256
    dropout: float = 0.0
    topk: int = 0  # 0 = full softmax; K > 0 = top-K + "other" training softmax

    def to_dict(self):
        return asdict(self)


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        assert cfg.n_embd % cfg.n_head == 0
        self.n_head = cfg.n_head
        self.head_dim = cfg.n_embd // cfg.n_head
        self.c_attn = nn.Linear(cfg.n_embd, 3 * cfg.n_embd)  # q, k, v in one matmul
        self.c_proj = nn.Linear(cfg.n_embd, cfg.n_embd)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x, mask, past_k=None, past_v=None):
        """x [B, T, C]; mask: additive [B or 1, 1, T, past+T] (0 = attend, -inf-ish = blocked).
        past_k/past_v: [B, H, past, D] or None. Returns y, k, v (k/v include the past)."""
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)  # [B, H, T, D]
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        if isinstance(mask, str):  # "causal" training fast path: fused attention where torch has it (>= 2.0)
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True,
                                               dropout_p=self.dropout.p if self.training else 0.0)
            y = y.transpose(1, 2).contiguous().view(B, T, C)
            return self.dropout(self.c_proj(y)), k, v
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))  # [B, H, T, past+T]
        att = att + mask
        att = F.softmax(att.float(), dim=-1).to(q.dtype)
        if self.training and self.dropout.p > 0:  # a p=0 dropout still costs a pass over [B, H, T, T]
            att = self.dropout(att)
        y = att @ v  # [B, H, T, D]
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.dropout(self.c_proj(y)), k, v


class MLP(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.c_fc = nn.Linear(cfg.n_embd, 4 * cfg.n_embd)
        self.c_proj = nn.Linear(4 * cfg.n_embd, cfg.n_embd)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x):
        return self.dropout(self.c_proj(F.gelu(self.c_fc(x), approximate="tanh")))


class Block(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd)
        self.attn = CausalSelfAttention(cfg)
        self.ln_2 = nn.LayerNorm(cfg.n_embd)
        self.mlp = MLP(cfg)

    def forward(self, x, mask, past_k=None, past_v=None):
        a, k, v = self.attn(self.ln_1(x), mask, past_k, past_v)
        x = x + a
        x = x + self.mlp(self.ln_2(x))
        return x, k, v


class GPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.cfg = cfg
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(cfg.vocab_size, cfg.n_embd),
            wpe=nn.Embedding(cfg.n_positions, cfg.n_embd),
            drop=nn.Dropout(cfg.dropout),
            h=nn.ModuleList([Block(cfg) for _ in range(cfg.n_layer)]),
            ln_f=nn.LayerNorm(cfg.n_embd),
        ))
        # Top-K + "other" training softmax. topk_ids lists the K frequent token ids; rare_logshare
        # holds log(unigram share among rare tokens) for every token (0 for frequent ones).
        if cfg.topk:
            self.register_buffer("topk_ids", torch.arange(cfg.topk), persistent=True)
            self.register_buffer("rare_logshare", torch.zeros(cfg.vocab_size), persistent=True)
            self.register_buffer("is_rare", torch.zeros(cfg.vocab_size, dtype=torch.bool), persistent=True)
            self.register_buffer("target_map", torch.zeros(cfg.vocab_size, dtype=torch.long), persistent=True)
            self.other = nn.Linear(cfg.n_embd, 1)
        self.apply(self._init_weights)
        for name, p in self.named_parameters():  # GPT-2 scaled init of residual projections
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * cfg.n_layer))

    @staticmethod
    def _init_weights(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, mean=0.0, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, mean=0.0, std=0.02)

    def set_topk(self, counts):
        """counts: token frequencies [vocab] from the training split. Picks the K most frequent
        tokens (always including <|endoftext|>) and the fixed log-shares of the rare ones."""
        K, V = self.cfg.topk, self.cfg.vocab_size
        counts = counts.double().clone() + 0.01  # never-seen tokens get a tiny share
        order = torch.argsort(counts, descending=True)
        top = order[:K].clone()
        if EOT not in top.tolist():
            top[-1] = EOT
        top, _ = torch.sort(top)
        is_rare = torch.ones(V, dtype=torch.bool)
        is_rare[top] = False
        share = counts * is_rare
        share = share / share.sum()
        logshare = torch.where(is_rare, share.clamp_min(1e-30).log(), torch.zeros(V, dtype=torch.double))
        target_map = torch.full((V,), K, dtype=torch.long)  # rare -> class K ("other")
        target_map[top] = torch.arange(K)
        self.topk_ids.copy_(top)
        self.is_rare.copy_(is_rare)
        self.rare_logshare.copy_(logshare.float())
        self.target_map.copy_(target_map)

    def num_params(self, non_embedding=False):
        n = sum(p.numel() for p in self.parameters())
        if non_embedding:
            n -= self.transformer.wte.weight.numel() + self.transformer.wpe.weight.numel()
        return n

    def hidden(self, idx, position_ids=None, mask=None, past=None):
        """Runs the transformer body. Returns final hidden states [B, T, C] and the list of
        (k, v) per layer (including the past). Default mask: causal, no padding."""
        B, T = idx.shape
        past_len = 0 if past is None else past[0][0].shape[2]
        if position_ids is None:
            position_ids = torch.arange(past_len, past_len + T, device=idx.device).unsqueeze(0)
        if mask is None:
            if past is None and hasattr(F, "scaled_dot_product_attention"):
                mask = "causal"
            else:
                mask = causal_mask(T, past_len, idx.device)
        x = self.transformer.wte(idx) + self.transformer.wpe(position_ids)
        x = self.transformer.drop(x)
        presents = []
        for i, block in enumerate(self.transformer.h):
            pk, pv = (None, None) if past is None else past[i]
            x, k, v = block(x, mask, pk, pv)
            presents.append((k, v))
        return self.transformer.ln_f(x), presents

    def full_logits(self, h):
        """Logits over all 50257 tokens from hidden states h [..., C] (a valid distribution
        after softmax, also for a top-K model)."""
        logits = F.linear(h, self.transformer.wte.weight)
        if self.cfg.topk:
            other = self.other(h) + self.rare_logshare  # [..., V]
            logits = torch.where(self.is_rare, other, logits)
        return logits

    def forward(self, idx, targets=None, ul_alpha=0.0):
        """Training / evaluation forward. Returns (logits or None, loss or None).
        With targets and topk>0 the loss is the top-K + other training loss (cheap). ul_alpha > 0 adds
        that many times the token-level unlikelihood loss (unlikelihood_loss)."""
        h, _ = self.hidden(idx)
        if targets is None:
            return self.full_logits(h), None
        logp, classes = self.class_logp(h, targets)
        if self.cfg.topk:
            context = self.target_map[idx]
            # the "other" class, and EOT: every window starts with a synthetic one (train.get_batch)
            never = (self.cfg.topk, int(self.target_map[EOT]))
        else:
            context, never = idx, (EOT,)
        loss = F.nll_loss(logp.reshape(-1, logp.size(-1)), classes.reshape(-1))
        if ul_alpha > 0:
            loss = loss + ul_alpha * unlikelihood_loss(logp, context, classes, never)
        return None, loss

    @torch.no_grad()
    def full_loss(self, idx, targets):
        """Exact 50257-way cross-entropy (nats/token) - use for held-out evaluation."""
        h, _ = self.hidden(idx)
        logits = self.full_logits(h).float()
        return F.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1))

    @torch.no_grad()
    def greedy_continue(self, prefix, steps):
        """Greedy decoding with the KV cache: prefix [B, P] token ids -> [B, P + steps]. The batch
        decodes in lockstep (no stopping at EOT), which is what the sequence-level loss trains on."""
        h, past = self.hidden(prefix)
        out = [prefix]
        for i in range(steps):
            nxt = self.full_logits(h[:, -1, :]).float().argmax(-1, keepdim=True)  # [B, 1]
            out.append(nxt)
            if i + 1 < steps:
                h, past = self.hidden(nxt, past=past)
        return torch.cat(out, dim=1)

    def class_logp(self, h, targets):
        """Training-softmax log-probabilities from hidden states h [B, T, C] and the target classes:
        (logp [B, T, V'], classes [B, T]), V' = K + 1 for a top-K model (rare targets map to the
        "other" class K), else 50257."""
        if self.cfg.topk:
            w = self.transformer.wte.weight[self.topk_ids]  # [K, C] tied rows
            logits = torch.cat([F.linear(h, w), self.other(h)], dim=-1)  # [B, T, K+1]
            return F.log_softmax(logits.float(), dim=-1), self.target_map[targets]
        return F.log_softmax(F.linear(h, self.transformer.wte.weight).float(), dim=-1), targets

    @torch.no_grad()
    def generate(self, idx, max_new_tokens, greedy=True, temperature=1.0):
        """idx [B, P] -> [B, P + max_new_tokens]. Greedy text that fits in n_positions decodes with the
        KV cache (greedy_continue); sampling, or text longer than the window, recomputes a cropped window
        per token."""
        if greedy and idx.shape[1] + max_new_tokens <= self.cfg.n_positions:
            return self.greedy_continue(idx, max_new_tokens)
        for _ in range(max_new_tokens):
            ctx = idx[:, -self.cfg.n_positions:]
            h, _ = self.hidden(ctx)
            logits = self.full_logits(h[:, -1, :]).float()
            if greedy:
                nxt = logits.argmax(-1, keepdim=True)
            else:
                nxt = torch.multinomial(F.softmax(logits / temperature, -1), 1)
            idx = torch.cat([idx, nxt], dim=1)
        return idx


def unlikelihood_loss(logp, context, targets, never=()):
    """Token-level unlikelihood (Welleck et al. 2019, "Neural Text Generation with Unlikelihood
    Training", eq. 4): at each position t, -sum over c in C_t of log(1 - p(c | x_<=t)), where C_t is
    the set of distinct classes among the context tokens x_0..x_t, less the target. It lowers the odds
    of copying what the window already holds, which is what makes greedy text loop; a repeat the text
    really has keeps its likelihood term. Mean over positions (nats).

    logp [B, T, V'] log-probabilities; context [B, T] the input's classes (x_0..x_{T-1}); targets
    [B, T] the classes to predict; never: classes left out of C_t (the top-K "other" class, EOT).
    Costs two [B, T, T] tensors: 4M entries for 4 windows of 1,024 tokens."""
    B, T, _ = logp.shape
    cand = context.unsqueeze(1).expand(B, T, T)  # [B, t, s]: the class at context position s
    p = logp.gather(2, cand).exp()  # [B, T, T]
    earlier = torch.ones(T, T, dtype=torch.bool, device=logp.device).tril()  # s <= t
    strictly = torch.ones(T, T, dtype=torch.bool, device=logp.device).tril(-1)
    repeat = ((context.unsqueeze(2) == context.unsqueeze(1)) & strictly).any(-1)  # [B, s]: seen before s
    keep = earlier & ~repeat.unsqueeze(1) & (cand != targets.unsqueeze(2))
    for c in never:
        keep &= cand != c
    # clamp: a probability of 1 would give log(0) = -inf (and an infinite gradient)
    penalty = -torch.log1p(-p.clamp(max=1 - 1e-6)) * keep
    return penalty.sum() / (B * T)


def repeated_ngram_mask(tokens, n=4, known=None):
    """[B, T] bool: True where tokens[b, t] belongs to an n-gram that already occurred earlier in the
    same row (a start before this n-gram's start). These are the tokens the sequence-level
    unlikelihood loss penalises (Welleck et al. 2019, section 5.2, C_t = {x_t} for x_t inside a
    repeated n-gram). Rows shorter than n have none. known [B, P] (optional): the row's prefix;
    an n-gram that also occurs there is never counted as a repeat, because repeating the text's
    own phrases (its terms, its names) is what a document does and what keystroke savings reward."""
    B, T = tokens.shape
    mask = torch.zeros(B, T, dtype=torch.bool, device=tokens.device)
    if T < n:
        return mask
    grams = tokens.unfold(1, n, 1)  # [B, T-n+1, n]
    same = (grams.unsqueeze(2) == grams.unsqueeze(1)).all(-1)  # [B, i, j]: gram i equals gram j
    earlier = torch.ones(T - n + 1, T - n + 1, dtype=torch.bool, device=tokens.device).tril(-1)
    repeats = (same & earlier).any(-1)  # [B, T-n+1]: gram i occurred at some j < i
    if known is not None and known.shape[1] >= n:
        known_grams = known.unfold(1, n, 1)  # [B, P-n+1, n]
        repeats &= ~(grams.unsqueeze(2) == known_grams.unsqueeze(1)).all(-1).any(-1)
    for k in range(n):
        mask[:, k:k + T - n + 1] |= repeats
    return mask


def sequence_unlikelihood_loss(logp, targets, penalised):
    """Sequence-level unlikelihood (Welleck et al. 2019, eq. 7): -sum log(1 - p(x_t | x_<t)) over the
    positions where penalised [B, T] is True, divided by B * T (nats). logp [B, T, V'] are the model's
    log-probabilities for the positions that produced targets [B, T] (the model's own decoded tokens).
    Unlike the token-level loss it only touches what greedy decoding actually repeated."""
    p = logp.gather(2, targets.unsqueeze(-1)).squeeze(-1).exp()
    penalty = -torch.log1p(-p.clamp(max=1 - 1e-6)) * penalised
    return penalty.sum() / targets.numel()


def sequence_margin_loss(logp, targets, penalised, margin=1.0, never=None):
    """A hinge on the model's own greedy loops: at each penalised position [B, T] (a decoded token
    inside a repeated n-gram, repeated_ngram_mask), max(0, log p(x_t) - max_{c != x_t} log p(c) +
    margin), summed and divided by B * T (nats). Greedy decoding loops because the looping token is
    the argmax; the hinge pushes it just below the best other class and then stops, where the
    sequence-level unlikelihood (sequence_unlikelihood_loss) keeps lowering it whatever the rank,
    which also lowers words a document really repeats. logp [B, T, V'] log-probabilities at the
    positions that produced targets [B, T]; never: a class index, or a [V'] bool mask, of classes that
    never count as the alternative (the top-K "other" class, which is no token; punctuation, which a
    hinge would otherwise put in the loop's place: "the.. and,,,")."""
    lp_t = logp.gather(2, targets.unsqueeze(-1)).squeeze(-1)  # [B, T]
    others = logp.scatter(2, targets.unsqueeze(-1), float("-inf"))
    if never is not None:
        others[..., never] = float("-inf")
    gap = torch.relu(lp_t - others.max(-1).values + margin) * penalised
    return gap.sum() / targets.numel()


def repetition_penalty_loss(logp, targets, period, lam=0.5, skip=None):
    """DITTO (Xu et al. 2022, "Learning to Break the Loop", eq. 3) on a pseudo-repetitive row: a corpus
    sentence of `period` tokens written again and again. At a token t of the second or a later copy,
    -log(1 - |p(x_t | x_<t) - lam * sg(p(x_{t-period} | x_<t-period)))|): each copy's probability is
    pulled to lam times the previous copy's (sg = no gradient), so the more a sentence has repeated,
    the less likely the model makes it again. Greedy loops grow from the opposite, self-reinforcement
    (a repeat makes the next repeat likelier), which this reverses.

    logp [B, T, V'] log-probabilities at the positions that produced targets [B, T]; period: the
    sentence length in tokens (the same for every row of the batch); skip [B, T] bool (optional):
    positions left out (the top-K "other" class). Mean over the penalised positions (nats); 0 when
    T <= period."""
    B, T = targets.shape
    if T <= period:
        return logp.new_zeros(())
    p = logp.gather(2, targets.unsqueeze(-1)).squeeze(-1).exp()  # [B, T]
    gap = (p[:, period:] - lam * p[:, :-period].detach()).abs()  # [B, T - period]
    keep = torch.ones_like(gap, dtype=torch.bool) if skip is None else ~skip[:, period:]
    penalty = -torch.log1p(-gap.clamp(max=1 - 1e-6)) * keep
    return penalty.sum() / keep.sum().clamp(min=1)


def anchor_kl(logp, teacher_logp):
    """KL(teacher || model) per position, mean over positions (nats): an anchor that keeps a polished
    model's whole next-token distribution on corpus text near the weights it started from, while
    another loss (the sequence-level unlikelihood steps) changes what it does in its own loops; the
    KL penalty of fine-tuning against a reference model (Jaques et al. 2017, Ziegler et al. 2019).
    logp, teacher_logp [B, T, V'] log-probabilities over the same classes; the teacher's carry no
    gradient."""
    t = teacher_logp.detach()
    return (t.exp() * (t - logp)).sum(-1).mean()


def causal_mask(T, past_len, device=None):
    """Additive mask [1, 1, T, past+T]: query t may attend to keys 0..past+t."""
    S = past_len + T
    q = torch.arange(T, device=device).unsqueeze(1) + past_len
    k = torch.arange(S, device=device).unsqueeze(0)
    return torch.where(k <= q, 0.0, -1e9).view(1, 1, T, S)


def load_checkpoint(path, map_location="cpu"):
    ck = torch.load(path, map_location=map_location)
    cfg = GPTConfig(**ck["config"])
    model = GPT(cfg)
    model.load_state_dict(ck["model"])
    model.eval()
    return model, ck
