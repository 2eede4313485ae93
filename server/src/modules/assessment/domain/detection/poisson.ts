/**
 * Poisson regression with a log link, fitted by iteratively reweighted least squares (IRLS),
 * and the Poisson tail: the expected-vs-observed detector's model of how many reports a grid
 * should produce given its covariates. A small ridge penalty (not on the intercept) keeps the
 * fit finite when a covariate separates the data or there are few grids.
 */

/**
 * Solves A x = b for a small n × n matrix A stored row by row in a flat array, by Gauss–Jordan
 * elimination with partial pivoting (a zero pivot leaves its unknown at 0).
 */
function solve(a: Float64Array, b: Float64Array, n: number): number[] {
  const m = new Float64Array(n * (n + 1));
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) m[r * (n + 1) + c] = a[r * n + c] ?? 0;
    m[r * (n + 1) + n] = b[r] ?? 0;
  }
  const at = (r: number, c: number) => m[r * (n + 1) + c] ?? 0;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(r, col)) > Math.abs(at(pivot, col))) pivot = r;
    for (let c = 0; c <= n; c++) {
      const t = at(col, c);
      m[col * (n + 1) + c] = at(pivot, c);
      m[pivot * (n + 1) + c] = t;
    }
    const p = at(col, col);
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      const f = r === col ? 0 : at(r, col) / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r * (n + 1) + c] = at(r, c) - f * at(col, c);
    }
  }
  return Array.from({ length: n }, (_, i) => (Math.abs(at(i, i)) < 1e-12 ? 0 : at(i, n) / at(i, i)));
}

export interface PoissonFit {
  /** Intercept first, then one coefficient per covariate column. */
  readonly coefficients: number[];
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fits log E[y] = β0 + Σ βj xj. `x` holds one row of covariates per observation (no
 * intercept column: it is added). `ridge` penalizes Σ βj² (j ≥ 1).
 */
export function fitPoisson(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: { ridge?: number; maxIterations?: number; tolerance?: number } = {},
): PoissonFit {
  const ridge = options.ridge ?? 0;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-9;
  const rows = x.map((r) => [1, ...r]);
  const p = rows[0]?.length ?? 1;
  const meanY = y.reduce((s, v) => s + v, 0) / Math.max(y.length, 1);
  let beta = Array.from({ length: p }, (_, j) => (j === 0 ? Math.log(Math.max(meanY, 1e-6)) : 0));
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // Working weights W = μ and working response z = η + (y − μ)/μ; solve (XᵀWX + λI) β = XᵀWz.
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    rows.forEach((row, i) => {
      const eta = row.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
      const mu = Math.max(Math.exp(Math.min(eta, 50)), 1e-10);
      const z = eta + ((y[i] ?? 0) - mu) / mu;
      for (let j = 0; j < p; j++) {
        const xj = row[j] ?? 0;
        xtwz[j] = (xtwz[j] ?? 0) + xj * mu * z;
        for (let k = 0; k < p; k++) xtwx[j * p + k] = (xtwx[j * p + k] ?? 0) + xj * mu * (row[k] ?? 0);
      }
    });
    for (let j = 1; j < p; j++) xtwx[j * p + j] = (xtwx[j * p + j] ?? 0) + ridge;
    const next = solve(xtwx, xtwz, p);
    const change = Math.max(...next.map((b, j) => Math.abs(b - (beta[j] as number))));
    beta = next;
    if (change < tolerance) return { coefficients: beta, iterations: iteration, converged: true };
  }
  return { coefficients: beta, iterations: maxIterations, converged: false };
}

/** The fitted mean exp(β0 + Σ βj xj) of one row of covariates. */
export const predictPoisson = (fit: PoissonFit, row: readonly number[]): number =>
  Math.exp(fit.coefficients.reduce((s, b, j) => s + b * (j === 0 ? 1 : (row[j - 1] as number)), 0));

/** P(Y ≤ k) for Y ~ Poisson(μ): how unlikely a count this low is. */
export function poissonLowerTail(k: number, mu: number): number {
  if (k < 0) return 0;
  if (mu <= 0) return 1;
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mu / i;
    sum += term;
  }
  return Math.min(sum, 1);
}
