export type LogLevel = 'error' | 'warning' | 'info' | 'debug';

const ERROR = /\b(error|err|fatal|panic|crit(ical)?|exception|E\d{4})\b/i;
const WARNING = /\b(warn(ing)?|W\d{4})\b/i;
const INFO = /\b(info|I\d{4})\b/i;
const DEBUG = /\b(debug|trace|D\d{4})\b/i;

/**
 * The severity a log line states, for colour: plain words ("ERROR", "level=warn"), JSON fields
 * ("level":"error") and klog prefixes (E0102, W0102, I0102) all count; the most severe level a line names wins. Lines that say nothing are
 * left uncoloured.
 */
export function levelOf(text: string): LogLevel | undefined {
  if (ERROR.test(text)) return 'error';
  if (WARNING.test(text)) return 'warning';
  if (INFO.test(text)) return 'info';
  if (DEBUG.test(text)) return 'debug';
  return undefined;
}
