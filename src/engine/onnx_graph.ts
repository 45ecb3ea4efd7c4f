/**
 * Just enough of the ONNX protobuf wire format to expose a model's intermediate tensors as extra
 * graph outputs, without copying or decoding its weights.
 *
 * Why not a protobuf library: the only edit is an append. Protobuf merges a message field that
 * occurs twice, concatenating repeated fields, so `model bytes + ModelProto{graph: {output: [..]}}`
 * is the same model with more outputs. A schema library would first decode every initializer
 * (17 MB to 500 MB of weights) into objects to change a few dozen bytes.
 *
 * Field numbers (onnx/onnx.proto3): ModelProto.graph = 7; GraphProto.node = 1, GraphProto.output = 12;
 * NodeProto.output = 2, NodeProto.op_type = 4; ValueInfoProto.name = 1.
 */

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_OUTPUT = 12;
const NODE_OUTPUT = 2;
const NODE_OP_TYPE = 4;
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
