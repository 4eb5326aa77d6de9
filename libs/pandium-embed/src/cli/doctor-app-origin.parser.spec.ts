import { describe, expect, it } from '@jest/globals';
import { CliUsageError } from './cli-usage.error.js';
import { parseDoctorAppOrigin } from './doctor-app-origin.parser.js';

describe('parseDoctorAppOrigin', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['https://app.example.com/', 'https://app.example.com'],
    ['https://App.Example.com:8443', 'https://app.example.com:8443'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('should take %s as %s', (value, origin) => {
    expect(parseDoctorAppOrigin(value)).toBe(origin);
  });

  it.each([
    'http://app.example.com',
    'app.example.com',
    'https://app.example.com/page',
    'https://app.example.com?x=1',
    'https://app.example.com#top',
    'https://user:pw-SENSITIVE@app.example.com',
    'https://app.example.com\\',
    ' https://app.example.com',
    'ftp://localhost',
    '',
  ])('should refuse %j, naming the flag and not the value', (value) => {
    let thrown: unknown;
    try {
      parseDoctorAppOrigin(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliUsageError);
    expect((thrown as Error).message).toMatch(/^--app-origin takes an origin/);
    expect((thrown as Error).message).not.toContain('SENSITIVE');
  });
});
