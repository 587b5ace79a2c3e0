import express, { type Express } from 'express';

/**
 * The Bitrix24 portal emulator: a separate local HTTP server that stands in for a customer's portal in
 * the sandbox and in tests. REST calls answer with Bitrix24's envelope; a method the emulator does not
 * implement answers exactly as a portal answers an unknown method.
 */
export function createEmulatorApp(options: { domain: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: true }));
  app.use(express.json());

  app.all('/rest/{*method}', (req, res) => {
    res.status(404).json({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
  });

  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bitrix24 portal emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem;color:#333}code{background:#f2f2f2;padding:0 .25rem}</style>
</head><body>
<h1>Bitrix24 portal emulator</h1>
<p>Portal <code>${options.domain}</code>. REST endpoint: <code>/rest/</code>.</p>
</body></html>`);
  });
  return app;
}
