export { ChoiceField } from './ChoiceField';
export { FilterRow } from './FilterRow';
export { StateFilter } from './StateFilter';
export { WdsChoice } from './WdsChoice';
