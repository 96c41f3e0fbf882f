import {
  isRefusalCloseCode,
  SIGN_IN_EXPIRED_CLOSE_CODE,
  SOCKET_CLOSE_CODES,
} from './protocol';

describe('isRefusalCloseCode', () => {
  it('takes the backend closing a socket for a limit or a policy as a refusal', () => {
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.tooMany)).toBe(true);
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.tooSlow)).toBe(true);
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.policy)).toBe(true);
    expect(isRefusalCloseCode(SOCKET_CLOSE_CODES.withdrawn)).toBe(true);
  });

  it('does not take a lost connection, a normal close, a restart or an expired sign-in for one', () => {
    for (const code of [
      1000,
      1001,
      1006,
      1012,
      4000,
      SIGN_IN_EXPIRED_CLOSE_CODE,
    ])
      expect(isRefusalCloseCode(code)).toBe(false);
  });
});
