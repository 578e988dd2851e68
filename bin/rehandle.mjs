#!/usr/bin/env node
// Entry point of `npx rehandle`: runs the TypeScript CLI through tsx (Node 20 cannot strip types).
import { register } from 'tsx/esm/api';

register();
await import('../pipeline/cli.ts');
