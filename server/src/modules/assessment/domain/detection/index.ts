export * from './capture-recapture.js';
export * from './department-delay.js';
export * from './detection-case.js';
export * from './expected-vs-observed.js';
export * from './padding.js';
export * from './poisson.js';
export * from './rubber-stamp.js';
