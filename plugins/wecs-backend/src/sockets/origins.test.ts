import { ConfigReader } from '@backstage/config';
import { originCheck } from './origins';

describe('originCheck', () => {
  const allowed = originCheck(
    new ConfigReader({
      app: { baseUrl: 'http://localhost:3000/' },
      backend: {
        baseUrl: 'http://localhost:7007',
        cors: {
          origin: ['https://portal.example.com', 'https://*.dev.example'],
        },
      },
    }),
  );

  it("allows the app's own origins, and those backend.cors.origin allows", () => {
    expect(allowed('http://localhost:3000')).toBe(true);
    expect(allowed('http://localhost:7007')).toBe(true);
    expect(allowed('https://portal.example.com')).toBe(true);
    expect(allowed('https://team-a.dev.example')).toBe(true);
  });

  it('refuses any other origin', () => {
    expect(allowed('http://localhost:3001')).toBe(false);
    expect(allowed('https://evil.example')).toBe(false);
    expect(allowed('https://portal.example.com.evil.example')).toBe(false);
    expect(allowed('null')).toBe(false);
  });

  it('lets a request without Origin through (not a browser page)', () => {
    expect(allowed(undefined)).toBe(true);
  });

  it('takes a single cors origin as well as a list', () => {
    const single = originCheck(
      new ConfigReader({
        backend: { cors: { origin: 'http://localhost:3005' } },
      }),
    );
    expect(single('http://localhost:3005')).toBe(true);
    expect(single('http://localhost:3000')).toBe(false);
  });
});
