/**
 * A small Poisson regression (GLM with log link) fitted by iteratively reweighted least
 * squares, and the Poisson tail: how many reports a grid should produce given its covariates,
 * and how unlikely what it did produce is (issue 12 item 4, "expected vs observed").
 */

/** P(X ≤ k) for X ~ Poisson(mu), summed term by term (k is a count of reports: small). */
export function poissonCdf(k: number, mu: number): number {
  if (k < 0) return 0;
  if (mu <= 0) return 1;
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= Math.floor(k); i++) {
    term *= mu / i;
    sum += term;
  }
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(mu). */
export function poissonUpperTail(k: number, mu: number): number {
  return k <= 0 ? 1 : 1 - poissonCdf(k - 1, mu);
}

/** Solves A x = b (A square, symmetric positive definite in use) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    const d = p[col] ?? 0;
    if (Math.abs(d) < 1e-12) throw new Error('singular system');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const f = (row[col] ?? 0) / d;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

export interface PoissonFit {
  /** Coefficients, one per column of the design (the first column is usually the intercept's 1). */
  readonly beta: readonly number[];
  /** The fitted means exp(x·β) of the rows it was fitted on. */
  readonly fitted: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fits log E[y] = x·β by IRLS: z = η + (y − μ)/μ, W = μ, β = (XᵀWX + λI)⁻¹ XᵀWz, until β
 * moves less than `tolerance`. A small ridge λ (not on the intercept) keeps the fit defined
 * when a covariate does not vary (a town whose grids all have the same area).
 */
export function fitPoissonGlm(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: { ridge?: number; maxIterations?: number; tolerance?: number } = {},
): PoissonFit {
  const ridge = options.ridge ?? 1e-6;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const p = x[0]?.length ?? 0;
  const meanY = y.reduce((s, v) => s + v, 0) / Math.max(1, y.length);
  let beta = Array.from({ length: p }, (_, j) => (j === 0 ? Math.log(Math.max(meanY, 1e-3)) : 0));
  let converged = false;
  let iterations = 0;
  const muOf = (row: readonly number[], b: readonly number[]) =>
    Math.exp(
      Math.min(
        30,
        row.reduce((s, v, j) => s + v * (b[j] ?? 0), 0),
      ),
    );
  for (; iterations < maxIterations && !converged; iterations++) {
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    x.forEach((row, i) => {
      const eta = row.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
      const mu = Math.max(1e-8, Math.exp(Math.min(30, eta)));
      const z = eta + ((y[i] ?? 0) - mu) / mu;
      for (let a = 0; a < p; a++) {
        const wa = mu * (row[a] ?? 0);
        xtwz[a] = (xtwz[a] ?? 0) + wa * z;
        const out = xtwx[a] as number[];
        for (let b = 0; b < p; b++) out[b] = (out[b] ?? 0) + wa * (row[b] ?? 0);
      }
    });
    for (let j = 1; j < p; j++) (xtwx[j] as number[])[j] = ((xtwx[j] as number[])[j] ?? 0) + ridge;
    const next = solveLinear(xtwx, xtwz);
    converged = next.every((v, j) => Math.abs(v - (beta[j] ?? 0)) < tolerance);
    beta = next;
  }
  return { beta, fitted: x.map((row) => muOf(row, beta)), iterations, converged };
}
