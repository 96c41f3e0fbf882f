const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * The number a Kubernetes quantity stands for (`7500m` is 7.5, `16Gi` is 17179869184), or
 * undefined when the text is not a quantity.
 */
export function parseQuantity(text: string | undefined): number | undefined {
  const match = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(
    text?.trim() ?? '',
  );
  if (!match) return undefined;
  const [, number, suffix] = match;
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? undefined : Number(number) * factor;
}

/** Bytes as gigabytes (2^30), with one decimal when under ten. */
export function gigabytes(bytes: number): string {
  const gb = bytes / 2 ** 30;
  return gb < 10 ? gb.toFixed(1) : Math.round(gb).toString();
}
