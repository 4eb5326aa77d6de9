// `npm run openapi`: writes the example app's OpenAPI document to openapi.json at the repository root, the file
// front-end teams generate clients from and test/openapi.e2e-spec.ts compares with the served document.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppModule } from '../app.module.js';
import { createHttpAdapter } from '../http-adapter.js';
import { createOpenApiDocument } from './openapi.document.js';

const target = new URL('../../openapi.json', import.meta.url);

// Not listening, nor initialised: the document needs only the modules and their controllers.
const app = await NestFactory.create(AppModule, createHttpAdapter('express'), {
  logger: ['error'],
});
try {
  const document = createOpenApiDocument(app);
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`Wrote ${fileURLToPath(target)}`);
} finally {
  await app.close();
}
