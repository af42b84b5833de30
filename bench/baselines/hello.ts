import { bareServer } from './server.ts';

/** The floor for any JSON GET: Fastify answering a constant object. */
const { app, listen } = bareServer();
app.get('/hello', async () => ({ hello: 'world' }));
await listen();
