"""Makes a latency twin of a GPT-2 ONNX export with more positions.

The latency benchmark measures 1,024 tokens of context, and the engine keeps 32 positions free after
the window for the words it assembles (GENERATION_RESERVE), so that needs 1,056 positions: more than
the embedded model (1,024) or GPT-2 has. The twin is the same graph with the same weights; only the
position embedding table (and, in an int8 export, its per-row scales) is tiled to the new length. It computes exactly the same operations per token as
the real model, so its timings are the real model's timings at that context; its predictions past
the trained positions mean nothing, and it is never shipped or used for prediction.

Usage: /usr/bin/python3 bench/tools/make_latency_twin.py MODEL_DIR OUT_DIR [N_POSITIONS]
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    positions = int(sys.argv[3]) if len(sys.argv) > 3 else 1024
    with open(os.path.join(source, "config.json")) as f:
        config = json.load(f)
    model = onnx.load(os.path.join(source, "model.onnx"))
    gathers = {n.input[0] for n in model.graph.node if n.op_type == "Gather" and "position" in " ".join(n.input)}
    tables = [i for i in model.graph.initializer if i.name in gathers]
    # fp32 exports gather one table; int8 ones (training/quantize.py) gather its rows and their scales
    rows = {numpy_helper.to_array(t).shape[0] for t in tables}
    if not tables or len(rows) != 1:
        sys.exit(f"expected the position-embedding table(s) gathered by position_ids, found {[t.name for t in tables]}")
    for table in tables:
        values = numpy_helper.to_array(table)
        reps = -(-positions // values.shape[0])
        tiled = np.tile(values, (reps,) + (1,) * (values.ndim - 1))[:positions]
        table.CopyFrom(numpy_helper.from_array(tiled.astype(values.dtype), table.name))
    os.makedirs(target, exist_ok=True)
    onnx.save(model, os.path.join(target, "model.onnx"))
    # the word n-gram partner is read from the model's folder: the twin's keystrokes pay for it too
    if os.path.exists(os.path.join(source, "ngram.bin")):
        shutil.copy(os.path.join(source, "ngram.bin"), os.path.join(target, "ngram.bin"))
    config.update(n_positions=positions, n_ctx=positions, latency_twin_of=os.path.abspath(source))
    with open(os.path.join(target, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    print(f"latency twin with {positions} positions in {target}")


if __name__ == "__main__":
    main()
