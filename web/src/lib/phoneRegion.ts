/**
 * Region for numbers typed without a country code. The server's DEFAULT_PHONE_REGION is RU unless
 * configured; the api does not publish it yet, so the app assumes the default (the server
 * normalizes again and has the last word).
 */
export const DEFAULT_PHONE_REGION = 'RU';
