import type { Tensor } from 'onnxruntime-node';

/**
 * The attention keys and values for every token fed so far: one [1, n_head, length, head_dim]
 * tensor per layer for keys and one for values, in `past_key_values.{i}.key/value` order.
 */
export interface PastState {
  readonly layers: ReadonlyArray<{ key: Tensor; value: Tensor }>;
  readonly length: number;
}

type Numeric = Float32Array | Uint16Array;

export function pastBytes(past: PastState | undefined): number {
  if (!past) return 0;
  let bytes = 0;
  for (const { key, value } of past.layers) bytes += (key.data as Numeric).byteLength + (value.data as Numeric).byteLength;
  return bytes;
}

/**
 * Keeps the first `length` positions. Tensors are [1, heads, past, headDim], so each head's rows
 * are contiguous and a truncation is one copy per head.
 */
export function truncatePast(past: PastState, length: number, makeTensor: (data: Numeric, dims: number[]) => Tensor): PastState {
  if (length >= past.length) return past;
  const cut = (tensor: Tensor): Tensor => {
    const [batch, heads, oldLength, headDim] = tensor.dims;
    const data = tensor.data as Numeric;
    const out = new (data.constructor as { new (n: number): Numeric })(batch * heads * length * headDim);
    for (let h = 0; h < batch * heads; h++) {
      out.set(data.subarray(h * oldLength * headDim, h * oldLength * headDim + length * headDim), h * length * headDim);
    }
    return makeTensor(out, [batch, heads, length, headDim]);
  };
  return { layers: past.layers.map(({ key, value }) => ({ key: cut(key), value: cut(value) })), length };
}
