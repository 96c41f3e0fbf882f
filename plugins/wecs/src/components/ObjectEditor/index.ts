export { ObjectEditor } from './ObjectEditor';
export { objectToText } from './objectText';
