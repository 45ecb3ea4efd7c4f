"""int8 weight quantization of an exported decoder, written with python3-onnx alone.

Every MatMul / Gemm whose weight is an initializer becomes
    DynamicQuantizeLinear(A) -> MatMulInteger(A_u8, W_s8, a_zp, w_zp) -> Cast -> Mul(a_scale * w_scale)
with per-output-channel symmetric int8 weights. ONNX Runtime fuses this into DynamicQuantizeMatMul.
The tied embedding is stored once, in int8: the input Gather dequantizes the gathered rows with their
per-row scales, and the LM head multiplies by Transpose(W_s8) (constant-folded by ONNX Runtime at load,
in memory only). Small weights (< --min_elems) stay float32.

  python3 training/quantize.py model.onnx model_int8.onnx
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def quantize_int8(src, dst, min_elems=4096, min_table=100000):
    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    # resolve Identity(initializer) aliases produced by the exporter for tied weights
    alias = {n.output[0]: n.input[0] for n in g.node if n.op_type == "Identity" and n.input[0] in inits}

    def init_of(name):
        name = alias.get(name, name)
        return (name, numpy_helper.to_array(inits[name])) if name in inits else (None, None)

    qcache = {}  # weight name -> (q name, scale name) ; axis semantics recorded by caller

    def quant(name, w, axis):
        """symmetric per-channel int8 along `axis` (the output-channel axis)."""
        key = (name, axis)
        if key in qcache:
            return qcache[key]
        amax = np.abs(w).max(axis=1 - axis)
        scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
        q = np.clip(np.round(w / (scale[None, :] if axis == 1 else scale[:, None])), -127, 127).astype(np.int8)
        qn, sn, zn = name + "_quant", name + "_scale", name + "_zero_point"
        g.initializer.extend([numpy_helper.from_array(q, qn), numpy_helper.from_array(scale, sn),
                              numpy_helper.from_array(np.zeros(scale.shape, np.int8), zn)])
        qcache[key] = (qn, sn, zn)
        return qcache[key]

    dq_cache = {}
    new_nodes = []
    uid = [0]

    def fresh(base):
        uid[0] += 1
        return f"{base}_q{uid[0]}"

    def dyn_quant(a):
        if a not in dq_cache:
            q, s, z = fresh(a + "_u8"), fresh(a + "_scale"), fresh(a + "_zp")
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [a], [q, s, z], name=fresh("DQL")))
            dq_cache[a] = (q, s, z)
        return dq_cache[a]

    def int_matmul(a, wq, wz, ws, out):
        aq, as_, az = dyn_quant(a)
        y_i, y_f, sc = fresh("mmi"), fresh("mmf"), fresh("scale")
        new_nodes.append(helper.make_node("MatMulInteger", [aq, wq, az, wz], [y_i], name=fresh("MatMulInteger")))
        new_nodes.append(helper.make_node("Cast", [y_i], [y_f], to=TensorProto.FLOAT, name=fresh("Cast")))
        new_nodes.append(helper.make_node("Mul", [as_, ws], [sc], name=fresh("Mul")))
        new_nodes.append(helper.make_node("Mul", [y_f, sc], [out], name=fresh("Mul")))

    n_q = 0
    for node in g.node:
        if node.op_type == "MatMul":
            wname, w = init_of(node.input[1])
            if w is not None and w.ndim == 2 and w.size >= min_elems:
                qn, sn, zn = quant(wname, w, axis=1)  # W [in, out]: per output column
                int_matmul(node.input[0], qn, zn, sn, node.output[0])
                n_q += 1
                continue
        if node.op_type == "Gemm":
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            wname, w = init_of(node.input[1])
            if (w is not None and w.size >= min_elems and attrs.get("transB", 0) == 1 and not attrs.get("transA", 0)
                    and attrs.get("alpha", 1.0) == 1.0 and attrs.get("beta", 1.0) == 1.0):
                qn, sn, zn = quant(wname, w, axis=0)  # W [out, in]: per row
                wt = fresh(qn + "_T")
                new_nodes.append(helper.make_node("Transpose", [qn], [wt], perm=[1, 0], name=fresh("Transpose")))
                out = node.output[0] if len(node.input) < 3 else fresh("gemm_nobias")
                int_matmul(node.input[0], wt, zn, sn, out)
                if len(node.input) >= 3:
                    new_nodes.append(helper.make_node("Add", [out, node.input[2]], [node.output[0]], name=fresh("Add")))
                n_q += 1
                continue
        if node.op_type == "Gather":
            wname, w = init_of(node.input[0])
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            if w is not None and w.ndim == 2 and w.size >= min_table and attrs.get("axis", 0) == 0:
                qn, sn, zn = quant(wname, w, axis=0)
                rows, rows_f, sc, sc_u = fresh("rows"), fresh("rows_f"), fresh("rowscale"), fresh("rowscale_u")
                axes = fresh("axes")
                g.initializer.append(numpy_helper.from_array(np.array([-1], np.int64), axes))
                new_nodes.append(helper.make_node("Gather", [qn, node.input[1]], [rows], axis=0, name=fresh("Gather")))
                new_nodes.append(helper.make_node("Cast", [rows], [rows_f], to=TensorProto.FLOAT, name=fresh("Cast")))
                new_nodes.append(helper.make_node("Gather", [sn, node.input[1]], [sc], axis=0, name=fresh("Gather")))
                new_nodes.append(helper.make_node("Unsqueeze", [sc, axes], [sc_u], name=fresh("Unsqueeze")))
                new_nodes.append(helper.make_node("Mul", [rows_f, sc_u], [node.output[0]], name=fresh("Mul")))
                n_q += 1
                continue
        new_nodes.append(node)
    del g.node[:]
    g.node.extend(new_nodes)
    # drop Identity aliases and float initializers nobody uses any more
    used = set()
    for n in g.node:
        used.update(n.input)
    used.update(o.name for o in g.output)
    changed = True
    while changed:
        changed = False
        for n in list(g.node):
            if n.op_type == "Identity" and not any(o in used for o in n.output) and n.output[0] not in {o.name for o in g.output}:
                g.node.remove(n)
                changed = True
        used = set()
        for n in g.node:
            used.update(n.input)
        used.update(o.name for o in g.output)
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    # DynamicQuantizeLinear / MatMulInteger need opset >= 11 (export uses 14)
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, dst)
    return n_q


if __name__ == "__main__":
    n = quantize_int8(sys.argv[1], sys.argv[2])
    print(f"quantized {n} weight uses -> {sys.argv[2]}")
