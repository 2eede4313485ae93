// The cases module's face for the other desk modules.
export { type CaseStreamEvent, useCaseStream } from './case-stream';
