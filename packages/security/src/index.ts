export { Redacted } from './redacted.js';
