export { BindingPoliciesPage } from './BindingPoliciesPage';
