export { ObjectEditor } from './ObjectEditor';
export { objectToText, parseManifests } from './objectText';
export { saveErrorMessage } from './ObjectEditor';
