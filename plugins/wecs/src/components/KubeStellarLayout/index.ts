export { KubeStellarLayout } from './KubeStellarLayout';
export type { Crumb } from './KubeStellarLayout';
