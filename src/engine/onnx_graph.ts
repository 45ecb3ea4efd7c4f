/**
 * Just enough of the ONNX protobuf wire format to expose a model's intermediate tensors as extra
 * graph outputs, without copying or decoding its weights.
 *
 * Why not a protobuf library: the only edit is an append. Protobuf merges a message field that
 * occurs twice, concatenating repeated fields, so `model bytes + ModelProto{graph: {output: [..]}}`
 * is the same model with more outputs. A schema library would first decode every initializer
 * (17 MB to 500 MB of weights) into objects to change a few dozen bytes.
 *
 * Field numbers (onnx/onnx.proto3): ModelProto.graph = 7; GraphProto.node = 1, .initializer = 5,
 * .output = 12; NodeProto.input = 1, .output = 2, .name = 3, .op_type = 4, .attribute = 5;
 * AttributeProto.name = 1, .i = 3, .type = 20 (INT = 2); TensorProto.dims = 1, .data_type = 2
 * (FLOAT = 1), .name = 8, .raw_data = 9 (little-endian); ValueInfoProto.name = 1.
 */

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_OUTPUT = 12;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const ATTRIBUTE_NAME = 1;
const ATTRIBUTE_INT = 3;
const ATTRIBUTE_TYPE = 20;
const ATTRIBUTE_TYPE_INT = 2;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_FLOAT = 1;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
const VALUE_INFO_NAME = 1;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** One top-level node: its operator and output tensor names, in graph (topological) order. */
export interface GraphNode {
  opType: string;
  outputs: string[];
}

/**
 * The top-level nodes of a serialized ModelProto (subgraphs of If/Loop are not entered).
 * Throws Error on bytes that are not well-formed protobuf.
 */
export function topLevelNodes(model: Uint8Array): GraphNode[] {
  const nodes: GraphNode[] = [];
  const text = new TextDecoder();
  forEachField(model, 0, model.length, (field, start, end) => {
    if (field !== MODEL_GRAPH) return;
    forEachField(model, start, end, (graphField, nodeStart, nodeEnd) => {
      if (graphField !== GRAPH_NODE) return;
      const node: GraphNode = { opType: '', outputs: [] };
      forEachField(model, nodeStart, nodeEnd, (nodeField, s, e) => {
        if (nodeField === NODE_OP_TYPE) node.opType = text.decode(model.subarray(s, e));
        else if (nodeField === NODE_OUTPUT) node.outputs.push(text.decode(model.subarray(s, e)));
      });
      nodes.push(node);
    });
  });
  return nodes;
}

/**
 * `model` with `names` appended as graph outputs (untyped: ONNX Runtime takes the producing node's
 * type). The original bytes are copied once, unchanged.
 */
export function withExtraOutputs(model: Uint8Array, names: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const outputs = concat(names.map((name) => lengthDelimited(GRAPH_OUTPUT, lengthDelimited(VALUE_INFO_NAME, encoder.encode(name)))));
  return concat([model, lengthDelimited(MODEL_GRAPH, outputs)]);
}

/** Names of the outputs normalizedLogitsAppendix adds. */
export const LOG_PROBS_OUTPUT = 'pk_log_probs';
export const MARKED_SHARE_OUTPUT = 'pk_marked_share';

/**
 * The bytes that, appended to a ModelProto, do the normalisation of its `logits` [batch, seq, vocab]
 * inside the graph, where it is vectorised C++: LOG_PROBS_OUTPUT = LogSoftmax(logits) (same shape)
 * and MARKED_SHARE_OUTPUT = Exp(log probs) x mask [batch, seq, 1], the probability of the tokens
 * `marked` flags. The original graph is untouched (protobuf merges a repeated field's occurrences);
 * callers fall back to plain logits when ONNX Runtime rejects the result (e.g. float16 logits against
 * the float32 mask). Returned alone so that a caller can read the model file straight into a buffer
 * with room for it: copying a 17 MB model measured 55-75 ms on the CI machine.
 */
export function normalizedLogitsAppendix(marked: Uint8Array): Uint8Array {
  const encoder = new TextEncoder();
  const text = (field: number, value: string): Uint8Array => lengthDelimited(field, encoder.encode(value));
  const mask = new Float32Array(marked.length);
  for (let i = 0; i < marked.length; i++) mask[i] = marked[i] ? 1 : 0;
  const maskName = 'pk_marked_mask';
  const initializer = concat([
    varintField(TENSOR_DIMS, marked.length),
    varintField(TENSOR_DIMS, 1),
    varintField(TENSOR_DATA_TYPE, TENSOR_FLOAT),
    text(TENSOR_NAME, maskName),
    lengthDelimited(TENSOR_RAW_DATA, littleEndianFloats(mask)),
  ]);
  // axis -1 explicitly: before opset 13 the default is 1 (the sequence axis of [batch, seq, vocab]).
  const lastAxis = concat([text(ATTRIBUTE_NAME, 'axis'), concat([varint(ATTRIBUTE_INT * 8), MINUS_ONE_VARINT]), varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT)]);
  const node = (op: string, inputs: string[], output: string, attributes: Uint8Array[] = []): Uint8Array =>
    concat([...inputs.map((i) => text(NODE_INPUT, i)), text(NODE_OUTPUT, output), text(NODE_NAME, `pk_${op}`), text(NODE_OP_TYPE, op), ...attributes.map((a) => lengthDelimited(NODE_ATTRIBUTE, a))]);
  const graph = concat([
    lengthDelimited(GRAPH_INITIALIZER, initializer),
    lengthDelimited(GRAPH_NODE, node('LogSoftmax', ['logits'], LOG_PROBS_OUTPUT, [lastAxis])),
    lengthDelimited(GRAPH_NODE, node('Exp', [LOG_PROBS_OUTPUT], 'pk_probs')),
    lengthDelimited(GRAPH_NODE, node('MatMul', ['pk_probs', maskName], MARKED_SHARE_OUTPUT)),
    lengthDelimited(GRAPH_OUTPUT, text(VALUE_INFO_NAME, LOG_PROBS_OUTPUT)),
    lengthDelimited(GRAPH_OUTPUT, text(VALUE_INFO_NAME, MARKED_SHARE_OUTPUT)),
  ]);
  return lengthDelimited(MODEL_GRAPH, graph);
}

/** -1 as a protobuf int64: ten bytes of two's complement. */
const MINUS_ONE_VARINT = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);

function varintField(field: number, value: number): Uint8Array {
  return concat([varint(field * 8), varint(value)]);
}

function littleEndianFloats(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** Calls `visit` for each length-delimited field in [start, end); other wire types are skipped. */
function forEachField(bytes: Uint8Array, start: number, end: number, visit: (field: number, start: number, end: number) => void): void {
  let p = start;
  while (p < end) {
    const [key, afterKey] = readVarint(bytes, p);
    p = afterKey;
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case VARINT:
        p = readVarint(bytes, p)[1];
        break;
      case FIXED64:
        p += 8;
        break;
      case FIXED32:
        p += 4;
        break;
      case LENGTH_DELIMITED: {
        const [length, body] = readVarint(bytes, p);
        if (body + length > end) throw new Error('malformed ONNX protobuf: a field runs past its message');
        visit(field, body, body + length);
        p = body + length;
        break;
      }
      default:
        throw new Error(`malformed ONNX protobuf: wire type ${key & 7}`);
    }
  }
}

function readVarint(bytes: Uint8Array, start: number): [number, number] {
  let value = 0;
  let scale = 1;
  let p = start;
  for (;;) {
    if (p >= bytes.length || scale > 2 ** 63) throw new Error('malformed ONNX protobuf: truncated varint');
    const byte = bytes[p++];
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, p];
    scale *= 128;
  }
}

function varint(value: number): Uint8Array {
  const out: number[] = [];
  while (value > 127) {
    out.push((value % 128) | 128);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return Uint8Array.from(out);
}

function lengthDelimited(field: number, body: Uint8Array): Uint8Array {
  return concat([varint(field * 8 + LENGTH_DELIMITED), varint(body.length), body]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
