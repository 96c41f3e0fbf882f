export { KubeStellarLayout, PluginPage } from './KubeStellarLayout';
export type { Crumb } from './KubeStellarLayout';
export { ViewHeader } from './ViewHeader';
