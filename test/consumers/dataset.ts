/** Three well-separated blobs of 20 points each, from a seeded generator: every consumer fits the same data. */
export function threeBlobs(): number[][] {
  let state = 20240611;
  const jitter = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const centres: [number, number][] = [
    [0, 0],
    [8, 0],
    [0, 8],
  ];
  return centres.flatMap(([x, y]) => Array.from({ length: 20 }, () => [x + jitter(), y + jitter()]));
}
