// The shell's face: what desk modules may use from it.
export { NotFoundPage } from './status-pages';
