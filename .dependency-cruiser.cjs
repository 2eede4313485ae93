/**
 * `npm run lint:cycles`: no import circle in the server, the web apps or the contracts. A
 * circle (type-only imports included) means two files cannot be understood, tested or moved
 * apart; break it by moving the shared piece to its right home (see docs/ARCHITECTURE.md).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: move the piece both sides need to a module both may import.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
