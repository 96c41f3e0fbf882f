import { isRefusalCloseCode, SOCKET_CLOSE_CODES } from './protocol';

describe('isRefusalCloseCode', () => {
  it('takes the backend closing a socket for a limit or a policy as a refusal', () => {
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.tooMany)).toBe(true);
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.tooSlow)).toBe(true);
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.policy)).toBe(true);
  });

  it('does not take a lost connection, a normal close or a restart for one', () => {
    for (const code of [1000, 1001, 1006, 1012, 4000, 4401])
      expect(isRefusalCloseCode(code)).toBe(false);
  });
});
