export { ObjectEditor, saveErrorMessage } from './ObjectEditor';
