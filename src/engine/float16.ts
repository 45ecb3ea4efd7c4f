/**
 * float16 tensor data as onnxruntime-common hands it to JavaScript: a Float16Array (the values)
 * where the JavaScript runtime has one (newer V8, e.g. recent Electron), raw IEEE half bits in a
 * Uint16Array elsewhere (Node 20). Reading one as the other gives garbage, so both are told apart here.
 */
export type Float16Data = Uint16Array | ArrayLike<number>;

/** float16 data of either kind as float32. */
export function float16ToFloat32(data: Float16Data): Float32Array {
  if (!(data instanceof Uint16Array)) return Float32Array.from(data);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = halfToFloat(data[i]);
  return out;
}

/** The older name, for callers written when only the Uint16Array form existed; accepts both forms. */
export const float16BitsToFloat32 = float16ToFloat32;

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
