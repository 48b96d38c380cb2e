// TOTP codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) for the demo's two-factor accounts,
// made with Node's crypto as an authenticator app would. Shared by the integration and browser tests.
import { createHmac } from 'node:crypto';

// The key `resettle demo` sets up the admin and manager accounts with (it prints it too).
export const demoTotpSecret = 'RESETTLEDEMOTWOFACTORSIGNINKEYAB';
export const twoFactorUsers = ['admin', 'manager'];

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = [];
  for (let at = 0; at + 8 <= bits.length; at += 8) bytes.push(parseInt(bits.slice(at, at + 8), 2));
  return Buffer.from(bytes);
}

export function totpStep(at = Date.now()) {
  return Math.floor(at / 1000 / 30);
}

export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0xf;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

// A code for an account whose codes are never accepted twice: when this account's code for the
// current step was used already (by this test process), waits for the next step.
const lastStepUsed = new Map();
export async function freshCode(account, secret = demoTotpSecret) {
  let step = totpStep();
  while (step <= (lastStepUsed.get(account) ?? -1)) {
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
    step = totpStep();
  }
  lastStepUsed.set(account, step);
  return totpCode(secret, step);
}
